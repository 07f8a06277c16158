"""Message drafts for Today's items: which template fits an item, and filling it in.

tiekeeper never sends anything: a draft is text for the user to copy, edit and send themselves.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import parse_choice

DEFAULT_TEMPLATES = {
    "follow-up": (
        "Hi {first_name}, thanks again for {occasion}. {promise} How are things going on your side?"
    ),
    "event-follow-up": (
        "Hi {first_name}, great to meet you at {event}! I enjoyed our conversation and would "
        "love to stay in touch."
    ),
    "next-step": (
        "Hi {first_name}, a quick follow-up about the {role} role at {company}. "
        "Would you have a few minutes this week?"
    ),
    "birthday": "Happy birthday, {first_name}! I hope you have a wonderful year ahead.",
    "anniversary": (
        "Congratulations on your work anniversary at {company}, {first_name}! How are things going?"
    ),
    "check-in": (
        "Hi {first_name}, it has been a while! How are things going with {topic}? "
        "I would love to catch up."
    ),
    "reconnect": (
        "Hi {first_name}, I was thinking of you and our conversation about {topic}. "
        "How have you been? It would be great to catch up."
    ),
    "help": (
        "Hi {first_name}, you mentioned {need}. I may be able to help; "
        "shall we find a moment to talk?"
    ),
    "meeting": (
        "Hi {first_name}, looking forward to our meeting. Last time we talked about {topic}: "
        "is there anything you would like us to cover?"
    ),
    "thank-you": (
        "Hi {first_name}, thank you again for the {favour}. It really helped, "
        "and I would be glad to return the favour."
    ),
}
TEMPLATE_KINDS = tuple(DEFAULT_TEMPLATES)
PLACEHOLDERS = ("first_name", "name", "event", "topic", "action", "favour", "company", "role",
                "need", "occasion", "promise")  # fmt: skip
# What a placeholder reads when the fact behind it is unknown, so a draft is always readable.
FALLBACKS = {
    "first_name": "there",
    "name": "there",
    "event": "the event",
    "topic": "what you were working on",
    "action": "what we discussed",
    "favour": "help",
    "company": "your company",
    "role": "open",
    "need": "something you were looking for",
    "occasion": "our last conversation",
    "promise": "",  # a promise that does not read as a sentence to them is left out
}
# The action is the user's note to self ("send the deck", "share my notes"): only a "send
# something" note reads as something said to them, and only its object is used ("the deck").
_SENDING = re.compile(r"^(?:send|share|forward|pass on|email|e-mail|mail)\s+(?P<what>.+?)[.!]?$",
                      re.IGNORECASE)  # fmt: skip
# An object that speaks of them or me in the third person cannot be said to them as it is.
_NOT_TO_THEM = frozenset(
    {"her", "him", "his", "hers", "she", "he", "they", "them", "their", "theirs", "me", "i"}
)
CHANNEL_OCCASIONS = {
    "coffee": "the coffee",
    "meal": "the meal",
    "call": "the call",
    "video": "the video call",
    "email": "your e-mail",
    "message": "your message",
    "event": "our chat at the event",
    "meeting": "the meeting",
    "introduction": "the introduction",
    "informational-interview": "the conversation",
    "invitation": "the invitation",
    "letter": "your letter",
    "social-comment": "the exchange",
}
# Agenda item kind -> template kind. A connection anniversary is simply a reason to check in.
ITEM_TEMPLATE = {
    "follow-up": "follow-up",
    "event-follow-up": "event-follow-up",
    "next-step": "next-step",
    "birthday": "birthday",
    "work-anniversary": "anniversary",
    "connected-anniversary": "check-in",
    "check-in": "check-in",
    "reconnect": "reconnect",
    "help": "help",
    "meeting": "meeting",  # a planned meeting from the calendar: not "it has been a while"
}
# Items where a favour just received is the better thing to answer with a thank-you.
THANKABLE = frozenset({"follow-up", "check-in"})


@dataclass(frozen=True)
class DraftFacts:
    """What is known about the person and the item; None falls back to a neutral phrase."""

    name: str
    event: str | None = None
    topic: str | None = None
    action: str | None = None
    favour: str | None = None
    company: str | None = None
    role: str | None = None
    need: str | None = None
    occasion: str | None = None  # what a follow-up follows: "the coffee about the new job"


def promised_thing(action: str | None) -> str | None:
    """What the user promised to send, as it reads to them ("send the deck" -> "the deck",
    "share my notes" -> "my notes"); None when the note is not of that kind ("call her")."""
    found = _SENDING.match((action or "").strip())
    if found is None:
        return None
    what = found.group("what").strip()
    if what.lower().startswith("to ") or " to " in f" {what.lower()} ":
        return None  # sent to someone else ("the deck to Bo"): not a thing for them
    words = {w.lower() for w in re.findall(r"[\w']+", what)}
    return None if words & _NOT_TO_THEM else what


def occasion(channel: str | None, topics: Sequence[str]) -> str | None:
    """What a follow-up follows up on, from the interaction it came from: 'the coffee about the
    new job'; None when nothing is known."""
    if channel is None and not topics:
        return None
    text = CHANNEL_OCCASIONS.get(channel or "", "our conversation")
    return text + (f" about {', '.join(topics[:2])}" if topics else "")


def parse_template_kind(text: str) -> str:
    """One of the template kinds (follow-up, birthday, reconnect, ...)."""
    return parse_choice(text, TEMPLATE_KINDS, "kind")


def check_template(text: str) -> str:
    """A user template: non-empty, balanced braces, only known placeholders."""
    body = text.strip()
    if not body:
        raise InvalidInput("a template cannot be empty", field="template", value=text)
    try:
        parts = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(body)]
    except ValueError as exc:
        raise InvalidInput(
            f"{exc}; write a literal brace as {{{{ or }}}}", field="template", value=text
        ) from exc
    for name, spec, conv in parts:
        if name is None:
            continue
        if spec or conv:
            shown = "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
            raise InvalidInput(
                f"{shown}: write placeholders plainly, e.g. {{{name}}}",
                field="template",
                value=shown,
            )
        if name not in PLACEHOLDERS:
            shown = "{" + name + "}"
            known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            raise InvalidInput(
                f"unknown placeholder {shown}; use {known}",
                field="template",
                value=shown,
            )
    return body


def template_for(item_kind: str, favour_received: bool) -> str:
    """The template kind for an agenda item; a fresh favour turns a follow-up into a thank-you."""
    if favour_received and item_kind in THANKABLE:
        return "thank-you"
    return ITEM_TEMPLATE.get(item_kind, "check-in")


def render(template: str, facts: DraftFacts) -> str:
    """Fill a (checked) template with the facts, unknown facts read as neutral phrases.

    A draft is a message to the other person: the action (the user's note to self) appears only
    as the thing promised ({action}, {promise}), and only when it reads as said to them."""
    first = facts.name.split()[0] if facts.name.split() else None
    thing = promised_thing(facts.action)
    values = {
        "first_name": first,
        "name": facts.name or None,
        "event": facts.event,
        "topic": facts.topic,
        "action": thing,
        "favour": facts.favour,
        "company": facts.company,
        "role": facts.role,
        "need": facts.need,
        "occasion": facts.occasion,
        "promise": f"As promised, I am sending you {thing}." if thing else None,
    }
    filled = {k: (v if v else FALLBACKS[k]) for k, v in values.items()}
    text = check_template(template).format_map(filled)
    # An empty {promise} leaves a double space behind; lines are the user's own.
    return "\n".join(re.sub(r"[ \t]{2,}", " ", line).strip() for line in text.split("\n"))


def templates(custom: Mapping[str, str]) -> dict[str, str]:
    """Every kind's template: the user's own where set, else the default."""
    return {k: custom.get(k, v) for k, v in DEFAULT_TEMPLATES.items()}
