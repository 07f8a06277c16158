"""Giving ledger, flags and style: INSIGHTS.md section 6 is the oracle."""

from __future__ import annotations

from datetime import date

import pytest

from tiekeeper.domain.insights.giving import Favour, giving_balance, giving_style

NOW = date(2024, 1, 1)


def test_published_example() -> None:
    favours = [
        Favour(NOW, "given"),
        Favour(NOW, "given"),
        Favour(date(2023, 1, 1), "given"),  # 365 days
        Favour(date(2022, 1, 1), "received"),  # 730 days
    ]
    b = giving_balance(favours, NOW)
    assert b.given == pytest.approx(2.707107, abs=1e-6)
    assert b.received == pytest.approx(0.5, abs=1e-12)
    assert b.balance == pytest.approx(2.207107, abs=1e-6)
    assert b.share == pytest.approx(0.711932, abs=1e-6)
    assert b.over_give and not b.owe_thank_you


def test_over_give_needs_three_favours_given() -> None:
    two = giving_balance([Favour(NOW, "given"), Favour(NOW, "given")], NOW)
    assert two.share == pytest.approx(0.75) and not two.over_give


def test_owe_a_thank_you_below_035() -> None:
    b = giving_balance([Favour(NOW, "received")], NOW)
    assert b.share == pytest.approx(1 / 3) and b.owe_thank_you
    assert giving_balance([], NOW).share == 0.5


def test_style_thresholds() -> None:
    giver = giving_balance([Favour(NOW, "given")] * 3, NOW)  # share 0.8
    taker = giving_balance([Favour(NOW, "received")] * 3, NOW)  # share 0.2
    empty = giving_balance([], NOW)
    style = giving_style([giver, empty])
    assert style is not None and style.style == "giver-leaning" and style.people == 1
    even = giving_style([giver, taker])
    assert even is not None and even.style == "matcher" and even.mean_share == pytest.approx(0.5)
    taking = giving_style([taker])
    assert taking is not None and taking.style == "taker-leaning"
    assert "taker" not in taking.description.lower()
    assert giving_style([empty]) is None
