"""Likely duplicate people, scored by the evidence behind the pair.

- A shared e-mail, phone or LinkedIn profile is strong evidence: 100.
- A similar name at the same company is corroborated: 60 to 70 (by how similar the names are).
- A name alone is a hint ("same name only", or "similar name only"): namesakes are common, so it
  scores 20 to 30 and is listed only when the names are at least NAME_HINT similar. A hint always
  scores below every evidence-backed pair.

Names are compared only inside blocks (same first name, same last name, same surname prefix and
first initial), so 30,000 people cost thousands of small comparisons instead of 450 million.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy
from rapidfuzz import fuzz, process

from tiekeeper.domain.model import Person, name_key
from tiekeeper.services.imports.identity import phone_key
from tiekeeper.services.recomputed import Kept, kept
from tiekeeper.store.import_repo import ImportRepository
from tiekeeper.store.uow import UnitOfWork

MIN_SCORE = 0  # every pair found is listed; the score says how much to trust it
MIN_NAME = 80  # below this a name is not evidence, even with a shared company
NAME_HINT = 90  # a name alone is shown as a hint from this similarity on
IDENTIFIER_SCORE = 100  # a shared e-mail, phone or LinkedIn profile
COMPANY_SCORE = 50  # a similar name at the same company, plus up to 20 by name similarity
NAME_ONLY_SCORE = 20  # a name alone, plus up to 10 by name similarity
BIG_BLOCK = 1500  # blocks larger than this are compared with their sorted neighbours only
NEIGHBOURS = 30


@dataclass
class DuplicatePair:
    """Two people who may be one; score 0-100 and the evidence behind it."""

    a: Person
    b: Person
    score: int = 0
    name_score: int = 0
    evidence: list[str] = field(default_factory=list)


def find_duplicates(uow: UnitOfWork, min_score: int = MIN_SCORE) -> list[DuplicatePair]:
    """Likely duplicate pairs, best first."""
    with uow:
        people = uow.repo(ImportRepository).snapshot()
    return likely_pairs(people, min_score)


@dataclass(frozen=True)
class BestPairs:
    """The best `len(pairs)` likely pairs and how many were found in all."""

    pairs: list[DuplicatePair]
    total: int


def best_pairs(uow: UnitOfWork, limit: int, stale_ok: bool = False) -> Kept[BestPairs]:
    """The best `limit` pairs, kept until the account's data changes (30,000 people take
    seconds). A stale result (`stale_ok`) leaves out the pairs of people deleted or merged
    since."""
    engine, owner = uow.engine, uow.owner_id

    def compute(fresh: UnitOfWork) -> BestPairs:
        pairs = find_duplicates(fresh)
        return BestPairs(pairs[:limit], len(pairs))

    got = kept(uow, ("duplicates", limit), compute, stale_ok)
    if got.fresh:
        return got
    with UnitOfWork(engine, owner) as now:
        ids = {p.id for pair in got.value.pairs for p in (pair.a, pair.b)}
        alive = now.people.names(i for i in ids if i is not None)
    pairs = [p for p in got.value.pairs if p.a.id in alive and p.b.id in alive]
    gone = len(got.value.pairs) - len(pairs)
    return Kept(BestPairs(pairs, got.value.total - gone), got.computed_at, False)


def _block_keys(key: str) -> Iterator[str]:
    tokens = key.split()
    if not tokens:
        return
    yield "f:" + tokens[0]
    if len(tokens) > 1:
        yield "l:" + tokens[-1]
        yield f"i:{tokens[-1][:3]}:{tokens[0][0]}"


def _name_pairs(keys: dict[int, str]) -> Iterator[tuple[int, int, int]]:
    """(id, id, token_sort_ratio) for similar names within blocks."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for pid, key in keys.items():
        for block in _block_keys(key):
            blocks[block].append(pid)
    seen: set[tuple[int, int]] = set()
    for ids in blocks.values():
        if len(ids) < 2:
            continue
        ids.sort(key=lambda i: keys[i])
        for a, b, score in _compare(ids, [keys[i] for i in ids]):
            pair = (min(a, b), max(a, b))
            if pair not in seen:
                seen.add(pair)
                yield pair[0], pair[1], score


def _compare(ids: list[int], names: list[str]) -> Iterator[tuple[int, int, int]]:
    if len(ids) <= BIG_BLOCK:
        matrix = process.cdist(names, names, scorer=fuzz.token_sort_ratio, score_cutoff=MIN_NAME)
        rows, cols = numpy.nonzero(numpy.triu(matrix, 1))
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            yield ids[i], ids[j], round(float(matrix[i, j]))
        return
    for i in range(len(ids)):  # sorted neighbourhood over a very common name
        for j in range(i + 1, min(len(ids), i + 1 + NEIGHBOURS)):
            score = fuzz.token_sort_ratio(names[i], names[j])
            if score >= MIN_NAME:
                yield ids[i], ids[j], round(score)


def _shared(people: Iterable[Person]) -> dict[tuple[int, int], list[str]]:
    """Pairs sharing an e-mail, LinkedIn profile or phone, with what they share."""
    owners: dict[tuple[str, str], list[int]] = defaultdict(list)
    for p in people:
        assert p.id is not None
        found = {("e-mail", e.lower()) for e in p.emails}
        if p.linkedin_url:
            found.add(("LinkedIn profile", p.linkedin_url.lower()))
        found |= {("phone", k) for k in map(phone_key, p.phones) if k}
        for item in found:
            owners[item].append(p.id)
    out: dict[tuple[int, int], list[str]] = defaultdict(list)
    for (kind, value), ids in owners.items():
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                out[(min(a, b), max(a, b))].append(f"same {kind}: {value}")
    return out


def _scale(name_score: int, floor: int, room: int, start: int) -> int:
    """floor + room scaled by how far the name similarity is from `start` to 100."""
    return floor + round(room * max(0, name_score - start) / (100 - start))


def _score(pair: DuplicatePair, same_company: bool, shared: list[str]) -> int | None:
    """The pair's score from its evidence, None when it is too weak to list."""
    n = pair.name_score
    if shared:
        pair.evidence += shared
        return IDENTIFIER_SCORE
    if same_company and n >= MIN_NAME:
        return _scale(n, COMPANY_SCORE, 20, MIN_NAME)
    if n >= NAME_HINT:
        pair.evidence = ["same name only" if n == 100 else f"similar name only ({n}%)"]
        return _scale(n, NAME_ONLY_SCORE, 10, NAME_HINT)
    return None


def likely_pairs(people: list[Person], min_score: int = MIN_SCORE) -> list[DuplicatePair]:
    """Score every candidate pair found by blocking; keep those at or above min_score."""
    by_id = {p.id: p for p in people if p.id is not None}
    keys = {pid: name_key(p.name) for pid, p in by_id.items()}
    names = {(a, b): s for a, b, s in _name_pairs(keys)}
    shared = _shared(by_id.values())
    pairs = []
    for a, b in set(names) | set(shared):
        pa, pb = by_id[a], by_id[b]
        pair = DuplicatePair(pa, pb, name_score=names.get((a, b), 0))
        if pair.name_score:
            pair.evidence.append(f"similar name ({pair.name_score}%)")
        same_company = bool(pa.company and pb.company) and name_key(pa.company or "") == name_key(
            pb.company or ""
        )
        if same_company:
            pair.evidence.append(f"same company: {pa.company}")
        score = _score(pair, same_company, shared.get((a, b), []))
        if score is not None and score >= min_score:
            pair.score = score
            pairs.append(pair)
    pairs.sort(key=lambda x: (-x.score, x.a.id or 0, x.b.id or 0))
    return pairs
