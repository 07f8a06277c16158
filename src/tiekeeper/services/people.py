"""Use cases about people: add, edit, show, list, and resolving a PERSON argument."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from tiekeeper.domain import limits
from tiekeeper.domain.cadence import parse_cadence
from tiekeeper.domain.dates import parse_partial_date, parse_when
from tiekeeper.domain.errors import Conflict, InvalidInput, NotFound
from tiekeeper.domain.model import (
    Interaction,
    NetworkType,
    Person,
    Reminder,
    check_closeness,
    name_key,
    parse_choice,
)
from tiekeeper.domain.name_match import word_matches
from tiekeeper.store.people import PersonFilter
from tiekeeper.store.person_lookup import PersonLookup
from tiekeeper.store.uow import UnitOfWork


@dataclass
class PersonChanges:
    """What a user asked to set. None means 'leave as is'; lists add to what is there."""

    name: str | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    untags: list[str] = field(default_factory=list)
    remove_emails: list[str] = field(default_factory=list)
    remove_phones: list[str] = field(default_factory=list)
    company: str | None = None
    position: str | None = None
    industry: str | None = None
    function: str | None = None
    seniority: str | None = None
    location: str | None = None
    generation: str | None = None
    network_type: str | None = None
    closeness: int | None = None
    birthday: str | None = None
    started: str | None = None
    connected: str | None = None
    cadence: str | None = None
    how_met: str | None = None
    introduced_by: str | None = None
    linkedin: str | None = None
    interests: str | None = None
    working_on: str | None = None
    how_to_help: str | None = None
    needs: str | None = None
    note: str | None = None


SHOWN_CANDIDATES = 5
NEAR_MISS_SCORE = (
    80  # rapidfuzz ratio: "ana lma" -> Ana Lima (93), "tanka" -> Tanaka (91), not Ana (75)
)


def resolve(uow: UnitOfWork, ref: str, *, partial: bool = True) -> int:
    """A PERSON argument -> id: an id, an e-mail, or a name matching exactly one person; with
    `partial`, also a unique first name, last name or prefix of the name ("ana", "tanaka",
    "ana lim"). Otherwise the error names up to five candidates, near misses included."""
    text = ref.strip()
    bad = limits.bad_character("name", text)
    if bad is not None:  # PostgreSQL refuses NUL even in a lookup: refused alike on both
        raise InvalidInput(f"holds a control character (U+{ord(bad):04X})", field="person")
    if limits.looks_like_id(text):
        if limits.is_id(text) and uow.people.exists(int(text)):
            return int(text)
        raise NotFound(f"no person with id {text}")
    key = name_key(text)
    if "@" in text:
        ids = uow.people.ids_by_email(text)
    else:
        ids = uow.people.ids_by_name_key(key)
        if not ids and partial and key:
            ids = _by_words(uow, key)
    if len(ids) == 1:
        return ids[0]
    if not ids:
        near = _near_misses(uow, key) if partial and "@" not in text and key else []
        hint = f"; did you mean {_candidates(uow, near, ', ')}?" if near else ""
        raise NotFound(f"no person matches {ref!r}{hint}")
    raise Conflict(
        f"{ref!r} matches {len(ids)} people: {_candidates(uow, ids, '; ')}. Use an id or an e-mail."
    )


def resolve_person(uow: UnitOfWork, ref: str) -> Person:
    """The person a PERSON argument names (as `resolve`), read in full: an id is read at once
    rather than looked up and then read (a statement less on every page and edit of a person)."""
    text = ref.strip()
    if limits.looks_like_id(text):
        p = uow.people.get(int(text)) if limits.is_id(text) else None
        if p is None:
            raise NotFound(f"no person with id {text}")
        return p
    p = uow.people.get(resolve(uow, ref))
    assert p is not None
    return p


def resolve_named(uow: UnitOfWork, refs: Sequence[str]) -> dict[int, str]:
    """Each PERSON argument's id (as `resolve`) with the person's name, in the order given (a
    person named twice once): the ids given as ids are looked up with their names, one statement
    for them all."""
    ids: list[int] = []
    for ref in refs:
        text = ref.strip()
        if not limits.looks_like_id(text):
            ids.append(resolve(uow, ref))
        elif limits.is_id(text):
            ids.append(int(text))
        else:
            raise NotFound(f"no person with id {text}")
    ids = list(dict.fromkeys(ids))
    names = uow.people.names(ids)
    for pid in ids:
        if pid not in names:
            raise NotFound(f"no person with id {pid}")
    return {pid: names[pid] for pid in ids}


def _by_words(uow: UnitOfWork, key: str) -> list[int]:
    # One indexed-free scan for the first word narrows 30,000 people to a few before the
    # in-order check of every word.
    return word_matches(key, uow.repo(PersonLookup).word_prefix(key.split()[0]))


def _near_misses(uow: UnitOfWork, key: str) -> list[int]:
    """Up to five people whose name, or for a one-word query one of its words, is close to the
    typed one (a typo); the best first."""
    from rapidfuzz import fuzz, process

    lookup = uow.repo(PersonLookup)
    names = lookup.distinct_names()
    score: dict[str, float] = {}  # name_key -> how close it, or its closest word, is
    for text, found, _ in process.extract(key, names, scorer=fuzz.ratio,
                                          score_cutoff=NEAR_MISS_SCORE, limit=None):  # fmt: skip
        score[text] = found
    if " " not in key:  # one word: a first or last name typed with a slip
        words = sorted({w for n in names for w in n.split()})
        close = dict((w, s) for w, s, _ in process.extract(
            key, words, scorer=fuzz.ratio, score_cutoff=NEAR_MISS_SCORE, limit=None))  # fmt: skip
        for n in names:
            best = max((close.get(w, 0.0) for w in n.split()), default=0.0)
            if best > score.get(n, 0.0):
                score[n] = best
    top = sorted(score, key=lambda n: -score[n])[:SHOWN_CANDIDATES]
    people = lookup.with_names(top) if top else []
    people.sort(key=lambda row: (-score[row[1]], row[0]))
    return [pid for pid, _ in people[:SHOWN_CANDIDATES]]


def _candidates(uow: UnitOfWork, ids: list[int], sep: str) -> str:
    shown = ids[:SHOWN_CANDIDATES]
    labels = uow.repo(PersonLookup).labels(shown)
    text = sep.join(_label(pid, *labels[pid]) for pid in shown if pid in labels)
    more = len(ids) - SHOWN_CANDIDATES
    return text + (f"{sep}and {more} more" if more > 0 else "")


def _label(pid: int, name: str, company: str | None, email: str | None) -> str:
    extra = f", {company}" if company else ""
    return f"#{pid} {name}{extra}" + (f", {email}" if email else "")


def validate_email(value: str) -> str:
    v = value.strip()
    local, _, domain = v.partition("@")
    if not local or "." not in domain or " " in v:
        raise InvalidInput(f"{value!r} is not an e-mail address", field="email", value=value)
    return v.lower()


def validate_url(value: str, field_name: str) -> str:
    v = value.strip()
    if not v.startswith(("http://", "https://")):
        if v.startswith(("www.", "linkedin.com")):
            v = "https://" + v
        else:
            raise InvalidInput(f"{value!r} is not a web address", field=field_name, value=value)
    return v


def _digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


def _without(
    values: list[str], removed: list[str], field_name: str, key: Callable[[str], str]
) -> list[str]:
    """`values` minus `removed` (compared by `key`); removing what is not there is an error,
    so a typo does not pass silently."""
    have = {key(v) for v in values}
    for r in removed:
        if key(r.strip()) not in have:
            shown = ", ".join(values) or "none"
            raise InvalidInput(f"{r!r} is not one of theirs ({shown})", field=field_name, value=r)
    gone = {key(r.strip()) for r in removed}
    return [v for v in values if key(v) not in gone]


def apply_changes(uow: UnitOfWork, p: Person, c: PersonChanges, today: date) -> None:
    """Copy validated changes onto p; raises InvalidInput naming the first bad field."""
    for attr in (
        "company",
        "position",
        "industry",
        "function",
        "seniority",
        "location",
        "generation",
        "how_met",
        "interests",
        "working_on",
        "how_to_help",
        "needs",
    ):
        value = getattr(c, attr)
        if value is not None:
            setattr(p, attr, value.strip() or None)
    if c.name is not None:
        p.name = " ".join(c.name.split())
        if not p.name:
            raise InvalidInput("a person needs a name", field="name", value=c.name)
    if c.note is not None:
        p.notes = c.note.strip() or None
    if c.network_type is not None:  # "" or "none" clears it
        off = c.network_type.strip().lower() in ("", "none")
        p.network_type = None if off else parse_choice(c.network_type, NetworkType, "type")
    if c.closeness is not None:  # 0 clears the rating
        p.closeness = check_closeness(c.closeness) if c.closeness else None
    if c.birthday is not None:
        p.birthday = parse_partial_date(c.birthday, field="birthday") if c.birthday else None
    if c.started is not None:
        p.started_on = parse_when(c.started, today, field="started") if c.started else None
    if c.connected is not None:
        p.connected_on = parse_when(c.connected, today, field="connected") if c.connected else None
    if c.cadence is not None:
        off = c.cadence.strip().lower() in ("", "none", "off")
        p.cadence_days = None if off else parse_cadence(c.cadence)
    if c.linkedin is not None:
        p.linkedin_url = validate_url(c.linkedin, "linkedin") if c.linkedin else None
    if c.introduced_by is not None:
        intro = resolve(uow, c.introduced_by) if c.introduced_by else None
        if intro is not None and intro == p.id:
            raise InvalidInput("a person cannot introduce themselves", field="introduced-by")
        p.introduced_by_id = intro
    p.emails = _without(p.emails, c.remove_emails, "remove-email", str.casefold)
    p.phones = _without(p.phones, c.remove_phones, "remove-phone", _digits)
    p.emails += [validate_email(e) for e in c.emails]
    p.phones += [ph.strip() for ph in c.phones if ph.strip()]
    p.links += [validate_url(u, "link") for u in c.links]
    removed = {name_key(tg) for tg in c.untags}
    p.tags = [tg for tg in p.tags + [tg.strip() for tg in c.tags] if name_key(tg) not in removed]
    check_limits(p)


# A person's text attributes and the field names users know them by (errors name these).
LIMITED_FIELDS = (
    ("name", "name"), ("company", "company"), ("position", "position"),
    ("industry", "industry"), ("function", "function"), ("seniority", "seniority"),
    ("location", "location"), ("generation", "generation"), ("linkedin_url", "linkedin"),
    ("how_met", "how-met"), ("interests", "interests"), ("working_on", "working-on"),
    ("how_to_help", "how-to-help"), ("needs", "needs"), ("notes", "note"),
)  # fmt: skip
LIMITED_LISTS = (("emails", "email"), ("phones", "phone"), ("links", "link"), ("tags", "tag"))


def check_limits(p: Person) -> None:
    """Refuse a value that does not fit its field (too long, a control character), naming the
    field: what add and edit store, a backup restores on either backend."""
    for attr, field_name in LIMITED_FIELDS:
        limits.check(field_name, getattr(p, attr))
    if len(name_key(p.name)) > limits.limit("name"):  # casefold lengthens: "ß" -> "ss"
        raise InvalidInput(
            f"is too long once case is folded (at most {limits.limit('name')} characters)",
            field="name",
            value=p.name[:40] + "...",
        )
    for attr, field_name in LIMITED_LISTS:
        for value in getattr(p, attr):
            limits.check(field_name, value)


def add_person(uow: UnitOfWork, changes: PersonChanges, today: date) -> Person:
    """Add a person; an e-mail or LinkedIn URL someone already has is a conflict."""
    if not changes.name or not changes.name.strip():
        raise InvalidInput("a person needs a name", field="name", value=changes.name)
    with uow:
        p = Person(name=changes.name, created_on=today)
        apply_changes(uow, p, changes, today)
        for email in p.emails:
            if uow.people.ids_by_email(email):
                raise Conflict(f"{email} already belongs to #{uow.people.ids_by_email(email)[0]}")
        if p.linkedin_url and uow.people.ids_by_linkedin(p.linkedin_url):
            raise Conflict(f"{p.linkedin_url} already belongs to someone; use `edit`")
        uow.people.add(p)
        assert p.id is not None
        stored = uow.people.get(p.id)  # what was written, derived fields included
        uow.commit()
    assert stored is not None
    return stored


def same_name(uow: UnitOfWork, p: Person) -> list[Person]:
    """The other people with p's name (case and accents ignored): after `add`, a hint that this
    may be someone already there. Adding still happens: two people may share a name, and a quick
    capture must not be lost; `merge` joins them when they are one."""
    with uow:
        ids = [i for i in uow.people.ids_by_name_key(name_key(p.name)) if i != p.id]
        return uow.people.load(ids[:SHOWN_CANDIDATES])


def edit_person(uow: UnitOfWork, ref: str, changes: PersonChanges, today: date) -> Person:
    """Change a person's fields."""
    with uow:
        p = resolve_person(uow, ref)
        old_emails, old_url = set(p.emails), p.linkedin_url
        apply_changes(uow, p, changes, today)
        for email in set(p.emails) - old_emails:  # the ones kept are the person's already
            owners = [i for i in uow.people.ids_by_email(email) if i != p.id]
            if owners:
                raise Conflict(f"{email} already belongs to #{owners[0]}")
        url = p.linkedin_url
        if url and url != old_url and any(i != p.id for i in uow.people.ids_by_linkedin(url)):
            raise Conflict(f"{url} already belongs to someone else")
        stored = uow.people.update(p)
        uow.commit()
    return stored


@dataclass
class PersonView:
    person: Person
    introduced_by: str | None
    interactions: list[Interaction]
    names: dict[int, str]
    reminders: list[Reminder]
    next_birthday: date | None
    cadence_days: int | None


def show_person(uow: UnitOfWork, ref: str, today: date) -> PersonView:
    """Everything about one person: fields, recent interactions, open follow-ups."""
    with uow:
        p = resolve_person(uow, ref)
        assert p.id is not None
        intro = uow.people.get(p.introduced_by_id) if p.introduced_by_id else None
        interactions = uow.interactions.for_person(p.id, limit=10)
        names = uow.people.names({i for ix in interactions for i in ix.person_ids})
        tag_cad = uow.people.tag_cadences() if p.tags and not p.cadence_days else {}
        cadence = p.cadence_days or min(
            (tag_cad[tg] for tg in p.tags if tg in tag_cad), default=None
        )
        return PersonView(
            person=p,
            introduced_by=intro.name if intro else None,
            interactions=interactions,
            names=names,
            reminders=uow.reminders.open_for_person(p.id),
            next_birthday=p.birthday.next_on_or_after(today) if p.birthday else None,
            cadence_days=cadence,
        )


def list_people(
    uow: UnitOfWork,
    *,
    tag: str | None = None,
    company: str | None = None,
    network_type: str | None = None,
    overdue_on: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Person]:
    """People matching all the given filters, by name (`offset` skips the first ones)."""
    nt = parse_choice(network_type, NetworkType, "type") if network_type else None
    limits.check("tag", tag)  # a NUL is refused by PostgreSQL even in a filter: alike on both
    limits.check("company", company)
    with uow:
        return uow.people.find(PersonFilter(tag, company, nt, overdue_on), limit, offset)
