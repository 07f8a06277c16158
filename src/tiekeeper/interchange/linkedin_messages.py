"""LinkedIn messages.csv and Invitations.csv to interactions.

Messages become ONE interaction per conversation per day (UTC, as exported): its people are everyone
in that day's messages except me and hidden `LinkedIn Member`s, so each person gets one interaction
per conversation per day. It was initiated by whoever sent the day's earliest message. Which side
is "me" comes from Profile.csv's name, from the invitations' Direction column, and failing both from
the participant present in every conversation (never one of my connections).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from tiekeeper.interchange.datefmt import DateReader
from tiekeeper.interchange.records import (
    ImportedContactRef,
    ImportedInteraction,
    Skipped,
    excerpt,
    normalize_linkedin_url,
)
from tiekeeper.interchange.tabular import Columns, Picker, cell, is_blank

HIDDEN = "linkedin member"
_SUFFIXES = frozenset(
    {"phd", "ph.d", "md", "mba", "jr", "sr", "ii", "iii", "iv", "cpa", "esq", "pe", "msc", "bsc"}
)


def _key(ref: ImportedContactRef) -> str:
    return ref.linkedin_url or "name:" + ref.name.casefold()


def _is_suffix(token: str) -> bool:
    bare = token.strip().rstrip(".").lower()
    return bare in _SUFFIXES or (" " not in token.strip() and "." in token and len(token) <= 8)


def split_names(names: str, count: int) -> list[str] | None:
    """Split a TO cell into `count` names although names may contain commas (`Tanaka, Ph.D.`)."""
    if count <= 1:
        return [names.strip()]
    tokens = [t.strip() for t in names.split(",")]
    if len(tokens) == count:
        return tokens
    merged: list[str] = []
    for token in tokens:
        if merged and _is_suffix(token):
            merged[-1] += ", " + token
        else:
            merged.append(token)
    return merged if len(merged) == count else None


def name_from_url(url: str) -> str:
    """A readable name from a profile slug (`liam-ueda-e88e752f` -> `Liam Ueda`)."""
    parts = url.rsplit("/", 1)[-1].split("-")
    if len(parts) > 1 and len(parts[-1]) >= 6 and any(ch.isdigit() for ch in parts[-1]):
        parts = parts[:-1]
    return " ".join(p.capitalize() for p in parts if p)


@dataclass(slots=True)
class _Message:
    conversation: str
    day: date
    order: tuple[str, int]
    position: int
    sender_key: str
    participants: list[tuple[str, ImportedContactRef]]
    text: str
    outgoing: bool | None = None


@dataclass(slots=True)
class MessageLog:
    """Collects messages and invitations; `interactions()` resolves who is me at the end."""

    my_name: str | None = None
    connection_urls: set[str] = field(default_factory=set)
    my_url: str | None = None
    file: str = ""
    messages: list[_Message] = field(default_factory=list)
    invitations: list[ImportedInteraction] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    invited_by_me: Counter[str] = field(default_factory=Counter)

    def _resolve_me(self) -> set[str]:
        me: set[str] = set()
        if self.my_name:
            target = "name:" + self.my_name.casefold()
            me.add(target)
            wanted = self.my_name.casefold()
            for msg in self.messages:
                for _, ref in msg.participants:
                    if ref.linkedin_url and ref.name.casefold() == wanted:
                        me.add(ref.linkedin_url)
        me.update(self.invited_by_me)
        if not any(k.startswith("http") for k in me):
            me.update(self._common_participant())
        urls = sorted(k for k in me if k.startswith("http"))
        self.my_url = urls[0] if len(urls) == 1 else self.my_url
        return me

    def _common_participant(self) -> set[str]:
        per_conversation: dict[str, set[str]] = {}
        counts: Counter[str] = Counter()
        for msg in self.messages:
            if msg.outgoing is not None:
                continue
            keys = {key for key, _ in msg.participants}
            per_conversation.setdefault(msg.conversation, set()).update(keys)
            counts.update(keys)
        if not per_conversation:
            return set()
        common = set.intersection(*per_conversation.values()) - self.connection_urls
        if not common:
            common = set(counts) - self.connection_urls
        if not common:
            return set()
        return {max(sorted(common), key=lambda k: counts[k])}

    def interactions(self) -> tuple[list[ImportedInteraction], list[Skipped]]:
        me = self._resolve_me()
        groups: dict[tuple[str, date], list[_Message]] = {}
        for msg in self.messages:
            groups.setdefault((msg.conversation, msg.day), []).append(msg)
        result = list(self.invitations)
        skipped = list(self.skipped)
        for (_, day), msgs in groups.items():
            msgs.sort(key=lambda m: m.order)
            first = msgs[0]
            people: dict[str, ImportedContactRef] = {}
            for msg in msgs:
                for key, ref in msg.participants:
                    if msg.outgoing is not None or key not in me:
                        people.setdefault(key, ref)
            if not people:
                skipped.append(
                    Skipped(self.file, first.position, "conversation with hidden members only")
                )
                continue
            mine = first.outgoing if first.outgoing is not None else first.sender_key in me
            text = next((m.text for m in msgs if m.text), "LinkedIn message")
            result.append(
                ImportedInteraction(
                    occurred_on=day,
                    channel="message",
                    initiated_by="me" if mine else "them",
                    people=list(people.values()),
                    summary=text,
                    source_file=self.file,
                    position=min(m.position for m in msgs),
                )
            )
        result.sort(key=lambda i: (i.occurred_on, i.source_file, i.position))
        return result, skipped


def _hidden(ref: ImportedContactRef) -> bool:
    return ref.linkedin_url is None and ref.name.casefold() in (HIDDEN, "")


@lru_cache(maxsize=1 << 16)
def _ref(name: str | None, url: str | None) -> tuple[str, ImportedContactRef]:
    """The participant and its key; the key is "" for a hidden `LinkedIn Member`."""
    profile = normalize_linkedin_url(url)
    ref = ImportedContactRef(name or (name_from_url(profile) if profile else ""), profile)
    return ("" if _hidden(ref) else _key(ref)), ref


def _summary(subject: str | None, content: str | None) -> str:
    if subject:
        return excerpt(html.unescape(subject))
    if content:
        return excerpt(html.unescape(content))
    return ""


def read_messages(
    cols: Columns, rows: Iterator[tuple[int, list[str]]], file: str, log: MessageLog
) -> None:
    """messages.csv: current layout (CONVERSATION ID, ...) or 2018's (From,To,...,Direction)."""
    log.file = file
    c = cols.find
    pick = Picker(
        c("conversation id"),
        c("from"),
        c("sender profile url"),
        c("to"),
        c("recipient profile urls"),
        c("date"),
        c("subject"),
        c("content"),
        c("direction"),
        c("is message draft"),
    )
    has_direction = c("direction") is not None
    dates = DateReader()
    for position, row in rows:
        if is_blank(row):
            continue
        picked = pick(row)
        conversation, sender_name, sender_url, to, to_urls = picked[:5]
        raw_date, subject, content, direction, draft = picked[5:]
        day = dates(raw_date)
        if day is None or raw_date is None:
            reason = f"message without a readable date: {raw_date!r}"
            log.skipped.append(Skipped(file, position, reason))
            continue
        if (draft or "").lower() == "yes":
            continue
        sender = _ref(sender_name, sender_url)
        to = to or ""
        urls = [u.strip() for u in (to_urls or "").split(",") if u.strip()]
        if urls:
            names = split_names(to, len(urls)) or [""] * len(urls)
            recipients = [_ref(n, u) for n, u in zip(names, urls, strict=True)]
        else:
            recipients = [_ref(to, None)] if to else []
        outgoing: bool | None = None
        if has_direction:
            way = (direction or "").upper()
            outgoing = way.startswith("OUT") or way == "SENT"
        if outgoing is None:
            participants = [p for p in (sender, *recipients) if p[0]]
        else:
            participants = [p for p in (recipients if outgoing else [sender]) if p[0]]
        if conversation is None:
            other = participants[0][0] if participants else sender[0]
            conversation = "2018:" + other
        stamp = raw_date[:19] if raw_date[:4].isdigit() and raw_date[4:5] == "-" else ""
        log.messages.append(
            _Message(
                conversation=conversation,
                day=day,
                order=(stamp, position),
                position=position,
                sender_key=sender[0],
                participants=participants,
                text=_summary(subject, content),
                outgoing=outgoing,
            )
        )


def read_invitations(
    cols: Columns, rows: Iterator[tuple[int, list[str]]], file: str, log: MessageLog
) -> None:
    """Invitations.csv: one interaction per invitation, in the direction it was sent."""
    c = cols.find
    from_i, to_i, sent_i, message_i = c("from"), c("to"), c("sent at"), c("message")
    dir_i, inviter_i, invitee_i = c("direction"), c("inviterprofileurl"), c("inviteeprofileurl")
    dates = DateReader()
    for position, row in rows:
        if is_blank(row):
            continue
        day = dates(cell(row, sent_i))
        if day is None:
            log.skipped.append(Skipped(file, position, "invitation without a readable date"))
            continue
        _, inviter = _ref(cell(row, from_i), cell(row, inviter_i))
        _, invitee = _ref(cell(row, to_i), cell(row, invitee_i))
        outgoing = (cell(row, dir_i) or "").upper().startswith("OUT")
        me, other = (inviter, invitee) if outgoing else (invitee, inviter)
        if me.linkedin_url:
            log.invited_by_me[me.linkedin_url] += 1
        if _hidden(other):
            log.skipped.append(Skipped(file, position, "invitation from a hidden member"))
            continue
        message = cell(row, message_i)
        log.invitations.append(
            ImportedInteraction(
                occurred_on=day,
                channel="invitation",
                initiated_by="me" if outgoing else "them",
                people=[other],
                summary=excerpt(html.unescape(message))
                if message
                else ("Invitation sent" if outgoing else "Invitation received"),
                source_file=file,
                position=position,
            )
        )
