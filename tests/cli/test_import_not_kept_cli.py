"""`tiekeeper import` names what it did not keep; `show` prints addresses and kept properties."""

from __future__ import annotations

from pathlib import Path

VCARDS = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "vcard"


def test_import_text_json_and_dry_run_name_what_was_not_kept(cli) -> None:  # type: ignore[no-untyped-def]
    path = str(VCARDS / "evolution_kaddressbook_v4_org.vcf")
    dry = cli("import", path, "--dry-run").output
    assert "not kept: EMAIL (not an address) 2" in dry and "dry run" in dry
    data = cli.json("import", path)
    assert data["not_kept"] == {"EMAIL (not an address)": 2} and data["created"] == 3


def test_show_prints_addresses_and_what_the_card_carries(cli) -> None:  # type: ignore[no-untyped-def]
    cli("import", str(VCARDS / "apple_ios_company_and_labels.vcf"))
    out = cli("show", "Chiamaka Okafor").output
    assert "address (home) 12 Rue des Lilas, Lyon, 69003, France" in out
    assert "from vCard" in out and "PHOTO" in out and "X-SOCIALPROFILE" in out
