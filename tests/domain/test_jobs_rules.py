from datetime import date

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.jobs import (
    DEFAULT_QUESTIONS,
    STAGES,
    Opportunity,
    add_question,
    is_backwards,
    parse_source,
    parse_stage,
    remove_question,
)

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize("text", ["reached out", "Reached-Out", "reached_out", " REACHED  OUT "])
def test_reached_out_is_accepted_in_every_spelling(text: str) -> None:
    assert parse_stage(text) == "reached-out"


def test_every_stage_parses_to_itself_in_order() -> None:
    assert [parse_stage(s) for s in STAGES] == list(STAGES)
    assert STAGES[0] == "idea" and STAGES[-1] == "closed"


def test_an_unknown_stage_names_the_field_and_the_stages() -> None:
    with pytest.raises(InvalidInput) as err:
        parse_stage("hired")
    assert err.value.field == "stage"
    assert "'hired' is not one of: idea, reached-out, talked" in str(err.value)


def test_unknown_source_is_refused() -> None:
    assert parse_source("Referral") == "referral"
    with pytest.raises(InvalidInput, match="source"):
        parse_source("headhunter")


def test_moving_to_an_earlier_stage_is_backwards() -> None:
    assert is_backwards("applied", "talked")
    assert not is_backwards("talked", "applied")
    assert not is_backwards("talked", "talked")


def test_an_opportunity_needs_a_role() -> None:
    with pytest.raises(InvalidInput, match="role"):
        Opportunity(1, "   ", TODAY)


def test_questions_are_added_at_the_end_and_removed_by_number() -> None:
    qs = add_question(list(DEFAULT_QUESTIONS), "  What  surprised you? ")
    assert qs[-1] == "What surprised you?"
    assert remove_question(qs, 1)[0] == DEFAULT_QUESTIONS[1]


@pytest.mark.parametrize("n", [0, 3])
def test_removing_a_question_that_is_not_there_is_refused(n: int) -> None:
    with pytest.raises(InvalidInput, match=r"remove: .* is not between 1 and 2"):
        remove_question(["a", "b"], n)


def test_blank_or_repeated_questions_are_refused() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        add_question(["a"], "  ")
    with pytest.raises(InvalidInput, match="already"):
        add_question(["Who else should I talk to?"], "who else should i talk to?")
