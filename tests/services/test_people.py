from datetime import date

import pytest

from tiekeeper.domain.errors import Conflict, InvalidInput, NotFound
from tiekeeper.services.people import (
    PersonChanges,
    add_person,
    edit_person,
    list_people,
    resolve,
    show_person,
)
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


def add(store: Store, name: str, **kw: object):  # type: ignore[no-untyped-def]
    return add_person(store.uow(), PersonChanges(name=name, **kw), TODAY)  # type: ignore[arg-type]


def test_a_person_keeps_every_field_of_capability_one(store: Store) -> None:
    intro = add(store, "Bo Chen")
    p = add(
        store,
        "Ana Lima",
        emails=["Ana@Example.com"],
        phones=["+49 30 1234"],
        links=["https://ana.dev"],
        tags=["mentor", "alumni"],
        company="Acme",
        position="CTO",
        industry="Technology",
        function="Engineering",
        seniority="vp",
        location="Berlin",
        generation="Millennial",
        network_type="Strategic",
        closeness=4,
        birthday="1990-02-28",
        started="2020-05-01",
        connected="2019-01-10",
        cadence="quarterly",
        how_met="conference",
        introduced_by="bo chen",
        linkedin="linkedin.com/in/ana-lima",
        interests="sailing",
        working_on="a new product",
        how_to_help="intro to designers",
        needs="a designer",
        note="met at PyCon",
    )
    view = show_person(store.uow(), str(p.id), TODAY)
    got = view.person
    assert got.emails == ["ana@example.com"]
    assert got.tags == ["alumni", "mentor"]  # tags come back sorted
    assert (got.company, got.position, got.industry) == ("Acme", "CTO", "Technology")
    assert got.network_type == "strategic" and got.closeness == 4
    assert got.birthday is not None and got.birthday.isoformat() == "1990-02-28"
    assert got.started_on == date(2020, 5, 1) and got.connected_on == date(2019, 1, 10)
    assert got.linkedin_url == "https://linkedin.com/in/ana-lima"
    assert got.introduced_by_id == intro.id and view.introduced_by == "Bo Chen"
    assert got.notes == "met at PyCon" and got.needs == "a designer"
    assert view.cadence_days == 91
    # Never talked: the first check-in counts from when you connected.
    assert got.checkin_due_on == date(2019, 4, 11)


def test_person_is_found_by_id_email_or_unique_name(store: Store) -> None:
    p = add(store, "José Núñez", emails=["jose@x.org"])
    assert resolve(store.uow().__enter__(), "JOSE NUNEZ") == p.id
    with store.uow() as uow:
        assert resolve(uow, str(p.id)) == p.id
        assert resolve(uow, "Jose@X.org") == p.id
        with pytest.raises(NotFound, match="nobody"):
            resolve(uow, "nobody")
        with pytest.raises(NotFound, match="999"):
            resolve(uow, "999")


def test_an_ambiguous_name_lists_the_candidates(store: Store) -> None:
    a = add(store, "Sam Lee", company="Acme")
    b = add(store, "Sam Lee", emails=["sam@b.org"])
    with store.uow() as uow, pytest.raises(Conflict) as err:
        resolve(uow, "sam lee")
    assert f"#{a.id} Sam Lee, Acme" in str(err.value)
    assert f"#{b.id} Sam Lee, sam@b.org" in str(err.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("birthday", "02-30"),
        ("cadence", "fortnightly"),
        ("network_type", "boss"),
        ("closeness", 9),
        ("started", "someday"),
        ("emails", ["not-an-email"]),
    ],
)
def test_bad_input_is_rejected_and_nothing_is_written(
    store: Store, field: str, value: object
) -> None:
    add(store, "Existing")
    with pytest.raises(InvalidInput):
        add(store, "New Person", **{field: value})
    with pytest.raises(InvalidInput):
        edit_person(store.uow(), "Existing", PersonChanges(**{field: value}), TODAY)  # type: ignore[arg-type]
    people = list_people(store.uow())
    assert [p.name for p in people] == ["Existing"]
    assert people[0].birthday is None and people[0].cadence_days is None


def test_an_email_belongs_to_one_person(store: Store) -> None:
    add(store, "Ana", emails=["ana@x.org"])
    with pytest.raises(Conflict):
        add(store, "Other Ana", emails=["ANA@x.org"])
    other = add(store, "Bo")
    with pytest.raises(Conflict):
        edit_person(store.uow(), str(other.id), PersonChanges(emails=["ana@x.org"]), TODAY)
    assert [p.name for p in list_people(store.uow())] == ["Ana", "Bo"]


def test_edit_adds_to_lists_and_removes_tags(store: Store) -> None:
    add(store, "Ana", tags=["mentor", "alumni"], emails=["a@x.org"])
    p = edit_person(
        store.uow(),
        "ana",
        PersonChanges(tags=["client"], untags=["MENTOR"], emails=["b@x.org"], company="Beta"),
        TODAY,
    )
    assert p.tags == ["alumni", "client"]
    assert p.emails == ["a@x.org", "b@x.org"]
    assert show_person(store.uow(), "ana", TODAY).person.company == "Beta"


def test_list_filters_by_tag_company_type_and_overdue(store: Store) -> None:
    add(
        store,
        "Ana",
        tags=["mentor"],
        company="Acme",
        network_type="strategic",
        cadence="monthly",
        connected="2026-01-01",
    )
    add(store, "Bo", tags=["client"], company="acme", network_type="personal")
    add(store, "Cy", company="Beta", cadence="yearly", connected="2026-11-01")
    names = lambda **kw: [p.name for p in list_people(store.uow(), **kw)]  # noqa: E731
    assert names(tag="mentor") == ["Ana"]
    assert names(company="ACME") == ["Ana", "Bo"]
    assert names(network_type="personal") == ["Bo"]
    assert names(overdue_on=TODAY) == ["Ana"]
    assert names(limit=2) == ["Ana", "Bo"]
