"""Network-type balance (Ibarra & Hunter 2007) and the citation table."""

from __future__ import annotations

import pytest

from tiekeeper.domain.insights.network_types import network_balance
from tiekeeper.domain.insights.sources import INSIGHT_SOURCES, SOURCES, cite


def test_shares_and_thin_strategic_warning() -> None:
    contacts = [("operational", True)] * 6 + [("personal", False)] * 3 + [("strategic", True)]
    b = network_balance([*contacts, (None, True)])
    assert b.shares == pytest.approx({"strategic": 0.1, "operational": 0.6, "personal": 0.3})
    assert b.coverage == pytest.approx(10 / 11)
    assert b.active_shares["strategic"] == pytest.approx(1 / 7)
    assert len(b.warnings) == 1 and "rule of thumb" in b.warnings[0]


def test_inactive_strategic_ties_warn() -> None:
    contacts = [("strategic", False)] * 3 + [("strategic", True)] + [("operational", True)] * 4
    b = network_balance(contacts)
    assert b.strategic_active_share == 0.25
    assert [w.split(" ")[:3] for w in b.warnings] == [["Only", "1", "of"]]


def test_balanced_network_has_no_warning() -> None:
    b = network_balance([("strategic", True), ("operational", True), ("personal", False)])
    assert b.warnings == []


def test_every_insight_cites_known_sources() -> None:
    assert {k for keys in INSIGHT_SOURCES.values() for k in keys} <= set(SOURCES)
    assert "78(6)" in cite("granovetter1973")
    for key in (
        "burt1992",
        "burt2002",
        "burt2004",
        "burt2005",
        "ibarra_hunter2007",
        "uzzi_dunlap2005",
        "levin_walter_murnighan2011",
        "marsden_campbell1984",
        "marsden_campbell2012",
        "gilbert_karahalios2009",
        "blau1977",
        "gouldner1960",
        "grant2013",
        "guimera_amaral2005",
        "everett_borgatti2005",
        "rajkumar2022",
    ):
        assert key in SOURCES
