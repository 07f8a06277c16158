"""Profile URLs that already look normal are returned as they are; anything that only starts
like one still goes through the full normalisation."""

from __future__ import annotations

import pytest

from tiekeeper.interchange.records import LINKEDIN_PREFIX, normalize_linkedin_url


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("ana-lima-1a2b3c4d", "ana-lima-1a2b3c4d"),
        ("josé-núñez", "josé-núñez"),
        ("Ana-Lima", "ana-lima"),
        ("ana-lima/", "ana-lima"),
        ("ana-lima ", "ana-lima"),
        ("ana-lima?trk=x", "ana-lima"),
        ("siobh%C3%A1n", "siobhán"),
        ("12345678", "12345678"),
    ],
)
def test_a_url_with_the_profile_prefix_normalises_like_any_other(slug: str, expected: str) -> None:
    assert normalize_linkedin_url(LINKEDIN_PREFIX + slug) == LINKEDIN_PREFIX + expected
