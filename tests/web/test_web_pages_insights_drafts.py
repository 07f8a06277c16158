"""The insights page (the report's content as a page, every section naming its sources, charts
without inline style) and "Draft a message" on Today (a link per item, the draft's page with
its Copy button for the script to show)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from seed import interaction, person
from starlette.testclient import TestClient

from tiekeeper.domain.insights.sources import SOURCES
from tiekeeper.services.reminders import add_follow_up
from tiekeeper.store.uow import Store

from seed import DAY  # isort: skip


def small_network(store: Store) -> list[int]:
    ana = person(store, "Ana Lima", company="Acme", industry="Tech", closeness=5)
    bo = person(store, "Bo Chen", company="Acme", industry="Finance", network_type="strategic")
    cy = person(store, "Cy Dahl", company="Nimbus")
    interaction(store, [ana], when="2026-11-01", channel="coffee", gave=["advice"])
    interaction(store, [bo], when="2022-01-10", channel="call", topics=["pricing"])
    return [ana, bo, cy]


def test_insights_show_every_section_with_its_sources(client: TestClient, store: Store) -> None:
    ana, _bo, _cy = small_network(store)
    page = client.get("/insights")
    assert page.status_code == 200
    html = page.text
    for title in ("Tie strength", "Diversity", "Network types", "Clusters and brokerage",
                  "Dormant ties worth reviving", "Giving", "References"):  # fmt: skip
        assert f">{title}</h2>" in html, title
    assert html.count('class="src">Based on') == 6  # one per section
    for key in ("granovetter1973", "burt1992", "levin_walter_murnighan2011", "ibarra_hunter2007"):
        assert f'href="#ref-{key}"' in html and f'id="ref-{key}"' in html, key
    assert SOURCES["granovetter1973"] in html
    assert ">Granovetter 1973<" in html and ">Levin et al. 2011<" in html
    assert html.count('<svg class="chart') == 7
    assert f'href="/people/{ana}"' in html  # the strongest tie links to its person
    assert not re.search(r"\sstyle=|\sfill=\"#|<script", html)  # colours live in style.css


def test_insights_on_an_empty_home_say_so(client: TestClient) -> None:
    html = client.get("/insights").text
    assert "0 contacts" in html and "No favours logged yet" in html
    assert "No dormant tie to suggest." in html


def test_every_today_item_has_a_draft_link_and_its_page_has_the_text(
    client: TestClient, store: Store
) -> None:
    ana = person(store, "Ana Lima")
    interaction(store, [ana], when="2026-11-20", channel="coffee", topics=["career change"])
    add_follow_up(store.uow(), str(ana), "today", "send the article", DAY)
    bo = person(store, "Bo Chen", birthday="11-26")
    today = client.get("/?minutes=20").text
    links = re.findall(
        r'<a class="button-link draft-link" href="([^"]+)" data-api="([^"]+)"', today
    )
    items = today.count('<li class="item ')
    assert items == 2 and len(links) == 2
    assert links[0] == ("/drafts/1?minutes=20", "/api/v1/today/drafts/1?minutes=20")
    assert '<script src="/static/drafts.js" defer></script>' in today
    draft = client.get(links[0][0]).text
    assert "<h1>A message to Ana Lima</h1>" in draft
    assert re.search(r"<textarea[^>]*>Hi Ana, thanks again for the coffee about career change",
                     draft)  # fmt: skip
    assert 'data-copy="draft-text-1" hidden>Copy' in draft  # shown by the script
    assert "never sends" in draft and 'href="/?minutes=20"' in draft
    second = client.get(links[1][0]).text
    assert "Happy birthday, Bo!" in second and bo
    assert client.get("/drafts/3?minutes=20").status_code == 422
    dated = client.get("/?date=2026-11-27").text
    assert "/drafts/1?minutes=15&amp;date=2026-11-27" in dated


def test_the_copy_script_is_served_by_the_app(client: TestClient) -> None:
    js = client.get("/static/drafts.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert "navigator.clipboard" in js.text and "http" not in js.text.replace("https", "")


def test_the_network_drawing_is_laid_out_once_for_the_same_network(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiekeeper.web import insights_charts

    small_network(store)
    calls: list[int] = []
    real = insights_charts.layout

    def counted(nodes: Any, edges: Any) -> Any:
        calls.append(len(nodes))
        return real(nodes, edges)

    monkeypatch.setattr(insights_charts, "layout", counted)
    monkeypatch.setattr(insights_charts, "_LAYOUTS", type(insights_charts._LAYOUTS)())
    first, second = client.get("/insights").text, client.get("/insights").text
    assert calls == [3] and first == second  # the slow part is kept, the picture is the same
    person(store, "Di Ek")
    client.get("/insights")
    assert calls == [3, 4]  # a changed network is laid out again


def test_slow_insights_are_shown_at_once_after_a_change_and_say_they_are_refreshing(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tiekeeper.services import recomputed

    monkeypatch.setattr(recomputed, "SLOW_SECONDS", 0.0)  # as at 30,000 people
    small_network(store)
    first = client.get("/insights").text
    assert "before your latest changes" not in first and "· 3 contacts ·" in first
    person(store, "Di Ek")
    stale = client.get("/insights").text
    assert "before your latest changes" in stale and "reload this page" in stale
    assert "· 3 contacts ·" in stale  # the figures computed before Di
    recomputed.settle(store.engine)
    fresh = client.get("/insights").text
    assert "before your latest changes" not in fresh and "· 4 contacts ·" in fresh
