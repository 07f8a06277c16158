"""One interaction's page: who, when, what; correcting it; deleting it with a confirmation and an
Undo; search hits lead to it; and its API (GET and PATCH)."""

from __future__ import annotations

import re
from datetime import date

from seed import DAY, interaction, person
from starlette.testclient import TestClient
from webforms import alerts, token

from tiekeeper.services.people import show_person
from tiekeeper.store.uow import Store


def test_the_page_shows_people_date_channel_topics_favours_and_follow_up(
    client: TestClient, store: Store
) -> None:
    ana, bo = person(store, "Ana Lima"), person(store, "Bo Chen")
    iid = interaction(store, [ana, bo], when="2026-11-20", channel="coffee", by="them",
                      summary="Her move to product", topics=["career change", "pricing"],
                      gave=["introduction to Cy"], follow_up="2026-12-01",
                      action="send the article")  # fmt: skip
    page = client.get(f"/interactions/{iid}")
    assert page.status_code == 200
    html = page.text
    assert "<h1>Coffee with Ana Lima, Bo Chen</h1>" in html
    assert f'href="/people/{ana}">Ana Lima</a>' in html and f'href="/people/{bo}">Bo Chen' in html
    assert "Fri 20 Nov 2026" in html and "They did" in html
    assert "Her move to product" in html
    assert '<span class="tag">career change</span><span class="tag">pricing</span>' in html
    # one favour logged with two people: said once, with both
    assert html.count("You gave <strong>introduction</strong> (to Cy)") == 1
    assert "Tue 1 Dec 2026</strong> — send the article" in html
    assert (
        f'href="/interactions/{iid}/edit"' in html and f'href="/interactions/{iid}/delete"' in html
    )


def test_an_unknown_interaction_is_a_404_page(client: TestClient) -> None:
    for url in ("/interactions/999", "/interactions/999/edit", "/interactions/999/delete"):
        page = client.get(url)
        assert page.status_code == 404 and "no interaction with id 999" in page.text, url


def test_the_edit_form_saves_summary_date_channel_who_and_topics(
    client: TestClient, store: Store
) -> None:
    ana = person(store, "Ana Lima", cadence="monthly")
    iid = interaction(store, [ana], when="2026-11-20", summary="Old words", topics=["a"])
    form = client.get(f"/interactions/{iid}/edit").text
    assert 'value="2026-11-20"' in form and "Old words" in form and 'value="a"' in form
    typed = {"csrf": token(client), "when": "2026-11-02", "channel": "call", "by": "mutual",
             "summary": "  New words  ", "topics": "launch, hiring, launch"}  # fmt: skip
    saved = client.post(f"/interactions/{iid}/edit", data=typed, follow_redirects=False)
    assert (
        saved.status_code == 303
        and saved.headers["location"] == f"/interactions/{iid}?notice=saved"
    )
    got = client.get(f"/api/v1/interactions/{iid}").json()
    assert (got["date"], got["channel"], got["initiated_by"]) == ("2026-11-02", "call", "mutual")
    assert got["summary"] == "New words" and got["topics"] == ["hiring", "launch"]
    # the person's last-talked day and check-in follow the corrected date
    p = show_person(store.uow(), str(ana), DAY).person
    assert (p.last_interaction_on, p.checkin_due_on) == (date(2026, 11, 2), date(2026, 12, 2))
    assert client.get("/api/v1/search?q=hiring").json()[0]["id"] == iid
    assert client.get("/api/v1/search?q=Old").json() == []


def test_a_bad_date_is_named_next_to_its_field_and_nothing_changes(
    client: TestClient, store: Store
) -> None:
    iid = interaction(store, [person(store, "Ana Lima")], when="2026-11-20", summary="Kept")
    bad = client.post(f"/interactions/{iid}/edit", data={
        "csrf": token(client), "when": "someday", "channel": "coffee", "by": "me",
        "summary": "Lost?", "topics": ""})  # fmt: skip
    assert bad.status_code == 422
    assert alerts(bad.text) and alerts(bad.text)[0].startswith("Date:")
    assert re.search(r'id="ix-when"[^>]*aria-invalid="true"', bad.text)
    assert 'value="someday"' in bad.text and "Lost?" in bad.text  # what was typed stays
    assert client.get(f"/api/v1/interactions/{iid}").json()["summary"] == "Kept"


def test_delete_asks_first_then_undo_puts_it_back(client: TestClient, store: Store) -> None:
    ana = person(store, "Ana Lima")
    iid = interaction(store, [ana], summary="Lisbon plans", topics=["travel"])
    ask = client.get(f"/interactions/{iid}/delete")
    assert "Delete this interaction?" in ask.text and "trash for 30 days" in ask.text
    assert client.get(f"/api/v1/interactions/{iid}").status_code == 200  # asking changed nothing
    gone = client.post(f"/interactions/{iid}/delete", data={"csrf": token(client)},
                       follow_redirects=False)  # fmt: skip
    assert gone.status_code == 303
    entry = gone.headers["location"]
    assert re.fullmatch(r"/trash/\d+", entry)
    assert client.get(f"/interactions/{iid}").status_code == 404
    undo_page = client.get(entry).text
    assert "Moved to the trash" in undo_page and "Lisbon plans" in undo_page
    back = client.post(f"{entry}/restore", data={"csrf": token(client)}, follow_redirects=False)
    assert back.headers["location"] == f"/interactions/{iid}?notice=restored"
    assert "Put back from the trash" in client.get(back.headers["location"]).text
    assert client.get(f"/api/v1/interactions/{iid}").json()["topics"] == ["travel"]
    assert client.get("/api/v1/trash").json() == []


def test_search_hits_on_interactions_link_to_their_page(client: TestClient, store: Store) -> None:
    ana = person(store, "Ana Lima")
    iid = interaction(store, [ana], summary="Kayaking trip", topics=["outdoors"])
    page = client.get("/search?q=kayaking").text
    assert f'<a href="/interactions/{iid}">Kayaking trip</a>' in page
    assert f'href="/people/{ana}">Ana Lima</a>' in page


def test_the_person_page_links_each_interaction(client: TestClient, store: Store) -> None:
    ana = person(store, "Ana Lima")
    iid = interaction(store, [ana], summary="Coffee")
    assert f'href="/interactions/{iid}"' in client.get(f"/people/{ana}").text


def test_the_api_reads_and_patches_one_interaction(client: TestClient, store: Store) -> None:
    ana = person(store, "Ana Lima")
    iid = interaction(store, [ana], summary="Draft", topics=["x"], follow_up="2026-12-01")
    got = client.get(f"/api/v1/interactions/{iid}").json()
    assert got["people"] == [{"id": ana, "name": "Ana Lima"}] and len(got["follow_ups"]) == 1
    patched = client.patch(f"/api/v1/interactions/{iid}", json={"summary": "", "topics": []})
    assert patched.status_code == 200
    assert (patched.json()["summary"], patched.json()["topics"]) == (None, [])
    assert patched.json()["channel"] == got["channel"]  # absent: left as it was
    bad = client.patch(f"/api/v1/interactions/{iid}", json={"channel": "pigeon"})
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "channel"
    assert client.patch("/api/v1/interactions/999", json={}).status_code == 404
    spec = client.get("/api/v1/openapi.json").json()
    assert {"get", "patch", "delete"} <= set(spec["paths"]["/api/v1/interactions/{interaction_id}"])
