"""follow-up, done, snooze, skip, cadence, upcoming."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

FOLLOW_UP_KEYS = {"id", "person_id", "kind", "due_on", "snoozed_until", "action", "status"}
UPCOMING_KEYS = {"date", "kind", "person_id", "person", "detail", "reminder_id", "overdue_days"}


def _follow_up(cli, who: str = "Ana", when: str = "2025-02-01", *extra: str) -> dict:  # type: ignore[no-untyped-def]
    return cli.json("follow-up", who, when, *extra)


def test_follow_up_creates_an_open_follow_up_for_the_person(cli) -> None:
    pid = cli.add("Ana")
    fu = _follow_up(cli, "ana", "2025-02-01", "--action", "send the deck")
    assert set(fu) == FOLLOW_UP_KEYS
    assert {k: v for k, v in fu.items() if k != "id"} == {
        "person_id": pid, "kind": "follow-up", "due_on": "2025-02-01", "snoozed_until": None,
        "action": "send the deck", "status": "open",
    }  # fmt: skip
    assert cli.json("show", "Ana")["follow_ups"] == [fu]
    assert cli("follow-up", "Ana", "2025-03-01").stdout.strip() == "Follow-up [2] due 2025-03-01"


def test_follow_up_words_count_from_the_date_option(cli) -> None:
    cli.add("Ana")
    assert _follow_up(cli, "Ana", "tomorrow", "--date", "2025-02-28")["due_on"] == "2025-03-01"
    assert _follow_up(cli, "Ana", "in 1 month", "--date", "2025-01-31")["due_on"] == "2025-02-28"
    assert _follow_up(cli, "Ana", "next monday", "--date", "2025-03-03")["due_on"] == "2025-03-10"
    assert (
        _follow_up(cli, "Ana", "in 2 weeks")["due_on"]
        == (date.today() + timedelta(days=14)).isoformat()
    )


def test_done_closes_a_follow_up_and_it_leaves_show_and_upcoming(cli) -> None:
    cli.add("Ana")
    fu = _follow_up(cli, "Ana", "2025-02-01")
    done = cli.json("done", str(fu["id"]), "--date", "2025-02-02")
    assert done == {**fu, "status": "done"}
    assert cli.json("show", "Ana")["follow_ups"] == []
    assert cli.json("upcoming", "--date", "2025-01-30", "--days", "5") == []
    _follow_up(cli, "Ana", "2025-03-01")
    assert cli("done", "2").stdout.strip() == "Follow-up [2] done"


def test_done_or_skip_of_a_closed_follow_up_is_refused(cli) -> None:
    cli.add("Ana")
    fu = _follow_up(cli, "Ana")
    cli("done", str(fu["id"]))
    before = cli.snapshot()
    for cmd in ("done", "skip"):
        line = cli.fail(cmd, str(fu["id"]))
        assert line == f"error: id: follow-up {fu['id']} is already done"
    assert "already done" in cli.fail("snooze", str(fu["id"]), "--until", "tomorrow")
    assert cli.snapshot() == before


def test_skip_closes_a_follow_up_for_good(cli) -> None:
    cli.add("Ana")
    fu = _follow_up(cli, "Ana")
    assert cli.json("skip", str(fu["id"]))["status"] == "skipped"
    assert cli.fail("done", str(fu["id"])).endswith("is already skipped")
    assert cli("follow-up", "Ana", "2025-03-01").exit_code == 0
    assert cli("skip", "2").stdout.strip() == "Follow-up [2] skipped"


@pytest.mark.parametrize("cmd", [["done", "99"], ["skip", "99"], ["snooze", "99", "--until",
                                                                   "tomorrow"]])  # fmt: skip
def test_an_unknown_follow_up_id_is_refused(cli, cmd: list[str]) -> None:
    cli.add("Ana")
    before = cli.snapshot()
    assert cli.fail(*cmd) == "error: no follow-up with id 99"
    assert cli.snapshot() == before


def test_snooze_hides_a_follow_up_until_the_day_given(cli) -> None:
    cli.add("Ana")
    fu = _follow_up(cli, "Ana", "2025-02-01", "--action", "call")
    snoozed = cli.json("snooze", str(fu["id"]), "--until", "in 5 days", "--date", "2025-02-03")
    assert snoozed == {**fu, "snoozed_until": "2025-02-08"}
    agenda = cli.json("today", "--date", "2025-02-03")
    assert [i["kind"] for i in agenda["items"]] == []
    back = cli.json("today", "--date", "2025-02-08")
    assert [(i["kind"], i["reminder_id"]) for i in back["items"]] == [("follow-up", fu["id"])]
    upcoming = cli.json("upcoming", "--date", "2025-02-03", "--days", "10")
    assert [(u["date"], u["kind"]) for u in upcoming] == [("2025-02-08", "follow-up")]


@pytest.mark.parametrize("until", ["2025-02-03", "2025-01-01", "yesterday", "today"])
def test_snooze_to_today_or_the_past_is_refused(cli, until: str) -> None:
    cli.add("Ana")
    fu = _follow_up(cli, "Ana", "2025-02-01")
    before = cli.snapshot()
    line = cli.fail("snooze", str(fu["id"]), "--until", until, "--date", "2025-02-03")
    assert line.startswith("error: until: ") and until in line
    assert cli.snapshot() == before


def test_snooze_needs_until(cli) -> None:
    cli.add("Ana")
    _follow_up(cli, "Ana")
    result = cli.run("snooze", "1")
    assert result.exit_code == 2
    assert "--until" in result.stderr


# --- cadence --------------------------------------------------------------------------------


def test_cadence_for_a_person_sets_their_own_cadence(cli) -> None:
    cli.add("Ana", "--date", "2025-01-01")
    out = cli.json("cadence", "Ana", "quarterly")
    assert out == {"target": "Ana", "cadence_days": 91, "people": 1}
    shown = cli.json("show", "Ana")
    assert (shown["cadence_days"], shown["checkin_due_on"]) == (91, "2025-04-02")
    assert cli("cadence", "Ana", "45d").stdout.strip() == "Ana: every 45 days (1 people)"
    assert cli.json("show", "Ana")["checkin_due_on"] == "2025-02-15"


def test_cadence_for_a_tag_applies_to_everyone_with_the_tag_unless_they_have_their_own(
    cli,
) -> None:
    cli.add("Ana", "--tag", "mentor", "--date", "2025-01-01")
    cli.add("Bo", "--tag", "mentor", "--cadence", "weekly", "--date", "2025-01-01")
    cli.add("Chloé", "--tag", "client", "--date", "2025-01-01")
    out = cli.json("cadence", "--tag", "mentor", "monthly")
    assert out == {"target": "tag mentor", "cadence_days": 30, "people": 2}
    ana, bo, chloe = (cli.json("show", n) for n in ("Ana", "Bo", "Chloé"))
    assert (ana["cadence_days"], ana["effective_cadence_days"], ana["checkin_due_on"]) == (
        None, 30, "2025-01-31",
    )  # fmt: skip
    assert (bo["effective_cadence_days"], bo["checkin_due_on"]) == (7, "2025-01-08")
    assert (chloe["effective_cadence_days"], chloe["checkin_due_on"]) == (None, None)
    # someone tagged later gets the tag's cadence too
    cli("edit", "Chloé", "--tag", "mentor")
    assert cli.json("show", "Chloé")["effective_cadence_days"] == 30


def test_cadence_off_removes_a_person_or_tag_cadence(cli) -> None:
    cli.add("Ana", "--tag", "mentor", "--cadence", "weekly", "--date", "2025-01-01")
    cli("cadence", "--tag", "mentor", "monthly")
    assert cli.json("cadence", "Ana", "off") == {"target": "Ana", "cadence_days": None,
                                                  "people": 1}  # fmt: skip
    assert cli.json("show", "Ana")["effective_cadence_days"] == 30  # the tag's is left
    assert cli("cadence", "--tag", "mentor", "off").stdout.strip() == (
        "tag mentor: no cadence (1 people)"
    )
    shown = cli.json("show", "Ana")
    assert (shown["effective_cadence_days"], shown["checkin_due_on"]) == (None, None)
    assert cli.json("list", "--overdue", "--date", "2030-01-01") == []


@pytest.mark.parametrize(
    "args",
    [["Ana", "fortnightly"], ["--tag", "mentor", "every week"], ["Ana", "0d"], ["Ana", "4000d"]],
)
def test_a_bad_cadence_is_refused_and_nothing_changes(cli, args: list[str]) -> None:
    cli.add("Ana", "--tag", "mentor", "--cadence", "weekly")
    before = cli.snapshot()
    line = cli.fail("cadence", *args)
    assert line.startswith("error: cadence: ") and repr(args[-1]) in line
    assert cli.snapshot() == before


def test_cadence_without_how_often_is_refused(cli) -> None:
    cli.add("Ana")
    assert cli.fail("cadence", "Ana").startswith("error: every: ")
    assert cli.fail("cadence", "--tag", "mentor").startswith("error: every: ")


# --- upcoming -------------------------------------------------------------------------------


def test_upcoming_lists_follow_ups_birthdays_anniversaries_and_check_ins_by_day(cli) -> None:
    cli.add("Ana", "--birthday", "1990-03-05", "--date", "2025-01-01")
    cli.add("Bo", "--started", "2020-03-03", "--company", "Quantix", "--date", "2025-01-01")
    cli.add("Chloé", "--connected", "2022-03-10", "--cadence", "monthly",
            "--date", "2025-01-01")  # fmt: skip
    cli("log", "Chloé", "--date", "2025-02-05")
    _follow_up(cli, "Ana", "2025-03-04", "--action", "send the deck")
    items = cli.json("upcoming", "--date", "2025-03-01", "--days", "10")
    assert all(set(u) == UPCOMING_KEYS for u in items)
    assert [(u["date"], u["kind"], u["person"], u["detail"], u["reminder_id"]) for u in items] == [
        ("2025-03-03", "work-anniversary", "Bo", "5 years at Quantix", None),
        ("2025-03-04", "follow-up", "Ana", "send the deck", 1),
        ("2025-03-05", "birthday", "Ana", "turns 35", None),
        ("2025-03-07", "check-in", "Chloé", "monthly check-in", None),
        ("2025-03-10", "connected-anniversary", "Chloé", "3 years since you connected", None),
    ]
    # --days counts today as the first day: the anniversary on day 10 is out with --days 9
    assert [u["kind"] for u in cli.json("upcoming", "--date", "2025-03-01", "--days", "9")][-1] == (
        "check-in"
    )


def test_upcoming_shows_a_feb_29_birthday_on_feb_28_in_a_common_year(cli) -> None:
    cli.add("Leap", "--birthday", "02-29")
    items = cli.json("upcoming", "--date", "2025-02-20", "--days", "30")
    assert [(u["date"], u["detail"]) for u in items] == [("2025-02-28", "birthday")]
    leap = cli.json("upcoming", "--date", "2028-02-20", "--days", "30")
    assert [u["date"] for u in leap] == ["2028-02-29"]


def test_upcoming_defaults_to_30_days(cli) -> None:
    cli.add("Ana", "--birthday", "03-31")
    cli.add("Bo", "--birthday", "04-01")
    assert [u["person"] for u in cli.json("upcoming", "--date", "2025-03-02")] == ["Ana"]


@pytest.mark.parametrize("days", ["0", "367", "-1"])
def test_upcoming_refuses_a_window_outside_1_to_366_days(cli, days: str) -> None:
    line = cli.fail("upcoming", "--days", days)
    assert line == f"error: days: {days} is not between 1 and 366"
