"""today: the agenda in its order, each item with its reason, within the time budget."""

from __future__ import annotations

import pytest

AGENDA_KEYS = {"date", "budget_minutes", "minutes", "items", "left_out", "left_out_by_kind"}
ITEM_KEYS = {"kind", "person_id", "person", "minutes", "reason", "reminder_id"}


def _agenda(cli, day: str, minutes: int | None = None) -> dict:  # type: ignore[no-untyped-def]
    extra = ["--minutes", str(minutes)] if minutes is not None else []
    return cli.json("today", "--date", day, *extra)


def _rows(agenda: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(i["kind"], i["person"]) for i in agenda["items"]]


@pytest.fixture
def network(cli) -> None:  # type: ignore[no-untyped-def]
    """On 2025-03-10: an overdue follow-up, a birthday, two anniversaries, five check-ins due,
    and one tie silent for almost five years."""
    for name, closeness, cadence in [("Cara", "1", "monthly"), ("Dev", "5", "monthly"),
                                     ("Eli", "3", "weekly"), ("Fay", "2", "quarterly"),
                                     ("Gus", "4", "yearly")]:  # fmt: skip
        cli.add(name, "--closeness", closeness, "--cadence", cadence, "--date", "2024-01-01")
    cli.add("Old Friend", "--closeness", "4", "--date", "2020-01-01")
    cli("log", "Old Friend", "--date", "2020-06-01", "--topic", "sailing")
    cli.add("Emp", "--started", "2020-03-10", "--connected", "2021-03-10", "--company", "Acme",
            "--date", "2024-01-01")  # fmt: skip
    cli.add("Bea", "--birthday", "1985-03-10", "--date", "2024-01-01")
    cli.add("Ana", "--date", "2024-01-01")
    cli("log", "Ana", "--date", "2025-02-20", "--channel", "coffee", "--summary", "pricing talk",
        "--follow-up", "2025-03-07", "--action", "send the deck")  # fmt: skip


def test_today_orders_follow_ups_then_dates_then_check_ins_then_one_dormant_tie(
    cli, network
) -> None:
    agenda = _agenda(cli, "2025-03-10", 60)
    assert set(agenda) == AGENDA_KEYS
    assert all(set(i) == ITEM_KEYS for i in agenda["items"])
    assert _rows(agenda) == [
        ("follow-up", "Ana"),
        ("birthday", "Bea"),
        ("work-anniversary", "Emp"),
        ("connected-anniversary", "Emp"),
        # check-ins: most overdue (in cadence periods) weighted by closeness
        ("check-in", "Eli"),  # weekly, 427 days late
        ("check-in", "Dev"),  # monthly, closeness 5
        ("check-in", "Cara"),  # monthly, closeness 1
        ("check-in", "Fay"),  # quarterly
        ("check-in", "Gus"),  # yearly, 69 days late
        ("reconnect", "Old Friend"),
    ]
    reasons = {(i["kind"], i["person"]): i["reason"] for i in agenda["items"]}
    assert reasons[("follow-up", "Ana")] == (
        "follow-up 3 days overdue: send the deck (after the coffee on 2025-02-20: pricing talk)"
    )
    assert reasons[("birthday", "Bea")] == "birthday today (turns 40)"
    assert reasons[("work-anniversary", "Emp")] == "5 years at Acme today"
    assert reasons[("connected-anniversary", "Emp")] == "4 years since you connected"
    assert reasons[("check-in", "Eli")] == "weekly check-in, no conversation logged yet"
    assert reasons[("reconnect", "Old Friend")].startswith(
        "dormant tie: last talked 4 years ago about sailing; you rated the tie 4/5"
    )
    follow_up = agenda["items"][0]
    assert (follow_up["reminder_id"], follow_up["minutes"]) == (1, 5)
    assert [i["minutes"] for i in agenda["items"][1:4]] == [2, 2, 2]
    assert agenda["minutes"] == sum(i["minutes"] for i in agenda["items"]) == 41
    assert (agenda["left_out"], agenda["left_out_by_kind"]) == (0, {})


def test_today_respects_the_budget_and_counts_what_did_not_fit(cli, network) -> None:
    agenda = _agenda(cli, "2025-03-10")  # default 15 minutes
    assert agenda["budget_minutes"] == 15
    # 5 follow-up + 2 + 2 + 2 dates = 11; the dormant tie's 5 would not fit after that
    assert _rows(agenda) == [
        ("follow-up", "Ana"), ("birthday", "Bea"), ("work-anniversary", "Emp"),
        ("connected-anniversary", "Emp"),
    ]  # fmt: skip
    assert agenda["minutes"] == 11 <= 15
    assert agenda["left_out"] == 6
    assert agenda["left_out_by_kind"] == {"check-in": 5, "reconnect": 1}


@pytest.mark.parametrize("minutes", [1, 5, 9, 12, 20, 33])
def test_today_never_takes_more_minutes_than_the_budget(cli, network, minutes: int) -> None:
    agenda = _agenda(cli, "2025-03-10", minutes)
    assert agenda["minutes"] == sum(i["minutes"] for i in agenda["items"]) <= minutes
    assert len(agenda["items"]) + agenda["left_out"] == 10
    assert sum(agenda["left_out_by_kind"].values()) == agenda["left_out"]


def test_today_reserves_time_for_the_dormant_tie_over_extra_check_ins(cli) -> None:
    for n in range(4):
        cli.add(f"Check {n}", "--cadence", "weekly", "--date", "2024-01-01")
    cli.add("Old Friend", "--date", "2019-01-01")
    cli("log", "Old Friend", "--date", "2019-02-01")
    agenda = _agenda(cli, "2025-03-10")
    assert [k for k, _ in _rows(agenda)] == ["check-in", "check-in", "reconnect"]
    assert agenda["left_out_by_kind"] == {"check-in": 2}


def test_today_text_shows_each_item_with_its_reason_and_the_left_out_count(cli, network) -> None:
    out = cli("today", "--date", "2025-03-10").stdout
    lines = out.splitlines()
    assert lines[0] == "Today, Monday 10 March 2025 — 11 of 15 minutes"
    assert lines[1] == " 1. Ana (5 min) [1]"
    assert lines[2].strip().startswith("follow-up 3 days overdue: send the deck")
    assert lines[3] == " 2. Bea (2 min)"
    assert lines[4].strip() == "birthday today (turns 40)"
    assert lines[-1].startswith("6 more did not fit (5 check-in, 1 reconnect)")


def test_today_with_nothing_due_says_so(cli) -> None:
    cli.add("Ana")
    agenda = _agenda(cli, "2025-03-10")
    assert (agenda["items"], agenda["minutes"], agenda["left_out"]) == ([], 0, 0)
    assert "Nothing due" in cli("today", "--date", "2025-03-10").stdout


def test_a_check_in_restarts_after_logging_an_interaction(cli) -> None:
    cli.add("Ana", "--cadence", "monthly", "--closeness", "3", "--date", "2025-01-01")
    cli("log", "Ana", "--date", "2025-01-05", "--topic", "career change", "--topic", "hiring")
    due = _agenda(cli, "2025-02-20")
    assert _rows(due) == [("check-in", "Ana")]
    assert due["items"][0]["reason"] == (
        "monthly check-in, last talked 6 weeks ago about career change, hiring"
    )
    cli("log", "Ana", "--date", "2025-02-19")
    assert _agenda(cli, "2025-02-20")["items"] == []
    assert _agenda(cli, "2025-03-20")["items"] == []  # due 2025-03-21, 30 days after the log
    assert _rows(_agenda(cli, "2025-03-21")) == [("check-in", "Ana")]


def test_a_feb_29_birthday_is_on_feb_28_in_a_common_year(cli) -> None:
    cli.add("Leap Year", "--birthday", "02-29")
    cli.add("Leap Born", "--birthday", "1996-02-29")
    on_28 = _agenda(cli, "2025-02-28")
    assert _rows(on_28) == [("birthday", "Leap Born"), ("birthday", "Leap Year")]
    assert [i["reason"] for i in on_28["items"]] == ["birthday today (turns 29)", "birthday today"]
    assert _agenda(cli, "2025-03-01")["items"] == []
    # in a leap year it is on the 29th, not the 28th
    assert _agenda(cli, "2028-02-28")["items"] == []
    assert [k for k, _ in _rows(_agenda(cli, "2028-02-29"))] == ["birthday", "birthday"]


def test_a_snoozed_or_closed_follow_up_leaves_the_agenda(cli) -> None:
    cli.add("Ana")
    cli("follow-up", "Ana", "2025-03-01", "--action", "call")
    cli("follow-up", "Ana", "2025-03-02", "--action", "write")
    assert [i["reason"] for i in _agenda(cli, "2025-03-05")["items"]] == [
        "follow-up 4 days overdue: call", "follow-up 3 days overdue: write",
    ]  # fmt: skip
    cli("done", "1")
    cli("snooze", "2", "--until", "2025-03-08", "--date", "2025-03-05")
    assert _agenda(cli, "2025-03-05")["items"] == []


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["--minutes", "0"], "error: minutes: 0 is not between 1 and 480"),
        (["--minutes", "481"], "error: minutes: 481 is not between 1 and 480"),
        (["--date", "2025-02-30"], "error: date: '2025-02-30' is not a date"),
        (["--date", "someday"], "error: date: 'someday' is not a date"),
    ],
)
def test_today_refuses_a_bad_budget_or_date(cli, args: list[str], line: str) -> None:
    assert cli.fail("today", *args).startswith(line)
