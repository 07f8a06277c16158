"""Events in the browser: the list and the Add form, an event's goal and progress, the quick
"met someone" form, the 48-hour follow-ups, the retrospective, and Delete with Undo."""

from __future__ import annotations

import re

from seed import DAY, interaction, person
from starlette.testclient import TestClient
from webforms import alerts, token

from tiekeeper.services.events import add_event, met_at_event, show_event
from tiekeeper.services.people import PersonChanges, show_person
from tiekeeper.store.uow import Store


def an_event(store: Store, name: str = "PyCon", when: str = "2026-11-24", goal: str | None = None
             ) -> int:  # fmt: skip
    ev = add_event(store.uow(), name, when, DAY, kind="conference", goal=goal)
    assert ev.id is not None
    return ev.id


def met(store: Store, event_id: int, name: str) -> int:
    c = met_at_event(store.uow(), str(event_id), name, PersonChanges(), DAY)
    assert c.person.id is not None
    return c.person.id


def test_the_list_shows_coming_and_past_events_with_their_goal(
    client: TestClient, store: Store
) -> None:
    past = an_event(store, "PyCon", "2026-11-24", goal="introduce myself to two people")
    for name in ("Bo Chen", "Cy Dahl", "Di Ek"):
        met(store, past, name)
    an_event(store, "Rust meetup", "2026-12-03")
    page = client.get("/events").text
    coming, gone = page.index("Coming up"), page.index("Past events")
    assert coming < page.index("Rust meetup") < gone < page.index("PyCon")
    assert "introduce myself to two people: 3 met ✓" in page
    assert f'href="/events/{past}"' in page


def test_adding_an_event_opens_its_page(client: TestClient, store: Store) -> None:
    form = {"csrf": token(client), "name": "Women in Tech", "date": "2026-12-03",
            "kind": "meetup", "location": "Lisbon", "goal": "meet 3 people"}  # fmt: skip
    done = client.post("/events", data=form, follow_redirects=False)
    assert done.status_code == 303
    target = done.headers["location"]
    assert re.fullmatch(r"/events/\d+\?notice=event-added", target)
    page = client.get(target).text
    assert "<h1>Women in Tech</h1>" in page and "Lisbon" in page
    assert "meet 3 people: 0 of 3 met ✗" in page
    assert 'max="3" value="0"' in page  # the progress bar
    assert "opens on the day of the event" in page  # a future event: no met form yet
    assert 'action="/events/' not in page.split("People met")[0].replace("/delete", "")


def test_a_bad_event_comes_back_with_the_reason_by_its_field(client: TestClient) -> None:
    form = {"csrf": token(client), "name": "  ", "date": "2026-12-03", "kind": "meetup"}
    bad = client.post("/events", data=form)
    assert bad.status_code == 422
    assert alerts(bad.text) == ["Event: an event needs a name"]
    assert re.search(r'id="event-name"[^>]*aria-invalid="true"', bad.text)
    day = client.post("/events", data={**form, "name": "X", "date": "someday"})
    assert day.status_code == 422 and re.search(r'id="event-date"[^>]*aria-invalid', day.text)
    assert "No event planned" in client.get("/events").text


def test_met_someone_records_them_with_a_follow_up_and_is_ready_for_the_next(
    client: TestClient, store: Store
) -> None:
    ev = an_event(store, goal="introduce myself to two people")
    page = client.get(f"/events/{ev}").text
    assert page.index(f'action="/events/{ev}/met"') < page.index("People met")  # at the top
    form = {"csrf": token(client), "person": "Bo Chen", "company": "Nimbus",
            "note": "send the talk slides"}  # fmt: skip
    done = client.post(f"/events/{ev}/met", data=form, follow_redirects=False)
    assert done.status_code == 303
    bo = show_person(store.uow(), "Bo Chen", DAY).person
    assert done.headers["location"] == f"/events/{ev}?met={bo.id}"
    assert bo.company == "Nimbus" and bo.notes == "send the talk slides"
    assert "met at PyCon" in bo.tags
    after = client.get(done.headers["location"]).text
    assert "Saved: Bo Chen, follow up by Thu 26 Nov 2026. Next person?" in after
    assert re.search(r'id="met-person"[^>]*autofocus', after)  # straight on to the next person
    assert "introduce myself to two people: 1 of 2 met ✗" in after
    follow_ups = after.split("Follow-ups within 48 hours")[1]
    assert "Bo Chen" in follow_ups and 'action="/follow-ups/' in follow_ups
    assert show_event(store.uow(), str(ev)).people[0].is_new


def test_meeting_someone_known_or_twice_is_said_plainly(client: TestClient, store: Store) -> None:
    ev = an_event(store)
    ana = person(store, "Ana Lima")
    csrf = token(client)
    known = client.post(f"/events/{ev}/met", data={"csrf": csrf, "person": "Ana Lima"},
                        follow_redirects=False)  # fmt: skip
    assert known.headers["location"] == f"/events/{ev}?met={ana}"
    again = client.post(f"/events/{ev}/met", data={"csrf": csrf, "person": "ana lima"})
    assert again.status_code == 422
    assert alerts(again.text) == ["Ana Lima is already recorded as met at PyCon"]
    assert 'value="ana lima"' in again.text  # what was typed stays
    empty = client.post(f"/events/{ev}/met", data={"csrf": csrf, "person": " "})
    assert empty.status_code == 422 and re.search(r'id="met-person"[^>]*aria-invalid', empty.text)
    nobody = client.post(f"/events/{ev}/met", data={"csrf": csrf, "person": "999"})
    assert nobody.status_code == 422 and "no person with id 999" in alerts(nobody.text)[0]
    assert len(show_event(store.uow(), str(ev)).people) == 1


def test_follow_ups_can_be_closed_from_the_event_and_the_retrospective_counts_ties(
    client: TestClient, store: Store
) -> None:
    ev = an_event(store, when="2026-11-10")
    bo, cy = met(store, ev, "Bo Chen"), met(store, ev, "Cy Dahl")
    interaction(store, [bo], when="2026-11-20", summary="Coffee after PyCon")
    page = client.get(f"/events/{ev}").text
    assert "<strong>1 of 2</strong> people you met became a tie" in page
    assert "1 interaction since" in page and "no contact since" in page
    rid = int(re.findall(r'action="/follow-ups/(\d+)/done"', page)[0])
    done = client.post(f"/follow-ups/{rid}/done", data={"csrf": token(client),
                       "back": f"/events/{ev}"}, follow_redirects=False)  # fmt: skip
    assert done.headers["location"] == f"/events/{ev}?notice=done"
    after = client.get(done.headers["location"]).text
    assert "Follow-up marked done." in after
    assert after.count('action="/follow-ups/') == 2  # Done and Skip of the other one only
    assert 'status-done">done<' in after and "1 follow-up still open" in after
    assert cy


def test_delete_asks_then_moves_the_event_to_the_trash_and_undo_brings_it_back(
    client: TestClient, store: Store
) -> None:
    ev = an_event(store)
    bo = met(store, ev, "Bo Chen")
    ask = client.get(f"/events/{ev}/delete").text
    assert "Delete PyCon?" in ask and "The 1 people you met there stay" in ask
    gone = client.post(f"/events/{ev}/delete", data={"csrf": token(client)},
                       follow_redirects=False)  # fmt: skip
    entry = gone.headers["location"]
    assert re.fullmatch(r"/trash/\d+", entry)
    assert client.get(f"/events/{ev}").status_code == 404
    assert show_person(store.uow(), str(bo), DAY).person.name == "Bo Chen"
    assert ">Undo</button>" in client.get(entry).text
    client.post(f"{entry}/restore", data={"csrf": token(client)})
    back = client.get(f"/events/{ev}").text
    assert "Bo Chen" in back.split("Follow-ups within 48 hours")[1]  # the follow-up came back


def test_unknown_events_are_404(client: TestClient) -> None:
    for url in ("/events/999", "/events/999/delete"):
        assert client.get(url).status_code == 404, url
    csrf = token(client)
    for url in ("/events/999/met", "/events/999/delete"):
        r = client.post(url, data={"csrf": csrf, "person": "Bo"})
        assert r.status_code == 404, url
