"""The demo's first-day showcase: one of each thing the product does besides people and
interactions (a goal with a streak, an event yesterday and one next week, a target company, an
open opportunity, a post), made through the services the CLI uses, relative to the demo's today.

Every row it makes is written into `made` as it goes, so the demo's record (store/demo_marks.py)
names it even when a later step fails, and `tiekeeper demo --remove` takes it out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tiekeeper.services.events import add_event, met_at_event
from tiekeeper.services.goals import add_goal
from tiekeeper.services.jobs import add_target
from tiekeeper.services.opportunities import add_opportunity
from tiekeeper.services.people import PersonChanges
from tiekeeper.services.visibility import add_post
from tiekeeper.store.demo_marks import DemoItems
from tiekeeper.store.uow import UnitOfWork

GOAL = ("coffee chats", "week", 2, "coffee")
PAST_EVENT = ("Data Summit", "conference", "Lisbon", "meet 3 people")
NEXT_EVENT = ("Product Leaders Meetup", "meetup", "Berlin", "introduce myself to 2 people")
TARGET_WHY = "product culture I admire; hiring next quarter"
ROLE = "Senior Product Manager"
POST_TOPIC = "What we learned moving our team to remote work"


@dataclass(frozen=True)
class DemoExtras:
    goal: str
    past_event: str
    next_event: str
    target: str
    opportunity: str
    post: str
    met: int
    engaged: int


def streak_days(week_start: date, weeks: int) -> list[date]:
    """Two days (Tuesday, Thursday) in each of the `weeks` complete weeks before `week_start`:
    the coffee chats that give the demo's goal its streak."""
    return [week_start - timedelta(days=7 * k - d) for k in range(1, weeks + 1) for d in (1, 3)]


def add_showcase(
    uow: UnitOfWork,
    today: date,
    regulars: Sequence[int],
    others: Sequence[int],
    company: str,
    made: DemoItems,
) -> DemoExtras:
    """Make the showcase, each part in its own transaction as the CLI would: `regulars` are
    people the user sees often (the first works at `company`, the target), `others` people to
    meet at yesterday's event and to like the post."""
    title, per, target, channel = GOAL
    goal = add_goal(uow, title, per, target, today, channel=channel)
    assert goal.id is not None
    made.goals.append((goal.id, goal.title))

    name, kind, where, aim = PAST_EVENT
    past = add_event(uow, name, (today - timedelta(days=1)).isoformat(), today, kind=kind,
                     location=where, goal=aim)  # fmt: skip
    assert past.id is not None
    made.events.append((past.id, past.name))
    met = list(others[:3])
    for pid in met:
        met_at_event(uow, str(past.id), str(pid), PersonChanges(), today)

    name, kind, where, aim = NEXT_EVENT
    nxt = add_event(uow, name, (today + timedelta(days=7)).isoformat(), today, kind=kind,
                    location=where, goal=aim)  # fmt: skip
    assert nxt.id is not None
    made.events.append((nxt.id, nxt.name))

    org = add_target(uow, company, TARGET_WHY, None)
    assert org.id is not None
    made.targets.append((org.id, TARGET_WHY))
    via = str(regulars[0]) if regulars else None
    view = add_opportunity(uow, company, ROLE, today, source="referral", via=via,
                           next_text="ask about the team and the hiring timeline",
                           next_date=(today + timedelta(days=2)).isoformat())  # fmt: skip
    assert view.opportunity.id is not None
    made.opportunities.append((view.opportunity.id, view.opportunity.role))

    engaged = [str(p) for p in [*regulars[1:3], *others[3:5]]]
    post = add_post(uow, "linkedin", POST_TOPIC, today,
                    when=(today - timedelta(days=4)).isoformat(), engaged=engaged)  # fmt: skip
    assert post.post.id is not None
    made.posts.append((post.post.id, post.post.topic))
    return DemoExtras(goal.title, past.name, nxt.name, company, ROLE, POST_TOPIC, len(met),
                      len(post.post.engaged))  # fmt: skip
