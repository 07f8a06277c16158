"""Message drafts for Today's items: which template fits an item, and filling it in.

tiekeeper never sends anything: a draft is text for the user to copy, edit and send themselves.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass

from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import parse_choice

DEFAULT_TEMPLATES = {
    "follow-up": "Hi {first_name}, following up as promised: {action}. Let me know what you think!",
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
    "thank-you": (
        "Hi {first_name}, thank you again for the {favour}. It really helped, "
        "and I would be glad to return the favour."
    ),
}
TEMPLATE_KINDS = tuple(DEFAULT_TEMPLATES)
PLACEHOLDERS = ("first_name", "name", "event", "topic", "action", "favour", "company", "role",
                "need")  # fmt: skip
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
    """Fill a (checked) template with the facts, unknown facts read as neutral phrases."""
    first = facts.name.split()[0] if facts.name.split() else None
    values = {
        "first_name": first,
        "name": facts.name or None,
        "event": facts.event,
        "topic": facts.topic,
        "action": facts.action,
        "favour": facts.favour,
        "company": facts.company,
        "role": facts.role,
        "need": facts.need,
    }
    filled = {k: (v if v else FALLBACKS[k]) for k, v in values.items()}
    return check_template(template).format_map(filled)


def templates(custom: Mapping[str, str]) -> dict[str, str]:
    """Every kind's template: the user's own where set, else the default."""
    return {k: custom.get(k, v) for k, v in DEFAULT_TEMPLATES.items()}
