"""vCard 3.0 out: what phones accept, and it reads back through our own vCard reader."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.model import Person
from tiekeeper.interchange.vcard_in import read_vcard
from tiekeeper.interchange.vcard_out import MAX_OCTETS, fold, person_uid, write_vcards

OWNER = 1


def person(pid: int, name: str, **kw: object) -> Person:
    return Person(name=name, id=pid, created_on=date(2026, 1, 1), **kw)  # type: ignore[arg-type]


PEOPLE = [
    person(
        1,
        "José Núñez-García",
        emails=["jose@example.com", "j@work.example"],
        phones=["+34 600 000 000"],
        company="Acme; Inc, \\ Ltd",
        position="CTO, Platform",
        notes="Met at PyCon.\nLikes climbing; coffee, not tea.",
        tags=["mentor", "spain, madrid"],
        birthday=PartialDate(4, 15, 1980),
        location="Madrid, Spain",
        links=["https://jose.dev/a,b"],
        linkedin_url="https://www.linkedin.com/in/jose-nunez",
    ),
    person(2, "Bo", birthday=PartialDate(2, 29)),
    person(3, "Ana Maria da Silva Lima", birthday=PartialDate(12, 25)),
]


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def test_every_card_is_vcard_3_crlf_utf8_without_bom_with_fn_n_and_uid() -> None:
    data = write_vcards(PEOPLE, OWNER)
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in data.replace(b"\r\n", b"")
    text = data.decode("utf-8")
    assert text.count("BEGIN:VCARD\r\nVERSION:3.0\r\n") == 3
    for key in ("\r\nFN:", "\r\nN:", "\r\nUID:urn:uuid:"):
        assert text.count(key) == 3, key


def test_cards_read_back_through_the_projects_reader_as_the_same_people() -> None:
    batch = read_vcard(write_vcards(PEOPLE, OWNER), "out.vcf")
    assert batch.skipped == []
    got = {p.name: p for p in batch.people}
    assert set(got) == {p.name for p in PEOPLE}
    for p in PEOPLE:
        r = got[p.name]
        assert r.emails == p.emails
        assert r.phones == p.phones
        assert r.company == p.company
        assert r.position_title == p.position
        assert r.notes == p.notes
        assert r.tags == p.tags
        assert r.birthday == p.birthday
        assert r.location == p.location
        assert r.links == p.links
        assert r.linkedin_url == p.linkedin_url


def test_special_characters_are_escaped_in_text_and_structured_values() -> None:
    text = write_vcards(PEOPLE[:1], OWNER).decode("utf-8").replace("\r\n ", "")
    assert "ORG:Acme\\; Inc\\, \\\\ Ltd\r\n" in text
    assert "NOTE:Met at PyCon.\\nLikes climbing\\; coffee\\, not tea.\r\n" in text
    assert "CATEGORIES:mentor,spain\\, madrid\r\n" in text
    assert "N:Núñez-García;José;;;\r\n" in text


def test_a_birthday_without_year_uses_apples_1604_form_and_never_invents_a_year() -> None:
    text = write_vcards(PEOPLE[1:], OWNER).decode("utf-8")
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\n" in text
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-12-25\r\n" in text
    assert "BDAY:1980-04-15\r\n" in write_vcards(PEOPLE[:1], OWNER).decode("utf-8")


def test_uids_are_stable_per_owner_and_person_and_say_nothing_about_the_person() -> None:
    first = write_vcards(PEOPLE, OWNER)
    renamed = [person(1, "Someone Else", emails=["x@y.z"])]
    uid = person_uid(OWNER, 1)
    assert f"UID:urn:uuid:{uid}".encode() in first
    assert f"UID:urn:uuid:{uid}".encode() in write_vcards(renamed, OWNER)
    assert person_uid(OWNER + 1, 1) != uid
    assert b"jose" not in uid.encode().lower()


def test_long_lines_fold_at_75_octets_with_a_leading_space() -> None:
    line = "NOTE:" + "é" * 100
    folded = fold(line).encode("utf-8")
    parts = physical_lines(folded)
    assert all(len(p) <= MAX_OCTETS for p in parts)
    assert all(p.startswith(b" ") for p in parts[1:])
    assert len(parts[0]) == 75  # 'NOTE:' + 35 two-byte letters
    assert b"".join([parts[0], *(p[1:] for p in parts[1:])]).decode("utf-8") == line


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=300)
)
def test_folding_never_splits_a_utf8_character(value: str) -> None:
    line = "FN:" + value  # escape_text has already turned line breaks into \\n
    parts = physical_lines(fold(line).encode("utf-8"))
    for part in parts:
        assert len(part) <= MAX_OCTETS
        part.decode("utf-8")  # a split multi-byte character would raise here
    assert (
        "".join(p.decode("utf-8") if i == 0 else p.decode("utf-8")[1:] for i, p in enumerate(parts))
        == line
    )


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Zs")),
    min_size=1,
    max_size=40,
)


@settings(max_examples=50, deadline=None)
@given(st.lists(names, min_size=1, max_size=3), names)
def test_unicode_names_and_notes_survive_the_round_trip(words: list[str], note: str) -> None:
    p = person(7, " ".join(words), notes=note, company=note)
    [back] = read_vcard(write_vcards([p], OWNER), "x.vcf").people
    assert back.name == p.name
    assert back.company == note.strip()
