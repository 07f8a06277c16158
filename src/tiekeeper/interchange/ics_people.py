"""Who was at a calendar event and how it was held: attendees from ATTENDEE and ORGANIZER, and
the channel from the event's links and location."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from tiekeeper.domain.email_address import email_or_none

# Links of the video services people meet on; a link anywhere in the event makes it a video call.
VIDEO_LINK = re.compile(
    r"(?:meet\.google\.com/|(?:[\w-]+\.)?zoom\.us/|zoomgov\.com/|teams\.microsoft\.com/|"
    r"teams\.live\.com/|(?:[\w-]+\.)?webex\.com/|whereby\.com/|meet\.jit\.si/|chime\.aws/|"
    r"gotomeeting\.com/|facetime\.apple\.com/)",
    re.IGNORECASE,
)
# Outlook writes the service's name as the LOCATION and hides the link in an X- property.
VIDEO_NAME = re.compile(
    r"^\s*(?:microsoft teams(?: meeting)?|zoom(?: meeting)?|google meet|webex|skype"
    r"(?: meeting)?)\s*$",
    re.IGNORECASE,
)
PHONE = re.compile(r"^\s*(?:tel:)?\+?[\d ().\-/]{7,}\s*$", re.IGNORECASE)
LINK_PROPERTIES = (
    "LOCATION",
    "DESCRIPTION",
    "URL",
    "X-GOOGLE-CONFERENCE",
    "CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
)
# Rooms and projectors are invited too (Google, Exchange): they are not people.
NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})


@dataclass(frozen=True, slots=True)
class Attendee:
    """One address at an event, as the file says it."""

    email: str
    name: str | None
    declined: bool
    organizer: bool = False


def _values(component: Any, name: str) -> list[Any]:
    found = component.get(name)
    if found is None:
        return []
    return list(found) if isinstance(found, list) else [found]


def _param(value: Any, name: str) -> str | None:
    params = getattr(value, "params", None) or {}
    got = params.get(name)
    return str(got).strip() or None if got is not None else None


def _address(value: Any) -> str | None:
    # Apple writes `urn:uuid:...` as the value and the address in an EMAIL parameter.
    return email_or_none(_param(value, "EMAIL")) or email_or_none(str(value))


def attendees(component: Any) -> list[Attendee]:
    """The people at an event (organizer first), each address once, rooms left out."""
    out: dict[str, Attendee] = {}
    for value in _values(component, "ORGANIZER"):
        email = _address(value)
        if email:
            out[email] = Attendee(email, _param(value, "CN"), False, organizer=True)
    for value in _values(component, "ATTENDEE"):
        email = _address(value)
        if email is None or (_param(value, "CUTYPE") or "").upper() in NOT_PEOPLE:
            continue
        declined = (_param(value, "PARTSTAT") or "").upper() == "DECLINED"
        before = out.get(email)
        out[email] = Attendee(
            email,
            _param(value, "CN") or (before.name if before else None),
            declined,
            organizer=before is not None and before.organizer,
        )
    return list(out.values())


def _text(component: Any, name: str) -> list[str]:
    out = []
    for value in _values(component, name):
        out.append(str(value))
        uri = _param(value, "URI")
        if uri:
            out.append(uri)
    return out


def channel(component: Any) -> str:
    """video when a video service's link (or Outlook's service name) is on the event; call
    when the location is only a phone number; meeting otherwise, with or without a location:
    a calendar entry with people is a meeting unless it says how else it was held."""
    for name in LINK_PROPERTIES:
        for text in _text(component, name):
            if VIDEO_LINK.search(text) or (name == "LOCATION" and VIDEO_NAME.match(text)):
                return "video"
    for location in _text(component, "LOCATION"):
        if PHONE.match(location):
            return "call"
    return "meeting"
