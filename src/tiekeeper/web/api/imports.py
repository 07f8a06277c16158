"""Import through the API: a multipart upload (field `file`, with `dry_run` and `format`) run
by the same service as `tiekeeper import`, answered with its summary."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from tiekeeper.config import load_timezone
from tiekeeper.domain.errors import InvalidInput, TiekeeperError
from tiekeeper.interchange.detect import FORMATS
from tiekeeper.services.imports.any_file import import_any
from tiekeeper.services.imports.contacts import Progress
from tiekeeper.store.uow import Store
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.errors import error_body
from tiekeeper.web.schemas import Out
from tiekeeper.web.uploads import bounded_route, safe_name, too_large_message

Format = Literal[(*FORMATS, "mail", "calendar")]  # type: ignore[valid-type]


def too_large_json(request: Request, limit: int) -> Response:
    """413 in the API's error envelope, naming the field and the cap."""
    body = error_body(InvalidInput(too_large_message(limit), field="file"))
    body["error"]["kind"] = "TooLarge"
    return JSONResponse(body, status_code=413)


router = APIRouter(tags=["import"], route_class=bounded_route(too_large_json))


class SkippedOut(Out):
    file: str
    position: int
    reason: str


class PossibleDuplicateOut(Out):
    person_id: int
    name: str
    matches: list[int]
    reason: str
    file: str
    position: int


class CreatedOut(Out):
    id: int
    name: str


class ImportOut(Out):
    """`tiekeeper import --json`, with the people created (none on a dry run)."""

    file: str
    format: str
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    organizations_created: int
    skipped_count: int
    skipped: list[SkippedOut]
    interactions_created: int
    interactions_skipped: int
    possible_duplicates: list[PossibleDuplicateOut]
    profile_updated: bool
    not_kept: dict[str, int]
    people_created: list[CreatedOut]


class MailImportOut(Out):
    """A mailbox's import (`tiekeeper import mail.mbox --json`)."""

    source: str
    format: Literal["mail"]
    dry_run: bool
    messages: int
    with_people: int
    interactions_created: int
    interactions_updated: int
    already_imported: int
    already_logged: int
    kept_edited: int
    kept_deleted: int
    correspondence_added: int
    skipped: dict[str, int]
    problems: list[SkippedOut]


class CalendarImportOut(Out):
    """A calendar's import (`tiekeeper import calendar.ics --json`)."""

    file: str
    format: Literal["calendar"]
    dry_run: bool
    files: int
    events: int
    occurrences: int
    interactions_created: int
    interactions_updated: int
    unchanged: int
    kept_edited: int
    kept_deleted: int
    meetings_planned: int
    skipped_count: int
    skipped_reasons: dict[str, int]
    skipped: list[SkippedOut]
    not_in_tiekeeper: dict[str, int]
    knows_your_addresses: bool


class SeveralImportsOut(Out):
    """A zip holding mail and calendars (Google Takeout): one import of each, in order."""

    format: Literal["several"]
    parts: list[MailImportOut | CalendarImportOut]


AnyImportOut = ImportOut | MailImportOut | CalendarImportOut | SeveralImportsOut


def import_view(parts: list[dict[str, Any]], name: str, folder: Path) -> dict[str, Any]:
    """The summaries as the pages and the API show them: file names as the user gave them (the
    server's temporary folder taken out); several imports (a Takeout zip) as their parts."""
    prefix = str(folder) + "/"
    for data in parts:
        for key in ("file", "source"):
            if key in data:
                data[key] = name
        for listed in ("skipped", "possible_duplicates", "problems"):
            items = data.get(listed)
            if isinstance(items, list):  # a mail import's "skipped" counts reasons instead
                for item in items:
                    item["file"] = item["file"].replace(prefix, "")
    return parts[0] if len(parts) == 1 else {"format": "several", "parts": parts}


def run_import(
    store: Store,
    path: Path,
    name: str,
    today: date,
    format: str,
    dry_run: bool,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Import the file at `path` (called `name` on the user's computer): contacts, mail or a
    calendar, whichever it holds; a refusal names it."""
    try:
        parts = import_any(store, path, today, load_timezone(), format=format, dry_run=dry_run,
                           progress=progress)  # fmt: skip
    except TiekeeperError as exc:
        exc.args = tuple(str(a).replace(str(path.parent) + "/", "") for a in exc.args)
        raise
    return import_view(parts, name, path.parent)


@router.post("/imports", response_model=AnyImportOut)
def post_import(
    store: StoreDep,
    today: TodayDep,
    file: Annotated[
        UploadFile,
        File(
            description="a LinkedIn .zip, a contacts .csv, a .vcf, an .mbox, an .ics, or a zip "
            "of mail or calendars (Google Takeout)"
        ),
    ],
    dry_run: Annotated[bool, Form(description="show what would happen, write nothing")] = False,
    format: Annotated[Format, Form(description="auto detects it from the file")] = "auto",
) -> dict[str, Any]:
    """Import people (and LinkedIn messages and invitations) without creating duplicates;
    conversations from a mailbox; meetings from a calendar."""
    with tempfile.TemporaryDirectory(prefix="tiekeeper-import-") as folder:
        path = Path(folder) / safe_name(file.filename)
        with path.open("wb") as out:
            while chunk := file.file.read(1024 * 1024):
                out.write(chunk)
        return run_import(store, path, safe_name(file.filename), today, format, dry_run)
