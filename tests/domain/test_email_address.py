"""What counts as an e-mail address (identity keys for re-import, merge and phone sync): letters
of any script count, as the add form takes them (an export of `ana-garcía@example.com` came back
from its own re-import as "EMAIL (not an address)")."""

from __future__ import annotations

import pytest

from tiekeeper.domain.email_address import email_or_none


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("Ana.Lima@Example.org", "ana.lima@example.org"),
        ("mailto:bo@x.org", "bo@x.org"),
        ("ana-garcía-156@example.com", "ana-garcía-156@example.com"),
        ("BJÖRN@münchen.de", "björn@münchen.de"),
        ("李@例子.中国", "李@例子.中国"),
        ("a_b@x.com", "a_b@x.com"),
    ],
)
def test_addresses_are_kept_lower_cased(value: str, kept: str) -> None:
    assert email_or_none(value) == kept


@pytest.mark.parametrize(
    "value",
    ["urn:li:member:664293716", "xxxxxxxxxxxx", "a b@x.com", "a@b_c.com", "a@-b.com",
     "a@x.123", "a@b.com.", ".a@b.com", "a..b@x.org", "a@x", "", "ana@", "@x.org"],
)  # fmt: skip
def test_what_is_not_an_address_is_refused(value: str) -> None:
    assert email_or_none(value) is None
