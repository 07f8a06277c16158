"""add, edit, show, list through the real command line, and how a PERSON argument is resolved."""

from __future__ import annotations

import pytest

PERSON_KEYS = {
    "id", "name", "emails", "phones", "links", "linkedin", "company", "position", "industry",
    "function", "seniority", "location", "generation", "tags", "type", "closeness", "how_met",
    "introduced_by_id", "interests", "working_on", "how_to_help", "needs", "notes", "birthday",
    "started_on", "connected_on", "cadence_days", "last_interaction_on", "checkin_due_on",
    "addresses", "card_properties",
}  # fmt: skip
SHOW_KEYS = PERSON_KEYS | {
    "introduced_by", "effective_cadence_days", "next_birthday", "interactions", "follow_ups",
}  # fmt: skip

EVERY_OPTION = [
    "--email", "Ana@Nimbus.io", "--email", "ana.home@example.com",
    "--phone", "+351 210 000 000", "--company", "Nimbus Labs", "--position", "CTO",
    "--industry", "Technology", "--function", "Engineering", "--seniority", "vp",
    "--location", "Lisbon", "--generation", "Millennial", "--tag", "mentor", "--tag", "alumni",
    "--type", "Strategic", "--closeness", "4", "--birthday", "1980-02-29",
    "--started", "2020-03-01", "--connected", "2019-05-05", "--cadence", "45d",
    "--how-met", "PyCon panel", "--linkedin", "linkedin.com/in/ana-almeida",
    "--interests", "sailing", "--working-on", "an AI launch", "--how-to-help", "intro to VCs",
    "--needs", "a designer", "--note", "prefers tea", "--date", "2024-06-01",
]  # fmt: skip


def test_add_stores_every_option_and_show_json_returns_it(cli) -> None:
    bo = cli.add("Bo Becker", "--email", "bo@example.com")
    added = cli.json("add", "Ana Almeida", *EVERY_OPTION, "--introduced-by", "bo@example.com")
    assert set(added) == PERSON_KEYS
    shown = cli.json("show", str(added["id"]), "--date", "2025-01-01")
    assert set(shown) == SHOW_KEYS
    expected = {
        "name": "Ana Almeida",
        "emails": ["ana@nimbus.io", "ana.home@example.com"],  # e-mails are stored lower-case
        "phones": ["+351 210 000 000"],
        "links": [],
        "linkedin": "https://linkedin.com/in/ana-almeida",  # a bare linkedin.com gets https://
        "company": "Nimbus Labs",
        "position": "CTO",
        "industry": "Technology",
        "function": "Engineering",
        "seniority": "vp",
        "location": "Lisbon",
        "generation": "Millennial",
        "tags": ["alumni", "mentor"],  # tags come back sorted
        "type": "strategic",
        "closeness": 4,
        "how_met": "PyCon panel",
        "introduced_by_id": bo,
        "interests": "sailing",
        "working_on": "an AI launch",
        "how_to_help": "intro to VCs",
        "needs": "a designer",
        "notes": "prefers tea",
        "birthday": "1980-02-29",
        "started_on": "2020-03-01",
        "connected_on": "2019-05-05",
        "cadence_days": 45,
        "last_interaction_on": None,
        # no interaction yet: the cadence counts from the day you connected
        "checkin_due_on": "2019-06-19",
        "introduced_by": "Bo Becker",
        "effective_cadence_days": 45,
        "next_birthday": "2025-02-28",  # Feb 29 birthday, 2025 is not a leap year
        "interactions": [],
        "follow_ups": [],
    }
    assert {k: shown[k] for k in expected} == expected
    same = PERSON_KEYS - {"checkin_due_on", "tags"}
    assert {k: added[k] for k in same} == {k: shown[k] for k in same}
    assert sorted(added["tags"]) == shown["tags"]


def test_add_json_reports_the_check_in_day_that_was_stored(cli) -> None:
    added = cli.json("add", "Ana", "--cadence", "monthly", "--connected", "2024-01-01")
    assert added["checkin_due_on"] == "2024-01-31"
    assert cli.json("show", "Ana")["checkin_due_on"] == "2024-01-31"


def test_edit_json_reports_the_check_in_day_after_the_change(cli) -> None:
    cli.add("Ana", "--cadence", "monthly", "--connected", "2024-01-01")
    edited = cli.json("edit", "Ana", "--cadence", "off")
    assert cli.json("show", "Ana")["checkin_due_on"] is None
    assert edited["checkin_due_on"] is None


def test_add_prints_the_new_id_and_name(cli) -> None:
    out = cli("add", "Ana Almeida").stdout
    assert out.strip() == "Added #1 Ana Almeida"


def test_show_text_lists_fields_cadence_follow_ups_and_interactions(cli) -> None:
    cli.add("Ana Almeida", "--company", "Nimbus Labs", "--cadence", "quarterly",
            "--birthday", "02-29")  # fmt: skip
    cli("log", "Ana Almeida", "--date", "2025-01-10", "--channel", "coffee",
        "--topic", "career change", "--summary", "her move to product",
        "--follow-up", "2025-01-20", "--action", "send the article")  # fmt: skip
    out = cli("show", "ana almeida").stdout
    assert "#1 Ana Almeida" in out
    assert "Nimbus Labs" in out
    assert "--02-29" in out  # birthday without a year
    assert "quarterly, next check-in 2025-04-11" in out
    assert "[1] 2025-01-20 send the article" in out
    assert "2025-01-10 coffee (me) her move to product [topics: career change]" in out


def test_edit_changes_only_the_given_fields_and_lists_add_up(cli) -> None:
    pid = cli.add("Ana Almeida", *EVERY_OPTION)
    before = cli.json("show", str(pid))
    edited = cli.json(
        "edit", "Ana Almeida", "--name", "Ana B. Almeida", "--email", "ana@work.example",
        "--phone", "+1 555", "--tag", "investor", "--untag", "MENTOR", "--position", "CEO",
        "--type", "personal", "--closeness", "5", "--birthday", "07-14", "--note", "coffee only",
    )  # fmt: skip
    assert edited["name"] == "Ana B. Almeida"
    assert edited["emails"] == [*before["emails"], "ana@work.example"]
    assert edited["phones"] == [*before["phones"], "+1 555"]
    assert edited["tags"] == ["alumni", "investor"]  # --untag is case-insensitive
    assert (edited["position"], edited["type"], edited["closeness"]) == ("CEO", "personal", 5)
    assert edited["birthday"] == "--07-14"
    assert edited["notes"] == "coffee only"
    after = cli.json("show", str(pid))
    untouched = PERSON_KEYS - {"name", "emails", "phones", "tags", "position", "type",
                               "closeness", "birthday", "notes"}  # fmt: skip
    assert {k: after[k] for k in untouched} == {k: before[k] for k in untouched}


def test_edit_every_remaining_option(cli) -> None:
    cli.add("Bo Becker")
    cli.add("Ana")
    edited = cli.json(
        "edit", "Ana", "--company", "Quantix", "--industry", "Finance", "--function", "Sales",
        "--seniority", "lead", "--location", "Berlin", "--generation", "Gen Z",
        "--started", "2023-02-01", "--connected", "2022-01-01", "--cadence", "weekly",
        "--how-met", "meetup", "--introduced-by", "Bo Becker",
        "--linkedin", "https://www.linkedin.com/in/ana", "--interests", "chess",
        "--working-on", "a book", "--how-to-help", "proofread", "--needs", "an editor",
        "--date", "2024-01-01",
    )  # fmt: skip
    assert {k: edited[k] for k in (
        "company", "industry", "function", "seniority", "location", "generation", "started_on",
        "connected_on", "cadence_days", "how_met", "introduced_by_id", "linkedin", "interests",
        "working_on", "how_to_help", "needs",
    )} == {
        "company": "Quantix", "industry": "Finance", "function": "Sales", "seniority": "lead",
        "location": "Berlin", "generation": "Gen Z", "started_on": "2023-02-01",
        "connected_on": "2022-01-01", "cadence_days": 7, "how_met": "meetup",
        "introduced_by_id": 1, "linkedin": "https://www.linkedin.com/in/ana",
        "interests": "chess", "working_on": "a book", "how_to_help": "proofread",
        "needs": "an editor",
    }  # fmt: skip
    assert cli("edit", "Ana", "--company", "Brightloop").stdout.strip() == "Updated #2 Ana"


def test_edit_with_an_empty_value_clears_the_field(cli) -> None:
    cli.add("Ana", "--birthday", "03-04", "--cadence", "monthly", "--company", "Quantix")
    edited = cli.json("edit", "Ana", "--birthday", "", "--cadence", "off", "--company", "")
    assert (edited["birthday"], edited["cadence_days"], edited["company"]) == (None, None, None)


def test_a_person_cannot_introduce_themselves(cli) -> None:
    cli.add("Ana")
    line = cli.fail("edit", "Ana", "--introduced-by", "Ana")
    assert "introduced-by" in line


def test_an_email_belongs_to_one_person_only(cli) -> None:
    cli.add("Ana", "--email", "ana@example.com")
    before = cli.snapshot()
    assert "ana@example.com" in cli.fail("add", "Bo", "--email", "ANA@example.com")
    cli.add("Bo")
    assert "ana@example.com" in cli.fail("edit", "Bo", "--email", "ana@example.com")
    assert cli.json("show", "Bo")["emails"] == []
    assert len(before["list"]) == 1


def test_list_filters_by_tag_company_type_and_overdue_and_limits(cli) -> None:
    cli.add("Ana", "--tag", "mentor", "--company", "Nimbus Labs", "--type", "strategic",
            "--cadence", "monthly", "--date", "2025-01-01")  # fmt: skip
    cli.add("Bo", "--tag", "client", "--company", "Quantix", "--type", "operational",
            "--cadence", "yearly", "--date", "2025-01-01")  # fmt: skip
    cli.add("Chloé", "--tag", "mentor", "--company", "Quantix", "--type", "personal")

    def names(*args: str) -> list[str]:
        return [p["name"] for p in cli.json("list", *args)]

    assert names() == ["Ana", "Bo", "Chloé"]
    assert names("--tag", "mentor") == ["Ana", "Chloé"]
    assert names("--company", "quantix") == ["Bo", "Chloé"]
    assert names("--type", "operational") == ["Bo"]
    assert names("--tag", "mentor", "--company", "Quantix") == ["Chloé"]
    assert names("--overdue", "--date", "2025-02-15") == ["Ana"]  # due 2025-01-31
    assert names("--overdue", "--date", "2025-01-30") == []
    assert names("--overdue", "--date", "2026-01-01") == ["Ana", "Bo"]
    assert names("--no-overdue", "--date", "2025-01-30") == ["Ana", "Bo", "Chloé"]
    assert names("--limit", "2") == ["Ana", "Bo"]


def test_list_text_shows_a_table_with_the_count(cli) -> None:
    cli.add("Ana", "--company", "Nimbus Labs", "--tag", "mentor")
    out = cli("list").stdout
    assert "1 people" in out
    assert "Nimbus Labs" in out and "mentor" in out


# --- PERSON resolution ---------------------------------------------------------------------


@pytest.fixture
def two_people(cli):  # type: ignore[no-untyped-def]
    ana = cli.add("José Núñez", "--email", "jose@acme.example", "--company", "Acme")
    bo = cli.add("Bo Becker", "--email", "bo@example.com")
    return ana, bo


@pytest.mark.parametrize(
    "ref", ["1", "jose@acme.example", "JOSE@ACME.EXAMPLE", "José Núñez", "jose nunez",
            "  JOSÉ   núñez ", "JOSE NUNEZ"],
)  # fmt: skip
def test_person_is_found_by_id_email_or_accent_and_case_insensitive_name(
    cli, two_people, ref: str
) -> None:
    assert cli.json("show", ref)["name"] == "José Núñez"


def test_a_name_shared_by_several_people_is_an_error_listing_the_candidates(
    cli, two_people
) -> None:
    cli.add("Jose Nunez", "--email", "jose@other.example")
    before = cli.snapshot()
    for args in (["show", "jose nunez"], ["edit", "JOSÉ NÚÑEZ", "--company", "X"],
                 ["log", "Bo Becker", "jose nunez"], ["follow-up", "jose nunez", "tomorrow"],
                 ["cadence", "José Núñez", "weekly"]):  # fmt: skip
        result = cli.run(*args)
        assert result.exit_code == 1, args
        line = cli.fail(*args)
        assert "matches 2 people" in line
        assert "#1 José Núñez, Acme, jose@acme.example" in line
        assert "#3 Jose Nunez, jose@other.example" in line
        assert "#2" not in line
    assert cli.snapshot() == before


@pytest.mark.parametrize("ref", ["Nobody", "99", "nobody@example.com", "Josefa"])
def test_an_unknown_person_is_an_error_naming_the_value(cli, two_people, ref: str) -> None:
    line = cli.fail("show", ref)
    assert line.startswith("error: ")
    assert ref in line


def test_a_first_name_or_a_prefix_finds_the_one_person_it_names(cli, two_people) -> None:  # type: ignore[no-untyped-def]
    """Issue 10: "José" found nobody while only José Núñez has that first name."""
    ana, bo = two_people
    assert cli.json("show", "José")["id"] == ana and cli.json("show", "becker")["id"] == bo


def test_an_id_wins_over_a_name_and_an_email_is_exact(cli) -> None:
    cli.add("Ana", "--email", "ana@example.com")
    cli.add("Bo")
    assert cli.json("show", "2")["name"] == "Bo"
    cli.fail("show", "ana@example")
