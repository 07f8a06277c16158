"""Job search: target companies with their warm paths, the informational-interview questions,
and logging an informational interview.

Warm paths are ranked on the one scale of `tiekeeper paths` (services.insights_paths: the tie
strength of INSIGHTS.md section 3 times how well the intermediary knows the target), so the same
route has the same score in both.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date

from tiekeeper.domain import limits
from tiekeeper.domain.dates import parse_when
from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.jobs import DEFAULT_QUESTIONS, add_question, remove_question
from tiekeeper.domain.model import Initiator, Interaction, Organization
from tiekeeper.services.insights.paths import PathNetwork, path_network
from tiekeeper.services.people import resolve
from tiekeeper.services.recomputed import Kept, kept
from tiekeeper.store.jobs import ContactRow, JobsRepository
from tiekeeper.store.settings import SettingsRepository
from tiekeeper.store.uow import UnitOfWork

QUESTIONS_KEY = "jobs.interview_questions"
PATHS_PER_TARGET = 10
GOAL_HINT = (
    'tiekeeper goal add "informational interviews" --per month --target 3 '
    "--channel informational-interview"
)


@dataclass(frozen=True)
class Contact:
    """Someone on a warm path, with their tie strength (score) and its label."""

    person_id: int
    name: str
    position: str | None
    score: float
    label: str = "weak"  # strong, weak, dormant or latent (not yet in touch)


@dataclass(frozen=True)
class TwoHop:
    """You -> via -> target: `via` is your contact who knows `target` at the company."""

    via: Contact
    target: Contact
    strength: float


@dataclass
class TargetView:
    organization: Organization
    people: list[Contact] = field(default_factory=list)
    paths: list[TwoHop] = field(default_factory=list)


def _org(uow: UnitOfWork, name: str) -> Organization:
    org = uow.repo(JobsRepository).organization_by_name(name)
    if org is None:
        raise NotFound(f"no organization named {name!r}")
    return org


def add_target(uow: UnitOfWork, name: str, why: str | None, industry: str | None) -> Organization:
    """Mark an organization (created if new) as a target company."""
    if not name.strip():
        raise InvalidInput("name the organization", field="org", value=name)
    limits.check("company", name.strip())
    limits.check("note", why)
    limits.check("industry", industry)
    with uow:
        jobs = uow.repo(JobsRepository)
        if jobs.organization_by_name(name) is None:
            uow.people.organization_id(name, (industry or "").strip() or None)
        org = _org(uow, name)
        org.is_target = True
        if why is not None:
            org.why = why.strip() or None
        if industry is not None:
            org.industry = industry.strip() or None
        jobs.save_target(org)
        uow.commit()
    return org


def remove_target(uow: UnitOfWork, name: str) -> Organization:
    """Stop treating an organization as a target (the organization and its people stay)."""
    with uow:
        org = _org(uow, name)
        if not org.is_target:
            raise NotFound(f"{org.name} is not a target company")
        org.is_target = False
        uow.repo(JobsRepository).save_target(org)
        uow.commit()
    return org


def _contact(row: ContactRow, net: PathNetwork) -> Contact:
    strength = net.ties[row.person_id].strength
    return Contact(row.person_id, row.name, row.position, round(strength.score, 4), strength.label)


def _views(uow: UnitOfWork, orgs: list[Organization], today: date) -> list[TargetView]:
    jobs = uow.repo(JobsRepository)
    inside = jobs.contacts_at([o.id for o in orgs if o.id is not None])
    net = path_network(uow, [c.person_id for c in inside], today)
    others = set(net.ties) - {c.person_id for c in inside}
    contacts = {r.person_id: _contact(r, net) for r in inside + jobs.contacts(others)}
    views = []
    for org in orgs:
        at = {c.person_id for c in inside if c.organization_id == org.id}
        view = TargetView(org)
        for p in net.paths(at, limit=None):
            if p.via is None:
                view.people.append(contacts[p.target])
            elif p.via not in at and len(view.paths) < PATHS_PER_TARGET:
                # a colleague of the target is already a direct way in, listed above
                view.paths.append(TwoHop(contacts[p.via], contacts[p.target], round(p.strength, 4)))
        # a tie of strength 0 is no path, but still someone you know there
        listed = {c.person_id for c in view.people}
        view.people += [contacts[pid] for pid in sorted(at - listed)]
        views.append(view)
    return views


def list_targets(uow: UnitOfWork, today: date) -> list[TargetView]:
    """Every target company with who you know there and who knows someone there, best first."""
    with uow:
        return _views(uow, uow.repo(JobsRepository).targets(), today)


def target_companies(uow: UnitOfWork) -> list[Organization]:
    """The target companies alone, without the warm paths that take seconds to find."""
    with uow:
        return uow.repo(JobsRepository).targets()


def kept_targets(uow: UnitOfWork, today: date, stale_ok: bool = False) -> Kept[list[TargetView]]:
    """`list_targets`, kept until the account's data changes (at 30,000 people and 1,000,000
    interactions the paths take seconds). A stale result (`stale_ok`) is never served for
    another set of target companies, and shows each company as it is now."""
    engine, owner = uow.engine, uow.owner_id
    orgs = {o.id: o for o in target_companies(uow)}
    key = ("targets", today, tuple(sorted(i for i in orgs if i is not None)))
    got = kept(UnitOfWork(engine, owner), key, lambda fresh: list_targets(fresh, today), stale_ok)
    if got.fresh:
        return got
    views = [replace(v, organization=orgs[v.organization.id]) for v in got.value]
    return Kept(views, got.computed_at, False)


def _questions(settings: SettingsRepository) -> list[str]:
    raw = settings.get(QUESTIONS_KEY)
    return list(DEFAULT_QUESTIONS) if raw is None else [str(q) for q in json.loads(raw)]


def questions(uow: UnitOfWork, add: str | None = None, remove: int | None = None) -> list[str]:
    """The user's informational-interview questions (good defaults until changed)."""
    limits.check("note", add)
    with uow:
        settings = uow.repo(SettingsRepository)
        qs = _questions(settings)
        if remove is not None:
            qs = remove_question(qs, remove)
        if add is not None:
            qs = add_question(qs, add)
        if add is not None or remove is not None:
            settings.set(QUESTIONS_KEY, json.dumps(qs, ensure_ascii=False))
            uow.commit()
    return qs


@dataclass
class InterviewLogged:
    interaction: Interaction
    person_name: str
    questions: list[str]


def log_interview(
    uow: UnitOfWork,
    ref: str,
    today: date,
    when: str = "today",
    summary: str | None = None,
    topics: list[str] | None = None,
) -> InterviewLogged:
    """Log an informational interview and hand back the questions to ask."""
    occurred = parse_when(when, today, field="date")
    with uow:
        pid = resolve(uow, ref)
        ix = Interaction(
            occurred_on=occurred,
            person_ids=[pid],
            channel="informational-interview",
            initiated_by=Initiator.ME,
            summary=(summary or "").strip() or None,
            topics=[tp.strip() for tp in topics or [] if tp.strip()],
        )
        uow.interactions.add(ix)
        qs = _questions(uow.repo(SettingsRepository))
        name = uow.people.names([pid])[pid]
        uow.commit()
    return InterviewLogged(ix, name, qs)
