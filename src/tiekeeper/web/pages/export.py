"""Take your data out: vCard, Google CSV, the calendar (ICS) and the complete JSON backup as
downloads; and restore a backup into an empty home (an upload form)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from tiekeeper.domain.errors import NotFound, TiekeeperError
from tiekeeper.services.backup import restore_backup
from tiekeeper.services.exporting import FORMATS, export
from tiekeeper.services.people import list_people
from tiekeeper.store.uow import Store
from tiekeeper.web.api.trash import NowDep
from tiekeeper.web.deps import StoreDep
from tiekeeper.web.pages.base import FORM_ERROR, FormError, FormState, render, see_other
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
# format -> (file name, title, what it is for)
DOWNLOADS = {
    "vcard": ("tiekeeper-contacts.vcf", "Contacts (vCard)",
              "Every person as a contact card: for a phone, Apple Contacts, Outlook, Thunderbird."),
    "csv": ("tiekeeper-contacts.csv", "Contacts (CSV)",
            "A spreadsheet in Google Contacts' layout: for any spreadsheet, or Google."),
    "ics": ("tiekeeper-calendar.ics", "Calendar (ICS)",
            "Follow-ups, birthdays, anniversaries and check-ins, for any calendar app."),
    "json": ("tiekeeper-backup.json", "Complete backup (JSON)",
             "Everything you keep here, to restore into an empty home later or elsewhere."),
}  # fmt: skip
assert set(DOWNLOADS) == set(FORMATS)


def _page(request: Request, store: Store, state: FormState, status_code: int = 200) -> HTMLResponse:
    has_people = bool(list_people(store.uow(), limit=1))
    context = {"downloads": DOWNLOADS, "form": state, "has_people": has_people}
    return render(request, "export.html", context, status_code)


@router.get("/export", response_class=HTMLResponse)
def export_page(request: Request, store: StoreDep) -> HTMLResponse:
    """The downloads and the restore form."""
    return _page(request, store, FormState({}))


@router.get("/export/{fmt}")
def download(fmt: str, store: StoreDep, now: NowDep) -> Response:
    """One export as a file to save."""
    if fmt not in DOWNLOADS:
        raise NotFound(f"no export called {fmt!r}; there are {', '.join(DOWNLOADS)}")
    result = export(store.uow(), fmt, now)
    name = DOWNLOADS[fmt][0]
    if fmt == "json":
        name = f"tiekeeper-backup-{now.date().isoformat()}.json"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return Response(result.data, media_type=result.media_type, headers=headers)


@router.post("/export/restore")
def restore_page(
    request: Request,
    store: StoreDep,
    csrf: Annotated[str, Form()] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Restore an uploaded JSON backup; a refused file is named on the form, nothing changed."""
    check_form_token(request, csrf)
    if file is None or not file.filename:
        error = FormError("Backup file: choose the JSON backup to restore.", "file")
        return _page(request, store, FormState({}, error), FORM_ERROR)
    try:
        restore_backup(store.uow(), file.file.read(), file.filename)
    except TiekeeperError as exc:
        return _page(request, store, FormState({}, FormError(str(exc), "file")), FORM_ERROR)
    return see_other("/people", "backup-restored")
