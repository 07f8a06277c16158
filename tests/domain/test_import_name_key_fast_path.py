"""name_key's ASCII fast path (added for import speed) gives exactly what the full fold gives."""

from __future__ import annotations

import string
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tiekeeper.domain.model import name_key


def slow_name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_names_fold_exactly_as_before(name: str) -> None:
    assert name_key(name) == slow_name_key(name)


def test_accents_and_case_still_fold() -> None:
    assert name_key("  José\tNÚÑEZ ") == "jose nunez" == name_key("jose nunez")
    assert name_key(string.printable) == slow_name_key(string.printable)
