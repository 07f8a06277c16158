"""Every real-world sample in ../shared/samples imports into a fresh store with the expected number
of people (or is refused with a message naming it), and importing it again creates nothing."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from types import ModuleType

import pytest

from samples_dir import samples_root
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.services.imports.calendar import import_calendar, is_calendar
from tiekeeper.services.imports.contacts import import_file
from tiekeeper.store.uow import Store, open_store

SAMPLES = samples_root()
TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
# People who appear only in messages or invitations (not in a Connections.csv) are created too.
FROM_INTERACTIONS = {
    "linkedin/export-2025/Invitations.csv": 6,
    "linkedin/export-2025/messages.csv": 16,
}

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"{SAMPLES} is not present")


def _reader_corpus() -> ModuleType:
    """The reader's corpus test, whose per-file counts were made by reading the files by hand."""
    path = Path(__file__).resolve().parents[1] / "interchange" / "test_samples_corpus.py"
    spec = importlib.util.spec_from_file_location("reader_samples_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


READER = _reader_corpus()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Store]:
    st = open_store(f"sqlite:///{tmp_path / 'corpus.db'}")
    yield st
    st.engine.dispose()


def _people(store: Store) -> int:
    with store.uow() as uow:
        return uow.people.count()


@pytest.mark.parametrize("relative", READER._all_files() or ["none"])
def test_sample_imports_with_expected_people_and_reimports_as_nothing(
    fresh: Store, relative: str
) -> None:
    path = SAMPLES / relative
    if relative in READER.CALENDARS:
        # A calendar is the calendar import's: none of these samples names attendees, so every
        # occurrence is skipped and counted, and nothing is written (no person is ever created).
        assert is_calendar(path)
        with pytest.raises(InvalidInput) as info:
            import_file(fresh.uow(), path, TODAY)
        assert str(path) in str(info.value) and "not a contacts file" in str(info.value)
        events, occurrences = READER.CALENDARS[relative]
        first = import_calendar(fresh.uow(), path, NOW, UTC)
        assert (first.events, first.occurrences, first.skipped_count) == (
            events,
            occurrences,
            occurrences,
        )
        assert first.interactions_created == 0 and _people(fresh) == 0
        again = import_calendar(fresh.uow(), path, NOW, UTC)
        assert (again.interactions_created, again.meetings_planned) == (0, 0)
        return
    _, expected, skipped = READER.EXPECTED[relative]
    first = import_file(fresh.uow(), path, TODAY)
    # Company cards are contacts too, so every expected record is a person.
    assert first.created == expected + FROM_INTERACTIONS.get(relative, 0)
    assert _people(fresh) == first.created
    assert len(first.skipped) >= skipped
    again = import_file(fresh.uow(), path, TODAY)
    assert (again.created, again.updated, again.interactions_created) == (0, 0, 0)
    assert _people(fresh) == first.created
