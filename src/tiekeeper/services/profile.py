"""The owner's own profile ("me"), the elevator pitch and the digital business card."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields

from tiekeeper.domain.errors import InvalidInput, NotFound
from tiekeeper.domain.pitch import PitchCheck, check_pitch, profile_keywords
from tiekeeper.domain.profile import Profile
from tiekeeper.interchange.profile_card import qr_code, vcard
from tiekeeper.services.people import validate_email, validate_url
from tiekeeper.store.profile import ProfileRepository
from tiekeeper.store.settings import SettingsRepository
from tiekeeper.store.uow import UnitOfWork

CARD_UID_KEY = "profile.card_uid"
_EDITABLE = tuple(f.name for f in fields(Profile) if f.name != "pitch")


def _load(uow: UnitOfWork) -> Profile:
    return Profile.from_fields(uow.repo(ProfileRepository).get())


def get_profile(uow: UnitOfWork) -> Profile:
    """The user's own profile (empty when never set)."""
    with uow:
        return _load(uow)


def update_profile(uow: UnitOfWork, **changes: str | None) -> Profile:
    """Set profile fields; None leaves a field as is, an empty string clears it."""
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
        values[key] = value
    if "name" in values and values["name"] is None:
        raise InvalidInput("your name cannot be empty", field="name", value="")
    with uow:
        if values:
            uow.repo(ProfileRepository).upsert(**values)
        settings = uow.repo(SettingsRepository)
        if settings.get(CARD_UID_KEY) is None:
            # A random UID made once, so a phone updates the same contact when the card changes.
            settings.set(CARD_UID_KEY, str(uuid.uuid4()))
        profile = _load(uow)
        uow.commit()
    return profile


def set_pitch(uow: UnitOfWork, text: str) -> tuple[Profile, PitchCheck]:
    """Save the elevator pitch (and return its check)."""
    clean = " ".join(text.split())
    if not clean:
        raise InvalidInput("the pitch is empty", field="pitch", value=text)
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
