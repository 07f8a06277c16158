"""log: one interaction with several people, topics, favours, a follow-up, relative dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

INTERACTION_KEYS = {"id", "date", "people", "channel", "initiated_by", "summary", "topics",
                    "favours"}  # fmt: skip
FOLLOW_UP_KEYS = {"id", "person_id", "kind", "due_on", "snoozed_until", "action", "status"}


@pytest.fixture
def people(cli):  # type: ignore[no-untyped-def]
    return (
        cli.add("Ana Almeida", "--cadence", "quarterly", "--date", "2024-01-01"),
        cli.add("Chloé Chen", "--email", "chloe@example.com"),
        cli.add("Bo Becker"),
    )


def test_log_records_one_interaction_with_several_people_topics_favours_and_follow_up(
    cli, people
) -> None:
    ana, chloe, _ = people
    out = cli.json(
        "log", "Ana Almeida", "chloe@example.com", "--date", "2025-01-10", "--channel", "Coffee",
        "--by", "them", "--topic", "career change", "--topic", "hiring",
        "--summary", "her move to product", "--gave", "introduction to Bo",
        "--received", "advice on pricing", "--follow-up", "2025-01-20",
        "--action", "send the article",
    )  # fmt: skip
    assert set(out) == {"interaction", "follow_up"}
    ix, fu = out["interaction"], out["follow_up"]
    assert set(ix) == INTERACTION_KEYS
    assert [p["id"] for p in ix["people"]] == [ana, chloe]
    assert (ix["date"], ix["channel"], ix["initiated_by"]) == ("2025-01-10", "coffee", "them")
    assert ix["summary"] == "her move to product"
    assert ix["topics"] == ["career change", "hiring"]
    assert sorted(
        (f["person_id"], f["direction"], f["kind"], f["note"]) for f in ix["favours"]
    ) == [
        (ana, "given", "introduction", "to Bo"),
        (ana, "received", "advice", "on pricing"),
        (chloe, "given", "introduction", "to Bo"),
        (chloe, "received", "advice", "on pricing"),
    ]
    assert set(fu) == FOLLOW_UP_KEYS
    assert fu == {
        "id": fu["id"], "person_id": ana, "kind": "follow-up", "due_on": "2025-01-20",
        "snoozed_until": None, "action": "send the article", "status": "open",
    }  # fmt: skip
    # both people see the interaction; the follow-up is the first person's
    for pid in (ana, chloe):
        shown = cli.json("show", str(pid))
        assert shown["last_interaction_on"] == "2025-01-10"
        assert [i["id"] for i in shown["interactions"]] == [ix["id"]]
        assert [p["name"] for p in shown["interactions"][0]["people"]] == [
            "Ana Almeida", "Chloé Chen",
        ]  # fmt: skip
    assert [f["id"] for f in cli.json("show", str(ana))["follow_ups"]] == [fu["id"]]
    assert cli.json("show", str(chloe))["follow_ups"] == []


def test_log_json_names_the_people_it_logged(cli, people) -> None:
    out = cli.json("log", "Ana Almeida", "Bo Becker", "--date", "2025-01-10")
    assert [p["name"] for p in out["interaction"]["people"]] == ["Ana Almeida", "Bo Becker"]


def test_log_restarts_the_cadence_from_the_interaction(cli, people) -> None:
    before = cli.json("show", "Ana Almeida")
    assert before["checkin_due_on"] == "2024-04-01"  # 91 days after she was added
    cli("log", "Ana Almeida", "--date", "2025-01-10")
    assert cli.json("show", "Ana Almeida")["checkin_due_on"] == "2025-04-11"
    cli("log", "Ana Almeida", "--date", "2024-12-01")  # an older one does not move it back
    after = cli.json("show", "Ana Almeida")
    assert (after["last_interaction_on"], after["checkin_due_on"]) == ("2025-01-10", "2025-04-11")
    assert [i["date"] for i in after["interactions"]] == ["2025-01-10", "2024-12-01"]


@pytest.mark.parametrize(
    ("words", "days_back"),
    [("3 days ago", 3), ("yesterday", 1), ("today", 0), ("2 weeks ago", 14), ("1 week ago", 7)],
)
def test_log_accepts_relative_dates_counted_from_today(
    cli, people, words: str, days_back: int
) -> None:
    out = cli.json("log", "Bo Becker", "--date", words)
    assert out["interaction"]["date"] == (date.today() - timedelta(days=days_back)).isoformat()


def test_log_defaults_to_today_other_channel_initiated_by_me(cli, people) -> None:
    ix = cli.json("log", "3")["interaction"]
    assert (ix["date"], ix["channel"], ix["initiated_by"]) == (
        date.today().isoformat(), "other", "me",
    )  # fmt: skip
    assert (ix["summary"], ix["topics"], ix["favours"]) == (None, [], [])


def test_log_follow_up_accepts_words(cli, people) -> None:
    out = cli.json("log", "Bo Becker", "--follow-up", "in 2 weeks")
    assert out["follow_up"]["due_on"] == (date.today() + timedelta(days=14)).isoformat()
    assert out["follow_up"]["action"] is None


def test_log_a_favour_whose_first_word_is_not_a_kind_is_help(cli, people) -> None:
    ix = cli.json("log", "Bo Becker", "--gave", "read his CV")["interaction"]
    assert [(f["kind"], f["note"]) for f in ix["favours"]] == [("help", "read his CV")]


def test_log_the_same_person_twice_counts_once(cli, people) -> None:
    ix = cli.json("log", "Bo Becker", "3", "bo becker")["interaction"]
    assert [p["id"] for p in ix["people"]] == [3]


def test_log_text_output_names_the_interaction_and_follow_up(cli, people) -> None:
    out = cli("log", "Bo Becker", "--date", "2025-01-10", "--channel", "call",
              "--follow-up", "2025-02-01").stdout  # fmt: skip
    assert out.strip() == "Logged #1: call on 2025-01-10; follow-up [1] due 2025-02-01"


@pytest.mark.parametrize(
    ("args", "field", "value"),
    [
        (["--channel", "pigeon"], "channel", "pigeon"),
        (["--by", "boss"], "by", "boss"),
        (["--date", "32 frobs ago"], "date", "32 frobs ago"),
        (["--date", "2025-13-01"], "date", "2025-13-01"),
        (["--follow-up", "someday"], "follow-up", "someday"),
        (["--action", "call her"], "follow-up", "a date for the follow-up action"),
    ],
)
def test_log_refuses_bad_values_and_writes_nothing(
    cli, people, args: list[str], field: str, value: str
) -> None:
    before = cli.snapshot()
    line = cli.fail("log", "Ana Almeida", "Bo Becker", *args)
    assert f"{field}:" in line and value in line
    assert cli.snapshot() == before


def test_log_with_one_unknown_person_logs_nothing_for_the_others(cli, people) -> None:
    before = cli.snapshot()
    line = cli.fail("log", "Ana Almeida", "Nobody Here", "--follow-up", "tomorrow")
    assert "Nobody Here" in line
    assert cli.snapshot() == before
