"""`duplicates` scores reflect the evidence: a shared e-mail, phone or LinkedIn profile is strong,
a similar name at the same company is corroborated, a name alone is a hint and says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import update

from tiekeeper.services.demo import DemoSize, fill_demo
from tiekeeper.services.duplicates import DuplicatePair, find_duplicates
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.store import tables as t
from tiekeeper.store.ids import add_row
from tiekeeper.store.uow import Store, open_store

TODAY = date(2026, 11, 26)
IDENTIFIERS = ("same e-mail", "same phone", "same LinkedIn profile")


def add(store: Store, name: str, **kw: object) -> int:
    p = add_person(store.uow(), PersonChanges(name=name, **kw), TODAY)  # type: ignore[arg-type]
    assert p.id is not None
    return p.id


def by_pair(store: Store) -> dict[frozenset[int], DuplicatePair]:
    return {frozenset((p.a.id or 0, p.b.id or 0)): p for p in find_duplicates(store.uow())}


def backed(pair: DuplicatePair) -> bool:
    return any(e.startswith(IDENTIFIERS) for e in pair.evidence)


def test_namesakes_alone_are_a_low_hint_that_says_same_name_only(store: Store) -> None:
    a, b = add(store, "Maria Silva"), add(store, "Maria Silva")
    [pair] = by_pair(store).values()
    assert {pair.a.id, pair.b.id} == {a, b}
    assert pair.evidence == ["same name only"]
    assert pair.score == 30


def test_a_shared_identifier_outranks_any_name_only_pair(store: Store) -> None:
    maria = [add(store, "Maria Silva"), add(store, "Maria Silva")]
    phone = [add(store, "Bo Chen", phones=["+1 555 010 2030"]), add(store, "Robert Chen")]
    url = "https://www.linkedin.com/in/cy-diaz"
    link = [add(store, "Cy Diaz"), add(store, "C. Diaz-Ortega")]
    mail = [add(store, "Dee Ray", emails=["dee@x.org"]), add(store, "Deirdre R.")]
    with store.uow() as uow:  # identifiers on a second record, bypassing add's own checks
        add_row(
            uow.conn,
            t.person_phones,
            {"owner_id": store.owner_id, "person_id": phone[1], "phone": "(555) 010-2030"},
        )
        for pid, value in ((link[0], url), (link[1], url.upper())):
            uow.conn.execute(
                update(t.people).where(t.people.c.id == pid).values(linkedin_url=value)
            )
        add_row(
            uow.conn,
            t.person_emails,
            {"owner_id": store.owner_id, "person_id": mail[1], "email": "DEE@x.org"},
        )
        uow.commit()
    pairs = by_pair(store)
    for ids in (phone, link, mail):
        pair = pairs[frozenset(ids)]
        assert pair.score == 100 and backed(pair), pair.evidence
    hint = pairs[frozenset(maria)]
    assert hint.score <= 30 and not backed(hint)
    assert list(pairs.values())[-1] is hint  # best first: the hint comes last


def test_a_similar_name_at_the_same_company_sits_between(store: Store) -> None:
    jon, john = add(store, "Jon Smith", company="Acme"), add(store, "John Smith", company="Acme")
    add(store, "Ana Lima"), add(store, "Ana Lima")
    pairs = by_pair(store)
    smiths = pairs[frozenset((jon, john))]
    [namesakes] = [p for k, p in pairs.items() if k != frozenset((jon, john))]
    assert namesakes.score < smiths.score < 100
    assert "same company: Acme" in smiths.evidence


def test_a_similar_name_alone_is_a_hint_with_its_similarity(store: Store) -> None:
    add(store, "Jon Smith"), add(store, "John Smith")
    [pair] = by_pair(store).values()
    assert pair.evidence == ["similar name only (95%)"]
    assert 20 <= pair.score < 30


def test_the_demos_namesakes_never_score_100(tmp_path: Path) -> None:
    st = open_store(f"sqlite:///{tmp_path / 'demo.db'}")
    fill_demo(st.uow(), TODAY, DemoSize(300, 3000))
    pairs = find_duplicates(st.uow())
    hints = [p for p in pairs if not backed(p)]
    for p in hints:
        assert p.score < 100, (p.a.name, p.b.name, p.evidence)
        if p.a.name == p.b.name and "same company" not in " ".join(p.evidence):
            assert p.evidence == ["same name only"] and p.score <= 30
    strong = [p.score for p in pairs if backed(p)]
    assert all(h.score < min(strong, default=100) for h in hints)
