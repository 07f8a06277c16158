from datetime import date, timedelta

from tiekeeper.domain.helping import (
    Contact,
    best_match,
    excluded,
    help_reason,
    standing_pick,
    terms,
)

TODAY = date(2027, 1, 6)


def test_need_terms_drop_filler_words_plurals_and_accents() -> None:
    assert terms("Looking for a designer in Zürich") == ["designer", "zurich"]
    assert terms("needs investors") == ["investor"]
    assert terms(None) == []


def test_the_contact_sharing_most_need_words_is_the_match() -> None:
    people = [
        Contact(2, "Bo", position="Designer", company="Zeta"),
        Contact(3, "Cy", position="Product Designer", location="Berlin"),
        Contact(4, "Di", position="Accountant"),
    ]
    m = best_match("looking for a product designer", people, exclude=1)
    assert m is not None and m.contact.id == 3 and m.words == ("designer", "product")


def test_a_person_is_never_matched_with_themselves() -> None:
    me = Contact(1, "Ana", position="Designer")
    assert best_match("a designer", [me], exclude=1) is None


def test_tags_and_interests_count_and_ties_go_to_the_lowest_id() -> None:
    people = [Contact(9, "Ed", tags=("investor",)), Contact(5, "Fa", interests="investors")]
    m = best_match("needs investors", people, exclude=1)
    assert m is not None and m.contact.id == 5


def test_the_reason_names_who_to_introduce_and_why() -> None:
    m = best_match("a designer", [Contact(2, "Bo Chen", position="designer", company="Z")], 1)
    assert help_reason("a designer", m) == (
        "needs: a designer; introduce them to Bo Chen, who is a designer at Z"
    )
    moving = best_match("moving to Berlin", [Contact(3, "Cy", location="Berlin")], 1)
    assert moving is not None and moving.describe() == "who is in Berlin"
    assert help_reason("advice", None) == "needs: advice; ask how you can help"


def test_suggestions_of_the_last_14_days_are_excluded_and_older_ones_are_not() -> None:
    history = [(1, TODAY - timedelta(days=13)), (2, TODAY - timedelta(days=14)), (3, TODAY)]
    assert excluded(history, TODAY) == {1, 3}


def test_a_pick_stands_for_seven_days() -> None:
    assert standing_pick([(4, TODAY - timedelta(days=6))], TODAY) == 4
    assert standing_pick([(4, TODAY - timedelta(days=7))], TODAY) is None
    assert standing_pick([(4, TODAY - timedelta(days=3)), (5, TODAY)], TODAY) == 5
