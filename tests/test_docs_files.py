"""The documents the README and docs point to exist in the repository (the README once named a
docs INSIGHTS.md that was not there), and the changelog json.md relies on is at the top."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_document_path_named_in_the_docs_exists() -> None:
    named: set[str] = set()
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        text = doc.read_text(encoding="utf-8")
        named |= set(re.findall(r"\b((?:docs/)?[\w-]+\.md)\b", text))
    assert {"docs/insights.md", "CHANGELOG.md"} <= named  # the walk found them
    missing = [
        n for n in sorted(named) if not ((ROOT / n).exists() or (ROOT / "docs" / n).exists())
    ]
    assert missing == []


def test_the_insights_doc_names_every_insight_module_that_exists() -> None:
    text = (ROOT / "docs" / "insights.md").read_text(encoding="utf-8")
    for module in re.findall(r"`((?:domain|graph|services)/[\w/]+\.py)`", text):
        assert (ROOT / "src" / "tiekeeper" / module).exists(), module
