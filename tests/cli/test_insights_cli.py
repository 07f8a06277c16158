"""insights, tie, paths, reconnect, knows, report through the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

INSIGHT_KEYS = {
    "date",
    "contacts",
    "knows_edges",
    "ties",
    "diversity",
    "echo_chamber",
    "network_types",
    "brokerage",
    "clusters",
    "reconnect",
    "giving",
    "references",
}
TIE_KEYS = {
    "person_id",
    "name",
    "score",
    "label",
    "low_confidence",
    "active",
    "days_since_last",
    "interactions",
    "components",
    "weights",
    "reasons",
    "giving",
    "knows",
    "last_topics",
    "sources",
}


@pytest.fixture
def network(cli) -> None:  # type: ignore[no-untyped-def]
    cli.add("Ana", "--closeness", "4", "--connected", "2019-01-01", "--company", "Acme")
    cli("log", "Ana", "--date", "2023-12-02", "--channel", "coffee")
    cli("log", "Ana", "--date", "2023-10-03", "--channel", "call", "--by", "them")
    cli.add("Bo", "--connected", "2023-01-01")
    cli("log", "Bo", "--date", "2023-12-02", "--channel", "email")
    cli.add("Cy", "--closeness", "5")
    cli("log", "Cy", "--date", "2020-01-02", "--channel", "coffee", "--topic", "sailing")
    cli.add("Eve", "--company", "Acme")


def test_knows_records_an_edge_that_tie_then_shows(cli, network) -> None:  # type: ignore[no-untyped-def]
    assert cli.json("knows", "Ana", "Bo", "--strength", "4") == {
        "a": 1,
        "b": 2,
        "strength": 4,
        "removed": False,
    }
    knows = cli.json("tie", "Ana", "--date", "2024-01-01")["knows"]
    assert knows == [
        {"person_id": 2, "name": "Bo", "sources": ["entered"], "inferred": False},
        {"person_id": 4, "name": "Eve", "sources": ["same-company"], "inferred": True},
    ]


def test_knows_remove_forgets_the_edge(cli, network) -> None:  # type: ignore[no-untyped-def]
    cli("knows", "Ana", "Bo")
    assert cli.json("knows", "Bo", "Ana", "--remove")["removed"] is True
    assert [k["name"] for k in cli.json("tie", "Ana")["knows"]] == ["Eve"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Ana", "Bo", "--strength", "9"), "strength"),
        (("Ana", "Ana"), "themselves"),
        (("Ana", "Nobody"), "no person matches 'Nobody'"),
        (("Ana", "Bo", "--remove"), "no recorded edge"),
    ],
)
def test_knows_refuses_bad_input_and_changes_nothing(cli, network, args, message) -> None:  # type: ignore[no-untyped-def]
    before = cli.snapshot()
    assert message in cli.fail("knows", *args)
    assert cli.snapshot() == before


def test_tie_explains_the_worked_example(cli, network) -> None:  # type: ignore[no-untyped-def]
    d = cli.json("tie", "Ana", "--date", "2024-01-01")
    assert set(d) == TIE_KEYS
    assert (d["score"], d["label"]) == (0.695501, "strong")
    text = cli("tie", "Ana", "--date", "2024-01-01").stdout
    assert "strong tie, strength 0.70" in text and "you rated closeness 4 of 5" in text


def test_tie_of_an_unknown_person_fails(cli, network) -> None:  # type: ignore[no-untyped-def]
    assert "no person matches" in cli.fail("tie", "Nobody")


def test_insights_summary_has_numbers_and_sources(cli, network) -> None:  # type: ignore[no-untyped-def]
    d = cli.json("insights", "--date", "2024-01-01")
    assert set(d) == INSIGHT_KEYS
    assert (d["ties"]["strong"], d["ties"]["dormant"]) == (1, 1)
    assert d["knows_edges"] == {"stored": 0, "inferred": 1}
    text = cli("insights", "--date", "2024-01-01").stdout
    assert "1 strong" in text and "granovetter1973" in text and "no profile saved" in text


def test_paths_to_a_company_and_to_an_unknown_target(cli, network) -> None:  # type: ignore[no-untyped-def]
    d = cli.json("paths", "Acme", "--date", "2024-01-01")
    assert d["kind"] == "company" and d["people"] == 2
    assert [(p["target"], p["via"], p["inferred"]) for p in d["paths"]] == [
        ("Ana", None, False),
        ("Eve", "Ana", True),
    ]
    assert "you -> Ana -> Eve (inferred)" in cli("paths", "Acme", "--date", "2024-01-01").stdout
    assert "no person, company or industry" in cli.fail("paths", "Globex")


def test_reconnect_lists_dormant_ties_with_reasons(cli, network) -> None:  # type: ignore[no-untyped-def]
    rows = cli.json("reconnect", "--date", "2024-01-01", "--limit", "5")
    assert [r["name"] for r in rows] == ["Cy"]
    assert rows[0]["last_topics"] == ["sailing"]
    assert "Cy" in cli("reconnect", "--date", "2024-01-01").stdout
    assert "limit" in cli.fail("reconnect", "--limit", "0")


def test_report_writes_one_html_file(cli, network, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    assert "wrote" in cli("report", "-o", str(out), "--date", "2024-01-01").stdout
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "https://" not in html
