from tiekeeper.domain.review import tie_changes


def test_more_than_the_four_week_average_and_at_least_two_strengthens_a_tie() -> None:
    up, down = tie_changes({1: 3, 2: 1, 3: 2}, {1: 4, 2: 8, 3: 8})
    assert [c.person_id for c in up] == [1]  # 3 > 1/week; 2 is not above 2/week
    assert down == []


def test_a_first_conversation_in_five_weeks_strengthens_a_tie() -> None:
    up, _ = tie_changes({7: 1}, {})
    assert [(c.person_id, c.this_week, c.weekly_average) for c in up] == [(7, 1, 0.0)]


def test_silence_after_two_or_more_interactions_in_four_weeks_is_a_fading_tie() -> None:
    _, down = tie_changes({}, {1: 2, 2: 1, 3: 8})
    assert [c.person_id for c in down] == [3, 1]  # most active before first; 1 in 4 weeks is not
