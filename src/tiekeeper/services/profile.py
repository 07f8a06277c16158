"""The owner's own profile ("me"), the elevator pitch and the digital business card."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields

from tiekeeper.domain import limits
from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.pitch import PitchCheck, check_pitch, profile_keywords
from tiekeeper.domain.profile import Profile
from tiekeeper.interchange.profile_card import qr_code, vcard
from tiekeeper.services.people import validate_email, validate_url
from tiekeeper.store.profile import ProfileRepository
from tiekeeper.store.profile_emails import ProfileEmailRepository
from tiekeeper.store.settings import SettingsRepository
from tiekeeper.store.uow import UnitOfWork

CARD_UID_KEY = "profile.card_uid"
_EDITABLE = tuple(f.name for f in fields(Profile) if f.name != "pitch")
# the limit a profile field shares with a person's (domain/limits.py), where the names differ
_LIMIT_FIELD = {"linkedin_url": "linkedin"}


def _load(uow: UnitOfWork) -> Profile:
    return Profile.from_fields(uow.repo(ProfileRepository).get())


def get_profile(uow: UnitOfWork) -> Profile:
    """The user's own profile (empty when never set)."""
    with uow:
        return _load(uow)


def update_profile(
    uow: UnitOfWork,
    *,
    add_emails: Sequence[str] = (),
    remove_emails: Sequence[str] = (),
    **changes: str | None,
) -> Profile:
    """Set profile fields; None leaves a field as is, an empty string clears it.

    `add_emails` are more addresses of the user's (`me --email`, repeatable): the profile's
    e-mail stays the first, and the first one given becomes it when there is none; an empty
    one clears every address. `remove_emails` forgets addresses (the next one moves up)."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise InvalidInput(f"unknown profile fields: {', '.join(sorted(unknown))}", field="me")
    values: dict[str, str | None] = {}
    for key, raw in changes.items():
        if raw is None:
            continue
        value = " ".join(raw.split()) or None
        if value and key == "email":
            value = validate_email(value)
        elif value and key == "linkedin_url":
            value = validate_url(value, "linkedin")
        limits.check(_LIMIT_FIELD.get(key, key), value)
        values[key] = value
    if "name" in values and values["name"] is None:
        raise InvalidInput("your name cannot be empty", field="name", value="")
    clear_all = any(not e.strip() for e in add_emails)
    added = [validate_email(e) for e in add_emails if e.strip()]
    removed = [validate_email(e) for e in remove_emails]
    with uow:
        if values:
            uow.repo(ProfileRepository).upsert(**values)
        if clear_all or added or removed or values.get("email"):
            _update_emails(uow, added, removed, clear_all)
        settings = uow.repo(SettingsRepository)
        if settings.get(CARD_UID_KEY) is None:
            # A random UID made once, so a phone updates the same contact when the card changes.
            settings.set(CARD_UID_KEY, str(uuid.uuid4()))
        profile = _load(uow)
        uow.commit()
    return profile


def _update_emails(uow: UnitOfWork, added: list[str], removed: list[str], clear: bool) -> None:
    profiles, extra = uow.repo(ProfileRepository), uow.repo(ProfileEmailRepository)
    if clear:
        extra.remove(extra.all())
        profiles.upsert(email=None)
    primary = (profiles.get() or {}).get("email")
    extra.add(e for e in added if e != primary)
    extra.remove(removed)
    if primary in removed:
        primary = None
    if primary is None:
        rest = [e for e in added if e not in removed] or extra.all()
        primary = rest[0] if rest else None
        profiles.upsert(email=primary)
    if primary is not None:
        extra.remove([primary])  # never listed twice


def my_emails(uow: UnitOfWork) -> list[str]:
    """All the user's addresses: the profile's e-mail first, then the others sorted."""
    with uow:
        profile = _load(uow)
        extra = uow.repo(ProfileEmailRepository).all()
    first = [profile.email] if profile.email else []
    return first + [e for e in extra if e not in first]


def set_pitch(uow: UnitOfWork, text: str) -> tuple[Profile, PitchCheck]:
    """Save the elevator pitch (and return its check)."""
    clean = " ".join(text.split())
    if not clean:
        raise InvalidInput("the pitch is empty", field="pitch", value=text)
    limits.check("pitch", clean)
    with uow:
        uow.repo(ProfileRepository).upsert(pitch=clean)
        profile = _load(uow)
        uow.commit()
    return profile, _check(profile, clean)


def _check(profile: Profile, text: str) -> PitchCheck:
    return check_pitch(text, profile_keywords(profile.position, profile.industry, profile.function))


def pitch_check(uow: UnitOfWork, text: str | None = None) -> tuple[str, PitchCheck]:
    """Check the given text, or the saved pitch when none is given."""
    profile = get_profile(uow)
    pitch = " ".join((text or "").split()) or profile.pitch
    if text is not None and not text.strip():
        raise InvalidInput("the pitch is empty", field="pitch", value=text)
    if not pitch:
        raise NotFound("no saved pitch; save one with `tiekeeper pitch set TEXT`")
    return pitch, _check(profile, pitch)


@dataclass(frozen=True)
class Card:
    vcard: str
    uid: str


def business_card(uow: UnitOfWork) -> Card:
    """The user's own contact as a vCard 3.0 text."""
    with uow:
        profile = _load(uow)
        uid = uow.repo(SettingsRepository).get(CARD_UID_KEY)
    if profile.is_empty() or uid is None:
        raise NotFound("no profile yet; set it with `tiekeeper me --name NAME ...`")
    return Card(vcard(profile, uid), uid)


def qr_image(text: str, kind: str) -> bytes:
    """A QR code (png or svg) that encodes the card."""
    return qr_code(text, kind.lower())
