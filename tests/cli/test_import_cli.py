"""`tiekeeper import`, `duplicates` and `merge` from the command line."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
VCARD = str(FIXTURES / "contacts.vcf")
LINKEDIN = str(FIXTURES / "linkedin_export")


def test_import_json_reports_the_summary(cli) -> None:  # type: ignore[no-untyped-def]
    data = cli.json("import", LINKEDIN)
    assert (data["created"], data["updated"], data["unchanged"]) == (5, 0, 0)
    assert data["format"] == "linkedin" and data["dry_run"] is False
    assert data["interactions_created"] == 5 and data["profile_updated"] is True
    assert data["skipped_count"] == 2
    assert {s["reason"] for s in data["skipped"]} == {
        "hidden member: LinkedIn exports only the connection date",
        "conversation with hidden members only",
    }
    assert len(cli.json("list")) == 5


def test_import_twice_creates_nothing_new(cli) -> None:  # type: ignore[no-untyped-def]
    cli("import", VCARD)
    before = cli.snapshot()
    data = cli.json("import", VCARD)
    assert (data["created"], data["unchanged"]) == (0, 4)
    assert cli.snapshot() == before


def test_import_text_names_counts_and_possible_duplicates(cli) -> None:  # type: ignore[no-untyped-def]
    cli("import", VCARD)
    out = cli("import", LINKEDIN).stdout
    assert "Imported" in out and "3 created, 2 updated, 0 unchanged, 2 skipped" in out
    assert "possible duplicate" in out and "Bo Chen" in out
    assert "interactions: 5 created" in out


def test_dry_run_shows_the_summary_and_writes_nothing(cli) -> None:  # type: ignore[no-untyped-def]
    before = cli.snapshot()
    data = cli.json("import", LINKEDIN, "--dry-run")
    assert data["dry_run"] is True and data["created"] == 5
    assert "nothing was written" in cli("import", VCARD, "--dry-run").stdout
    assert cli.snapshot() == before


def test_a_bad_file_is_one_error_line_naming_it_and_changes_nothing(  # type: ignore[no-untyped-def]
    cli, tmp_path: Path
) -> None:
    cli("import", VCARD)
    before = cli.snapshot()
    for name, data in (
        ("empty.csv", b""),
        ("junk.csv", bytes(range(256)) * 10),
        ("unknown.csv", b"sku,price\nA1,3\n"),
        ("truncated.zip", b"PK\x03\x04" + b"\x00" * 40),
        ("quotes.csv", b'First Name,Last Name,E-mail 1 - Value\n"Ana,Lima,a@x.org\n'),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        line = cli.fail("import", str(path))
        assert line.startswith("error: ") and str(path) in line
    assert cli.snapshot() == before


def test_a_wrong_format_option_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    assert "vCard file, not a google" in cli.fail("import", VCARD, "--format", "google")
    assert "unknown format 'xls'" in cli.fail("import", VCARD, "--format", "xls")
    assert cli.json("list") == []


def test_duplicates_lists_pairs_with_score_and_evidence(cli) -> None:  # type: ignore[no-untyped-def]
    jon = cli.add("Jon Smith", "--company", "Acme")
    john = cli.add("John Smith", "--company", "Acme")
    cli.add("Ana Lima")
    [pair] = cli.json("duplicates")
    # a similar name at the same company is corroborated, not proven (services/duplicates.py)
    assert (pair["a"]["id"], pair["b"]["id"], pair["score"]) == (jon, john, 65)
    assert pair["evidence"] == ["similar name (95%)", "same company: Acme"]
    out = cli("duplicates").stdout
    assert f" 65  #{jon} Jon Smith  <->  #{john} John Smith" in out
    assert "similar name (95%); same company: Acme" in out


def test_duplicates_says_so_when_there_are_none(cli) -> None:  # type: ignore[no-untyped-def]
    cli.add("Ana Lima")
    assert "No likely duplicates" in cli("duplicates").stdout
    assert cli.json("duplicates") == []


def test_merge_moves_everything_into_keep(cli) -> None:  # type: ignore[no-untyped-def]
    keep = cli.add("Ana Lima", "--email", "ana@acme.com")
    other = cli.add("Ana L", "--email", "ana@home.org", "--tag", "alumni", "--company", "Acme")
    cli("log", str(other), "--channel", "call", "--summary", "catch-up")
    data = cli.json("merge", str(keep), str(other), "--yes")
    assert data["merged_id"] == other and data["kept"]["id"] == keep
    assert data["kept"]["emails"] == ["ana@acme.com", "ana@home.org"]
    shown = cli.json("show", str(keep))
    assert shown["company"] == "Acme" and shown["tags"] == ["alumni"]
    assert [p["id"] for p in cli.json("list")] == [keep]
    bo = cli.add("Bo Chen")
    out = cli("merge", str(keep), str(bo), "--yes").stdout.splitlines()
    assert out[0] == f"Merge #{bo} Bo Chen into #{keep} Ana Lima:"
    assert out[-1].startswith(f"Merged #{bo} Bo Chen into #{keep} Ana Lima. Undo with `tiekeeper")


def test_merge_of_unknown_people_is_refused_and_changes_nothing(cli) -> None:  # type: ignore[no-untyped-def]
    keep = cli.add("Ana Lima")
    before = cli.snapshot()
    assert "no person with id 99" in cli.fail("merge", str(keep), "99")
    assert "same person" in cli.fail("merge", str(keep), "Ana Lima")
    assert cli.snapshot() == before


def test_the_progress_bar_takes_reader_and_writer_reports() -> None:
    from tiekeeper.cli.imports import _progress

    with _progress(True) as update:
        assert update is not None
        update("reading", 500, 1000)
        update("reading", 1000, 1000)
        update("writing", 10, 0)
    with _progress(False) as nothing:
        assert nothing is None
