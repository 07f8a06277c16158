"""People worth adding from imported mail, through the API: the suggestions with their counts,
adding them (an address in no mail is a 404, nothing added), and no account sees or adds from
another's mail."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date
from pathlib import Path

import pytest
from api_accounts import TwoAccounts, two_accounts
from starlette.testclient import TestClient

from tiekeeper.services.imports.mail import import_mail
from tiekeeper.services.profile import update_profile
from tiekeeper.store.uow import Store

MAIL = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "mail" / "conversations.mbox"
ON = "2026-06-01"


def import_mail_of(store: Store) -> None:
    update_profile(store.uow(), add_emails=["sam@example.com", "sam.doe@gmail.com"])
    import_mail(store.uow(), str(MAIL), date.fromisoformat(ON), tz=UTC)


def test_suggestions_are_listed_and_added(client: TestClient, store: Store) -> None:
    assert client.get(f"/api/v1/suggestions?date={ON}").json() == []  # no mail yet
    import_mail_of(store)
    [carol] = client.get(f"/api/v1/suggestions?date={ON}").json()
    assert carol == {"email": "carol@design.studio", "name": "Carol Núñez", "sent": 3,
                     "received": 0, "last_on": "2026-03-09"}  # fmt: skip
    more = client.get(f"/api/v1/suggestions?date={ON}&at_least=1").json()
    assert more[0]["email"] == "carol@design.studio"
    assert "bo@nimbus.io" in [c["email"] for c in more] and len(more) > 2

    r = client.post(f"/api/v1/suggestions?date={ON}",
                    json={"addresses": ["Carol@Design.Studio", "bo@nimbus.io"]})  # fmt: skip
    assert r.status_code == 201, r.text
    added = r.json()["added"]
    assert (added[0]["name"], added[0]["email"]) == ("Carol Núñez", "carol@design.studio")
    assert r.json()["already"] == []
    assert client.get(f"/api/v1/people/{added[0]['id']}").json()["name"] == "Carol Núñez"
    assert client.get(f"/api/v1/suggestions?date={ON}").json() == []
    again = client.post("/api/v1/suggestions", json={"addresses": ["bo@nimbus.io"]}).json()
    assert again == {"added": [], "already": [{"email": "bo@nimbus.io",
                                               "person_id": added[1]["id"]}]}  # fmt: skip


def test_bad_additions_are_refused_in_the_envelope_and_add_nobody(
    client: TestClient, store: Store
) -> None:
    import_mail_of(store)
    before = client.get("/api/v1/people").json()
    body = {"addresses": ["carol@design.studio", "who@nowhere.example"]}
    unknown = client.post("/api/v1/suggestions", json=body)
    assert unknown.status_code == 404 and unknown.json()["error"]["kind"] == "NotFound"
    for body in ({"addresses": []}, {"addresses": ["not an address"]}, {}):
        r = client.post("/api/v1/suggestions", json=body)
        assert r.status_code == 422 and r.json()["error"]["field"], r.text
    assert client.get("/api/v1/suggestions?at_least=0").status_code == 422
    assert client.get("/api/v1/people").json() == before


@pytest.fixture
def two(store: Store) -> Iterator[TwoAccounts]:
    with two_accounts(store) as found:
        yield found


def test_no_account_sees_or_adds_from_anothers_mail(two: TwoAccounts) -> None:
    c, h = two.client, two.headers
    import_mail_of(two.stores["ana"])
    assert len(c.get(f"/api/v1/suggestions?date={ON}", headers=h["ana"]).json()) == 1
    assert c.get(f"/api/v1/suggestions?date={ON}&at_least=1", headers=h["bo"]).json() == []
    r = c.post("/api/v1/suggestions", json={"addresses": ["carol@design.studio"]},
               headers=h["bo"])  # fmt: skip
    assert r.status_code == 404
    assert c.get("/api/v1/people", headers=h["bo"]).json() == []
    assert len(c.get(f"/api/v1/suggestions?date={ON}", headers=h["ana"]).json()) == 1
    assert c.get("/api/v1/suggestions").status_code == 401
