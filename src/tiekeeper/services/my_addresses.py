"""Which e-mail addresses are the user's own: a calendar attendee or a mail sender with one of
them is the user, never a contact."""

from __future__ import annotations

from tiekeeper.store.profile import ProfileRepository
from tiekeeper.store.profile_emails import ProfileEmailRepository
from tiekeeper.store.uow import UnitOfWork


def my_addresses(uow: UnitOfWork) -> set[str]:
    """The user's addresses, lower-cased: the profile's e-mail and every `me --email` one.

    `uow` must already be open (inside `with uow:`): imports call this within their own
    transaction, and opening it again here would replace its connection."""
    found = {e.lower() for e in uow.repo(ProfileEmailRepository).all()}
    profile = uow.repo(ProfileRepository).get() or {}
    if profile.get("email"):
        found.add(str(profile["email"]).strip().lower())
    return found
