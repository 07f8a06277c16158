"""Import through the API: a multipart upload (field `file`, with `dry_run` and `format`) run
by the same service as `tiekeeper import`, answered with its summary."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, Response

from tiekeeper.domain.errors import InvalidInput, TiekeeperError
from tiekeeper.interchange.detect import FORMATS
from tiekeeper.services.imports.contacts import ImportSummary, import_file
from tiekeeper.services.imports.views import summary_dict
from tiekeeper.store.uow import Store
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.errors import error_body
from tiekeeper.web.schemas import Out
from tiekeeper.web.uploads import bounded_route, safe_name, too_large_message

Format = Literal[FORMATS]  # type: ignore[valid-type]


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


def import_view(summary: ImportSummary, name: str, folder: Path) -> dict[str, Any]:
    """The summary as the pages and the API show it: file names as the user gave them (the
    server's temporary folder taken out) and the people created."""
    data = summary_dict(summary)
    prefix = str(folder) + "/"
    data["file"] = name
    for item in data["skipped"] + data["possible_duplicates"]:
        item["file"] = item["file"].replace(prefix, "")
    data["people_created"] = (
        [] if summary.dry_run else [{"id": i, "name": n} for i, n in summary.created_people]
    )
    return data


def run_import(
    store: Store, path: Path, name: str, today: date, format: str, dry_run: bool
) -> dict[str, Any]:
    """Import the file at `path` (called `name` on the user's computer); a refusal names it."""
    try:
        summary = import_file(store.uow(), path, today, format, dry_run)
    except TiekeeperError as exc:
        exc.args = tuple(str(a).replace(str(path.parent) + "/", "") for a in exc.args)
        raise
    return import_view(summary, name, path.parent)


@router.post("/imports", response_model=ImportOut)
def post_import(
    store: StoreDep,
    today: TodayDep,
    file: Annotated[UploadFile, File(description="a LinkedIn .zip, a contacts .csv or a .vcf")],
    dry_run: Annotated[bool, Form(description="show what would happen, write nothing")] = False,
    format: Annotated[Format, Form(description="auto detects it from the file")] = "auto",
) -> dict[str, Any]:
    """Import people (and LinkedIn messages and invitations) without creating duplicates."""
    with tempfile.TemporaryDirectory(prefix="tiekeeper-import-") as folder:
        path = Path(folder) / safe_name(file.filename)
        with path.open("wb") as out:
            while chunk := file.file.read(1024 * 1024):
                out.write(chunk)
        return run_import(store, path, safe_name(file.filename), today, format, dry_run)
