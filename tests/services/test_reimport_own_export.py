"""Re-importing tiekeeper's own export changes nothing: the vCard's UID finds everyone (people
without an e-mail or phone too), a card's own lines are not kept back from it, and the location
the exports write as an address of a city alone is no news. Before, the browser round trip of
issue 11 showed a person met at an event created again, and every demo person "to update"."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from tiekeeper.services.demo import DemoSize, fill_demo
from tiekeeper.services.exporting import export
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.services.people import PersonChanges, add_person, list_people, show_person
from tiekeeper.store.uow import Store

DAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 12, tzinfo=UTC)


def exported(store: Store, fmt: str, folder: Path) -> Path:
    path = folder / f"export.{'vcf' if fmt == 'vcard' else fmt}"
    path.write_bytes(export(store.uow(), fmt, NOW).data)
    return path


def test_the_vcard_and_csv_exports_come_back_unchanged(store: Store, tmp_path: Path) -> None:
    fill_demo(store.uow(), DAY, DemoSize(people=40, interactions=200))
    bare = add_person(store.uow(), PersonChanges(name="Tova Nextday"), DAY)  # no identifier
    everyone = len(list_people(store.uow()))
    for fmt in ("vcard", "csv"):
        again = import_file(store.uow(), exported(store, fmt, tmp_path), DAY, dry_run=True)
        done = (again.created, again.updated, again.unchanged, again.not_kept)
        assert done == (0, 0, everyone, {}), (fmt, done)
    assert bare.id is not None


def test_a_card_edited_elsewhere_updates_its_person_found_by_uid(
    store: Store, tmp_path: Path
) -> None:
    bare = add_person(store.uow(), PersonChanges(name="Tova Nextday"), DAY)
    assert bare.id is not None
    card = exported(store, "vcard", tmp_path).read_text(encoding="utf-8")
    # another app renamed her and added a phone: the UID still says who she is
    edited = card.replace("FN:Tova Nextday", "FN:Tova N. Nextday").replace(
        "END:VCARD", "TEL:+351 912 345 678\r\nEND:VCARD"
    )
    file = tmp_path / "edited.vcf"
    file.write_text(edited, encoding="utf-8")
    done = import_file(store.uow(), file, DAY)
    assert (done.created, done.updated) == (0, 1)
    shown = show_person(store.uow(), str(bare.id), DAY)
    assert shown.person.phones == ["+351 912 345 678"]
