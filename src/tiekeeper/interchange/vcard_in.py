"""vCard 2.1 / 3.0 / 4.0 files, one card at a time so one bad card never loses the others.

Bytes are split into cards and unfolded by `vcard_lines`; each card is then parsed by vobject
(allowQP=True) and, if vobject rejects it, by the small tolerant reader in `vcard_lines`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import vobject

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.email_address import email_or_none
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.domain.model import CardProp, PostalAddress
from tiekeeper.interchange.datefmt import parse_partial
from tiekeeper.interchange.records import (
    ImportBatch,
    ImportedPerson,
    Skipped,
    clean,
    excerpt,
    normalize_linkedin_url,
)
from tiekeeper.interchange.vcard_lines import (
    Line,
    card_lines,
    head_text,
    split_cards,
    split_escaped,
    unescape,
)

STRUCTURED = {"N": ";", "ADR": ";", "ORG": ";", "CATEGORIES": ",", "NICKNAME": ","}
# Every writer's name for it: RFC 6350, Outlook/Android, Outlook, Evolution, KAddressBook.
ANNIVERSARY_PROPS = frozenset(
    {
        "ANNIVERSARY",
        "X-ANNIVERSARY",
        "X-MS-ANNIVERSARY",
        "X-EVOLUTION-ANNIVERSARY",
        "X-KADDRESSBOOK-X-ANNIVERSARY",
    }
)
# Rewritten on every export, so not kept: the export says what it is and when it was made.
REWRITTEN = frozenset({"VERSION", "PRODID", "REV"})
NOT_AN_EMAIL = "EMAIL (not an address)"
UNREADABLE_LINE = "unreadable line"
_ADR_TYPES_IGNORED = frozenset({"pref", "postal", "parcel", "dom", "intl", "x-other"})
DROPPED_TAGS = frozenset({"my contacts", "mycontacts", "* mycontacts", "starred"})
REPORT_EVERY = 1000
_UNESCAPED_COMMA = re.compile(r"(?<!\\),")


@dataclass(slots=True)
class Prop:
    """A property as both readers deliver it: unescaped text plus structured parts."""

    name: str
    value: str
    parts: list[str]
    group: str | None = None
    params: dict[str, list[str]] = field(default_factory=dict)

    def param(self, key: str) -> str | None:
        values = self.params.get(key)
        return values[0] if values else None


def _render(line: Line) -> str:
    head = head_text(line.group, line.name, line.params)
    value = line.value
    if line.name not in STRUCTURED and "," in value:
        # vobject splits unescaped commas into a list and keeps only the first item (2.1 never
        # escapes them); escape them so the whole text survives.
        value = _UNESCAPED_COMMA.sub(r"\\,", value)
    return f"{head}:{value}"


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(_text(v) for v in value if v)
    return str(value).strip() if value is not None else ""


def _vobject_props(lines: list[Line]) -> list[Prop]:
    text = "BEGIN:VCARD\r\n" + "".join(_render(x) + "\r\n" for x in lines) + "END:VCARD\r\n"
    card = vobject.readOne(text, allowQP=True)
    props: list[Prop] = []
    for line in card.lines():
        value = line.value
        name = str(line.name).upper()
        if isinstance(value, bytes):
            continue
        if isinstance(value, vobject.vcard.Name):
            parts = [_text(getattr(value, a)) for a in ("family", "given", "additional")]
            parts += [_text(value.prefix), _text(value.suffix)]
        elif isinstance(value, vobject.vcard.Address):
            attrs = ("box", "extended", "street", "city", "region", "code", "country")
            parts = [_text(getattr(value, a)) for a in attrs]
        elif isinstance(value, list):
            parts = [_text(v) for v in value]
        elif name in STRUCTURED:
            parts = split_escaped(str(value), STRUCTURED[name])
        else:
            parts = [unescape(str(value))] if name in ("URL", "X-SOCIALPROFILE") else [str(value)]
        params = {str(k).upper(): [str(v) for v in vs] for k, vs in line.params.items()}
        group = str(line.group).lower() if line.group else None
        props.append(Prop(name, " ".join(p for p in parts if p), parts, group, params))
    return props


def _fallback_props(lines: list[Line]) -> list[Prop]:
    props: list[Prop] = []
    for line in lines:
        sep = STRUCTURED.get(line.name)
        parts = split_escaped(line.value, sep) if sep else [unescape(line.value)]
        props.append(
            Prop(line.name, " ".join(p for p in parts if p), parts, line.group, line.params)
        )
    return props


def parse_card(lines: list[Line]) -> list[Prop]:
    """vobject first; the tolerant reader when vobject rejects the card."""
    try:
        return _vobject_props(lines)
    except Exception:  # vobject raises many types; the fallback is the answer
        return _fallback_props(lines)


def labels(props: list[Prop]) -> dict[str, str]:
    """Apple's group labels: `item1.X-ABLabel:_$!<Anniversary>!$_` gives item1 -> anniversary."""
    found: dict[str, str] = {}
    for prop in props:
        if prop.name == "X-ABLABEL" and prop.group and prop.group not in found:
            label = prop.value.strip()
            if label.startswith("_$!<") and label.endswith(">!$_"):
                label = label[4:-4]
            if label:
                found[prop.group] = label.lower()
    return found


def address_of(prop: Prop, group_labels: dict[str, str]) -> PostalAddress:
    """An ADR property as a structured address; its kind is the group's label, else its TYPE."""
    parts = [clean(x) for x in (prop.parts + [""] * 7)[:7]]
    kind = group_labels.get(prop.group or "")
    if kind is None:
        types = [t.lower() for v in prop.params.get("TYPE", []) for t in v.split(",")]
        kind = next((t for t in types if t and t not in _ADR_TYPES_IGNORED), None)
    return PostalAddress(kind, *parts)


def phone_of(prop: Prop) -> str:
    """A TEL value as a phone number (a vCard 4 `tel:` URI loses its scheme)."""
    return prop.value.strip().removeprefix("tel:")


def url_of(prop: Prop) -> str:
    """A URL value without Apple's and Google's escaped colons."""
    return prop.value.strip().replace("\\:", ":")


def org_of(prop: Prop) -> str | None:
    """The company an ORG names: its first non-empty part (the rest are departments)."""
    return next((p.strip() for p in prop.parts if p.strip()), None)


def name_from_n(prop: Prop | None) -> str:
    """`Given Additional Family` from an N property."""
    parts = (prop.parts if prop else []) + [""] * 5
    return " ".join(p.strip() for p in (parts[1], parts[2], parts[0]) if p.strip())


def tags_of(prop: Prop) -> list[str]:
    """The tags a CATEGORIES property gives (Google's and Apple's system groups left out)."""
    return [t for t in (x.strip() for x in prop.parts) if t and t.lower() not in DROPPED_TAGS]


def date_of(prop: Prop) -> PartialDate | None:
    """A BDAY or anniversary value as a date (Apple's year-less form included)."""
    if (prop.param("VALUE") or "").lower() == "text":
        return None
    return parse_partial(prop.value, omit_year=prop.param("X-APPLE-OMIT-YEAR"))


def _birthday(prop: Prop | None, notes: list[str]) -> PartialDate | None:
    if prop is None or not prop.value.strip():
        return None
    found = date_of(prop)
    if found is None:
        notes.append(f"Birthday: {prop.value.strip()}")
    return found


def _first(props: list[Prop], name: str) -> Prop | None:
    return next((p for p in props if p.name == name and p.value.strip()), None)


def _values(props: list[Prop], name: str) -> list[str]:
    out: list[str] = []
    for prop in props:
        value = prop.value.strip()
        if prop.name == name and value and value not in out:
            out.append(value)
    return out


def person_from_props(props: list[Prop], position: int, file: str) -> ImportedPerson | Skipped:
    kind = _first(props, "KIND") or _first(props, "X-ADDRESSBOOKSERVER-KIND")
    kind_value = kind.value.strip().lower() if kind else ""
    fn = _first(props, "FN")
    if kind_value == "group":
        return Skipped(file, position, f"group card{': ' + fn.value if fn else ''}")
    show_as = _first(props, "X-ABSHOWAS")
    is_org = kind_value == "org" or (show_as is not None and show_as.value.upper() == "COMPANY")
    n = _first(props, "N")
    n_parts = (n.parts if n else []) + [""] * 5
    last, first = n_parts[0].strip() or None, n_parts[1].strip() or None
    org = _first(props, "ORG")
    company = org_of(org) if org else None
    not_kept: list[str] = []
    emails: list[str] = []
    for prop in props:
        if prop.name == "EMAIL" and prop.value.strip():
            email = email_or_none(prop.value)
            if email is None:
                not_kept.append(NOT_AN_EMAIL)
            elif email not in emails:
                emails.append(email)
    phones = list(dict.fromkeys(phone_of(p) for p in props if p.name == "TEL" and phone_of(p)))
    name = (fn.value.strip() if fn else "") or name_from_n(n)
    if not name and company:
        name, is_org = company, True
    name = name or (emails[0] if emails else "") or (phones[0] if phones else "")
    if not name:
        return Skipped(file, position, "card has no name, e-mail or phone")
    links: list[str] = []
    linkedin: str | None = None
    for prop in props:
        if prop.name in ("URL", "X-SOCIALPROFILE") and prop.value.strip():
            url = url_of(prop)
            profile = normalize_linkedin_url(url)
            if profile is None and prop.name == "X-SOCIALPROFILE":
                user = prop.param("X-USER")
                if "linkedin" in (prop.param("TYPE") or "").lower() and user:
                    profile = normalize_linkedin_url(f"linkedin.com/in/{user}")
            if profile and linkedin is None:
                linkedin = profile
            elif profile is None and url not in links:
                links.append(url)
    notes = [unescape(v) for v in _values(props, "NOTE")]
    birthday = _birthday(_first(props, "BDAY"), notes)
    group_labels = labels(props)
    anniversaries: list[tuple[str, PartialDate]] = []
    for prop in props:
        label: str | None = None
        if prop.name in ANNIVERSARY_PROPS:
            label = "anniversary"
        elif prop.name == "X-ABDATE":
            label = group_labels.get(prop.group or "", "other")
        if label is not None:
            when = date_of(prop)
            if when is not None:
                anniversaries.append((label, when))
    addresses: list[PostalAddress] = []
    for prop in props:
        if prop.name == "ADR":
            address = address_of(prop, group_labels)
            if not address.is_empty() and address not in addresses:
                addresses.append(address)
    location = next((a.city_and_country() for a in addresses if a.city_and_country()), None)
    tags: list[str] = []
    for prop in props:
        if prop.name == "CATEGORIES":
            tags += [t for t in tags_of(prop) if t not in tags]
    uid = _first(props, "UID")
    title = _first(props, "TITLE")
    return ImportedPerson(
        position=position,
        source_file=file,
        name=" ".join(name.split()),
        first_name=first,
        last_name=last,
        emails=emails,
        phones=phones,
        links=links,
        linkedin_url=linkedin,
        company=company,
        position_title=title.value.strip() if title else None,
        location=location,
        notes="\n\n".join(notes) or None,
        birthday=birthday,
        anniversaries=anniversaries,
        tags=tags,
        uid=uid.value.strip() if uid else None,
        is_organization=is_org,
        addresses=addresses,
        not_kept=not_kept,
    )


def kept_lines(lines: list[Line]) -> list[CardProp]:
    """The card's lines as they are kept for the export: all but the ones every export
    rewrites, and e-mails that are no address (counted as not kept instead)."""
    kept: list[CardProp] = []
    for line in lines:
        if line.name in REWRITTEN:
            continue
        if line.name == "EMAIL" and email_or_none(unescape(line.value)) is None:
            continue
        kept.append((line.name, line.raw))
    return kept


def _card_name(lines: list[Line]) -> str | None:
    for line in lines:
        if line.name == "FN" and line.value.strip():
            return excerpt(unescape(line.value), 80)
    return None


def read_vcard(
    data: bytes, file: str, progress: Callable[[int, int], None] | None = None
) -> ImportBatch:
    """Every card in a .vcf; unreadable cards become Skipped with their index and name."""
    cards = split_cards(data)
    if not cards:
        raise InvalidInput("no BEGIN:VCARD found; this is not a vCard file", file=file)
    batch = ImportBatch(format="vcard")
    for index, physical in enumerate(cards, 1):
        lines: list[Line] = []
        try:
            text = card_lines(physical)
            lines = text.lines
            result = person_from_props(parse_card([x for x in lines if not x.binary]), index, file)
            if isinstance(result, ImportedPerson):
                result.card_props = kept_lines(lines)
                result.not_kept += [UNREADABLE_LINE] * len(text.unreadable)
        except Exception as exc:  # one broken card must not stop the others
            name = _card_name(lines)
            reason = f"unreadable card{' ' + repr(name) if name else ''}: {exc}"
            result = Skipped(file, index, reason)
        if isinstance(result, Skipped):
            batch.skipped.append(result)
        else:
            batch.people.append(result)
        if progress is not None and index % REPORT_EVERY == 0:
            progress(index, len(cards))
    if progress is not None:
        progress(len(cards), len(cards))
    return batch
