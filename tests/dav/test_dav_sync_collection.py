"""sync-collection (RFC 6578) straight over HTTP: a token, then only what changed since it (the
edited card, the deleted one as 404), and a token the server does not hold refused so the
client syncs in full. And what a bad upload gets: a 400, nothing changed."""

from __future__ import annotations

import re
from typing import Any

import httpx2 as httpx

from tiekeeper.services.people import PersonChanges, add_person, edit_person
from tiekeeper.services.sync.cards import address_book
from tiekeeper.services.trash import delete_people
from tiekeeper.store.uow import Store

REPORT = """<?xml version="1.0" encoding="utf-8"?>
<D:sync-collection xmlns:D="DAV:">
  <D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>
  <D:prop><D:getetag/></D:prop>
</D:sync-collection>"""
BOOK = "/dav/local/contacts/"


def _sync(client: httpx.Client, auth: tuple[str, str], token: str = "") -> httpx.Response:
    return client.request(
        "REPORT", BOOK, content=REPORT.format(token=token), auth=auth,
        headers={"Content-Type": "application/xml", "Depth": "1"},
    )  # fmt: skip


def _token(r: httpx.Response) -> str:
    found = re.search(r"<sync-token>([^<]+)</sync-token>", r.text)
    assert found, r.text
    return found.group(1)


def _hrefs(r: httpx.Response) -> list[str]:
    return re.findall(r"<href>/dav/local/contacts/([^<]+)</href>", r.text)


def test_a_sync_token_gives_only_the_changes_since_it(store: Store, dav: Any) -> None:
    for name in ("Ana Lima", "Bo Chen", "Cy Dow"):
        add_person(store.uow(), PersonChanges(name=name), dav.today)
    hrefs = {
        c.text.split("FN:")[1].split("\r\n")[0]: h for h, c in address_book(store.uow()).items()
    }
    auth = ("local", dav.token(store))
    with dav.serve(store) as base, httpx.Client(base_url=base) as client:
        first = _sync(client, auth)
        assert first.status_code == 207 and sorted(_hrefs(first)) == sorted(hrefs.values())
        token = _token(first)
        again = _sync(client, auth, token)
        assert _hrefs(again) == [] and _token(again) == token  # nothing changed, same token

        edit_person(store.uow(), "Bo Chen", PersonChanges(company="Nimbus"), dav.today)
        delete_people(store.uow(), ["Cy Dow"], dav.now)
        delta = _sync(client, auth, token)
        assert sorted(_hrefs(delta)) == sorted([hrefs["Bo Chen"], hrefs["Cy Dow"]])
        gone = delta.text.split(hrefs["Cy Dow"])[1].split("</response>")[0]
        assert "404" in gone
        assert _token(delta) != token

        # a token the server never gave (or forgot, after a restart) means: sync in full
        unknown = _sync(client, auth, "http://tiekeeper.invalid/ns/sync/0000")
        assert unknown.status_code in (403, 409) and "valid-sync-token" in unknown.text


def test_a_card_that_takes_someone_elses_email_is_refused_and_changes_nothing(
    store: Store, dav: Any
) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", emails=["ana@example.com"]), dav.today)
    add_person(store.uow(), PersonChanges(name="Bo Chen", emails=["bo@example.com"]), dav.today)
    cards = address_book(store.uow())
    [(bo_href, bo)] = [(h, c) for h, c in cards.items() if "Bo Chen" in c.text]
    auth = ("local", dav.token(store))
    with dav.serve(store) as base, httpx.Client(base_url=base) as client:
        taken = bo.text.replace("bo@example.com", "ana@example.com")
        r = client.put(BOOK + bo_href, content=taken, auth=auth,
                       headers={"Content-Type": "text/vcard"})  # fmt: skip
        assert r.status_code == 400
        assert client.put(BOOK + "junk.vcf", content="not a card", auth=auth).status_code == 400
    assert address_book(store.uow()) == cards
