"""Who reaches which address book: an account's password or its `dav` app password opens its
own book only; another account's credentials get 403 there; API and calendar tokens, revoked
app passwords and (in local mode) anything but the local account's app passwords get 401."""

from __future__ import annotations

from typing import Any

import httpx2 as httpx

from tiekeeper.services.accounts import api_tokens, new_api_token, revoke_api_token
from tiekeeper.services.people import PersonChanges, add_person
from tiekeeper.services.sync.cards import address_book
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:x1\r\nFN:Mallory\r\nN:;Mallory;;;\r\nEND:VCARD\r\n"
PROPFIND = {"Depth": "1", "Content-Type": "application/xml"}


def _book(client: httpx.Client, who: str, auth: tuple[str, str]) -> int:
    r = client.request("PROPFIND", f"/dav/{who}/contacts/", headers=PROPFIND, auth=auth)
    return r.status_code


def test_one_account_never_reaches_another_accounts_address_book(store: Store, dav: Any) -> None:
    ana = dav.account(store, "ana")
    bo = dav.account(store, "bo")
    add_person(ana.uow(), PersonChanges(name="Ana's Friend", emails=["f@example.com"]), dav.today)
    [href] = address_book(ana.uow())
    users = AccountStore(store.engine)
    ana_dav = dav.token(store, "ana")
    bo_dav = dav.token(store, "bo")
    with dav.serve(store, accounts=True) as base, httpx.Client(base_url=base) as client:
        assert _book(client, "ana", ("ana", dav.password)) == 207
        assert _book(client, "ana", ("ana", ana_dav)) == 207
        bo_password = ("bo", dav.password)
        for auth in (bo_password, ("bo", bo_dav)):
            assert _book(client, "ana", auth) == 403
            card = f"/dav/ana/contacts/{href}"
            assert client.get(card, auth=auth).status_code == 403
            assert (
                client.put("/dav/ana/contacts/x1.vcf", content=CARD, auth=auth).status_code == 403
            )
            assert client.delete(card, auth=auth).status_code == 403
        # bo's app password does not log in as ana, nor does ana's API or calendar token
        api = new_api_token(users, "ana", "script", dav.now, "api")
        feed = new_api_token(users, "ana", "feed", dav.now, "calendar")
        for secret in (bo_dav, api, feed, "wrong password!"):
            assert _book(client, "ana", ("ana", secret)) == 401
        # bo's own book holds none of ana's people
        listing = client.request(
            "PROPFIND", "/dav/bo/contacts/", headers=PROPFIND, auth=bo_password
        )
        assert listing.status_code == 207 and ".vcf" not in listing.text
        # a revoked app password is refused at once
        [row] = [t for t in api_tokens(users, "ana") if t.scope == "dav"]
        revoke_api_token(users, "ana", row.id)
        assert _book(client, "ana", ("ana", ana_dav)) == 401
    assert [p for p in address_book(bo.uow())] == []
    assert list(address_book(ana.uow())) == [href]


def test_local_mode_takes_only_the_local_accounts_app_passwords(store: Store, dav: Any) -> None:
    dav.account(store, "ana")
    local = dav.token(store, "local")
    ana = dav.token(store, "ana")
    with dav.serve(store) as base, httpx.Client(base_url=base) as client:
        assert _book(client, "local", ("local", local)) == 207
        assert _book(client, "local", ("local", "no password at all")) == 401
        # another account's app password or password opens nothing in local mode
        assert _book(client, "ana", ("ana", ana)) == 401
        assert _book(client, "ana", ("ana", dav.password)) == 401
        assert _book(client, "local", ("ana", ana)) == 401
        assert (
            client.request("PROPFIND", "/dav/local/contacts/", headers=PROPFIND).status_code == 401
        )


def test_phones_find_the_server_from_its_name_alone(sqlite_store: Store, dav: Any) -> None:
    with dav.serve(sqlite_store) as base, httpx.Client(base_url=base) as client:
        for name in ("carddav", "caldav"):
            r = client.get(f"/.well-known/{name}", follow_redirects=False)
            assert (r.status_code, r.headers["location"]) == (301, "/dav/")
        # a client cannot move Radicale's base path with X-Script-Name
        token = dav.token(sqlite_store)
        r = client.request(
            "PROPFIND", "/dav/local/contacts/", headers={**PROPFIND, "X-Script-Name": "/evil"},
            auth=("local", token),
        )  # fmt: skip
        assert r.status_code == 207 and "/evil" not in r.text and "/dav/local/contacts/" in r.text
