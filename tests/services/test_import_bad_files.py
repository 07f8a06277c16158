"""A file that cannot be read is refused with a message naming it, and the database is untouched."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.services.people import list_people
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)
VCARD = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "contacts.vcf"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        rows = "".join(f"P{i},Q{i},,,,,05 Nov 2024\n" for i in range(500))
        z.writestr("Connections.csv", "First Name,Last Name,URL,Email Address,Company,"
                   "Position,Connected On\n" + rows)  # fmt: skip
    return buf.getvalue()


BAD_FILES = {
    "truncated.zip": (_zip()[:700], "damaged or truncated"),
    "broken_quotes.csv": (
        b'First Name,Last Name,E-mail 1 - Value\nAna,Lima,a@x.org\n"Bo,Chen,b@x.org\nCy,Do,c@x\n',
        "never closed",
    ),
    "junk.bin": (bytes(range(256)) * 40, "binary file"),
    "empty.csv": (b"", "empty"),
    "unknown.csv": (b"sku,price,qty\nA1,3.50,2\n", "not a contacts file tiekeeper reads"),
}


def counts(store: Store) -> tuple[object, ...]:
    with store.uow() as uow:
        return (
            [(p.id, p.name, p.emails, p.company) for p in list_people(store.uow())],
            uow.interactions.count(),
        )


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_gives_a_clear_error_and_changes_nothing(
    store: Store, tmp_path: Path, name: str
) -> None:
    import_file(store.uow(), VCARD, TODAY)
    before = counts(store)
    data, expected = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InvalidInput) as info:
        import_file(store.uow(), path, TODAY)
    assert str(path) in str(info.value) and expected in str(info.value)
    assert counts(store) == before


def test_a_format_that_does_not_match_the_content_is_refused(store: Store) -> None:
    with pytest.raises(InvalidInput, match=r"vCard file, not a linkedin"):
        import_file(store.uow(), VCARD, TODAY, format="linkedin")
    assert counts(store) == ([], 0)


def test_an_unknown_format_names_the_allowed_ones(store: Store) -> None:
    with pytest.raises(InvalidInput, match="auto, linkedin, google"):
        import_file(store.uow(), VCARD, TODAY, format="excel")
