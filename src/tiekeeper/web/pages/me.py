"""You, in the browser: your profile, the elevator pitch (counted live in the page and checked
by the server), the headline check, and the business card as a vCard and a QR code to show on
a phone's screen. The same services as `tiekeeper me`, `pitch`, `headline check` and `card`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from tiekeeper.domain.errors import InvalidInput, NotFound, TiekeeperError
from tiekeeper.domain.pitch import MAX_SECONDS, MAX_WORDS
from tiekeeper.services.events_views import pitch_dict, profile_dict
from tiekeeper.services.profile import (
    business_card,
    get_profile,
    qr_image,
    set_pitch,
    update_profile,
)
from tiekeeper.services.profile import pitch_check as check_pitch
from tiekeeper.services.visibility import headline_check
from tiekeeper.services.visibility_views import headline_dict
from tiekeeper.store.uow import Store
from tiekeeper.web.deps import StoreDep
from tiekeeper.web.pages.base import FORM_ERROR, FormState, form_error, render, see_other
from tiekeeper.web.pages.notices import notice_of
from tiekeeper.web.security import check_form_token

router = APIRouter(include_in_schema=False)
FormStr = Annotated[str, Form()]
# (form field, profile attribute, label, input type, hint)
PROFILE_FIELDS = (
    ("name", "name", "Your name", "text", None),
    ("headline", "headline", "Headline", "text", "one line: what you do and what you want"),
    ("email", "email", "E-mail", "email", None),
    ("phone", "phone", "Phone", "tel", None),
    ("company", "company", "Company", "text", None),
    ("position", "position", "Job title", "text", None),
    ("industry", "industry", "Industry", "text", None),
    ("function", "function", "Function", "text", "e.g. engineering, sales, design"),
    ("location", "location", "City or region", "text", None),
    ("linkedin", "linkedin_url", "LinkedIn address", "url", "https://www.linkedin.com/in/…"),
)
FIELDS = {attr: (name, label) for name, attr, label, _, _ in PROFILE_FIELDS} | {
    "linkedin": ("linkedin", "LinkedIn address"), "me": ("name", "Your name"),
}  # fmt: skip
NOTICES = {"profile-saved": "Profile saved.", "pitch-saved": "Pitch saved and checked."}
CARD_TYPES = {"vcf": "text/vcard; charset=utf-8", "png": "image/png", "svg": "image/svg+xml"}


def _pitch(store: Store) -> dict[str, Any] | None:
    try:
        return pitch_dict(*check_pitch(store.uow()))
    except NotFound:
        return None


def _headline(store: Store, text: str) -> tuple[dict[str, Any] | None, FormState]:
    state = FormState({"headline": text})
    if not text.strip():
        return None, state
    try:
        return headline_dict(headline_check(store.uow(), text)), state
    except InvalidInput as exc:
        return None, FormState(
            state.values, form_error(exc, {"headline": ("headline", "Headline")})
        )


def me_response(
    request: Request,
    store: Store,
    forms: dict[str, FormState] | None = None,
    status_code: int = 200,
    headline: str | None = None,
) -> HTMLResponse:
    """The page; `forms` holds a refused form's values and error."""
    forms = forms or {}
    profile = profile_dict(get_profile(store.uow()))
    values = {name: profile.get(attr if attr != "linkedin_url" else "linkedin") or ""
              for name, attr, *_ in PROFILE_FIELDS}  # fmt: skip
    asked = headline if headline is not None else values["headline"]
    check, headline_form = _headline(store, asked)
    context = {
        "profile": profile,
        "fields": PROFILE_FIELDS,
        "form": forms.get("profile", FormState(values)),
        "pitch_form": forms.get("pitch", FormState({"pitch": profile.get("pitch") or ""})),
        "pitch": _pitch(store),
        "headline_form": headline_form,
        "headline": check,
        "max_words": MAX_WORDS,
        "max_seconds": MAX_SECONDS,
        "has_card": bool(profile.get("name")),
        "notice": notice_of(request, NOTICES),
    }
    return render(request, "me.html", context, status_code)


@router.get("/me", response_class=HTMLResponse)
def me_page(request: Request, store: StoreDep, headline: str | None = None) -> HTMLResponse:
    """Your profile, pitch, headline check and card (`?headline=` checks another headline)."""
    return me_response(request, store, headline=headline)


@router.post("/me")
def save_profile_page(
    request: Request,
    store: StoreDep,
    csrf: FormStr = "",
    name: FormStr = "",
    headline: FormStr = "",
    email: FormStr = "",
    phone: FormStr = "",
    company: FormStr = "",
    position: FormStr = "",
    industry: FormStr = "",
    function: FormStr = "",
    location: FormStr = "",
    linkedin: FormStr = "",
) -> Response:
    """Save the profile fields (an empty one is cleared)."""
    check_form_token(request, csrf)
    values = {"name": name, "headline": headline, "email": email, "phone": phone,
              "company": company, "position": position, "industry": industry,
              "function": function, "location": location, "linkedin": linkedin}  # fmt: skip
    changes = {attr: values[field] for field, attr, *_ in PROFILE_FIELDS}
    try:
        update_profile(store.uow(), **changes)
    except TiekeeperError as exc:
        state = FormState(values, form_error(exc, FIELDS))
        return me_response(request, store, {"profile": state}, FORM_ERROR)
    return see_other("/me", "profile-saved")


@router.post("/me/pitch")
def save_pitch_page(
    request: Request, store: StoreDep, csrf: FormStr = "", pitch: FormStr = ""
) -> Response:
    """Save the elevator pitch; the page then shows the server's check of it."""
    check_form_token(request, csrf)
    try:
        set_pitch(store.uow(), pitch)
    except TiekeeperError as exc:
        state = FormState({"pitch": pitch}, form_error(exc, {"pitch": ("pitch", "Pitch")}))
        return me_response(request, store, {"pitch": state}, FORM_ERROR)
    return see_other("/me#pitch", "pitch-saved")


@router.get("/me/card", response_class=HTMLResponse)
def card_page(request: Request, store: StoreDep) -> HTMLResponse:
    """The card to show on a phone's screen: the QR code a camera saves as a contact."""
    business_card(store.uow())  # no profile yet: NotFound, with how to make one
    return render(request, "me_card.html", {"profile": profile_dict(get_profile(store.uow()))})


@router.get("/me/card.{kind}")
def card_file(kind: str, store: StoreDep) -> Response:
    """The card as a vCard file, or its QR code as PNG or SVG."""
    if kind not in CARD_TYPES:
        raise NotFound(f"no card as {kind!r}; there are {', '.join(CARD_TYPES)}")
    card = business_card(store.uow())
    data = card.vcard.encode("utf-8") if kind == "vcf" else qr_image(card.vcard, kind)
    headers = {"content-disposition": f'inline; filename="my-card.{kind}"'}
    if kind == "vcf":
        headers["content-disposition"] = 'attachment; filename="my-card.vcf"'
    return Response(data, media_type=CARD_TYPES[kind], headers=headers)
