"""People worth adding, from imported mail: the addresses the user keeps writing to that are no
person in tiekeeper yet (`tiekeeper suggest`), and adding them (`tiekeeper suggest add`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from tiekeeper.domain.email_address import email_or_none
from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.model import Person
from tiekeeper.services.my_addresses import my_addresses
from tiekeeper.services.people import PersonChanges, apply_changes
from tiekeeper.store.correspondence import CorrespondenceRepository, Correspondent
from tiekeeper.store.uow import UnitOfWork

AT_LEAST = 3  # messages written to an address within WINDOW before it is suggested
WINDOW = timedelta(days=365)


def suggestions(uow: UnitOfWork, today: date, at_least: int = AT_LEAST) -> list[Correspondent]:
    """The addresses written to at least `at_least` times in the year up to `today` that belong
    to nobody in tiekeeper (nor to the user), most written to first."""
    with uow:
        mine = my_addresses(uow)
        found = uow.repo(CorrespondenceRepository).correspondents(today - WINDOW)
    return [c for c in found if c.sent >= at_least and c.email not in mine and c.last_on <= today]


def suggestion_dict(c: Correspondent) -> dict[str, Any]:
    """The JSON shape of a suggestion (docs/json.md)."""
    data = asdict(c)
    data["last_on"] = c.last_on.isoformat()
    return data


@dataclass
class SuggestAdded:
    """What `suggest add` did: the people it created, and addresses someone already had."""

    added: list[Person] = field(default_factory=list)
    already: dict[str, int] = field(default_factory=dict)  # address -> person id


def name_from_address(email: str) -> str:
    """A name for an address the headers never named: 'ana.lima@x' -> 'Ana Lima'."""
    local = email.partition("@")[0].partition("+")[0]
    words = local.replace(".", " ").replace("_", " ").replace("-", " ").split()
    return " ".join(w.capitalize() for w in words) or email


def add_suggested(uow: UnitOfWork, addresses: list[str], today: date) -> SuggestAdded:
    """Add a person for each address, named as the headers name them, in one transaction.
    An address found in no imported mail is refused (nothing is added); one that already
    belongs to someone is reported, not added twice."""
    emails: list[str] = []
    for text in addresses:
        email = email_or_none(text)
        if email is None:
            raise InvalidInput(f"{text!r} is not an e-mail address", field="ADDR", value=text)
        emails.append(email)
    emails = list(dict.fromkeys(emails))
    result = SuggestAdded()
    with uow:
        repo = uow.repo(CorrespondenceRepository)
        missing = [e for e in emails if e not in repo.known(emails)]
        if missing:
            raise NotFound(
                f"{missing[0]} is in no imported mail; add them with `tiekeeper add NAME --email`"
            )
        mine = my_addresses(uow)
        names = repo.names(emails)
        for email in emails:
            if email in mine:
                raise InvalidInput(f"{email} is your own address", field="ADDR", value=email)
            owners = uow.people.ids_by_email(email)
            if owners:
                result.already[email] = owners[0]
                continue
            name = names.get(email) or name_from_address(email)
            p = Person(name=name, created_on=today)
            apply_changes(uow, p, PersonChanges(name=name, emails=[email]), today)
            uow.people.add(p)
            result.added.append(p)
        uow.commit()
    return result
