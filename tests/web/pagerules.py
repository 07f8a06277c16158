"""The promises every page makes (tests/web/test_web_pages_layout.py), as checks that the page
groups' own layout tests share: landmarks and headings, labelled inputs and real buttons, the
form token on every POST form."""

from __future__ import annotations

import itertools

from test_web_pages_layout import Page


def check_landmarks_and_headings(pages: dict[str, str]) -> None:
    """One main, one h1 first, headings that never skip a level."""
    for url, html in pages.items():
        page = Page(html)
        assert len(page.all("main")) == 1 and len(page.all("h1")) == 1, url
        levels = [int(t[1]) for t, _ in page.tags if t in ("h1", "h2", "h3", "h4")]
        assert levels[0] == 1, url
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, (url, levels)


def check_forms(pages: dict[str, str], csrf: str) -> int:
    """Every form has a button and labelled inputs, every POST form (but logout) the token;
    returns how many POST forms were checked."""
    posts = 0
    for url, html in pages.items():
        page = Page(html)
        for form in page.forms:
            assert any(f["tag"] == "button" for f in form.fields), (url, form.action)
            for f in form.fields:
                if f["tag"] != "button" and f.get("type") != "hidden":
                    assert f.get("id") in page.labels, (url, f)
            if form.method == "post" and form.action != "/logout":
                posts += 1
                assert [f["value"] for f in form.fields if f.get("name") == "csrf"] == [csrf], url
    return posts
