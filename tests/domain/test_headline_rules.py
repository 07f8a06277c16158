import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.headline import HEADLINE_LIMIT, check_headline, keywords_from

GOOD = "Data Engineer | helping teams trust their numbers"


def _padded(length: int) -> str:
    text = GOOD + " "
    return text + "x" * (length - len(text))


def test_a_headline_of_exactly_220_characters_is_within_the_limit() -> None:
    check = check_headline(_padded(220))
    assert check.length == 220 == HEADLINE_LIMIT
    assert check.warnings == [] and check.ok


def test_a_headline_of_221_characters_is_one_over_the_limit() -> None:
    check = check_headline(_padded(221))
    assert check.length == 221
    assert not check.ok
    assert check.warnings == ["221 characters: 1 over LinkedIn's 220; the end will be cut off"]


def test_a_headline_with_role_and_goal_reports_what_it_found() -> None:
    check = check_headline(GOOD)
    assert check.expertise == ["data", "engineer"]
    assert check.goal == ["helping"]


def test_a_headline_without_expertise_warns() -> None:
    check = check_headline("Helping people be happier")
    assert check.expertise == []
    assert [w.split(":")[0] for w in check.warnings] == ["no expertise"]


def test_a_headline_without_goal_warns() -> None:
    check = check_headline("Senior Software Engineer at Acme")
    assert check.goal == []
    assert [w.split(":")[0] for w in check.warnings] == ["no goal"]


def test_the_users_own_keywords_count_as_expertise() -> None:
    words = keywords_from(["Sommelière", "Wine & Hospitality", None])
    assert {"sommeliere", "wine", "hospitality"} <= words
    assert check_headline("Sommelière | open to new cellars").expertise == []
    check = check_headline("Sommelière | open to new cellars", words)
    assert check.expertise == ["sommeliere"]
    assert check.ok


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("Teacher → UX Designer", "→"),
        ("Teacher -> Designer", "->"),
        ("Nurse | aspiring product manager", "aspiring"),
        ("Analyst seeking a data role", "seeking"),
        ("Analyst, looking for my next team", "looking for"),
    ],
)
def test_arrows_aspirations_and_goal_phrases_count_as_a_goal(text: str, goal: str) -> None:
    assert goal in check_headline(text).goal


def test_a_bar_alone_is_not_a_goal() -> None:
    assert check_headline("Designer | Acme").goal == []


def test_plural_role_nouns_count() -> None:
    assert check_headline("I coach engineers").expertise == ["coach", "engineer"]


def test_an_empty_headline_is_refused() -> None:
    with pytest.raises(InvalidInput, match="headline: the headline is empty"):
        check_headline("   ")
