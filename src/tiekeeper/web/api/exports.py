"""Exports and the restore through the API (= `tiekeeper export` and `tiekeeper restore`): every
person as vCard or Google CSV, the calendar as ICS, the complete JSON backup, each as the file
itself; the network report (= `tiekeeper report`) as its HTML file; and a JSON backup uploaded
(multipart, field `file`) into an empty account."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, UploadFile
from fastapi.responses import Response

from tiekeeper.services.backup import restore_backup
from tiekeeper.services.export_views import restored_dict
from tiekeeper.services.exporting import FORMATS, MEDIA_TYPES, export
from tiekeeper.services.insights.html import render_report
from tiekeeper.services.insights.report import network_insights
from tiekeeper.web.api.imports import too_large_json
from tiekeeper.web.api.trash import NowDep
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.export import DOWNLOADS
from tiekeeper.web.schemas import Out
from tiekeeper.web.uploads import bounded_route, safe_name

Kind = Literal[FORMATS]  # type: ignore[valid-type]
router = APIRouter(tags=["export"], route_class=bounded_route(too_large_json))


class RestoredOut(Out):
    """= `tiekeeper restore --json`."""

    file: str
    people: int
    rows: int
    tables: dict[str, int]
    changed: list[str]


@router.get(
    "/exports/{kind}",
    response_class=Response,
    responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA_TYPES.values()},
                     "description": "the file: vCard 3.0, Google Contacts CSV, ICS or the "
                                    "JSON backup"}},
)  # fmt: skip
def get_export(kind: Kind, store: StoreDep, now: NowDep) -> Response:
    """One export as a file to save (the same bytes as `tiekeeper export KIND`)."""
    result = export(store.uow(), kind, now)
    name = DOWNLOADS[kind][0]
    if kind == "json":
        name = f"tiekeeper-backup-{now.date().isoformat()}.json"
    headers = {"content-disposition": f'attachment; filename="{name}"'}
    return Response(result.data, media_type=result.media_type, headers=headers)


@router.get(
    "/report",
    response_class=Response,
    responses={200: {"content": {"text/html": {}},
                     "description": "one self-contained HTML file: charts and references"}},
)  # fmt: skip
def get_report(store: StoreDep, today: TodayDep) -> Response:
    """The network report as `tiekeeper report -o FILE` writes it (the figures are
    GET /insights)."""
    html = render_report(network_insights(store.uow(), today))
    headers = {"content-disposition": f'attachment; filename="tiekeeper-report-{today}.html"'}
    return Response(html.encode("utf-8"), media_type="text/html; charset=utf-8", headers=headers)


@router.post("/restore", response_model=RestoredOut)
def post_restore(
    store: StoreDep,
    file: Annotated[UploadFile, File(description="a JSON backup from GET /exports/json")],
) -> dict[str, Any]:
    """Restore a JSON backup into an empty account (refused, nothing changed, when it has
    data); 413 past the upload cap."""
    name = safe_name(file.filename)
    return restored_dict(restore_backup(store.uow(), file.file.read(), name))
