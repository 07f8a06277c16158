"""The limits every door enforces (domain/limits.py) are the columns' own lengths: a value that
passes a door fits its column on both backends, and a backup of it restores."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, String

from tiekeeper.domain import limits
from tiekeeper.services.people import LIMITED_FIELDS, LIMITED_LISTS
from tiekeeper.store import tables as t

P, A = t.people.c, t.person_addresses.c
COLUMNS: dict[str, Column[str]] = {
    "name": P.name,
    "company": t.organizations.c.name,
    "position": P.position,
    "industry": P.industry,
    "function": P.function,
    "seniority": P.seniority,
    "location": P.location,
    "generation": P.generation,
    "email": t.person_emails.c.email,
    "phone": t.person_phones.c.phone,
    "link": t.person_links.c.url,
    "linkedin": P.linkedin_url,
    "tag": t.person_tags.c.tag,
    "topic": t.interaction_topics.c.topic,
    "address-kind": A.kind,
    "po-box": A.po_box,
    "extended": A.extended,
    "street": A.street,
    "city": A.city,
    "region": A.region,
    "postcode": A.postcode,
    "country": A.country,
    "card-property": t.person_card_props.c.name,
    "event": t.events.c.name,
    "goal": t.goals.c.title,
    "role": t.opportunities.c.role,
    "post-topic": t.posts.c.topic,
    "headline": t.profiles.c.headline,
}


def test_every_profile_column_is_as_long_as_the_limit_its_door_checks() -> None:
    # services/profile.py checks each field by the person field of the same name
    for column in t.profiles.c:
        if isinstance(column.type, String) and column.type.length is not None:
            field = {"linkedin_url": "linkedin"}.get(column.name, column.name)
            assert limits.limit(field) == column.type.length, column.name


@pytest.mark.parametrize("field", sorted(COLUMNS))
def test_a_fields_limit_is_its_columns_length(field: str) -> None:
    column_type = COLUMNS[field].type
    assert isinstance(column_type, String)
    assert limits.limit(field) == column_type.length


def test_every_limited_field_has_a_column_or_is_free_text() -> None:
    free_text = {f for f, n in limits.LENGTHS.items() if n >= limits.TEXT}
    assert set(limits.LENGTHS) == set(COLUMNS) | free_text


def test_every_person_field_a_door_takes_is_limited() -> None:
    named = {field for _, field in LIMITED_FIELDS} | {field for _, field in LIMITED_LISTS}
    assert named <= set(limits.LENGTHS)
    text_columns = {c.name for c in t.people.c if isinstance(c.type, String)}
    checked = {attr for attr, _ in LIMITED_FIELDS}
    # name_key and network_type are derived or chosen from a list, never typed
    assert text_columns - checked == {"name_key", "network_type"}
