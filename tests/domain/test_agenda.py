from datetime import date, timedelta

from tiekeeper.domain.agenda import (
    MINUTES,
    CheckinFact,
    DateFact,
    FollowUpFact,
    SuggestionFact,
    build_agenda,
    rank_checkins,
)

TODAY = date(2026, 11, 26)


def checkin(pid: int, cadence: int, days_late: int, closeness: int | None) -> CheckinFact:
    due = TODAY - timedelta(days=days_late)
    return CheckinFact(pid, f"P{pid}", cadence, due, due - timedelta(days=cadence), closeness)


def test_items_come_in_agenda_order() -> None:
    agenda = build_agenda(
        TODAY,
        60,
        follow_ups=[
            FollowUpFact(2, 20, "Event Person", TODAY, "say thanks", kind="event-follow-up"),
            FollowUpFact(1, 10, "Late Person", TODAY - timedelta(days=3), "send deck"),
        ],
        dates=[DateFact(30, "Birthday Person", "birthday", 40)],
        checkins=[checkin(40, 30, 10, 3)],
        suggestions=[SuggestionFact(50, "Old Friend", "reconnect", "dormant tie")],
    )
    kinds = [i.kind for i in agenda.items]
    assert kinds == ["follow-up", "event-follow-up", "birthday", "check-in", "reconnect"]
    assert agenda.items[0].reason == "follow-up 3 days overdue: send deck"
    assert agenda.items[2].reason == "birthday today (turns 40)"
    assert agenda.left_out == {}


def test_the_budget_is_respected_and_what_did_not_fit_is_counted() -> None:
    checkins = [checkin(i, 30, i, 3) for i in range(1, 11)]
    agenda = build_agenda(TODAY, 15, [], [], checkins)
    assert agenda.minutes <= 15
    assert len(agenda.items) == 15 // MINUTES["check-in"]
    assert agenda.left_out == {"check-in": 10 - len(agenda.items)}


def test_the_dormant_tie_keeps_its_slot_when_check_ins_pile_up() -> None:
    checkins = [checkin(i, 30, 5, 3) for i in range(1, 20)]
    suggestion = SuggestionFact(99, "Old Friend", "reconnect", "dormant tie")
    agenda = build_agenda(TODAY, 15, [], [], checkins, [suggestion])
    assert agenda.items[-1].kind == "reconnect"
    assert [i.kind for i in agenda.items].count("check-in") == 2


def test_follow_ups_come_first_even_when_they_fill_the_budget() -> None:
    follow_ups = [FollowUpFact(i, i, f"P{i}", TODAY, None) for i in range(1, 5)]
    agenda = build_agenda(TODAY, 15, follow_ups, [], [checkin(9, 30, 100, 5)])
    assert [i.kind for i in agenda.items] == ["follow-up"] * 3
    assert agenda.left_out == {"follow-up": 1, "check-in": 1}


def test_check_ins_rank_by_lateness_and_closeness() -> None:
    close_slightly_late = checkin(1, 30, 3, 5)
    distant_slightly_late = checkin(2, 30, 3, 1)
    very_late_unrated = checkin(3, 30, 90, None)
    ranked = rank_checkins([distant_slightly_late, close_slightly_late, very_late_unrated], TODAY)
    assert [c.person_id for c in ranked] == [3, 1, 2]


def test_check_in_reason_mentions_cadence_silence_and_topics() -> None:
    c = CheckinFact(7, "Ana", 91, TODAY - timedelta(days=30), TODAY - timedelta(days=121), 4)
    agenda = build_agenda(TODAY, 15, [], [], [c], last_topics={7: ["career change"]})
    assert agenda.items[0].reason == (
        "quarterly check-in, last talked 4 months ago about career change"
    )


def test_the_dormant_tie_is_held_a_slot_even_when_the_helper_item_does_not_fit() -> None:
    checkins = [checkin(i, 30, 5, 3) for i in range(1, 20)]
    revive = SuggestionFact(98, "Old Friend", "reconnect", "dormant tie")
    helping = SuggestionFact(99, "Needs Help", "help", "needs a designer")
    agenda = build_agenda(TODAY, 15, [], [], checkins, [revive, helping])
    assert [i.kind for i in agenda.items] == ["check-in", "check-in", "reconnect"]
    assert agenda.left_out == {"check-in": 17, "help": 1}
