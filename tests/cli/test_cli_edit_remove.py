"""edit --remove-email/--remove-phone, --type none and --closeness 0."""

from __future__ import annotations


def test_edit_removes_contact_details_and_clears_ratings(cli) -> None:  # type: ignore[no-untyped-def]
    pid = cli.add("Ana Lima", "--email", "ana@old.example", "--email", "ana@new.example",
                  "--phone", "555 0100", "--type", "strategic", "--closeness", "4")  # fmt: skip
    got = cli.json("edit", str(pid), "--remove-email", "ana@old.example",
                   "--remove-phone", "555 0100", "--type", "none", "--closeness", "0")  # fmt: skip
    assert got["emails"] == ["ana@new.example"] and got["phones"] == []
    assert got["type"] is None and got["closeness"] is None


def test_removing_an_address_they_do_not_have_is_one_line_and_changes_nothing(cli) -> None:  # type: ignore[no-untyped-def]
    pid = cli.add("Ana Lima", "--email", "ana@example.com")
    before = cli.snapshot()
    line = cli.fail("edit", str(pid), "--remove-email", "bo@example.com", "--company", "Acme")
    assert "remove-email: 'bo@example.com' is not one of theirs (ana@example.com)" in line
    assert cli.snapshot() == before
