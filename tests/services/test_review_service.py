from datetime import date, timedelta

from tiekeeper.services.goals import add_goal
from tiekeeper.services.interactions import LogRequest, log_interaction
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.reminders import add_follow_up, close_follow_up
from tiekeeper.services.review import weekly_review
from tiekeeper.store.uow import Store

MON = date(2027, 1, 11)


def _log(store: Store, who: str, day: date) -> None:
    log_interaction(store.uow(), LogRequest([who], when=day.isoformat(), channel="coffee"), day)


def test_the_review_covers_the_iso_week_of_the_given_day(store: Store) -> None:
    r = weekly_review(store.uow(), date(2027, 1, 1), MON)
    assert (r.start, r.end) == (date(2026, 12, 28), date(2027, 1, 3))


def test_the_week_in_one_screen(store: Store) -> None:
    for name in ("Ana", "Bo"):
        add_person(store.uow(), PersonChanges(name=name, connected="2026-10-01"), MON)
    add_person(
        store.uow(), PersonChanges(name="Cy", connected="2027-01-12", needs="a designer"), MON
    )
    add_person(
        store.uow(), PersonChanges(name="Di", position="designer", connected="2026-01-01"), MON
    )
    add_goal(store.uow(), "coffee", "week", 2, MON)
    for day in (MON, MON + timedelta(days=2)):
        _log(store, "Ana", day)  # Ana: 2 this week, none before -> strengthened
    for back in (3, 10, 17):
        _log(store, "Bo", MON - timedelta(days=back))  # Bo: 3 in 4 weeks, none now -> faded
    done = add_follow_up(store.uow(), "Ana", "2027-01-12", None, MON)
    assert done.id is not None
    close_follow_up(store.uow(), done.id, "done", MON + timedelta(days=1))
    add_follow_up(store.uow(), "Bo", "2027-01-13", None, MON)  # missed by Jan 15
    add_follow_up(store.uow(), "Cy", "2027-01-16", None, MON)  # not yet due
    r = weekly_review(store.uow(), MON, MON + timedelta(days=4))
    assert [(g.goal.title, g.count, g.met) for g in r.goals] == [("coffee", 2, True)]
    assert r.new_people == [(3, "Cy")]
    assert [r.names[c.person_id] for c in r.strengthened] == ["Ana"]
    assert [r.names[c.person_id] for c in r.faded] == ["Bo"]
    assert [f.name for f in r.done] == ["Ana"] and [f.name for f in r.missed] == ["Bo"]
    assert r.help is not None and r.help.name == "Cy" and r.help.match is not None
    assert r.help.match.contact.name == "Di"
