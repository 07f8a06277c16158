"""Regression: a LinkedIn export's messages and the user's own profile were cut and cleaned to the
fields' limits without a word (a control character in a message, a 400-character headline), while
the people's changes were reported. The summary's "not kept" now names those too."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from tiekeeper.services.imports.contacts import import_file
from tiekeeper.services.profile import get_profile
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)
LINKEDIN = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "linkedin_export"


def poisoned_export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(LINKEDIN, folder)
    messages = folder / "messages.csv"
    messages.write_text(
        messages.read_text(encoding="utf-8").replace("coffee next", "coffee\x07 next"),
        encoding="utf-8",
    )
    profile = folder / "Profile.csv"
    header, row = profile.read_text(encoding="utf-8").splitlines()[:2]
    cells = row.split(",")
    cells[header.split(",").index("Headline")] = "h" * 400
    profile.write_text(f"{header}\n{','.join(cells)}\n", encoding="utf-8")
    return folder


def test_cleaned_messages_and_profile_fields_are_named_in_not_kept(
    store: Store, tmp_path: Path
) -> None:
    s = import_file(store.uow(), poisoned_export(tmp_path), TODAY)
    assert s.not_kept.get("message control characters in summary") == 1
    assert s.not_kept.get("profile headline past 300 characters") == 1
    assert get_profile(store.uow()).headline == "h" * 300


def test_a_clean_export_reports_nothing_about_messages_or_profile(store: Store) -> None:
    s = import_file(store.uow(), LINKEDIN, TODAY)
    assert not [k for k in s.not_kept if k.startswith(("message ", "profile "))]
