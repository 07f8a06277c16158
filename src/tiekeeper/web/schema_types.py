"""The value types of the API's contract, written so that the OpenAPI description says exactly
what the server accepts: a value the schema allows passes every check behind it (services,
domain/limits.py, both backends), and pydantic enforces the same patterns, so a value the schema
refuses is a 422 before any service runs. tests/web/test_web_openapi_schemathesis.py holds the
server to it.

The patterns are read by three engines (pydantic's Rust regex, Python's re for schemathesis and
hypothesis, ECMA-262 for other clients), so they use only what all three share: no lookaround,
no flags, `\\uXXXX` escapes."""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

from pydantic import Field

from tiekeeper.domain import limits
from tiekeeper.domain.limits import limit
from tiekeeper.domain.model import CHANNELS

# Control characters (C0, DEL, C1) are refused in one-line fields; free text keeps tab and
# newline (domain/limits.py).
_LINE_CHAR: Final = r"[^\u0000-\u001f\u007f-\u009f]"
_TEXT_CHAR: Final = r"[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]"
# What Python's str.split() treats as space, plus the controls: a name needs one other character.
_VISIBLE: Final = r"[^\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"

LINE: Final = f"^{_LINE_CHAR}*$"
TEXT: Final = f"^{_TEXT_CHAR}*$"
NAME: Final = f"^{_LINE_CHAR}*{_VISIBLE}{_LINE_CHAR}*$"
# No space at either end: the value is kept as given, so two that differ only there cannot clash
# once stripped (a person's tags, an interaction's topics).
TRIMMED: Final = f"^{_VISIBLE}({_LINE_CHAR}*{_VISIBLE})?$"

# Days between 1900 and 2199: wide enough for any real life, and far enough from the calendar's
# ends (years 1 and 9999) that no arithmetic on them overflows (upcoming 366 days, 999 years ago).
_YEAR = "(19|20|21)[0-9]{2}"
_MONTH_DAY = "(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31"
_LEAP = "(19|20|21)(0[48]|[2468][048]|[13579][26])|2000"  # 1900 and 2100 are not leap years
ISO_DAY: Final = f"{_YEAR}-({_MONTH_DAY})|({_LEAP})-02-29"
_UNIT = "(day|week|month|year)s?"
_WEEKDAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
WHEN: Final = (
    f"^(today|now|tomorrow|yesterday|in [0-9]{{1,3}} {_UNIT}|[0-9]{{1,3}} {_UNIT} ago"
    f"|next {_WEEKDAY}|{ISO_DAY})$"
)
WHEN_OR_EMPTY: Final = WHEN[:-2] + "|)$"
# MM-DD, --MM-DD or YYYY-MM-DD; Feb 29 without a year is a real birthday (1604 means "no year").
_BIRTH_YEAR = "(1[6-9]|20|21)[0-9]{2}"
_BIRTH_LEAP = "(1[6-9]|20|21)(0[48]|[2468][048]|[13579][26])|1600|2000"
BIRTHDAY: Final = f"^((--|{_BIRTH_YEAR}-)?({_MONTH_DAY})|(--)?02-29|({_BIRTH_LEAP})-02-29|)$"
# Every N days for N in 1..3650 (domain/cadence.py), or a name; "", none and off clear it.
CADENCE: Final = (
    "^(weekly|biweekly|monthly|quarterly|yearly|none|off|"
    "([1-9][0-9]{0,2}|[1-2][0-9]{3}|3[0-5][0-9]{2}|36[0-4][0-9]|3650)d|)$"
)
_ADDRESS_CHAR = r"[^\u0000-\u0020\u007f-\u00a0@]"  # no space, no control, one @ in all
EMAIL: Final = f"^{_ADDRESS_CHAR}+@{_ADDRESS_CHAR}+\\.{_ADDRESS_CHAR}+$"
# A web address as given: with its scheme (the CLI also takes www.-addresses and adds https://).
URL: Final = r"^https?://[^\u0000-\u0020\u007f-\u009f]*$"
URL_OR_EMPTY: Final = r"^(https?://[^\u0000-\u0020\u007f-\u009f]*)?$"
AGE: Final = "^[0-9]{1,5}[dwh]?$"
MAX_ID: Final = limits.MAX_ID


def line(field: str, default: Any = None) -> Any:
    """A one-line text field with the length `field` keeps (domain/limits.py)."""
    return Field(default, max_length=limit(field), pattern=LINE)


def text(field: str, default: Any = None) -> Any:
    """A free-text field: tab and newline allowed."""
    return Field(default, max_length=limit(field), pattern=TEXT)


Name = Annotated[str, Field(max_length=limit("name"), pattern=NAME)]
Email = Annotated[str, Field(max_length=limit("email"), pattern=EMAIL)]
Phone = Annotated[str, Field(max_length=limit("phone"), pattern=LINE)]
# "www." is not given here: the scheme https:// is added to it and the sum may not fit.
Link = Annotated[str, Field(max_length=limit("link"), pattern=URL)]
Tag = Annotated[str, Field(max_length=limit("tag"), pattern=TRIMMED)]
Topic = Annotated[str, Field(max_length=limit("topic"), pattern=TRIMMED)]
Favour = Annotated[str, Field(min_length=1, max_length=limit("summary"), pattern=NAME)]
PersonRef = Annotated[
    str,
    Field(
        min_length=1,
        max_length=limit("email"),
        pattern=LINE,
        description="a PERSON: id, e-mail or unique name",
    ),
]
When = Annotated[
    str, Field(pattern=WHEN, description="ISO date or words: today, in 2 weeks, 3 days ago")
]
Channel = Literal[CHANNELS]  # type: ignore[valid-type]

# The field names the services use in their errors, where the API's differ (`when` is the day).
FIELD_NAMES: Final = {"when": "date", "follow_up": "follow-up", "older_than": "older-than"}
# What a value refused by a pattern should have been: the error says this, not the pattern.
_DAY_WORDS = "use YYYY-MM-DD (years 1900-2199) or words like 'tomorrow', 'in 2 weeks', '3 days ago'"
PATTERN_HELP: Final = {
    LINE: "holds a control character; use plain text",
    TEXT: "holds a control character; only tab and newline are allowed",
    NAME: "needs a visible character and no control characters",
    TRIMMED: "must not start or end with a space, nor hold a control character",
    WHEN: f"is not a date; {_DAY_WORDS}",
    WHEN_OR_EMPTY: f'is not a date; {_DAY_WORDS}, or "" to clear it',
    BIRTHDAY: "is not a real date; use MM-DD, --MM-DD or YYYY-MM-DD",
    CADENCE: "is not a cadence; use weekly, biweekly, monthly, quarterly, yearly or Nd (1-3650)",
    EMAIL: "is not an e-mail address",
    URL: "is not a web address; give it with http:// or https://",
    URL_OR_EMPTY: 'is not a web address; give it with http:// or https://, or "" to clear it',
    AGE: "is not an age such as 30d, 2w or 12h",
}
