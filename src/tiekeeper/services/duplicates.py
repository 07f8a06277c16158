"""Likely duplicate people: shared identifiers, or similar names (fuzzy) with a shared company.

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
from tiekeeper.services.import_identity import phone_key
from tiekeeper.store.import_repo import ImportRepository
from tiekeeper.store.uow import UnitOfWork

MIN_SCORE = 90
MIN_NAME = 80  # below this a name is not evidence, even with a shared company
COMPANY_BONUS = 10
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
        pair.score = pair.name_score
        if pair.name_score:
            pair.evidence.append(f"similar name ({pair.name_score}%)")
        if pa.company and pb.company and name_key(pa.company) == name_key(pb.company):
            pair.evidence.append(f"same company: {pa.company}")
            pair.score = min(100, pair.score + COMPANY_BONUS) if pair.name_score else pair.score
        if (a, b) in shared:
            pair.evidence += shared[(a, b)]
            pair.score = 100
        if pair.score >= min_score:
            pairs.append(pair)
    pairs.sort(key=lambda x: (-x.score, x.a.id or 0, x.b.id or 0))
    return pairs
