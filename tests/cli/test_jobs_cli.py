"""target, questions, interview, opportunity."""

from __future__ import annotations

OPP_KEYS = {"id", "organization_id", "organization", "role", "source", "stage", "via_id", "via",
            "next_step", "next_step_on", "reminder_id", "reminder_person_id", "reminder_person",
            "created_on", "updated_on", "moved_backwards_from"}  # fmt: skip


def test_target_list_shows_who_you_know_there_and_who_knows_someone(cli) -> None:
    cli.add("Ana Lima", "--company", "Acme", "--closeness", "3")
    cli("target", "add", "ACME", "--why", "design team", "--industry", "software")
    [target] = cli.json("target", "list")
    assert set(target) == {"id", "name", "industry", "why", "is_target", "people", "paths"}
    assert (target["name"], target["why"], target["industry"]) == ("Acme", "design team",
                                                                   "software")  # fmt: skip
    assert [p["name"] for p in target["people"]] == ["Ana Lima"]
    assert target["paths"] == []
    text = cli("target", "list").stdout
    assert "you know #1 Ana Lima" in text and "design team" in text


def test_target_remove_and_a_missing_target(cli) -> None:
    cli("target", "add", "Initech")
    assert "no warm path yet" in cli("target", "list").stdout
    cli("target", "remove", "initech")
    assert cli.json("target", "list") == []
    assert cli.fail("target", "remove", "Initech") == "error: Initech is not a target company"


def test_questions_add_remove_and_a_bad_number_leaves_the_list(cli) -> None:
    first = cli.json("questions")
    assert "Who else should I talk to?" in first
    out = cli("questions").stdout
    assert 'goal add "informational interviews" --per month --target 3' in out
    cli("questions", "--add", "What surprised you?")
    before = cli.json("questions")
    assert before[-1] == "What surprised you?"
    assert "remove: 99 is not between 1" in cli.fail("questions", "--remove", "99")
    assert cli.json("questions") == before


def test_interview_logs_the_channel_and_prints_the_questions(cli) -> None:
    cli.add("Ana Lima")
    out = cli("interview", "ana lima", "--summary", "team plans", "--topic", "hiring").stdout
    assert "informational interview with Ana Lima" in out
    assert "Who else should I talk to?" in out
    [ix] = cli.json("show", "ana lima")["interactions"]
    assert (ix["channel"], ix["summary"], ix["topics"]) == ("informational-interview",
                                                             "team plans", ["hiring"])  # fmt: skip


def test_an_opportunity_next_step_shows_on_today_with_its_reason(cli) -> None:
    cli.add("Ana Lima", "--company", "Acme")
    opp = cli.json("opportunity", "add", "Acme", "Designer", "--source", "referral", "--via",
                   "Ana Lima", "--next", "send portfolio", "--next-date", "2026-03-02",
                   "--date", "2026-03-01")  # fmt: skip
    assert set(opp) == OPP_KEYS
    assert (opp["stage"], opp["reminder_person"]) == ("idea", "Ana Lima")
    today = cli.json("today", "--date", "2026-03-03")
    assert [(i["kind"], i["reason"]) for i in today["items"]] == [
        ("next-step", "next step 1 day overdue: send portfolio (Designer at Acme)")
    ]


def test_opportunity_move_accepts_reached_out_and_says_when_it_goes_back(cli) -> None:
    oid = str(cli.json("opportunity", "add", "Acme", "PM")["id"])
    assert cli.json("opportunity", "move", oid, "reached out")["stage"] == "reached-out"
    cli("opportunity", "move", oid, "interview")
    out = cli("opportunity", "move", oid, "talked").stdout
    assert "Note: moved back from interview to talked." in out
    assert cli.json("opportunity", "show", oid)["stage"] == "talked"
    assert cli.json("opportunity", "list", "--stage", "talked")[0]["id"] == int(oid)


def test_a_bad_stage_is_refused_and_changes_nothing(cli) -> None:
    oid = str(cli.json("opportunity", "add", "Acme", "PM")["id"])
    before = cli.json("opportunity", "list")
    err = cli.fail("opportunity", "move", oid, "hired")
    assert err.startswith("error: stage: 'hired' is not one of: idea, reached-out")
    assert cli.fail("opportunity", "move", "99", "talked") == "error: no opportunity with id 99"
    assert cli.json("opportunity", "list") == before


def test_a_next_step_with_nobody_there_is_listed_without_a_reminder(cli) -> None:
    cli("opportunity", "add", "Initech", "PM", "--next", "find a contact")
    [opp] = cli.json("opportunity", "list")
    assert (opp["next_step"], opp["reminder_id"]) == ("find a contact", None)
    assert "no reminder" in cli("opportunity", "list").stdout
    assert "nobody you know at the company" in cli("opportunity", "show", str(opp["id"])).stdout


def test_bad_opportunity_input_writes_nothing(cli) -> None:
    assert "source" in cli.fail("opportunity", "add", "Acme", "PM", "--source", "agency")
    assert "next-date needs --next" in cli.fail("opportunity", "add", "Acme", "PM",
                                                "--next-date", "tomorrow")  # fmt: skip
    assert cli.fail("opportunity", "add", "Acme", "PM", "--via", "Nobody") == (
        "error: no person matches 'Nobody'"
    )
    assert cli.json("opportunity", "list") == []
