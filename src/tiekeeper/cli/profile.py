"""me, pitch set, pitch check, card."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tiekeeper.cli.common import JsonOpt, console, emit_json, store

Opt = Annotated[str | None, typer.Option()]
pitch_group = typer.Typer(
    help="Your elevator pitch: save it and check its length and content.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
_LABELS = (
    ("name", "name"), ("headline", "headline"), ("email", "e-mail"), ("phone", "phone"),
    ("company", "company"), ("position", "position"), ("industry", "industry"),
    ("function", "function"), ("location", "location"), ("linkedin_url", "linkedin"),
    ("pitch", "pitch"),
)  # fmt: skip


def me(
    name: Annotated[str | None, typer.Option(help="Your full name.")] = None,
    email: Annotated[
        list[str] | None,
        typer.Option(
            help="One of your e-mail addresses; repeat it for several (imports know you by "
            "them). The first stays your main one; an empty value clears them all."
        ),
    ] = None,
    remove_email: Annotated[
        list[str] | None, typer.Option(help="Forget one of your addresses; repeatable.")
    ] = None,
    phone: Annotated[str | None, typer.Option(help="Your phone.")] = None,
    headline: Annotated[str | None, typer.Option(help="Your one-line headline.")] = None,
    company: Annotated[str | None, typer.Option(help="Your company.")] = None,
    position: Annotated[str | None, typer.Option(help="Your job title.")] = None,
    industry: Annotated[str | None, typer.Option(help="Your industry.")] = None,
    function: Annotated[str | None, typer.Option("--function", help="Your job function.")] = None,
    location: Annotated[str | None, typer.Option(help="Your city or region.")] = None,
    linkedin: Annotated[str | None, typer.Option(help="Your LinkedIn profile URL.")] = None,
    json: JsonOpt = False,
) -> None:
    """Show your own profile, or set its fields (an empty value clears one)."""
    from tiekeeper.services.events_views import profile_dict
    from tiekeeper.services.profile import get_profile, my_emails, update_profile

    changes = dict(name=name, phone=phone, headline=headline, company=company,
                   position=position, industry=industry, function=function, location=location,
                   linkedin_url=linkedin)  # fmt: skip
    if any(v is not None for v in changes.values()) or email or remove_email:
        profile = update_profile(
            store().uow(), add_emails=email or (), remove_emails=remove_email or (), **changes
        )
    else:
        profile = get_profile(store().uow())
    emails = my_emails(store().uow())
    if json:
        emit_json(profile_dict(profile) | {"emails": emails})
        return
    out = console()
    if profile.is_empty():
        out.print("No profile yet: tiekeeper me --name 'Your Name' --position ...")
        return
    for attr, label in _LABELS:
        value = ", ".join(emails) if attr == "email" else getattr(profile, attr)
        if value:
            out.print(f"  {label:<9} {value}")


def _print_check(text: str, check) -> None:  # type: ignore[no-untyped-def]
    out = console()
    out.print(f"{check.words} words, about {check.seconds:g} seconds at 150 words a minute")
    for w in check.warnings:
        out.print(f"  warning: {w}")
    if not check.warnings:
        out.print("  looks good: short, says what you do and what you want")


@pitch_group.command("set")
def pitch_set(
    text: Annotated[str, typer.Argument(help="The pitch text.")], json: JsonOpt = False
) -> None:
    """Save your elevator pitch and check it."""
    from tiekeeper.services.events_views import pitch_dict
    from tiekeeper.services.profile import set_pitch

    profile, check = set_pitch(store().uow(), text)
    if json:
        emit_json(pitch_dict(profile.pitch or "", check))
        return
    console().print("Saved your pitch.")
    _print_check(profile.pitch or "", check)


@pitch_group.command("check")
def pitch_check(
    text: Annotated[
        str | None, typer.Argument(help="Text to check (default: the saved pitch).")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Check a pitch: words, seconds, and whether it says what you do and what you want."""
    from tiekeeper.services.events_views import pitch_dict
    from tiekeeper.services.profile import pitch_check as check_it

    pitch, check = check_it(store().uow(), text)
    if json:
        emit_json(pitch_dict(pitch, check))
        return
    _print_check(pitch, check)


def card(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the vCard to this file.")
    ] = None,
    qr: Annotated[
        Path | None, typer.Option(help="Write a QR code of the card (.png or .svg).")
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Your digital business card: a vCard 3.0 and a QR code a phone camera can save."""
    from tiekeeper.domain.errors import InvalidInput
    from tiekeeper.services.profile import business_card, qr_image

    kind = qr.suffix.lower().lstrip(".") if qr else None
    if qr is not None and kind not in ("png", "svg"):
        raise InvalidInput(f"{str(qr)!r} must end in .png or .svg", field="qr", value=str(qr))
    c = business_card(store().uow())
    image = qr_image(c.vcard, kind) if kind else None
    for path, data, flag in ((output, c.vcard.encode("utf-8"), "output"), (qr, image, "qr")):
        if path is not None and data is not None:
            try:
                path.write_bytes(data)
            except OSError as exc:
                raise InvalidInput(f"cannot write {str(path)!r}: {exc.strerror}", field=flag,
                                   value=str(path)) from None  # fmt: skip
    written = [str(p) for p in (output, qr) if p is not None]
    if json:
        emit_json({"uid": c.uid, "vcard": c.vcard, "output": str(output) if output else None,
                   "qr": str(qr) if qr else None, "written": written})  # fmt: skip
        return
    if output is None and qr is None:
        typer.echo(c.vcard, nl=False)
        return
    console().print(f"Wrote {', '.join(written)}")


def register(app: typer.Typer) -> None:
    """Add me, pitch and card to the app."""
    app.command()(me)
    app.add_typer(pitch_group, name="pitch")
    app.command()(card)
