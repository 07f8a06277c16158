import pytest

from tiekeeper.domain.drafts import (
    DEFAULT_TEMPLATES,
    PLACEHOLDERS,
    DraftFacts,
    check_template,
    parse_template_kind,
    render,
    template_for,
    templates,
)
from tiekeeper.domain.errors import InvalidInput


def test_every_default_template_uses_only_known_placeholders() -> None:
    for text in DEFAULT_TEMPLATES.values():
        assert check_template(text) == text


def test_an_unknown_placeholder_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as err:
        check_template("Hi {first_name}, happy {birthday_age}!")
    assert err.value.field == "template"
    assert err.value.value == "{birthday_age}"
    assert "unknown placeholder {birthday_age}" in str(err.value)


@pytest.mark.parametrize("text", ["Hi {first_name", "Hi }", "{first_name!r}", "{name:>9}", "{}"])
def test_malformed_placeholders_are_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="template"):
        check_template(text)


def test_literal_braces_are_written_doubled() -> None:
    assert render("{{not a field}} {first_name}", DraftFacts("Ana Lima")) == "{not a field} Ana"


def test_an_empty_template_is_refused() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        check_template("  ")


def test_a_reconnect_mentions_the_last_topic() -> None:
    text = render(DEFAULT_TEMPLATES["reconnect"], DraftFacts("Ana Lima", topic="sailing"))
    assert text.startswith("Hi Ana, I was thinking of you and our conversation about sailing.")


def test_missing_facts_read_as_neutral_phrases() -> None:
    text = render(DEFAULT_TEMPLATES["event-follow-up"], DraftFacts("Bo"))
    assert "great to meet you at the event!" in text
    assert "{" not in render(" ".join("{" + p + "}" for p in PLACEHOLDERS), DraftFacts(""))


def test_a_favour_received_turns_a_follow_up_or_check_in_into_a_thank_you() -> None:
    assert template_for("follow-up", True) == "thank-you"
    assert template_for("check-in", True) == "thank-you"
    assert template_for("follow-up", False) == "follow-up"
    assert template_for("birthday", True) == "birthday"
    assert template_for("work-anniversary", False) == "anniversary"
    assert template_for("connected-anniversary", False) == "check-in"


def test_user_templates_replace_only_their_kind() -> None:
    merged = templates({"birthday": "Happy birthday {first_name}"})
    assert merged["birthday"] == "Happy birthday {first_name}"
    assert merged["reconnect"] == DEFAULT_TEMPLATES["reconnect"]


def test_template_kinds_are_a_closed_list() -> None:
    assert parse_template_kind("Birthday") == "birthday"
    with pytest.raises(InvalidInput, match="kind"):
        parse_template_kind("valentine")
