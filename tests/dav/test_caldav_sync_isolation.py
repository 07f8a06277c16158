"""The calendars straight over HTTP: sync-collection (RFC 6578) tokens and deltas per calendar,
ETags that stay put while nothing changes, the read-only calendars' 403 with a reason, bad tasks
refused with a 400 that says why; and who reaches which calendar: another account's password
or app password gets 403, a calendar-feed token or an API token reaches nothing of DAV (401)."""

from __future__ import annotations

import re
from typing import Any

import httpx2 as httpx

from tiekeeper.services.accounts import new_api_token
from tiekeeper.services.events import add_event
from tiekeeper.services.login_throttle import PAIR_FREE
from tiekeeper.services.people import PersonChanges, add_person, edit_person
from tiekeeper.services.reminders import add_follow_up
from tiekeeper.services.sync.calendars import calendar
from tiekeeper.store.accounts import AccountStore
from tiekeeper.store.uow import Store

REPORT = """<?xml version="1.0" encoding="utf-8"?>
<D:sync-collection xmlns:D="DAV:">
  <D:sync-token>{token}</D:sync-token><D:sync-level>1</D:sync-level>
  <D:prop><D:getetag/></D:prop>
</D:sync-collection>"""
PROPFIND = {"Depth": "1", "Content-Type": "application/xml"}
EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VEVENT\r\nUID:party-1\r\n"
    "DTSTAMP:20261201T000000Z\r\nDTSTART;VALUE=DATE:20261224\r\nSUMMARY:party\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)
TASK = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VTODO\r\nUID:{uid}\r\n"
    "DTSTAMP:20261201T000000Z\r\nSUMMARY:{summary}\r\nDUE;VALUE=DATE:20261209\r\nEND:VTODO\r\n"
    "END:VCALENDAR\r\n"
)


def _sync(client: httpx.Client, path: str, auth: tuple[str, str], token: str = "") -> Any:
    return client.request(
        "REPORT", path, content=REPORT.format(token=token), auth=auth,
        headers={"Content-Type": "application/xml", "Depth": "1"},
    )  # fmt: skip


def _token(r: httpx.Response) -> str:
    found = re.search(r"<sync-token>([^<]+)</sync-token>", r.text)
    assert found, r.text
    return found.group(1)


def _etags(r: httpx.Response) -> dict[str, str]:
    pairs = re.findall(r"<href>[^<]*/([^/<]+\.ics)</href>.*?<getetag>([^<]+)</getetag>", r.text)
    return dict(pairs)


def _hrefs(r: httpx.Response) -> list[str]:
    return re.findall(r"<href>[^<]*/([^/<]+\.ics)</href>", r.text)


def test_each_calendar_syncs_by_token_and_its_etags_stay_while_nothing_changes(
    store: Store, dav: Any
) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", birthday="03-14"), dav.today)
    add_person(store.uow(), PersonChanges(name="Bo Chen"), dav.today)
    add_follow_up(store.uow(), "Ana Lima", "2026-12-05", "send the deck", dav.today)
    auth = ("local", dav.token(store))
    birthdays, follow_ups = "/dav/local/birthdays/", "/dav/local/follow-ups/"
    with dav.serve(store) as base, httpx.Client(base_url=base) as client:
        first = _sync(client, birthdays, auth)
        assert first.status_code == 207 and len(_hrefs(first)) == 1
        token, etags = _token(first), _etags(first)
        again = _sync(client, birthdays, auth, token)
        assert _hrefs(again) == [] and _token(again) == token
        assert _etags(_sync(client, birthdays, auth)) == etags  # the same ETags, asked anew

        # a token of one calendar is not one of another (both could be empty and alike)
        tasks = _sync(client, follow_ups, auth)
        refused = _sync(client, follow_ups, auth, token)
        assert refused.status_code in (403, 409) and "valid-sync-token" in refused.text

        # a new birthday, and a changed one: the delta holds both, nothing else
        edit_person(store.uow(), "Bo Chen", PersonChanges(birthday="1988-07-01"), dav.today)
        edit_person(store.uow(), "Ana Lima", PersonChanges(name="Ana Lima-Souza"), dav.today)
        delta = _sync(client, birthdays, auth, token)
        assert len(_hrefs(delta)) == 2 and _token(delta) != token
        assert set(etags) <= set(_hrefs(delta))
        # a birthday removed answers 404 in the next delta
        token = _token(delta)
        edit_person(store.uow(), "Bo Chen", PersonChanges(birthday=""), dav.today)
        gone = _sync(client, birthdays, auth, token)
        assert len(_hrefs(gone)) == 1 and "404" in gone.text

        # the follow-up names Ana: her new name is in its summary
        assert len(_hrefs(_sync(client, follow_ups, auth, _token(tasks)))) == 1
        # the follow-ups calendar moves only with follow-ups (and their people's names)
        task_token = _token(_sync(client, follow_ups, auth))
        edit_person(store.uow(), "Bo Chen", PersonChanges(company="Nimbus"), dav.today)
        assert _hrefs(_sync(client, follow_ups, auth, task_token)) == []
        add_follow_up(store.uow(), "Bo Chen", "2026-12-07", None, dav.today)
        assert len(_hrefs(_sync(client, follow_ups, auth, task_token))) == 1


def test_read_only_calendars_refuse_writes_with_403_and_a_reason(store: Store, dav: Any) -> None:
    add_person(store.uow(), PersonChanges(name="Ana Lima", birthday="03-14"), dav.today)
    add_event(store.uow(), "PyCon Lisbon", "2026-12-20", dav.today)
    [bday] = calendar(store.uow(), "birthdays")
    [event] = calendar(store.uow(), "events")
    before = {n: calendar(store.uow(), n) for n in ("birthdays", "events", "follow-ups")}
    auth = ("local", dav.token(store))
    with dav.serve(store) as base, httpx.Client(base_url=base) as client:
        for path in (f"/dav/local/birthdays/{bday}", "/dav/local/birthdays/new.ics"):
            r = client.put(
                path, content=EVENT, auth=auth, headers={"Content-Type": "text/calendar"}
            )
            assert r.status_code == 403 and "birthdays calendar is read-only" in r.text
        r = client.delete(f"/dav/local/birthdays/{bday}", auth=auth)
        assert r.status_code == 403 and "read-only" in r.text
        r = client.delete(f"/dav/local/events/{event}", auth=auth)
        assert r.status_code == 403 and "events calendar is read-only" in r.text
        r = client.put("/dav/local/events/x.ics", content=EVENT, auth=auth)
        assert r.status_code == 403 and "events calendar is read-only" in r.text
        # clients learn it before trying: no write privilege on the read-only calendars
        listing = client.request("PROPFIND", "/dav/local/", headers=PROPFIND, auth=auth).text
        for name, writable in (("birthdays", False), ("events", False), ("follow-ups", True)):
            part = listing.split(f"/dav/local/{name}/</href>")[1].split("</response>")[0]
            assert ("<write" in part) is writable, part

        # bad tasks: a 400 that says why, nothing made
        tasks = "/dav/local/follow-ups/"
        r = client.put(tasks + "e.ics", content=EVENT, auth=auth)
        assert r.status_code == 400 and "VTODO" in r.text
        summary = "Follow up with Nobody: hi"
        r = client.put(tasks + "n.ics", content=TASK.format(uid="n", summary=summary), auth=auth)
        assert r.status_code == 400 and "no person matches 'Nobody'" in r.text
        r = client.put(tasks + "q.ics", content=TASK.format(uid="q", summary="  "), auth=auth)
        assert r.status_code == 400 and "name the person" in r.text
        # a calendar tiekeeper does not have cannot be made
        r = client.request("MKCALENDAR", "/dav/local/mine/", auth=auth)
        assert r.status_code in (403, 409) and "fixed set of collections" in r.text
    assert {n: calendar(store.uow(), n) for n in before} == before


def test_one_account_never_reaches_another_accounts_calendars(store: Store, dav: Any) -> None:
    ana = dav.account(store, "ana")
    dav.account(store, "bo")
    add_person(ana.uow(), PersonChanges(name="Cy Dow", birthday="1990-03-14"), dav.today)
    add_follow_up(ana.uow(), "Cy Dow", "2026-12-05", "send the deck", dav.today)
    add_event(ana.uow(), "PyCon Lisbon", "2026-12-20", dav.today)
    items = {n: calendar(ana.uow(), n) for n in ("follow-ups", "birthdays", "events")}
    users = AccountStore(store.engine)
    ana_dav, bo_dav = dav.token(store, "ana"), dav.token(store, "bo")
    with dav.serve(store, accounts=True) as base, httpx.Client(base_url=base) as client:
        for name, found in items.items():
            path = f"/dav/ana/{name}/"
            own = client.request("PROPFIND", path, headers=PROPFIND, auth=("ana", ana_dav))
            assert own.status_code == 207 and all(h in own.text for h in found)
            [href] = found
            for auth in (("bo", dav.password), ("bo", bo_dav)):
                r = client.request("PROPFIND", path, headers=PROPFIND, auth=auth)
                assert r.status_code == 403
                assert _sync(client, path, auth).status_code == 403
                assert client.get(path + href, auth=auth).status_code == 403
                task = TASK.format(uid="m", summary="Follow up with Cy Dow: x")
                assert client.put(path + "m.ics", content=task, auth=auth).status_code == 403
                assert client.delete(path + href, auth=auth).status_code == 403
            # bo's own calendar of the same name holds none of ana's items
            mine = client.request("PROPFIND", f"/dav/bo/{name}/", headers=PROPFIND,
                                  auth=("bo", bo_dav))  # fmt: skip
            assert mine.status_code == 207 and ".ics" not in mine.text
        # a calendar-feed token (or an API token) is no DAV password, even for the calendars
        feed = new_api_token(users, "ana", "feed", dav.now, "calendar")
        api = new_api_token(users, "ana", "script", dav.now, "api")
        answers: list[int] = []
        for secret in (feed, api):
            for path in ("/dav/ana/", "/dav/ana/follow-ups/", "/dav/ana/birthdays/",
                         "/dav/ana/events/", "/dav/ana/contacts/"):  # fmt: skip
                r = client.request("PROPFIND", path, headers=PROPFIND, auth=("ana", secret))
                answers.append(r.status_code)
            r = client.get(f"/dav/ana/follow-ups/{next(iter(items['follow-ups']))}",
                           auth=("ana", secret))  # fmt: skip
            answers.append(r.status_code)
        # refused as wrong passwords, and so many of them slow this address down
        assert answers == [401] * PAIR_FREE + [429] * (len(answers) - PAIR_FREE), answers
    assert {n: calendar(ana.uow(), n) for n in items} == items
