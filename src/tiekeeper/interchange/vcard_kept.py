"""Which of a person's kept vCard lines still hold, and what the model adds to them.

A kept line is read again with the importer's own rules (vcard_in), so "the same value" means the
same thing on the way in and out: a line whose value the person still has is written verbatim (its
TYPE, group and label survive); a line whose value the user edited away is dropped; what the person
has that no kept line says is left for the writer to generate.
"""

from __future__ import annotations

from typing import TypeVar

from tiekeeper.domain.dates import PartialDate
from tiekeeper.domain.email_address import email_or_none
from tiekeeper.domain.model import MODELLED_CARD_PROPS, Person, PostalAddress, name_key
from tiekeeper.interchange.records import normalize_linkedin_url
from tiekeeper.interchange.vcard_in import (
    Prop,
    address_of,
    date_of,
    labels,
    name_from_n,
    org_of,
    parse_card,
    phone_of,
    tags_of,
    url_of,
)
from tiekeeper.interchange.vcard_lines import Line, parse_line, unescape

T = TypeVar("T")
VERSION = Line("VERSION", "3.0")
# Lines checked against the model; every other kept line is written as it is (a kept UID too:
# it is the card's identity on the phone it came from).
MODELLED = MODELLED_CARD_PROPS - {"UID"}


def _prop(line: str) -> Prop | None:
    """The line read as the importer read it (vobject, in a 3.0 card, or the fallback)."""
    parsed = parse_line(line.encode("utf-8"))
    if parsed is None:
        return None
    props = [x for x in parse_card([VERSION, parsed]) if x.name != "VERSION"]
    return props[0] if props else None


def _url_key(url: str) -> str:
    return normalize_linkedin_url(url) or url


class KeptCard:
    """The kept lines of one person, checked against what the person holds now."""

    def __init__(self, p: Person) -> None:
        self.fn: str | None = None
        self.n: str | None = None
        self.lines: list[str] = []
        self.emails = [e.lower() for e in p.emails]
        self.phones = list(p.phones)
        self.urls = ([p.linkedin_url] if p.linkedin_url else []) + list(p.links)
        self.company = p.company
        self.position = p.position
        self.birthday: PartialDate | None = p.birthday
        self.tags = list(p.tags)
        self.addresses: list[PostalAddress] = list(p.addresses)
        self.notes = p.notes
        self.has_uid = any(name == "UID" for name, _ in p.card_props)
        self.has_adr = False
        # Everything the person has, for lines repeating a value (TEL;WORK and TEL;FAX alike).
        self._had = {
            "EMAIL": set(self.emails),
            "TEL": set(self.phones),
            "URL": {_url_key(u) for u in self.urls},
        }
        self._addresses = set(self.addresses)
        self._seen: set[str] = set()  # single-valued kinds already read from their first line
        props = {i: _prop(line) for i, (name, line) in enumerate(p.card_props) if name in MODELLED}
        props.update(
            {i: _prop(line) for i, (name, line) in enumerate(p.card_props) if name == "X-ABLABEL"}
        )
        group_labels = labels([x for x in props.values() if x is not None])
        self._notes(p, props)
        n_line: str | None = None
        n_prop: Prop | None = None
        fn_seen = False
        for i, (name, line) in enumerate(p.card_props):
            prop = props.get(i)
            if name == "FN":
                fn_seen = True
                if self.fn is None and prop is not None and _flat(prop.value) == p.name:
                    self.fn = line
            elif name == "N":
                if n_line is None:
                    n_line, n_prop = line, prop
            elif name == "NOTE":
                if self._keep_notes:
                    self.lines.append(line)
            elif name == "X-SOCIALPROFILE":
                self._drop_url(_prop(line))
                self.lines.append(line)
            elif name not in MODELLED or (
                prop is not None and self._holds(name, prop, group_labels)
            ):
                self.lines.append(line)
        # N holds while the name is the card's own: its FN unchanged, or (no FN) the name N
        # gives, or a company card's empty N (Apple's) while the contact is named by its ORG.
        named_by_org = bool(p.company) and name_key(p.company or "") == name_key(p.name)
        if n_prop is None:
            return
        if self.fn is not None:
            self.n = n_line
        elif not name_from_n(n_prop):
            self.n = n_line if named_by_org else None
        elif not fn_seen and name_key(name_from_n(n_prop)) == name_key(p.name):
            self.n = n_line

    def _notes(self, p: Person, props: dict[int, Prop | None]) -> None:
        """Kept NOTE lines hold while the notes still start with them; the rest is generated."""
        texts = [
            unescape(x.value.strip())
            for i, (name, _) in enumerate(p.card_props)
            if name == "NOTE" and (x := props.get(i)) is not None and x.value.strip()
        ]
        joined = "\n\n".join(dict.fromkeys(texts))
        self._keep_notes = bool(joined) and (p.notes or "").startswith(joined)
        if self._keep_notes:
            rest = (p.notes or "")[len(joined) :].lstrip("\n")
            self.notes = rest or None

    def _drop_url(self, prop: Prop | None) -> None:
        if prop is not None:
            key = _url_key(url_of(prop))
            self.urls = [u for u in self.urls if _url_key(u) != key]

    def _holds(self, name: str, prop: Prop, group_labels: dict[str, str]) -> bool:
        """Whether the person still has this line's value (and take it off what is left). A
        line with no value models nothing, so it holds."""
        if not prop.value.strip():
            return True
        if name == "EMAIL":
            email = email_or_none(prop.value)
            _take(self.emails, email)
            return email in self._had["EMAIL"]
        if name == "TEL":
            _take(self.phones, phone_of(prop))
            return phone_of(prop) in self._had["TEL"]
        if name == "URL":
            key = _url_key(url_of(prop))
            self.urls = [u for u in self.urls if _url_key(u) != key]
            return key in self._had["URL"]
        if name == "ADR":
            self.has_adr = True
            address = address_of(prop, group_labels)
            _take(self.addresses, address)
            return address in self._addresses
        if name == "CATEGORIES":
            wanted = {name_key(t) for t in tags_of(prop)}
            have = {name_key(t) for t in self.tags}
            if not wanted <= have:
                return False
            self.tags = [t for t in self.tags if name_key(t) not in wanted]
            return True
        if name in self._seen:
            return True  # the reader takes the first ORG, TITLE, BDAY: the others are kept as is
        self._seen.add(name)
        if name == "BDAY":
            when = date_of(prop)
            if when is None or when != self.birthday:
                return False
            self.birthday = None
            return True
        attr, value = ("company", org_of(prop)) if name == "ORG" else ("position", prop.value)
        current = getattr(self, attr)
        if value and current and _flat(value) == _flat(current):
            setattr(self, attr, None)
            return True
        return False


def _flat(text: str) -> str:
    return " ".join(text.split())


def _take(values: list[T], value: T | None) -> bool:
    if value is None or value not in values:
        return False
    values.remove(value)
    return True
