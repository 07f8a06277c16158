"""A realistic invented network: the demo for new users and, scaled up, the benchmark data."""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.errors import Conflict
from tiekeeper.domain.goals import period_start
from tiekeeper.domain.model import Favour, Interaction, Person, Reminder
from tiekeeper.services.demo_showcase import DemoExtras, add_showcase, streak_days
from tiekeeper.store.demo_marks import DemoBatch, DemoItems, DemoMark, DemoRows
from tiekeeper.store.jobs import JobsRepository
from tiekeeper.store.uow import UnitOfWork

FIRST = [
    "Ana",
    "Bruno",
    "Chloé",
    "Dmitri",
    "Elena",
    "Farah",
    "Gustavo",
    "Hana",
    "Ines",
    "Jonas",
    "Kwame",
    "Lena",
    "Mateo",
    "Noor",
    "Olga",
    "Pavel",
    "Quentin",
    "Rosa",
    "Sven",
    "Tomás",
    "Uma",
    "Victor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zoe",
    "Aiko",
    "Björn",
    "Carmen",
    "Diego",
    "Emeka",
    "Freya",
    "Giulia",
    "Hiro",
    "Ingrid",
    "Javier",
    "Kofi",
    "Lucía",
    "Malik",
    "Nadia",
    "Oskar",
    "Priya",
    "Rahul",
    "Sofia",
    "Théo",
    "Valentina",
    "William",
    "Yara",
]
LAST = [
    "Almeida",
    "Becker",
    "Chen",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Haddad",
    "Ito",
    "Jansen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Urban",
    "Vargas",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Andersen",
    "Bianchi",
    "Costa",
    "Delgado",
    "Novak",
    "Müller",
    "Singh",
    "Kim",
    "O'Brien",
    "Núñez",
]
INDUSTRIES = {
    "Technology": ["Nimbus Labs", "Quantix", "Brightloop", "Stackwise"],
    "Finance": ["Harbor Capital", "Northgate Bank", "Ledgerline"],
    "Healthcare": ["MediCore", "Vitalis Health", "CareBridge"],
    "Education": ["Open Campus", "Learnly", "City University"],
    "Media": ["Pixel & Press", "Signal Media"],
    "Energy": ["Greenvolt", "Terra Power"],
}
FUNCTIONS = [
    "Engineering",
    "Product",
    "Design",
    "Sales",
    "Marketing",
    "Finance",
    "Operations",
    "Research",
    "People",
]
SENIORITY = ["junior", "mid", "senior", "lead", "director", "vp"]
TITLES = {
    "junior": "Associate",
    "mid": "Specialist",
    "senior": "Senior Specialist",
    "lead": "Lead",
    "director": "Director",
    "vp": "VP",
}
CITIES = ["Berlin", "Lisbon", "London", "Toronto", "Singapore", "Austin", "Nairobi", "Madrid"]
GENERATIONS = ["Boomer", "Gen X", "Millennial", "Gen Z"]
TAGS = ["mentor", "former-colleague", "alumni", "conference", "client", "friend", "investor"]
TOPICS = [
    "career change",
    "hiring",
    "product launch",
    "fundraising",
    "remote work",
    "AI tooling",
    "conference talk",
    "team growth",
    "new role",
    "side project",
    "relocation",
    "book recommendation",
    "pricing",
    "mentoring",
]
CHANNELS = ["coffee", "call", "video", "email", "message", "event", "meal", "social-comment"]
CHANNEL_WEIGHTS = [10, 12, 10, 25, 25, 8, 4, 6]
DEMO_TAG_CADENCES = {"mentor": 91}
HOW_MET = [
    "at a conference",
    "worked together",
    "university",
    "introduced by a friend",
    "meetup",
    "LinkedIn",
    "client project",
]
NEEDS = [
    "looking for a designer",
    "hiring a data engineer",
    "moving to Berlin",
    "wants intros to investors",
    "looking for a new role",
    None,
    None,
    None,
]


@dataclass(frozen=True)
class DemoSize:
    people: int = 300
    interactions: int = 3000


@dataclass(frozen=True)
class DemoResult:
    people: int
    interactions: int
    follow_ups: int
    extras: DemoExtras | None = None  # the goal, events, target, opportunity and post


class Names:
    """Full names no two demo people share: a drawn name already given becomes the next free
    one in FIRST x LAST order (no extra random draw, so the rest of the demo stays as seeded).
    Only a network larger than every combination repeats names, round after round."""

    def __init__(self) -> None:
        self.all = [(f, last) for f in FIRST for last in LAST]
        self.taken: set[tuple[str, str]] = set()
        self.cursor = 0

    def pick(self, first: str, last: str) -> tuple[str, str]:
        if len(self.taken) == len(self.all):
            self.taken.clear()
        if (first, last) in self.taken:
            while self.all[self.cursor % len(self.all)] in self.taken:
                self.cursor += 1
            first, last = self.all[self.cursor % len(self.all)]
        self.taken.add((first, last))
        return first, last


def _person(rng: random.Random, i: int, today: date, names: Names) -> Person:
    industry = rng.choice(list(INDUSTRIES))
    seniority = rng.choice(SENIORITY)
    function = rng.choice(FUNCTIONS)
    first, last = names.pick(rng.choice(FIRST), rng.choice(LAST))
    name = f"{first} {last}"
    slug = f"{first}-{last}-{i}".lower().replace("'", "")
    birthday = None
    if rng.random() < 0.6:
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        if rng.random() < 0.01:
            month, day = 2, 29
        year = rng.randint(1960, 2001) if rng.random() < 0.5 and (month, day) != (2, 29) else None
        birthday = PartialDate(month, day, year)
    known_years = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10])
    connected = today - timedelta(days=known_years * 365 + rng.randint(30, 330))
    closeness = rng.choices([None, 1, 2, 3, 4, 5], [30, 10, 20, 20, 12, 8])[0]
    return Person(
        name=name,
        emails=[f"{slug}@example.com"] if rng.random() < 0.7 else [],
        linkedin_url=f"https://www.linkedin.com/in/{slug}",
        company=rng.choice(INDUSTRIES[industry]),
        position=f"{TITLES[seniority]}, {function}",
        industry=industry,
        function=function,
        seniority=seniority,
        location=rng.choice(CITIES),
        generation=rng.choice(GENERATIONS) if rng.random() < 0.4 else None,
        tags=rng.sample(TAGS, rng.choice([0, 1, 1, 2])),
        how_met=rng.choice(HOW_MET),
        network_type=rng.choice(["strategic", "operational", "operational", "personal"]),
        closeness=closeness,
        needs=rng.choice(NEEDS),
        birthday=birthday,
        started_on=today - timedelta(days=rng.randint(200, 3000)) if rng.random() < 0.5 else None,
        connected_on=connected,
        created_on=connected,
    )


def _interactions(
    rng: random.Random,
    ids: list[int],
    weights: list[float],
    count: int,
    today: date,
    dormant: set[int],
    planned: Sequence[tuple[date, int]] = (),
) -> Iterator[Interaction]:
    """Three years of history; 'dormant' people were last seen three to six years ago.

    The first interactions become the `planned` coffee chats (day, person), after the same random
    draws as the others, so the rest of the history does not change with them."""
    cumulative = list(itertools.accumulate(weights))  # O(log n) draws at a million interactions
    for n in range(count):
        pid = rng.choices(ids, cum_weights=cumulative)[0]
        if pid in dormant:
            age = rng.randint(3 * 365 + 10, 6 * 365)
        else:
            age = int(rng.triangular(0, 3 * 365, 0))
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        topics = rng.sample(TOPICS, rng.choice([0, 1, 1, 2]))
        favours = []
        r = rng.random()
        if r < 0.05:
            favours = [Favour(pid, "given", rng.choice(["advice", "introduction", "referral"]))]
        elif r < 0.08:
            favours = [Favour(pid, "received", rng.choice(["advice", "introduction"]))]
        day = today - timedelta(days=age)
        if n < len(planned):
            (day, pid), channel = planned[n], "coffee"
            favours = [Favour(pid, f.direction, f.kind) for f in favours]
        yield Interaction(
            occurred_on=day,
            person_ids=[pid],
            channel=channel,
            initiated_by=rng.choices(["me", "them", "mutual"], [5, 4, 1])[0],
            summary=f"{channel} about {topics[0]}" if topics else None,
            topics=topics,
            favours=favours,
        )


def fill_demo(
    uow: UnitOfWork,
    today: date,
    size: DemoSize = DemoSize(),
    seed: int = 7,
    progress: Callable[[int], None] | None = None,
) -> DemoResult:
    """Fill an empty home with an invented network; refuses when people exist already.

    What it creates is recorded (store/demo_marks.py) so that remove_demo takes out exactly that."""
    rng = random.Random(seed)
    with uow:
        if uow.people.count():
            raise Conflict("this home already has people; the demo only fills an empty one")
        marks = uow.repo(DemoRows)
        orgs_before = marks.organization_keys()
        # A cadence the user set already is theirs: the demo neither changes nor later removes it.
        mine = uow.people.tag_cadences()
        cadences = {tag: d for tag, d in DEMO_TAG_CADENCES.items() if tag not in mine}
        for tag, days in cadences.items():
            uow.people.set_tag_cadence(tag, days)
        names = Names()
        people = [_person(rng, i, today, names) for i in range(size.people)]
        if len(people) >= 2:  # the one pair of namesakes, for `tiekeeper duplicates` to find
            _namesake(people[-1], people[0], len(people) - 1)
        # A few people get most of the attention, as in real networks; people keep a cadence with
        # some of those they already see often, and drift from some others (dormant ties).
        # Capped: an uncapped Pareto draw gave one person a third of a million interactions.
        weights = [min(rng.paretovariate(1.5), 40.0) for _ in people]
        busiest = set(sorted(range(len(people)), key=weights.__getitem__)[-len(people) // 8 :])
        for i in sorted(busiest):
            people[i].cadence_days = rng.choice([30, 91, 91, 365])
        ids = uow.bulk.add_people(people)
        orgs = {i: k for i, k in marks.organization_keys().items() if i not in orgs_before}
        ages = [(today - (p.created_on or today)).days for p in people]
        made = DemoMark([DemoBatch(ids[0], today, ages)] if ids else [], orgs, cadences)
        earlier = marks.read_mark()
        marks.write_mark(earlier.merge(made) if earlier else made)
        dormant = {pid for i, pid in enumerate(ids) if rng.random() < 0.08 and i not in busiest}
        by_id = {p.id: p.name for p in people if p.id is not None}
        # The people seen most, busiest first: the coffee chats that give the goal its streak.
        regulars = [ids[i] for i in sorted(busiest, key=lambda i: (-weights[i], i))]
        planned = [(day, regulars[n % len(regulars)])
                   for n, day in enumerate(streak_days(period_start("week", today), 6))
                   ] if regulars else []  # fmt: skip
        history = _interactions(rng, ids, weights, size.interactions, today, dormant, planned)
        count = uow.bulk.add_interactions(history, by_id, progress)
        uow.bulk.refresh_all_derived()
        # Two follow-ups due by today (one late) and four coming up, so the first agenda has
        # something promised to act on.
        actions = ["send the article we discussed", "share my notes", "ask how the launch went",
                   "introduce to a hiring manager"]  # fmt: skip
        offsets = [-2, 0, 3, 5, 9, 12]
        chosen = rng.sample([i for i in ids if i not in dormant], min(len(ids), len(offsets)))
        for pid, offset in zip(chosen, offsets, strict=False):
            uow.reminders.add(Reminder(pid, today + timedelta(days=offset), rng.choice(actions)))
        follow_ups = len(chosen)
        uow.commit()
    extras = _showcase(uow, today, people, regulars, set(chosen) | dormant | set(regulars))
    return DemoResult(len(ids), count, follow_ups, extras)


def _namesake(p: Person, of: Person, i: int) -> None:
    """`p` becomes a second person of `of`'s name at the same company (no shared e-mail: it
    is a name to check, not proof)."""
    p.name, p.company, p.industry = of.name, of.company, of.industry
    slug = f"{of.name}-{i}".lower().replace(" ", "-").replace("'", "")
    p.emails = [f"{slug}@example.com"] if p.emails else []
    p.linkedin_url = f"https://www.linkedin.com/in/{slug}"


def _showcase(
    uow: UnitOfWork, today: date, people: Sequence[Person], regulars: list[int], taken: set[int]
) -> DemoExtras | None:
    """The goal, events, target, opportunity and post (services/demo_showcase.py), recorded in
    the demo's mark as they are made, even when one fails, so that remove_demo finds them."""
    with uow:
        orgs_before = uow.repo(DemoRows).organization_keys()
        # A company the user made a target already keeps their reason: the demo picks another.
        theirs = {o.name.casefold() for o in uow.repo(JobsRepository).targets()}
    company_of = {p.id: p.company for p in people}
    free = [pid for pid in regulars if (company_of[pid] or "").casefold() not in theirs]
    if not free:
        return None
    company = company_of[free[0]]
    assert company is not None
    regulars = [free[0], *(pid for pid in regulars if pid != free[0])]
    others = [p.id for p in people if p.id is not None and p.id not in taken]
    made = DemoItems()
    try:
        return add_showcase(uow, today, regulars, others, company, made)
    finally:
        with uow:
            marks = uow.repo(DemoRows)
            orgs = {i: k for i, k in marks.organization_keys().items() if i not in orgs_before}
            mark = marks.read_mark()
            assert mark is not None
            marks.write_mark(mark.merge(DemoMark([], orgs, {}, made)))
            uow.commit()


def has_people(uow: UnitOfWork) -> bool:
    """Whether the owner has anyone yet."""
    with uow:
        return uow.people.count() > 0


def has_demo(uow: UnitOfWork) -> bool:
    """Whether the owner's home holds a demo that remove_demo could take out."""
    with uow:
        return uow.repo(DemoRows).read_mark() is not None
