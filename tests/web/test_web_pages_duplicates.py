"""Duplicates in the browser: pairs side by side with their evidence, a merge plan to confirm,
the merge, and its Undo through the trash."""

from __future__ import annotations

import re

from seed import DAY, interaction, person, twins
from starlette.testclient import TestClient
from webforms import token

from tiekeeper.domain.errors import NotFound
from tiekeeper.services.people import show_person
from tiekeeper.store.uow import Store


def test_pairs_are_shown_side_by_side_with_their_evidence(client: TestClient, store: Store) -> None:
    assert "No likely duplicates." in client.get("/duplicates").text
    a, b = twins(store)
    person(store, "Bo Chen")
    page = client.get("/duplicates").text
    assert "Strong evidence" in page and "same phone: " in page and "similar name (100%)" in page
    assert page.count('class="record"') == 2 and "Bo Chen" not in page
    assert "ana@acme.example" in page and "Lisbon" in page  # what tells them apart
    assert f'href="/duplicates/merge?keep={a}&amp;other={b}"' in page


def test_the_plan_says_what_moves_and_asks_first(client: TestClient, store: Store) -> None:
    a, b = twins(store)
    interaction(store, [b], summary="Climbing", follow_up="2026-12-01")
    plan = client.get(f"/duplicates/merge?keep={a}&other={b}").text
    assert "Merge these two records?" in plan
    assert f"1 interaction and 1 open follow-up of #{b} move to #{a}" in plan
    assert f"Tags: #{a} gains climbing." in plan and f"Location: #{a} gains Lisbon." in plan
    assert "undo the merge for 30 days" in plan
    assert f'href="/duplicates/merge?keep={b}&amp;other={a}"' in plan  # keep the other instead
    assert show_person(store.uow(), str(b), DAY)  # nothing merged yet


def test_merge_then_undo_puts_both_back(client: TestClient, store: Store) -> None:
    a, b = twins(store)
    ix = interaction(store, [b], summary="Climbing")
    done = client.post("/duplicates/merge", data={"csrf": token(client), "keep": str(a),
                       "other": str(b)}, follow_redirects=False)  # fmt: skip
    entry = done.headers["location"]
    assert done.status_code == 303 and re.fullmatch(r"/trash/\d+", entry)
    page = client.get(entry).text
    assert "<h1>Merged</h1>" in page and ">Undo</button>" in page
    merged = show_person(store.uow(), str(a), DAY)
    assert merged.person.location == "Lisbon" and [i.id for i in merged.interactions] == [ix]
    try:
        show_person(store.uow(), str(b), DAY)
        raise AssertionError("the other record is still there")
    except NotFound:
        pass
    assert "No likely duplicates." in client.get("/duplicates").text

    back = client.post(f"{entry}/restore", data={"csrf": token(client)}, follow_redirects=False)
    assert back.headers["location"] == f"/people/{a}?notice=unmerged"
    assert "Merge undone" in client.get(back.headers["location"]).text
    assert show_person(store.uow(), str(a), DAY).person.location is None
    assert [i.id for i in show_person(store.uow(), str(b), DAY).interactions] == [ix]


def test_a_plan_or_merge_of_one_person_with_themself_is_refused(
    client: TestClient, store: Store
) -> None:
    a, _ = twins(store)
    assert client.get(f"/duplicates/merge?keep={a}&other={a}").status_code == 422
    r = client.post("/duplicates/merge", data={"csrf": token(client), "keep": str(a),
                    "other": str(a)})  # fmt: skip
    assert r.status_code == 422 and "the same person" in r.text
    assert client.get("/duplicates/merge?keep=998&other=999").status_code == 404
