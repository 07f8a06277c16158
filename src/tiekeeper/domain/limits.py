"""How long each field may be and which characters it may hold: one rule for every door (add,
edit, the API, import), so nothing is stored that a backup's restore would refuse, and both
backends keep the same data (SQLite stores a 10,000-character name in a 300-character column;
PostgreSQL refuses it, and refuses NUL anywhere).

Field names are the ones users see (`--how-met`, the API's `how_met`): errors name them.
tests/store/test_field_limits.py checks the lengths against the columns.
"""

from __future__ import annotations

import re

from tiekeeper.domain.errors import InvalidInput

# Free text (notes and the like) has no column limit; this cap keeps a pasted file out.
TEXT = 100_000

LENGTHS: dict[str, int] = {
    "name": 300,
    "company": 300,
    "position": 300,
    "industry": 200,
    "function": 200,
    "seniority": 100,
    "location": 200,
    "generation": 50,
    "email": 320,
    "phone": 64,
    "link": 1000,
    "linkedin": 500,
    "tag": 100,
    "topic": 200,
    # what other doors take (log, events, goals, opportunities, posts)
    "event": 300,
    "goal": 300,
    "role": 300,
    "post-topic": 300,
    "headline": 300,  # the user's own profile (`me --headline`)
    "how-met": TEXT,
    "interests": TEXT,
    "working-on": TEXT,
    "how-to-help": TEXT,
    "needs": TEXT,
    "note": TEXT,
    "summary": TEXT,
    "pitch": TEXT,
    # a postal address's parts
    "address-kind": 100,
    "po-box": 200,
    "extended": 200,
    "street": 500,
    "city": 200,
    "region": 200,
    "postcode": 50,
    "country": 200,
    # a kept vCard property: its name, and its whole line (a photo can be a few megabytes)
    "card-property": 200,
    "card-line": 20_000_000,
}

# Fields that may span lines: tab and newline are kept there, every other control is not.
MULTILINE = frozenset(
    {"how-met", "interests", "working-on", "how-to-help", "needs", "note", "summary",
     # a street may take several lines (Apple and KAddressBook write them so)
     "street", "extended"}
)  # fmt: skip


def limit(field: str) -> int:
    """The most characters `field` may hold."""
    return LENGTHS[field]


# Ids lie below 2^53, each account's in a block of its own (store/ids.py): a browser's
# JavaScript reads every one exactly. A larger number names no row on either backend (and would
# overflow SQLite's driver past 2**63).
MAX_ID = 2**53 - 1


def is_id(text: str) -> bool:
    """Whether `text` is an id a row can have (ASCII digits only: "²" is a digit to Python)."""
    return text.isascii() and text.isdigit() and int(text) <= MAX_ID


def looks_like_id(text: str) -> bool:
    """Whether `text` is written as an id (ASCII digits), whether or not a row can have it."""
    return text.isascii() and text.isdigit()


# Cc (C0 and C1 controls, NUL included: PostgreSQL refuses NUL in text) and Cs (lone
# surrogates from a badly decoded file: they cannot be written as UTF-8, so the backup would
# fail). A regular expression, since imports check every field of every record.
_BAD = {
    False: re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]"),
    True: re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"),  # tab, newline kept
}
_SPACES = re.compile("[\t\n\r\v\f]")


def bad_character(field: str, value: str) -> str | None:
    """The first character `field` may not hold, else None."""
    found = _BAD[field in MULTILINE].search(value)
    return None if found is None else found.group()


def check(field: str, value: str | None) -> None:
    """Refuse a value that is too long or holds a control character: InvalidInput names the
    field (nothing is cut behind the user's back at the doors they type into)."""
    if value is None:
        return
    most = LENGTHS[field]
    if len(value) > most:
        raise InvalidInput(
            f"is {len(value)} characters long (at most {most})",
            field=field,
            value=value[:40] + "...",
        )
    bad = bad_character(field, value)
    if bad is not None:
        raise InvalidInput(
            f"holds a control character (U+{ord(bad):04X}); "
            + ("only tab and newline are allowed" if field in MULTILINE else "use plain text"),
            field=field,
            value=value[:40],
        )


def clean(field: str, value: str) -> tuple[str, list[str]]:
    """`value` as it may be kept, for imports: control characters taken out (newlines become
    spaces in one-line fields), then cut to the field's length; and what was changed, as
    "not kept" notes."""
    most = LENGTHS[field]
    multiline = field in MULTILINE
    if len(value) <= most and _BAD[multiline].search(value) is None and "\r" not in value:
        return value, []  # nearly every value: one scan, nothing copied
    notes: list[str] = []
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if bad_character(field, value) is not None:
        if not multiline:
            value = _SPACES.sub(" ", value)
        value = _BAD[multiline].sub("", value)
        notes.append(f"control characters in {field}")
    if len(value) > most:
        value = value[:most]
        notes.append(f"{field} past {most} characters")
    return value, notes
