"""The job search in the browser: opportunities on a board by stage and moved with a form
(backwards too, said so), deleted to the trash and put back; target companies with who you
know there; the interview questions and logging an interview."""

from __future__ import annotations

import re

from seed import DAY, person
from starlette.testclient import TestClient
from webforms import alerts, token

from tiekeeper.services.opportunities import add_opportunity, list_opportunities
from tiekeeper.services.people import show_person
from tiekeeper.store.uow import Store


def opportunity(store: Store, org: str = "Nimbus", role: str = "Staff Engineer") -> int:
    v = add_opportunity(store.uow(), org, role, DAY)
    assert v.opportunity.id is not None
    return v.opportunity.id


def lane_of(html: str, oid: int) -> str:
    """The stage whose lane holds the opportunity's card."""
    at = html.index(f'id="opportunity-{oid}"')
    found = re.findall(r'<h3 id="lane-([\w-]+)"', html[:at])
    return found[-1]


def test_the_board_has_a_lane_per_stage(client: TestClient) -> None:
    page = client.get("/jobs").text
    lanes = re.findall(r'<h3 id="lane-([\w-]+)"', page)
    assert lanes == ["idea", "reached-out", "talked", "referred", "applied", "interview",
                     "offer", "closed"]  # fmt: skip
    assert "No target companies yet" in page


def test_add_an_opportunity_with_a_next_step_on_today(client: TestClient, store: Store) -> None:
    ana = person(store, "Ana Lima", company="Nimbus")
    sent = client.post("/jobs/opportunities", data={"csrf": token(client), "org": "Nimbus",
                       "role": "Staff Engineer", "source": "referral", "via": "ana lima",
                       "next": "ask for a referral", "next_date": "tomorrow"},
                       follow_redirects=False)  # fmt: skip
    assert sent.status_code == 303 and "notice=opportunity-added" in sent.headers["location"]
    page = client.get(sent.headers["location"]).text
    [v] = list_opportunities(store.uow())
    assert lane_of(page, v.opportunity.id or 0) == "idea"
    assert f'<a href="/people/{ana}">Ana Lima</a>' in page and "ask for a referral" in page
    assert "Opportunity added at Idea." in page
    assert v.reminder is not None and v.reminder.person_id == ana


def test_a_refused_opportunity_is_shown_with_its_field(client: TestClient) -> None:
    sent = client.post("/jobs/opportunities", data={"csrf": token(client), "org": "Nimbus",
                       "role": "Staff", "via": "Nobody Known"})  # fmt: skip
    assert sent.status_code == 422
    assert "Through:" in alerts(sent.text)[0]
    assert re.search(r'id="opportunity-via"[^>]*aria-invalid="true"', sent.text)
    assert 'value="Nobody Known"' in sent.text  # what was typed stays


def test_move_between_stages_forward_and_back(client: TestClient, store: Store) -> None:
    oid = opportunity(store)
    moved = client.post(f"/jobs/opportunities/{oid}/move",
                        data={"csrf": token(client), "stage": "interview"},
                        follow_redirects=False)  # fmt: skip
    assert moved.headers["location"] == f"/jobs?notice=moved#opportunity-{oid}"
    assert lane_of(client.get("/jobs").text, oid) == "interview"
    back = client.post(f"/jobs/opportunities/{oid}/move",
                       data={"csrf": token(client), "stage": "applied"})  # fmt: skip
    assert "Moved back to an earlier stage" in back.text
    assert lane_of(back.text, oid) == "applied"
    bad = client.post(f"/jobs/opportunities/{oid}/move",
                      data={"csrf": token(client), "stage": "dreaming"})  # fmt: skip
    assert bad.status_code == 422 and "Stage:" in alerts(bad.text)[0]
    unknown = {"csrf": token(client), "stage": "idea"}
    assert client.post("/jobs/opportunities/999/move", data=unknown).status_code == 404


def test_delete_asks_then_goes_to_the_trash_and_comes_back(
    client: TestClient, store: Store
) -> None:
    oid = opportunity(store, role="Designer")
    ask = client.get(f"/jobs/opportunities/{oid}/delete")
    assert ask.status_code == 200 and "Delete Designer at Nimbus?" in ask.text
    gone = client.post(f"/jobs/opportunities/{oid}/delete", data={"csrf": token(client)},
                       follow_redirects=False)  # fmt: skip
    assert re.fullmatch(r"/trash/\d+", gone.headers["location"])
    assert list_opportunities(store.uow()) == []
    client.post(gone.headers["location"] + "/restore", data={"csrf": token(client)})
    assert [v.opportunity.role for v in list_opportunities(store.uow())] == ["Designer"]


def test_targets_show_who_you_know_there(client: TestClient, store: Store) -> None:
    bo = person(store, "Bo Chen", company="Nimbus", position="Platform Lead")
    sent = client.post("/jobs/targets", data={"csrf": token(client), "org": "Nimbus",
                       "why": "the platform team"})  # fmt: skip
    assert "Target company saved." in sent.text and "the platform team" in sent.text
    assert f'<a href="/people/{bo}">Bo Chen</a>, Platform Lead' in sent.text
    org_id = int(re.search(r'action="/jobs/targets/(\d+)/remove"', sent.text).group(1))  # type: ignore[union-attr]
    removed = client.post(f"/jobs/targets/{org_id}/remove", data={"csrf": token(client)})
    assert (
        "No longer a target company" in removed.text and "No target companies yet" in removed.text
    )
    empty = client.post("/jobs/targets", data={"csrf": token(client), "org": "  "})
    assert empty.status_code == 422 and "Company:" in alerts(empty.text)[0]


def test_questions_and_an_interview(client: TestClient, store: Store) -> None:
    ana = person(store, "Ana Lima")
    page = client.get("/jobs").text
    assert "Who else should I talk to?" in page
    added = client.post("/jobs/questions", data={"csrf": token(client),
                        "question": "What surprised you most?"})  # fmt: skip
    assert "Question added." in added.text and "What surprised you most?" in added.text
    twice = client.post("/jobs/questions", data={"csrf": token(client),
                        "question": "what surprised you most?"})  # fmt: skip
    assert twice.status_code == 422 and "already on the list" in alerts(twice.text)[0]
    removed = client.post("/jobs/questions/1/remove", data={"csrf": token(client)})
    assert "How did you get into this role?" not in removed.text
    logged = client.post("/jobs/interviews", data={"csrf": token(client), "person": "ana lima",
                         "when": "yesterday", "summary": "Team uses Rust",
                         "topics": "rust, hiring"})  # fmt: skip
    assert "Informational interview logged" in logged.text
    [ix] = show_person(store.uow(), str(ana), DAY).interactions
    assert ix.channel == "informational-interview" and sorted(ix.topics) == ["hiring", "rust"]
    nobody = client.post("/jobs/interviews", data={"csrf": token(client), "person": "Zed"})
    assert nobody.status_code == 422 and "Who:" in alerts(nobody.text)[0]
