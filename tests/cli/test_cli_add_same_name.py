"""Issue 10: `add` of a name someone already has warned of nothing (the demo and imports made
such twins easy to create by mistake). It still adds, and says who was there and how to merge."""

from __future__ import annotations

import json


def test_add_warns_when_the_name_is_taken_and_still_adds(cli) -> None:  # type: ignore[no-untyped-def]
    first = cli.add("Ana Lima", "--company", "Acme")
    result = cli.run("add", "ANA LIMA")
    assert result.exit_code == 0
    assert result.stdout.strip() == "Added #2 ANA LIMA"
    assert result.stderr.strip() == (
        f"warning: #{first} Ana Lima (Acme) has the same name; #2 was added as someone else. "
        f"If they are one person: tiekeeper merge {first} 2"
    )
    quiet = cli.run("add", "Bo Chen", "--json")
    assert quiet.stderr == "" and json.loads(quiet.stdout)["name"] == "Bo Chen"
    twin = cli.run("add", "Bo Chen", "--json")
    assert json.loads(twin.stdout)["id"] == 4  # --json stays one document; the warning is apart
    assert twin.stderr.startswith("warning: #3 Bo Chen has the same name")
    assert [p["name"] for p in cli.json("list")] == ["Ana Lima", "ANA LIMA", "Bo Chen", "Bo Chen"]


def test_a_person_argument_takes_a_first_name_and_suggests_near_misses(cli) -> None:  # type: ignore[no-untyped-def]
    ana = cli.add("Ana Lima")
    cli.add("Yuki Tanaka")
    assert cli.json("show", "ana")["id"] == ana
    assert cli.json("show", "Tanaka")["name"] == "Yuki Tanaka"
    assert (
        cli.fail("show", "Ana Lma")
        == f"error: no person matches 'Ana Lma'; did you mean #{ana} Ana Lima?"
    )
