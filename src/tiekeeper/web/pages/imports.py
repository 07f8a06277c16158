"""Import in the browser: upload a file, see what the import would do (the dry run, nothing
written), then import it; the result links to the people created. The file waits between the
two steps in the app's uploads (web/uploads.py), so it is sent once."""

from __future__ import annotations

import logging
import threading
import time
from datetime import date
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from tiekeeper.domain.errors import TiekeeperError
from tiekeeper.interchange.detect import FORMATS
from tiekeeper.services.suggest import add_suggested, suggestion_dict, suggestions
from tiekeeper.store.uow import Store
from tiekeeper.web.api.imports import run_import
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.base import FORM_ERROR, FormError, FormState, render, see_other
from tiekeeper.web.pages.notices import notice_of
from tiekeeper.web.security import check_form_token
from tiekeeper.web.uploads import (
    HEARTBEAT,
    Upload,
    Uploads,
    bounded_route,
    too_large_message,
    uploads_of,
)

FORMAT_NAMES = {
    "auto": "Find out from the file",
    "linkedin": "LinkedIn data export (.zip or Connections.csv)",
    "google": "Google Contacts CSV",
    "outlook": "Outlook CSV",
    "thunderbird": "Thunderbird CSV",
    "vcard": "vCard (.vcf): Apple, Android, Outlook, Thunderbird",
    "mail": "Mail (.mbox, .eml, a Maildir zip or Google Takeout)",
    "calendar": "Calendar (.ics, or a zip of them)",
}
assert set(FORMAT_NAMES) == {*FORMATS, "mail", "calendar"}
SHOWN = 200  # people linked on the result page; the rest are on People
SUGGESTED = 50  # addresses offered at once, most written to first


NOTICES = {"suggested-added": "Added: they are on People now, with their mail logged."}


def _form(
    request: Request, state: FormState, status_code: int = 200, store: Store | None = None,
    today: date | None = None,
) -> HTMLResponse:  # fmt: skip
    found = suggestions(store.uow(), today) if store is not None and today is not None else []
    context = {"form": state, "formats": list(FORMAT_NAMES.items()),
               "notice": notice_of(request, NOTICES),
               "suggested": [suggestion_dict(c) for c in found[:SUGGESTED]]}  # fmt: skip
    return render(request, "import.html", context, status_code)


def too_large_page(request: Request, limit: int) -> Response:
    """The upload form again, saying the file is over the cap (413)."""
    error = FormError("File: " + too_large_message(limit) + ".", "file")
    return _form(request, FormState({}, error), 413)


router = APIRouter(include_in_schema=False, route_class=bounded_route(too_large_page))


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, store: StoreDep, today: TodayDep) -> HTMLResponse:
    """The upload form, and the addresses the user writes to most that are nobody here yet."""
    return _form(request, FormState({"format": "auto"}), store=store, today=today)


@router.post("/import/suggested")
def add_suggested_page(
    request: Request,
    store: StoreDep,
    today: TodayDep,
    csrf: Annotated[str, Form()] = "",
    email: Annotated[list[str] | None, Form()] = None,
) -> Response:
    """Add the ticked addresses as people (`tiekeeper suggest add`)."""
    check_form_token(request, csrf)
    if not email:
        error = FormError("People to add: tick at least one.", "suggested")
        return _form(request, FormState({"format": "auto"}, error), FORM_ERROR, store, today)
    add_suggested(store.uow(), email, today)
    return see_other("/import#suggested", "suggested-added")


@router.post("/import")
def upload_page(
    request: Request,
    store: StoreDep,
    today: TodayDep,
    csrf: Annotated[str, Form()] = "",
    format: Annotated[str, Form()] = "auto",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Keep the file and run the dry run; the next page shows what an import would do."""
    check_form_token(request, csrf)
    state = {"format": format}
    if file is None or not file.filename:
        error = FormError("File: choose the file to import.", "file")
        return _form(request, FormState(state, error), FORM_ERROR)
    uploads = uploads_of(request)
    upload = uploads.save(store.owner_id, file, format)
    try:
        upload.dry_run = run_import(store, upload.path, upload.name, today, format, True)
    except TiekeeperError as exc:
        uploads.done(upload)
        return _form(request, FormState(state, FormError(str(exc), "file")), FORM_ERROR)
    uploads.write(upload)
    return see_other(f"/import/{upload.id}")


@router.get("/import/{upload_id}", response_class=HTMLResponse)
def summary_page(request: Request, upload_id: str, store: StoreDep) -> HTMLResponse:
    """Before the import: what it would do, and the button. While it runs: how far it is (the
    page reloads itself, no script needed). After: what it did, or why it was refused."""
    uploads = uploads_of(request)
    upload = uploads.get(store.owner_id, upload_id)
    if uploads.importing(upload):
        return render(request, "import_progress.html", {"u": upload, "p": upload.progress or {}})
    data = upload.result or upload.dry_run
    context = {"u": upload, "s": data, "done": upload.result is not None,
               "stalled": uploads.stalled(upload),
               "people": data.get("people_created", [])[:SHOWN],
               "format_name": FORMAT_NAMES.get(upload.format, upload.format)}  # fmt: skip
    return render(request, "import_summary.html", context)


@router.post("/import/{upload_id}")
def run_page(
    request: Request,
    upload_id: str,
    store: StoreDep,
    today: TodayDep,
    background: BackgroundTasks,
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Start importing the file checked before, after the answer, so the browser can show its
    progress (once: a second press shows the progress or the result)."""
    check_form_token(request, csrf)
    uploads = uploads_of(request)
    upload = uploads.get(store.owner_id, upload_id)
    if not upload.finished and uploads.claim(upload):
        upload.progress = {"phase": "starting", "done": 0, "total": 0}
        uploads.write(upload)
        background.add_task(_import, store, uploads, upload, today)
    return see_other(f"/import/{upload_id}")


log = logging.getLogger(__name__)
PROGRESS_EVERY = 0.5  # seconds between two progress notes: each is a small file write


def _import(store: Store, uploads: Uploads, upload: Upload, today: date) -> None:
    noted = [0.0]

    def progress(phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - noted[0] >= PROGRESS_EVERY or done >= total:
            noted[0] = now
            upload.progress = {"phase": phase, "done": done, "total": total}
            uploads.write(upload)

    finished = threading.Event()

    def beat() -> None:  # says the import is alive, however long one step of it takes
        while not finished.wait(HEARTBEAT):
            uploads.beat(upload)

    threading.Thread(target=beat, name="tiekeeper-import-beat", daemon=True).start()
    try:
        upload.result = run_import(store, upload.path, upload.name, today, upload.format, False,
                                   progress)  # fmt: skip
    except TiekeeperError as exc:
        upload.error = str(exc)  # shown on the page: nothing was written
    except Exception:
        upload.error = "it stopped on an unexpected error (in the server's log)"
        log.exception("import of upload %s failed", upload.id)
    finally:
        finished.set()
        upload.progress = None
        uploads.done(upload)
        uploads.write(upload)
