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
from tiekeeper.domain.errors import InvalidInput
from tiekeeper.interchange.datefmt import parse_partial
from tiekeeper.interchange.records import (
    ImportBatch,
    ImportedPerson,
    Skipped,
    excerpt,
    normalize_linkedin_url,
)
from tiekeeper.interchange.vcard_lines import Line, card_lines, split_cards, split_escaped, unescape

STRUCTURED = {"N": ";", "ADR": ";", "ORG": ";", "CATEGORIES": ",", "NICKNAME": ","}
ANNIVERSARY_PROPS = ("ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY")
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
    head = f"{line.group}.{line.name}" if line.group else line.name
    for key, values in line.params.items():
        rendered = ",".join(f'"{v}"' if any(c in v for c in ':;,"') else v for v in values)
        head += f";{key}={rendered}"
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


def _label(props: list[Prop], group: str | None) -> str | None:
    if group is None:
        return None
    for prop in props:
        if prop.name == "X-ABLABEL" and prop.group == group:
            label = prop.value.strip()
            if label.startswith("_$!<") and label.endswith(">!$_"):
                label = label[4:-4]
            return label.lower() if label else None
    return None


def _birthday(prop: Prop | None, notes: list[str]) -> PartialDate | None:
    if prop is None or not prop.value.strip():
        return None
    if (prop.param("VALUE") or "").lower() == "text":
        notes.append(f"Birthday: {prop.value.strip()}")
        return None
    found = parse_partial(prop.value, omit_year=prop.param("X-APPLE-OMIT-YEAR"))
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
    company = next((p.strip() for p in org.parts if p.strip()), None) if org else None
    emails = _values(props, "EMAIL")
    phones = [p.removeprefix("tel:") for p in _values(props, "TEL")]
    name = (fn.value.strip() if fn else "") or " ".join(
        p for p in (first, n_parts[2].strip(), last) if p
    )
    if not name and company:
        name, is_org = company, True
    name = name or (emails[0] if emails else "") or (phones[0] if phones else "")
    if not name:
        return Skipped(file, position, "card has no name, e-mail or phone")
    links: list[str] = []
    linkedin: str | None = None
    for prop in props:
        if prop.name in ("URL", "X-SOCIALPROFILE") and prop.value.strip():
            url = prop.value.strip().replace("\\:", ":")
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
    anniversaries: list[tuple[str, PartialDate]] = []
    for prop in props:
        label: str | None = None
        if prop.name in ANNIVERSARY_PROPS:
            label = "anniversary"
        elif prop.name == "X-ABDATE":
            label = _label(props, prop.group) or "other"
        if label is not None:
            when = parse_partial(prop.value, omit_year=prop.param("X-APPLE-OMIT-YEAR"))
            if when is not None:
                anniversaries.append((label, when))
    adr = _first(props, "ADR")
    adr_parts = (adr.parts if adr else []) + [""] * 7
    location = ", ".join(p.strip() for p in (adr_parts[3], adr_parts[6]) if p.strip()) or None
    tags: list[str] = []
    for prop in props:
        if prop.name == "CATEGORIES":
            for tag in (t.strip() for t in prop.parts):
                if tag and tag.lower() not in DROPPED_TAGS and tag not in tags:
                    tags.append(tag)
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
    )


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
            lines = card_lines(physical)
            result = person_from_props(parse_card(lines), index, file)
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
