"""What every page shares: the templates and their filters, `render`, and the form plumbing
(an error shown next to the form that caused it, the 303 redirect after a change)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from tiekeeper.domain.cadence import describe_cadence
from tiekeeper.domain.errors import InvalidInput, NotFound, TiekeeperError
from tiekeeper.services.recomputed import Kept
from tiekeeper.web.auth import SESSION
from tiekeeper.web.security import csrf_token

# A form (or a page's query) the services refused is shown again, with the reason: whatever the
# error's kind (unknown person, clash, bad value), the request as sent cannot be processed.
FORM_ERROR = 422
TEMPLATES = Jinja2Templates(directory=Path(__file__).parents[1] / "templates")

KIND_LABELS = {
    "follow-up": "Follow-up",
    "event-follow-up": "Event follow-up",
    "next-step": "Next step",
    "birthday": "Birthday",
    "work-anniversary": "Work anniversary",
    "connected-anniversary": "Anniversary",
    "check-in": "Check-in",
    "reconnect": "Reconnect",
    "help": "Help someone",
}
# Fixed messages for ?notice= after a redirect: the query string only picks one, so a link
# cannot make the page say anything else.
NOTICES = {
    "added": "Person added.",
    "saved": "Changes saved.",
    "logged": "Interaction logged.",
    "follow-up": "Follow-up added.",
    "done": "Follow-up marked done.",
    "skipped": "Follow-up skipped.",
    "snoozed": "Follow-up snoozed.",
    "restored": "Put back from the trash, as it was.",
    "unmerged": "Merge undone: both people are back as they were.",
    "erased": "Erased for good.",
    "emptied": "The trash is empty.",
    "backup-restored": "Backup restored.",
}


def nice_day(value: str | date | None) -> str:
    """'2026-11-26' -> 'Thu 26 Nov 2026'."""
    if not value:
        return ""
    d = value if isinstance(value, date) else date.fromisoformat(value)
    return f"{d.strftime('%a')} {d.day} {d.strftime('%b')} {d.year}"


def nice_birthday(value: str | None) -> str:
    """'1985-05-03' -> '3 May 1985'; '--05-03' (no year) -> '3 May'."""
    if not value:
        return ""
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", value)
    if not m:
        return value
    text = f"{int(m.group(3))} {calendar.month_name[int(m.group(2))]}"
    return text if m.group(1) == "-" else f"{text} {m.group(1)}"


TEMPLATES.env.filters.update(
    day=nice_day,
    birthday=nice_birthday,
    cadence=lambda days: describe_cadence(days) if days else "",
    kind=lambda kind: KIND_LABELS.get(kind, kind.replace("-", " ").capitalize()),
)


def kept_note(got: Kept[Any], what: str) -> str | None:
    """For a result computed before the latest changes (services/recomputed.py): how old it is
    and that a new one is on its way; None for a fresh one."""
    if got.fresh:
        return None
    minutes = int((datetime.now(UTC) - got.computed_at).total_seconds() // 60)
    age = "a moment ago" if minutes < 1 else f"{minutes} minute{'s' * (minutes != 1)} ago"
    return (
        f"{what} was worked out {age}, before your latest changes. The new one is being "
        "worked out now: reload this page in a minute to see it."
    )


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """A page with the form token every page's forms carry, and the notice of a redirect."""
    base = {
        "csrf": csrf_token(request),
        "path": request.url.path,
        "notice": NOTICES.get(request.query_params.get("notice", "")),
        # multi-user server mode: a way out for a browser that is logged in
        "logout": getattr(request.app.state, "accounts", None) is not None
        and request.url.path != "/login"
        and SESSION in request.cookies,
    }
    return TEMPLATES.TemplateResponse(request, name, base | context, status_code=status_code)


@dataclass(frozen=True)
class FormError:
    """A message for the form that failed, and the input it is about (for aria-invalid)."""

    message: str
    field: str | None = None


@dataclass
class FormState:
    """What a form shows: the values (typed by the user when re-rendered) and its error."""

    values: dict[str, str]
    error: FormError | None = None


def form_error(
    exc: TiekeeperError, fields: dict[str, tuple[str, str]], lookup: str | None = None
) -> FormError:
    """The error in the words of the form: `fields` maps a service's field name to (input name,
    label); `lookup` is the input whose PERSON reference a NotFound is about."""
    text = str(exc)
    field = exc.field if isinstance(exc, InvalidInput) else None
    if field is None and lookup is not None and isinstance(exc, NotFound):
        field = next((k for k, (name, _) in fields.items() if name == lookup), None)
    if field is None or field not in fields:
        return FormError(text)
    name, label = fields[field]
    prefix = f"{field}: "
    bare = text[len(prefix) :] if text.startswith(prefix) else text
    return FormError(f"{label}: {bare}", name)


def plain_message(exc: TiekeeperError) -> str:
    """The message without its "field: " prefix, as a sentence (for errors not tied to an input)."""
    text = str(exc)
    field = exc.field if isinstance(exc, InvalidInput) else None
    if field and text.startswith(f"{field}: "):
        text = text[len(field) + 2 :]
    return text[:1].upper() + text[1:]


def split_list(text: str) -> list[str]:
    """'a, b,,c' -> ['a', 'b', 'c']: the comma-separated lists of a form."""
    return [part.strip() for part in text.split(",") if part.strip()]


def optional_int(text: str, field: str) -> int | None:
    """'' -> None, '3' -> 3; anything else is a user error naming the field."""
    if not text.strip():
        return None
    try:
        return int(text.strip())
    except ValueError:
        raise InvalidInput(f"{text!r} is not a whole number", field=field, value=text) from None


def local_path(target: str, default: str = "/") -> str:
    """Where to go back to after a form: only a path on this site (no open redirect)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target


def here(request: Request) -> str:
    """This page's path and query (less the notice): where its buttons come back to."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "notice"]
    return request.url.path + (f"?{urlencode(query)}" if query else "")


def see_other(target: str, notice: str | None = None) -> RedirectResponse:
    """Post/Redirect/Get: after a change the browser loads `target`, so a reload repeats
    nothing; `notice` (a key of NOTICES) says what happened."""
    if notice is not None:
        parts = urlsplit(target)
        query = [(k, v) for k, v in parse_qsl(parts.query) if k != "notice"]
        query.append(("notice", notice))
        target = parts._replace(query=urlencode(query)).geturl()
    return RedirectResponse(target, status_code=303)
