"""Issue 10: after a LinkedIn import, people with 0 interactions and no rating were the
"strongest ties" (score 1.00 from the connection date alone, labelled dormant at the same time),
above a rated colleague seen this week. INSIGHTS.md 3: no interaction means recency 0 and
frequency 0, dormant only for a last interaction 3+ years ago, and someone never talked to is
"not yet in touch" (latent), never among the strongest."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tiekeeper.services.imports.contacts import import_file
from tiekeeper.services.insights.agenda import best_dormant_tie
from tiekeeper.services.insights.html import render_report
from tiekeeper.services.insights.network import paths_to
from tiekeeper.services.insights.report import network_insights
from tiekeeper.services.insights.ties import explain_tie, reconnect
from tiekeeper.services.insights.views import insights_dict
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store.profile import ProfileRepository
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)
CONNECTIONS = """Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Old,Friend,https://www.linkedin.com/in/old-friend,,Nimbus,CTO,05 Nov 2012
Long,Time,https://www.linkedin.com/in/long-time,,Globex,Designer,14 Sep 2014
Fresh,Face,https://www.linkedin.com/in/fresh-face,,Initech,,01 Oct 2026
"""
IMPORTED = ("Old Friend", "Long Time", "Fresh Face")


@pytest.fixture
def imported(store: Store, tmp_path: Path) -> Store:
    export = tmp_path / "linkedin"
    export.mkdir()
    (export / "Connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    import_file(store.uow(), export, TODAY)
    with store.uow() as uow:
        uow.repo(ProfileRepository).upsert(name="Sam", company="Nimbus")
        uow.commit()
    changes = PersonChanges(name="Cleo Park", company="Nimbus", closeness=4)
    add_person(store.uow(), changes, TODAY)
    log_interaction(store.uow(), LogRequest(["Cleo Park"], when="2026-11-24"), TODAY)
    return store


def test_nobody_never_talked_to_is_among_the_strongest_ties(imported: Store) -> None:
    d = insights_dict(network_insights(imported.uow(), TODAY))
    assert [s["name"] for s in d["ties"]["strongest"]] == ["Cleo Park"]
    assert (d["ties"]["latent"], d["ties"]["dormant"], d["ties"]["strong"]) == (3, 0, 1)


def test_an_imported_connection_is_latent_and_scores_low(imported: Store) -> None:
    for name in IMPORTED:
        strength = explain_tie(imported.uow(), name, TODAY).tie.strength
        assert strength.label == "latent", name
        assert (strength.recency, strength.frequency) == (0.0, 0.0)
        # duration .10 of .70 at most (example F), of .575 for a co-worker (frequency halved)
        assert strength.score <= 0.10 / 0.575 + 1e-9
    colleague = explain_tie(imported.uow(), "Cleo Park", TODAY).tie.strength
    assert colleague.label == "strong" and colleague.score > 0.5


def test_the_report_lists_the_colleague_and_says_not_yet_in_touch(imported: Store) -> None:
    html = render_report(network_insights(imported.uow(), TODAY))
    table = html[html.index("strongest ties") : html.index("<h2>Diversity")]
    assert "Cleo Park" in table and not any(name in table for name in IMPORTED)
    assert "3 not yet in touch" in html and "0 dormant" in html


def test_reconnect_and_todays_dormant_pick_leave_latent_contacts_out(imported: Store) -> None:
    assert reconnect(imported.uow(), TODAY, 10) == []
    with imported.uow() as uow:
        assert best_dormant_tie(uow, TODAY, 1095) is None


def test_paths_into_the_company_rank_the_colleague_first(imported: Store) -> None:
    result = paths_to(imported.uow(), "Nimbus", TODAY)
    direct = [(result.names[p.target], result.labels[p.target]) for p in result.paths if not p.via]
    assert direct == [("Cleo Park", "strong"), ("Old Friend", "latent")]
    assert result.paths[0].via is None and result.names[result.paths[0].target] == "Cleo Park"
