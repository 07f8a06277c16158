"""Matching a typed name against people's folded names (domain.model.name_key) by its words:
"ana" is a first name, "tanaka" a last name, "ana lim" a prefix of "ana lima"."""

from __future__ import annotations

from collections.abc import Sequence


def _in_order(query: Sequence[str], words: Sequence[str], *, whole: bool) -> bool:
    """Each query word matches a later name word than the one before (whole, or as a prefix)."""
    at = 0
    for q in query:
        while at < len(words) and not (words[at] == q if whole else words[at].startswith(q)):
            at += 1
        if at == len(words):
            return False
        at += 1
    return True


def word_matches(query_key: str, names: Sequence[tuple[int, str]]) -> list[int]:
    """Ids of the best tier of matches for a folded query: names holding its words as whole
    words, in order ("ana" -> Ana Lima, not Anabel), else names whose words start with them
    ("ana lim" -> Ana Lima). Empty when neither matches anyone."""
    query = query_key.split()
    if not query:
        return []
    split = [(pid, key.split()) for pid, key in names]
    for whole in (True, False):
        found = [pid for pid, words in split if _in_order(query, words, whole=whole)]
        if found:
            return found
    return []
