"""Adding a person through the form, and editing one: only what the user changed is sent."""

from __future__ import annotations

import re

import pytest
from starlette.testclient import TestClient
from webforms import add, alerts, everyone, token


def test_the_add_form_creates_the_person_and_shows_them(client: TestClient) -> None:
    grace = add(client, name="Grace Hopper")
    sent = client.post(
        "/people",
        data={
            "csrf": token(client),
            "name": "  Ada   Lovelace ",
            "email": "Ada@Example.com",
            "phone": "+44 20 1234",
            "company": "Analytical Engines",
            "position": "Programmer",
            "location": "London",
            "tags": "mentor, math",
            "type": "strategic",
            "closeness": "4",
            "birthday": "12-10",
            "cadence": "quarterly",
            "how_met": "at a salon",
            "introduced_by": "Grace Hopper",
            "linkedin": "linkedin.com/in/ada",
            "note": "likes poetry",
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303
    (ada,) = [p for p in everyone(client) if p["name"] == "Ada Lovelace"]
    assert sent.headers["location"] == f"/people/{ada['id']}?notice=added"
    assert {
        k: ada[k]
        for k in (
            "emails",
            "phones",
            "company",
            "position",
            "location",
            "tags",
            "type",
            "closeness",
            "birthday",
            "cadence_days",
            "how_met",
            "introduced_by_id",
            "linkedin",
            "notes",
        )
    } == {
        "emails": ["ada@example.com"],
        "phones": ["+44 20 1234"],
        "company": "Analytical Engines",
        "position": "Programmer",
        "location": "London",
        "tags": ["math", "mentor"],
        "type": "strategic",
        "closeness": 4,
        "birthday": "--12-10",
        "cadence_days": 91,
        "how_met": "at a salon",
        "introduced_by_id": grace,
        "linkedin": "https://linkedin.com/in/ada",
        "notes": "likes poetry",
    }
    assert "Person added." in client.get(sent.headers["location"]).text


@pytest.mark.parametrize(
    ("typed", "message", "field"),
    [
        ({"birthday": "02-30"}, "Birthday: &#39;02-30&#39; is not a real date", "birthday"),
        (
            {"introduced_by": "Nobody"},
            "Introduced by: no person matches &#39;Nobody&#39;",
            "introduced_by",
        ),
        ({"closeness": "7"}, "Closeness: 7 is not between 1 and 5", "closeness"),
        ({"closeness": "close"}, "Closeness: &#39;close&#39; is not a whole number", "closeness"),
        ({"cadence": "often"}, "Keep in touch: &#39;often&#39; is not a cadence", "cadence"),
        (
            {"email": "ada-at-home"},
            "E-mail: &#39;ada-at-home&#39; is not an e-mail address",
            "email",
        ),
        ({"linkedin": "ftp://x"}, "LinkedIn: &#39;ftp://x&#39; is not a web address", "linkedin"),
        ({"type": "family"}, "Network type: &#39;family&#39; is not one of", "type"),
        ({"name": "  "}, "Name: a person needs a name", "name"),
        ({"started": "last spring"}, "Started at their company: &#39;last spring&#39;", "started"),
    ],
    ids=[
        "birthday 02-30",
        "unknown introducer",
        "closeness 7",
        "closeness in words",
        "bad cadence",
        "bad e-mail",
        "bad LinkedIn",
        "unknown type",
        "blank name",
        "bad start date",
    ],
)
def test_a_refused_value_comes_back_next_to_its_field_and_nothing_is_added(
    sqlite_client: TestClient, typed: dict[str, str], message: str, field: str
) -> None:
    add(sqlite_client, name="Grace")
    before = everyone(sqlite_client)
    form = {
        "csrf": token(sqlite_client),
        "name": "Ada",
        "company": "Analytical Engines",
        "tags": "mentor, math",
    } | typed
    page = sqlite_client.post("/people", data=form)
    assert page.status_code == 422
    (alert,) = alerts(page.text)
    assert alert.startswith(message)
    assert re.search(rf'id="person-{field}"[^>]*aria-invalid="true"', page.text)
    # what the user typed is still there
    assert 'name="company" value="Analytical Engines"' in page.text
    assert 'name="tags" value="mentor, math"' in page.text
    assert everyone(sqlite_client) == before
    assert '<a href="/people/new" aria-current="page">Add</a>' in page.text


def test_an_e_mail_someone_has_already_is_refused(client: TestClient) -> None:
    add(client, name="Grace", emails=["g@example.com"])
    before = everyone(client)
    page = client.post(
        "/people", data={"csrf": token(client), "name": "Ada", "email": "g@example.com"}
    )
    assert page.status_code == 422
    assert alerts(page.text) == ["g@example.com already belongs to #1"]
    assert everyone(client) == before


@pytest.mark.parametrize("sent", [{}, {"csrf": "forged"}], ids=["no token", "wrong token"])
def test_the_add_form_without_its_token_is_refused(
    sqlite_client: TestClient, sent: dict[str, str]
) -> None:
    token(sqlite_client)
    page = sqlite_client.post("/people", data=sent | {"name": "Ada"})
    assert page.status_code == 403
    assert everyone(sqlite_client) == []


def test_the_add_form_sent_from_another_site_is_refused(sqlite_client: TestClient) -> None:
    page = sqlite_client.post(
        "/people",
        data={"csrf": token(sqlite_client), "name": "Ada"},
        headers={"origin": "https://evil.example"},
    )
    assert page.status_code == 403
    assert everyone(sqlite_client) == []


def test_the_edit_form_shows_the_person_as_they_are(sqlite_client: TestClient) -> None:
    grace = add(sqlite_client, name="Grace Hopper")
    ada = add(
        sqlite_client,
        name="Ada",
        birthday="12-10",
        cadence="45d",
        tags=["a", "b"],
        introduced_by=str(grace),
        network_type="personal",
    )
    page = sqlite_client.get(f"/people/{ada}/edit").text
    for shown in (
        'name="name" value="Ada"',
        'name="birthday" value="12-10"',
        'name="cadence" value="45d"',
        'name="tags" value="a, b"',
        'name="introduced_by" value="Grace Hopper"',
        '<option value="personal" selected>',
    ):
        assert shown in page, shown


def test_editing_changes_only_what_was_changed(client: TestClient) -> None:
    ada = add(
        client,
        name="Ada",
        emails=["ada@example.com"],
        tags=["a", "b"],
        company="Acme",
        position="CTO",
        closeness=3,
        network_type="personal",
        cadence="monthly",
    )
    form = client.get(f"/people/{ada}/edit").text
    shown = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    shown = {k: v for k, v in shown.items() if not k.startswith("remove_")}  # boxes unticked
    shown |= {"type": "personal", "closeness": "3"}
    sent = client.post(
        f"/people/{ada}/edit",
        data=shown
        | {
            "tags": "b, c",
            "position": "",
            "email": "ada@work.example",
            "closeness": "5",
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == f"/people/{ada}?notice=saved"
    after = client.get(f"/api/v1/people/{ada}").json()
    assert after["tags"] == ["b", "c"]
    assert after["position"] is None  # emptied: cleared
    assert after["emails"] == ["ada@example.com", "ada@work.example"]  # added to
    assert (after["company"], after["type"], after["closeness"], after["cadence_days"]) == (
        "Acme",
        "personal",
        5,
        30,
    )


def test_a_refused_edit_changes_nothing(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada", company="Acme")
    before = sqlite_client.get(f"/api/v1/people/{ada}").json()
    shown = dict(
        re.findall(r'name="(\w+)" value="([^"]*)"', sqlite_client.get(f"/people/{ada}/edit").text)
    )
    page = sqlite_client.post(
        f"/people/{ada}/edit", data=shown | {"company": "Globex", "birthday": "13-01"}
    )
    assert page.status_code == 422
    assert alerts(page.text) == ["Birthday: &#39;13-01&#39; is not a real date"]
    assert 'name="company" value="Globex"' in page.text
    assert sqlite_client.get(f"/api/v1/people/{ada}").json() == before


def test_an_edit_without_its_token_is_refused(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada")
    token(sqlite_client)
    page = sqlite_client.post(f"/people/{ada}/edit", data={"name": "Eve"})
    assert page.status_code == 403
    assert sqlite_client.get(f"/api/v1/people/{ada}").json()["name"] == "Ada"


def test_editing_can_remove_an_e_mail_and_clear_the_rating(sqlite_client: TestClient) -> None:
    ada = add(sqlite_client, name="Ada", emails=["ada@old.example", "ada@new.example"],
              phones=["555 0100"], closeness=3, network_type="personal")  # fmt: skip
    form = sqlite_client.get(f"/people/{ada}/edit").text
    assert 'name="remove_email" value="ada@old.example"' in form
    shown = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form))
    shown = {k: v for k, v in shown.items() if not k.startswith("remove_")}
    shown |= {"type": "", "closeness": "", "remove_email": "ada@old.example"}
    sent = sqlite_client.post(f"/people/{ada}/edit", data=shown, follow_redirects=False)
    assert sent.status_code == 303, sent.text
    after = sqlite_client.get(f"/api/v1/people/{ada}").json()
    assert after["emails"] == ["ada@new.example"] and after["phones"] == ["555 0100"]
    assert (after["type"], after["closeness"]) == (None, None)
