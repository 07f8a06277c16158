"""post add / list and headline check."""

from __future__ import annotations

HEADLINE = "Data Engineer | helping teams trust their numbers"


def test_post_add_logs_an_interaction_for_each_person_who_engaged(cli) -> None:
    cli.add("Ana Lima")
    post = cli.json("post", "add", "--where", "talk", "--topic", "networking for introverts",
                    "--url", "https://example.org/talk", "--date", "2026-02-01",
                    "--engaged", "Ana Lima")  # fmt: skip
    assert set(post) == {"id", "date", "where", "topic", "url", "engaged"}
    assert post["engaged"] == [{"id": 1, "name": "Ana Lima"}]
    [ix] = cli.json("show", "Ana Lima")["interactions"]
    assert (ix["channel"], ix["initiated_by"], ix["summary"]) == (
        "social-comment",
        "them",
        "engaged with your post on networking for introverts",
    )
    assert cli.json("post", "list") == [post]
    assert "networking for introverts" in cli("post", "list").stdout


def test_a_bad_post_is_refused_and_changes_nothing(cli) -> None:
    cli.add("Ana Lima")
    before = cli.snapshot()
    assert cli.fail("post", "add", "--where", "tiktok", "--topic", "x").startswith(
        "error: where: 'tiktok' is not one of: linkedin, blog"
    )
    assert "url" in cli.fail("post", "add", "--where", "blog", "--topic", "x", "--url", "nope")
    assert "Nobody" in cli.fail("post", "add", "--where", "blog", "--topic", "x",
                                "--engaged", "Ana Lima", "--engaged", "Nobody")  # fmt: skip
    assert cli.json("post", "list") == []
    assert cli.snapshot() == before


def test_headline_check_at_220_characters_is_fine_and_221_warns(cli) -> None:
    at_limit = HEADLINE + " " + "x" * (220 - len(HEADLINE) - 1)
    ok = cli.json("headline", "check", at_limit)
    assert (ok["length"], ok["ok"], ok["warnings"]) == (220, True, [])
    over = cli.json("headline", "check", at_limit + "y")
    assert over["length"] == 221 and not over["ok"]
    assert over["warnings"] == ["221 characters: 1 over LinkedIn's 220; the end will be cut off"]
    assert "warning: 221 characters" in cli("headline", "check", at_limit + "y").stdout


def test_headline_check_reports_what_it_found_and_what_is_missing(cli) -> None:
    report = cli.json("headline", "check", HEADLINE)
    assert set(report) == {"text", "length", "limit", "ok", "expertise", "goal", "warnings"}
    assert (report["expertise"], report["goal"]) == (["data", "engineer"], ["helping"])
    out = cli("headline", "check", "Just me, hello").stdout
    assert "warning: no expertise" in out and "warning: no goal" in out
    assert "headline: the headline is empty" in cli.fail("headline", "check", "  ")
