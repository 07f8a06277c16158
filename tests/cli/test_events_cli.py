from typing import Any


def test_event_add_met_show_and_list(cli: Any) -> None:
    ev = cli.json(
        "event",
        "add",
        "PyCon Lisboa",
        "--date",
        "2026-12-31",
        "--kind",
        "conference",
        "--location",
        "Lisbon",
        "--goal",
        "introduce myself to two people",
    )
    assert (ev["id"], ev["goal_target"], ev["kind"]) == (1, 2, "conference")
    got = cli.json(
        "event",
        "met",
        "pycon",
        "Cy Dias",
        "--email",
        "cy@example.com",
        "--company",
        "Acme",
        "--tag",
        "python",
        "--date",
        "2027-01-01",
    )
    assert (got["is_new"], got["follow_up_due"]) == (True, "2027-01-02")
    cli("add", "Ana Lima")
    again = cli.json("event", "met", "1", "ana lima", "--date", "2027-01-04")
    assert (again["is_new"], again["follow_up_due"]) == (False, "2027-01-04")
    person = cli.json("show", "Cy Dias")
    assert sorted(person["tags"]) == ["met at PyCon Lisboa", "python"]
    shown = cli.json("event", "show", "PYCON lisboa")
    assert shown["goal_line"] == "introduce myself to two people: 2 met ✓"
    assert shown["goal_met"] is True and [p["name"] for p in shown["people"]] == [
        "Ana Lima",
        "Cy Dias",
    ]
    text = cli("event", "show", "1").stdout
    assert "2 met ✓" in text and "Retrospective: 0 of 2 became a tie" in text
    assert [e["people_met"] for e in cli.json("event", "list")] == [2]
    assert "PyCon Lisboa" in cli("event", "list").stdout


def test_the_event_follow_up_is_on_today_with_its_reason(cli: Any) -> None:
    cli("event", "add", "Meetup", "--date", "2026-12-31")
    cli("event", "met", "Meetup", "Cy Dias", "--date", "2026-12-31")
    items = cli.json("today", "--date", "2027-01-01")["items"]  # from the day after the event
    assert [(i["kind"], i["reason"]) for i in items] == [
        ("event-follow-up", "met at Meetup yesterday; follow up by Saturday")
    ]


def test_bad_event_input_is_one_clear_line_and_changes_nothing(cli: Any) -> None:
    cli("event", "add", "Café", "--date", "2026-11-01")
    cli("event", "add", "Café", "--date", "2026-12-01")
    before = cli.json("event", "list")
    assert "kind" in cli.fail("event", "add", "X", "--date", "2026-12-01", "--kind", "party")
    assert "date" in cli.fail("event", "add", "X", "--date", "someday")
    assert "matches 2 events: #1 Café (2026-11-01); #2 Café" in cli.fail("event", "show", "cafe")
    assert "no event" in cli.fail("event", "met", "Nope", "Ana")
    assert "email" in cli.fail("event", "met", "1", "Ana", "--email", "bad", "--date", "2026-12-02")
    assert cli.json("event", "list") == before
    assert cli.json("list") == []
