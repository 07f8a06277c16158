"""Deleting in the browser: a person to the trash (asked first, then Undo), erasing for good
behind typing their name, and the trash page: restore, empty (asked first)."""

from __future__ import annotations

import re

from seed import DAY, interaction, person
from starlette.testclient import TestClient
from webforms import alerts, token

from tiekeeper.domain.errors import NotFound
from tiekeeper.services.people import show_person
from tiekeeper.services.search import search
from tiekeeper.store.uow import Store


def exists(store: Store, pid: int) -> bool:
    try:
        show_person(store.uow(), str(pid), DAY)
    except NotFound:
        return False
    return True


def test_a_person_page_offers_delete(client: TestClient, store: Store) -> None:
    ana = person(store, "Ana Lima")
    assert f'href="/people/{ana}/delete"' in client.get(f"/people/{ana}").text


def test_delete_asks_first_then_undo_brings_them_back_whole(
    client: TestClient, store: Store
) -> None:
    ana = person(store, "Ana Lima", tags=["mentor"])
    bo = person(store, "Bo Chen")
    alone = interaction(store, [ana], summary="Just us")
    shared = interaction(store, [ana, bo], summary="All three")
    ask = client.get(f"/people/{ana}/delete")
    assert ask.status_code == 200 and "Delete Ana Lima?" in ask.text
    assert "shared with other people stay" in ask.text
    assert f'href="/people/{ana}/erase"' in ask.text  # the other way, behind its own page
    assert exists(store, ana)

    gone = client.post(f"/people/{ana}/delete", data={"csrf": token(client)},
                       follow_redirects=False)  # fmt: skip
    entry = gone.headers["location"]
    assert gone.status_code == 303 and re.fullmatch(r"/trash/\d+", entry)
    assert not exists(store, ana)
    assert client.get(f"/interactions/{alone}").status_code == 404
    assert client.get(f"/interactions/{shared}").status_code == 200
    page = client.get(entry).text
    assert "Moved to the trash" in page and "Ana Lima" in page and ">Undo</button>" in page

    back = client.post(f"{entry}/restore", data={"csrf": token(client)}, follow_redirects=False)
    assert back.headers["location"] == f"/people/{ana}?notice=restored"
    view = show_person(store.uow(), str(ana), DAY)
    assert view.person.tags == ["mentor"]
    assert {ix.id for ix in view.interactions} == {alone, shared}
    assert client.get(entry).status_code == 404  # the entry is used up


def test_erase_needs_the_name_typed_and_then_leaves_nothing(
    client: TestClient, store: Store
) -> None:
    ana = person(store, "Zoë Brandt", tags=["kayaking"])
    ask = client.get(f"/people/{ana}/erase").text
    assert "Erase Zoë Brandt for good?" in ask and "cannot be undone" in ask
    assert re.search(r'<label for="confirm-typed">To confirm, type their name', ask)
    wrong = client.post(f"/people/{ana}/erase", data={"csrf": token(client), "typed": "Zoe"})
    assert wrong.status_code == 422 and "nothing was erased" in alerts(wrong.text)[0]
    assert re.search(r'id="confirm-typed"[^>]*aria-invalid="true"', wrong.text)
    assert exists(store, ana)
    done = client.post(f"/people/{ana}/erase", data={"csrf": token(client), "typed": "zoe brandt"},
                       follow_redirects=False)  # fmt: skip
    assert done.headers["location"] == "/people?notice=erased"
    # the People page says so (it showed no notice at all before)
    assert (
        '<p class="notice" role="status">Erased for good.</p>'
        in client.get(done.headers["location"]).text
    )
    assert not exists(store, ana)
    assert search(store.uow(), "kayaking") == []
    assert "The trash is empty." in client.get("/trash").text


def test_the_trash_lists_restores_and_empties_after_asking(
    client: TestClient, store: Store
) -> None:
    empty = client.get("/trash").text
    assert "The trash is empty." in empty and 'href="/trash/empty"' not in empty
    ana, bo = person(store, "Ana Lima"), person(store, "Bo Chen")
    for pid in (ana, bo):
        client.post(f"/people/{pid}/delete", data={"csrf": token(client)})
    page = client.get("/trash").text
    assert page.index("Bo Chen") < page.index("Ana Lima")  # newest first
    assert "30 days left" in page and page.count(">Restore<") == 2
    first = int(re.findall(r'action="/trash/(\d+)/restore"', page)[-1])  # Ana's
    back = client.post(f"/trash/{first}/restore", data={"csrf": token(client), "back": "/trash"},
                       follow_redirects=False)  # fmt: skip
    assert back.headers["location"] == f"/people/{ana}?notice=restored"

    ask = client.get("/trash/empty").text
    assert "Empty the trash?" in ask and "1 deleted thing will be erased for good" in ask
    assert "Bo Chen" in client.get("/trash").text  # asking changed nothing
    done = client.post("/trash/empty", data={"csrf": token(client)}, follow_redirects=False)
    assert done.headers["location"] == "/trash?notice=emptied"
    assert "The trash is empty." in client.get(done.headers["location"]).text
    assert not exists(store, bo) and exists(store, ana)


def test_unknown_entries_and_people_are_404(client: TestClient) -> None:
    for url in ("/trash/999", "/people/999/delete", "/people/999/erase"):
        assert client.get(url).status_code == 404, url
    csrf = token(client)
    for url in ("/trash/999/restore", "/people/999/delete", "/people/999/erase"):
        assert client.post(url, data={"csrf": csrf, "typed": "x"}).status_code == 404, url
