"""You through the API: the profile, the elevator pitch and its check, the business card as a
vCard and a QR code (= `tiekeeper me`, `pitch set`, `pitch check`, `card`)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import Field

from tiekeeper.domain.limits import limit
from tiekeeper.services.events_views import pitch_dict, profile_dict
from tiekeeper.services.profile import (
    business_card,
    get_profile,
    qr_image,
    set_pitch,
    update_profile,
)
from tiekeeper.services.profile import pitch_check as check_pitch
from tiekeeper.web import schema_types as t
from tiekeeper.web.deps import StoreDep
from tiekeeper.web.schemas import In, Out

router = APIRouter(tags=["me"])
CARD_TYPES = {"vcf": "text/vcard", "png": "image/png", "svg": "image/svg+xml"}


class ProfileOut(Out):
    name: str | None
    email: str | None
    phone: str | None
    headline: str | None
    company: str | None
    position: str | None
    industry: str | None
    function: str | None
    location: str | None
    linkedin: str | None
    pitch: str | None


class ProfilePatchIn(In):
    """Fields to set; absent ones stay, "" clears one (not the name)."""

    name: t.Name | None = None
    email: str | None = Field(None, max_length=limit("email"), pattern=f"^({t.EMAIL[1:-1]})?$")
    phone: str | None = t.line("phone")
    headline: str | None = t.line("position")
    company: str | None = t.line("company")
    position: str | None = t.line("position")
    industry: str | None = t.line("industry")
    function: str | None = t.line("function")
    location: str | None = t.line("location")
    linkedin: str | None = Field(None, max_length=limit("linkedin"), pattern=t.URL_OR_EMPTY)


class PitchIn(In):
    text: str = Field(max_length=limit("note"), pattern=t.NAME)


class PitchCheckIn(In):
    text: str | None = Field(
        None, max_length=limit("note"), pattern=t.NAME, description="default: the saved pitch"
    )


class PitchOut(Out):
    pitch: str
    words: int
    seconds: float
    says_what_you_do: bool
    says_what_you_want: bool
    warnings: list[str]


@router.get("/me", response_model=ProfileOut)
def get_me(store: StoreDep) -> dict[str, Any]:
    """Your own profile (every field null until set)."""
    return profile_dict(get_profile(store.uow()))


@router.patch("/me", response_model=ProfileOut)
def patch_me(body: ProfilePatchIn, store: StoreDep) -> dict[str, Any]:
    """Set profile fields."""
    changes = body.model_dump(exclude_unset=True)
    if "linkedin" in changes:
        changes["linkedin_url"] = changes.pop("linkedin")
    return profile_dict(update_profile(store.uow(), **changes))


@router.put("/me/pitch", response_model=PitchOut)
def put_pitch(body: PitchIn, store: StoreDep) -> dict[str, Any]:
    """Save your elevator pitch; its check comes back."""
    profile, check = set_pitch(store.uow(), body.text)
    return pitch_dict(profile.pitch or "", check)


@router.post("/me/pitch/check", response_model=PitchOut)
def post_pitch_check(body: PitchCheckIn, store: StoreDep) -> dict[str, Any]:
    """Words, seconds at 150 a minute, and whether it says what you do and what you want."""
    return pitch_dict(*check_pitch(store.uow(), body.text))


@router.get(
    "/me/card.{kind}",
    response_class=Response,
    responses={200: {"content": {m: {} for m in CARD_TYPES.values()},
                     "description": "the vCard 3.0, or its QR code"}},
)  # fmt: skip
def get_card(kind: Literal["vcf", "png", "svg"], store: StoreDep) -> Response:
    """Your business card as a vCard, or a QR code (PNG, SVG) a phone camera saves."""
    card = business_card(store.uow())
    data = card.vcard.encode("utf-8") if kind == "vcf" else qr_image(card.vcard, kind)
    return Response(data, media_type=CARD_TYPES[kind])
