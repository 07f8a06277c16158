"""draft and template list / set / reset."""

from __future__ import annotations

DAY = "2026-03-10"


def test_draft_gives_a_message_for_each_today_item_and_never_sends(cli) -> None:
    cli.add("Bea Lopez", "--birthday", "03-10")
    cli.add("Ana Lima")
    cli("follow-up", "Ana Lima", "2026-03-09", "--action", "send the deck")
    drafts = cli.json("draft", "--date", DAY)
    assert [(d["item"], d["person"], d["template"]) for d in drafts] == [
        (1, "Ana Lima", "follow-up"),
        (2, "Bea Lopez", "birthday"),
    ]
    assert set(drafts[0]) == {"item", "kind", "person_id", "person", "reason", "reminder_id",
                              "template", "text"}  # fmt: skip
    assert "As promised, I am sending you the deck." in drafts[0]["text"]
    assert "send the deck" not in drafts[0]["text"]  # the note to self is not pasted
    out = cli("draft", "2", "--date", DAY).stdout
    assert "Happy birthday, Bea!" in out and "Ana" not in out
    assert "never sends anything" in out
    assert "never sends anything" in cli("draft", "--help").stdout


def test_draft_of_an_item_that_is_not_on_today_is_refused(cli) -> None:
    assert cli.fail("draft", "1", "--date", DAY) == (
        "error: N: today has 0 item(s); 1 is not one of them"
    )


def test_template_set_is_used_and_reset_brings_back_the_default(cli) -> None:
    cli.add("Bea Lopez", "--birthday", "03-10")
    cli("template", "set", "birthday", "Feliz cumpleaños, {first_name}!")
    assert cli.json("draft", "--date", DAY)[0]["text"] == "Feliz cumpleaños, Bea!"
    listed = {t["kind"]: t for t in cli.json("template", "list")}
    assert listed["birthday"] == {"kind": "birthday", "text": "Feliz cumpleaños, {first_name}!",
                                  "custom": True}  # fmt: skip
    cli("template", "reset", "birthday")
    assert not any(t["custom"] for t in cli.json("template", "list"))


def test_a_template_with_an_unknown_placeholder_is_refused_naming_it(cli) -> None:
    before = cli.json("template", "list")
    err = cli.fail("template", "set", "birthday", "Happy {age}th!")
    assert err.startswith("error: template: unknown placeholder {age}; use {first_name}")
    assert "kind" in cli.fail("template", "set", "valentine", "Hi")
    assert cli.json("template", "list") == before
