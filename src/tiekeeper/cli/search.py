"""search: full-text search."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import JsonOpt, console, emit_json, read_store, table


def search(
    query: Annotated[str, typer.Argument(help="Words to look for (prefixes match).")],
    limit: Annotated[int, typer.Option(help="At most this many results.")] = 20,
    json: JsonOpt = False,
) -> None:
    """Search people, organizations, notes, topics and interactions."""
    from tiekeeper.services.search import hit_line
    from tiekeeper.services.search import search as run_search
    from tiekeeper.services.views import hit_dict

    hits = run_search(read_store().uow(), query, limit)
    if json:
        emit_json([hit_dict(h) for h in hits])
        return
    t = table("kind", "id", "title", title=f"{len(hits)} results for {query!r}")
    for h in hits:
        t.add_row(h.kind, str(h.ref_id), hit_line(h))
    console().print(t)
    if any(h.kind == "interaction" for h in hits):
        console().print("See an interaction in full: tiekeeper interaction show ID")


def register(app: typer.Typer) -> None:
    app.command()(search)
