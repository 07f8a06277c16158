"""delete, trash, trash restore, trash empty, erase and merge's confirmation, from the CLI."""

from __future__ import annotations

import re
from typing import Any


def seen(cli: Any) -> dict[str, Any]:
    """What a user sees and every data row, in an order that does not depend on where SQLite
    put a re-inserted row; search documents by what they say, not by their row ids (the
    full-text index's own tables are rebuilt, so they are left out, and so are the revisions,
    which count commits)."""
    snap = cli.snapshot()
    skip = ('INSERT INTO "search_fts', 'INSERT INTO "data_revisions"')
    rows = [r for r in snap["rows"] if not r.startswith(skip)]
    rows = [re.sub(r'^(INSERT INTO "search_docs" VALUES\()\d+,', r"\1", r) for r in rows]
    return {"list": snap["list"], "show": snap["show"], "rows": sorted(rows)}


def test_delete_lists_in_trash_and_restore_brings_back(cli: Any) -> None:
    ana = cli.add("Ana Lima", "--email", "ana@acme.com", "--tag", "mentor")
    bo = cli.add("Bo Chen")
    cli("log", "Ana Lima", "Bo Chen", "--summary", "Lisbon plans", "--follow-up", "in 1 week")
    before = seen(cli)

    out = cli("delete", "Ana Lima").stdout
    assert f"Moved person #{ana} Ana Lima to the trash" in out and "trash restore" in out
    assert [p["id"] for p in cli.json("list")] == [bo]
    shown = cli.json("show", str(bo))
    assert [ix["summary"] for ix in shown["interactions"]] == ["Lisbon plans"]
    [entry] = cli.json("trash")
    assert (entry["kind"], entry["id"], entry["label"]) == ("person", ana, "Ana Lima")
    assert "Ana Lima" in cli("trash").stdout

    assert "Restored person: Ana Lima." in cli("trash", "restore", str(entry["trash_id"])).stdout
    assert seen(cli) == before
    assert "The trash is empty." in cli("trash").stdout


def test_delete_several_and_unknown_person_changes_nothing(cli: Any) -> None:
    cli.add("Ana Lima")
    cli.add("Bo Chen")
    before = seen(cli)
    assert "no person matches" in cli.fail("delete", "Ana Lima", "Nobody Here")
    assert seen(cli) == before
    done = cli.json("delete", "Ana Lima", "Bo Chen")
    assert [d["label"] for d in done] == ["Ana Lima", "Bo Chen"]
    assert cli.json("list") == []
    assert "no trash entry 999" in cli.fail("trash", "restore", "999")


def test_interaction_event_opportunity_post_delete(cli: Any) -> None:
    cli.add("Ana Lima", "--company", "Nimbus")
    logged = cli.json("log", "Ana Lima", "--summary", "coffee")
    cli("event", "add", "PyCon", "--date", "2026-12-03")
    opp = cli.json("opportunity", "add", "Nimbus", "Staff Engineer")
    post = cli.json("post", "add", "--where", "linkedin", "--topic", "On weak ties")
    for args in (
        ("event", "delete", "PyCon"),
        ("opportunity", "delete", str(opp["id"])),
        ("post", "delete", str(post["id"])),
    ):
        assert "to the trash" in cli(*args).stdout
    kinds = sorted(e["kind"] for e in cli.json("trash"))
    assert kinds == ["event", "opportunity", "post"]
    assert cli.json("event", "list") == [] and cli.json("opportunity", "list") == []
    assert "to the trash" in cli("interaction", "delete", str(logged["interaction"]["id"])).stdout
    assert cli.json("show", "Ana Lima")["interactions"] == []


def test_trash_empty_asks_and_erase_needs_yes_without_a_terminal(cli: Any) -> None:
    cli.add("Ana Lima")
    cli.add("Bo Chen")
    cli("delete", "Bo Chen")
    assert "--yes" in cli.fail("trash", "empty")
    assert len(cli.json("trash")) == 1
    assert cli.json("trash", "empty", "--older-than", "30d") == {"erased": 0}
    assert "Erased 1 trash entry for good." in cli("trash", "empty", "--yes").stdout
    assert "not an age" in cli.fail("trash", "empty", "--older-than", "soon")

    assert "--yes" in cli.fail("erase", "Ana Lima")
    assert cli.json("erase", "Ana Lima", "--yes")["name"] == "Ana Lima"
    assert cli.json("list") == [] and cli.json("trash") == []


def test_merge_dry_run_changes_nothing_and_merge_is_undone_from_the_trash(cli: Any) -> None:
    keep = cli.add("Ana Lima", "--email", "ana@acme.com")
    other = cli.add("Ana L", "--email", "ana@home.org")
    before = seen(cli)
    out = cli("merge", str(keep), str(other), "--dry-run").stdout
    assert "emails: + ana@home.org" in out and "dry run" in out
    assert cli.json("merge", str(keep), str(other), "--dry-run")["gained"] == {
        "emails": ["ana@home.org"]
    }
    assert "--yes" in cli.fail("merge", str(keep), str(other))
    assert seen(cli) == before
    merged = cli.json("merge", str(keep), str(other), "--yes")
    assert len(cli.json("list")) == 1
    cli("trash", "restore", str(merged["trash_id"]))
    assert seen(cli) == before
