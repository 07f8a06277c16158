import vobject

from tiekeeper.domain.profile import Profile
from tiekeeper.interchange.profile_card import qr_code, vcard

FULL = Profile(
    name="Zoë van der Berg",
    email="zoe@example.com",
    phone="+351 912 345 678",
    headline="Data engineer; pipelines, climate, and more " * 3,
    company="Acme, Inc.",
    position="Data Engineer",
    location="Lisbon",
    linkedin_url="https://www.linkedin.com/in/zoe",
)


def test_the_card_is_a_crlf_vcard_3_with_fn_n_and_uid_that_vobject_reads() -> None:
    text = vcard(FULL, "uid-1")
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and text.endswith("END:VCARD\r\n")
    assert "\n" not in text.replace("\r\n", "")
    card = vobject.readOne(text)
    assert card.fn.value == "Zoë van der Berg"
    assert (card.n.value.family, card.n.value.given) == ("Berg", "Zoë van der")
    assert card.uid.value == "uid-1"
    assert card.org.value == ["Acme, Inc."]
    assert card.email.value == "zoe@example.com"
    assert card.note.value == FULL.headline


def test_long_lines_are_folded_at_75_octets() -> None:
    for line in vcard(FULL, "uid-1").split("\r\n"):
        assert len(line.encode("utf-8")) <= 75


def test_qr_codes_are_png_or_svg() -> None:
    text = vcard(FULL, "uid-1")
    assert qr_code(text, "png").startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in qr_code(text, "svg")
