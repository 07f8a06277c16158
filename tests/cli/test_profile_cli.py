from pathlib import Path
from typing import Any

import vobject


def test_me_sets_and_shows_the_profile(cli: Any) -> None:
    assert "No profile yet" in cli("me").stdout
    data = cli.json(
        "me",
        "--name",
        "Zoë Example",
        "--email",
        "zoe@example.com",
        "--phone",
        "+351 1",
        "--headline",
        "Data engineer",
        "--company",
        "Acme",
        "--position",
        "Engineer",
        "--industry",
        "Software",
        "--function",
        "Engineering",
        "--location",
        "Lisbon",
        "--linkedin",
        "linkedin.com/in/zoe",
    )
    assert data["linkedin"] == "https://linkedin.com/in/zoe" and data["function"] == "Engineering"
    assert cli.json("me") == data
    assert "Zoë Example" in cli("me").stdout


def test_pitch_set_and_check(cli: Any) -> None:
    assert "no saved pitch" in cli.fail("pitch", "check")
    saved = cli.json("pitch", "set", "I help teams ship data. I'm looking for climate work.")
    assert saved["warnings"] == [] and saved["words"] == 10
    assert cli.json("pitch", "check")["pitch"] == saved["pitch"]
    long = cli.json("pitch", "check", " ".join(["word"] * 80))
    assert long["seconds"] == 32.0 and len(long["warnings"]) == 3
    assert "too long" in cli("pitch", "check", " ".join(["word"] * 80)).stdout


def test_card_writes_a_vcard_and_a_qr_code(cli: Any, tmp_path: Path) -> None:
    assert "no profile" in cli.fail("card")
    cli("me", "--name", "Zoë Example", "--email", "zoe@example.com")
    vcf, png, svg = tmp_path / "card.vcf", tmp_path / "card.png", tmp_path / "card.svg"
    cli("card", "-o", str(vcf), "--qr", str(png))
    assert vobject.readOne(vcf.read_text(encoding="utf-8")).fn.value == "Zoë Example"
    assert vcf.read_bytes().count(b"\r\n") == len(vcf.read_bytes().splitlines())
    assert png.read_bytes().startswith(b"\x89PNG")
    cli("card", "--qr", str(svg))
    assert b"<svg" in svg.read_bytes()
    assert "BEGIN:VCARD" in cli("card").stdout


def test_bad_card_and_profile_input_is_refused(cli: Any, tmp_path: Path) -> None:
    cli("me", "--name", "Zoë")
    before = cli.json("me")
    assert "qr" in cli.fail("card", "--qr", str(tmp_path / "card.gif"))
    assert "output" in cli.fail("card", "-o", str(tmp_path / "missing" / "x.vcf"))
    assert "email" in cli.fail("me", "--email", "nope")
    assert cli.json("me") == before
    assert not (tmp_path / "card.gif").exists()


def test_me_takes_several_emails_and_shows_them_all(cli: Any) -> None:
    cli("me", "--name", "Zoë", "--email", "zoe@example.com")
    data = cli.json("me", "--email", "zoe@work.example", "--email", "Z@home.example")
    assert data["email"] == "zoe@example.com"
    assert data["emails"] == ["zoe@example.com", "z@home.example", "zoe@work.example"]
    assert "zoe@example.com, z@home.example, zoe@work.example" in cli("me").stdout
    assert cli.json("me", "--remove-email", "z@home.example")["emails"] == [
        "zoe@example.com",
        "zoe@work.example",
    ]
