"""Issue 10: `follow-ups` lists every open follow-up (Today's "N more did not fit" must lead
somewhere), and a search hit on an interaction names its people and date and leads to
`interaction show ID`."""

from __future__ import annotations

FOLLOW_UPS_KEYS = {"id", "person_id", "person", "kind", "due_on", "action", "reason",
                   "overdue_days"}  # fmt: skip


def _network(cli) -> None:  # type: ignore[no-untyped-def]
    cli.add("Ana Lima")
    cli.add("Bo Chen")
    for n in range(5):  # more than Today's 15 minutes hold
        cli("follow-up", "Ana Lima", f"2026-11-2{n}", "--action", f"send part {n}")
    cli("follow-up", "Bo Chen", "2026-12-20", "--action", "book the lunch")


def test_follow_ups_lists_every_due_one_even_those_today_had_no_room_for(cli) -> None:  # type: ignore[no-untyped-def]
    _network(cli)
    today = cli.json("today", "--date", "2026-11-26")
    assert today["left_out_by_kind"] == {"follow-up": 2}
    due = cli.json("follow-ups", "--date", "2026-11-26")
    assert all(set(f) == FOLLOW_UPS_KEYS for f in due)
    assert [(f["due_on"], f["overdue_days"]) for f in due] == [
        ("2026-11-20", 6), ("2026-11-21", 5), ("2026-11-22", 4), ("2026-11-23", 3),
        ("2026-11-24", 2),
    ]  # fmt: skip
    assert due[0]["reason"] == "follow-up 6 days overdue: send part 0"
    every = cli.json("follow-ups", "--all", "--date", "2026-11-26")
    assert [f["person"] for f in every] == ["Ana Lima"] * 5 + ["Bo Chen"]
    assert every[-1]["reason"] == "follow-up due in 24 days: book the lunch"
    out = cli("follow-ups", "--date", "2026-11-26").stdout
    assert "5 follow-ups due" in out and "send part 4" in out and "book the lunch" not in out


def test_follow_ups_says_so_when_there_are_none(cli) -> None:  # type: ignore[no-untyped-def]
    assert "all caught up" in cli("follow-ups").stdout
    assert cli.json("follow-ups", "--all") == []


def test_a_search_hit_on_an_interaction_names_its_people_and_date(cli) -> None:  # type: ignore[no-untyped-def]
    ana, bo = cli.add("Ana Lima"), cli.add("Bo Chen")
    cli("log", "Ana Lima", "Bo Chen", "--date", "2026-11-20", "--channel", "coffee",
        "--topic", "kayaking", "--summary", "Weekend plans")  # fmt: skip
    [hit] = cli.json("search", "kayak")
    assert hit == {
        "kind": "interaction", "id": 1, "title": "Weekend plans", "date": "2026-11-20",
        "people": [{"id": ana, "name": "Ana Lima"}, {"id": bo, "name": "Bo Chen"}],
    }  # fmt: skip
    out = cli("search", "kayak").stdout
    assert "Weekend plans (2026-11-20, with Ana Lima, Bo Chen)" in out
    assert "tiekeeper interaction show ID" in out
    person = cli.json("search", "ana")[0]  # then the interaction she is in
    assert person == {"kind": "person", "id": ana, "title": "Ana Lima", "date": None, "people": []}


def test_interaction_show_gives_people_date_channel_topics_favours_and_follow_up(cli) -> None:  # type: ignore[no-untyped-def]
    ana, bo = cli.add("Ana Lima"), cli.add("Bo Chen")
    cli("log", "Ana Lima", "Bo Chen", "--date", "2026-11-20", "--channel", "coffee",
        "--topic", "career change", "--summary", "Her move to product",
        "--gave", "introduction to Cy", "--follow-up", "2026-11-27",
        "--action", "send the article")  # fmt: skip
    out = cli("interaction", "show", "1").stdout.splitlines()
    assert out == [
        "#1 coffee on 2026-11-20 (started by me)",
        f"with #{ana} Ana Lima, #{bo} Bo Chen",
        "summary: Her move to product",
        "topics: career change",
        "favour: gave introduction to Cy (Ana Lima, Bo Chen)",
        "follow-up [1] due 2026-11-27: send the article (open)",
    ]
    data = cli.json("interaction", "show", "1")
    assert data["people"] == [{"id": ana, "name": "Ana Lima"}, {"id": bo, "name": "Bo Chen"}]
    assert [f["action"] for f in data["follow_ups"]] == ["send the article"]
    assert data["channel"] == "coffee" and data["topics"] == ["career change"]


def test_interaction_show_of_an_unknown_id_is_one_clear_line(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli.fail("interaction", "show", "42") == "error: no interaction with id 42"
