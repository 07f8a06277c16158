"""The new pages keep the promises every page makes (test_web_pages_layout.py): landmarks, one
h1, headings in order, a label for every input, real buttons, the form token on every POST form,
no script, nothing from another host, no inline style (a strict Content-Security-Policy)."""

from __future__ import annotations

import re

import pytest
from pagerules import check_forms, check_landmarks_and_headings
from seed import interaction, twins
from starlette.testclient import TestClient
from test_web_pages_layout import Page
from webforms import token

from tiekeeper.store.uow import Store


@pytest.fixture
def new_pages(sqlite_client: TestClient, sqlite_store: Store) -> dict[str, str]:
    c = sqlite_client
    a, b = twins(sqlite_store)
    iid = interaction(sqlite_store, [a, b], summary="Coffee", gave=["advice on pricing"],
                      follow_up="2026-12-01")  # fmt: skip
    urls = [f"/interactions/{iid}", f"/interactions/{iid}/edit", f"/interactions/{iid}/delete",
            f"/people/{a}/delete", f"/people/{a}/erase", "/duplicates",
            f"/duplicates/merge?keep={a}&other={b}", "/export", "/trash"]  # fmt: skip
    pages = {url: c.get(url).text for url in urls}
    gone = c.post(f"/interactions/{iid}/delete", data={"csrf": token(c)})
    pages["/trash/{id}"] = gone.text
    pages["/trash (full)"] = c.get("/trash").text
    pages["/trash/empty"] = c.get("/trash/empty").text
    return pages


def test_each_page_has_landmarks_one_h1_and_ordered_headings(new_pages: dict[str, str]) -> None:
    check_landmarks_and_headings(new_pages)


def test_inputs_have_labels_and_post_forms_carry_the_token(
    new_pages: dict[str, str], sqlite_client: TestClient
) -> None:
    posts = check_forms(new_pages, token(sqlite_client))
    assert posts >= 9


def test_no_script_no_inline_style_nothing_from_elsewhere(new_pages: dict[str, str]) -> None:
    for url, html in new_pages.items():
        page = Page(html)
        assert page.all("script") == [] and page.all("style") == [], url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handlers
        for tag in ("link", "img", "iframe", "source"):
            for a in page.all(tag):
                ref = a.get("href") or a.get("src") or ""
                assert ref.startswith("/") and not ref.startswith("//"), (url, tag, ref)


def test_the_more_menu_marks_the_page_you_are_on(new_pages: dict[str, str]) -> None:
    for url in ("/duplicates", "/export", "/trash"):
        nav = Page(new_pages[url]).nav
        assert [a["href"] for a in nav if a.get("aria-current") == "page"] == [url]
        assert '<summary class="here">More' in new_pages[url]
    assert '<summary class="here">' not in new_pages["/people/1/delete"]
