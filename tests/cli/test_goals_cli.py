from typing import Any


def test_goal_add_list_and_remove(cli: Any) -> None:
    g = cli.json(
        "goal",
        "add",
        "informational interviews",
        "--per",
        "month",
        "--target",
        "3",
        "--channel",
        "informational-interview",
        "--date",
        "2027-01-05",
    )
    assert (g["metric"], g["channel"]) == ("interactions", "informational-interview")
    post = cli.json(
        "goal", "add", "one post a week", "--per", "week", "--target", "1", "--metric", "posts"
    )
    assert post["metric"] == "posts"
    cli("add", "Ana")
    cli("log", "Ana", "--channel", "informational-interview", "--date", "2027-01-05")
    listed = cli.json("goal", "list", "--date", "2027-01-06")
    assert [(x["title"], x["count"], x["period_start"]) for x in listed] == [
        ("informational interviews", 1, "2027-01-01"),
        ("one post a week", 0, "2027-01-04"),
    ]
    assert (
        "informational interviews: 1/3 per month"
        in cli("goal", "list", "--date", "2027-01-06").stdout
    )
    cli("goal", "remove", str(post["id"]))
    assert len(cli.json("goal", "list")) == 1


def test_bad_goals_are_one_clear_line_and_change_nothing(cli: Any) -> None:
    cli("goal", "add", "coffee", "--per", "week", "--target", "1")
    before = cli.json("goal", "list", "--date", "2027-01-06")
    assert "per" in cli.fail("goal", "add", "x", "--per", "year", "--target", "1")
    assert "target" in cli.fail("goal", "add", "x", "--per", "week", "--target", "0")
    assert "channel" in cli.fail(
        "goal", "add", "x", "--per", "week", "--target", "1", "--channel", "pigeon"
    )
    assert "no goal" in cli.fail("goal", "remove", "99")
    assert cli.json("goal", "list", "--date", "2027-01-06") == before


def test_review_help_someone_and_introduce(cli: Any) -> None:
    cli("add", "Ana", "--needs", "looking for a designer")
    cli("add", "Bo", "--position", "designer", "--company", "Zeta")
    h = cli.json("help-someone", "--date", "2027-01-04")
    assert (h["person"], h["introduce_to"]) == ("Ana", "Bo")
    assert "Help #1 Ana" in cli("help-someone", "--date", "2027-01-05").stdout
    intro = cli.json("introduce", "Ana", "Bo", "--note", "design", "--date", "2027-01-05")
    assert [p["name"] for p in intro["people"]] == ["Ana", "Bo"]
    r = cli.json("review", "--week", "2027-01-06", "--date", "2027-01-10")
    assert (r["week_start"], r["week_end"]) == ("2027-01-04", "2027-01-10")
    assert {t["person"] for t in r["strengthened"]} == {"Ana", "Bo"}
    assert r["help"]["person"] == "Ana"
    text = cli("review", "--week", "2027-01-06", "--date", "2027-01-10").stdout
    assert "Who can I help this week? Ana" in text
    assert "two different" in cli.fail("introduce", "Ana", "1")
    assert cli.json("help-someone", "--date", "2027-01-10")["person"] == "Ana"  # the week's pick
    assert cli.json("help-someone", "--date", "2027-01-12") is None  # not two weeks running
    assert cli.json("help-someone", "--date", "2027-01-18")["person"] == "Ana"  # 14 days later


def test_help_someone_with_no_needs_says_how_to_record_them(cli: Any) -> None:
    assert cli.json("help-someone") is None
    assert "--needs" in cli("help-someone").stdout
