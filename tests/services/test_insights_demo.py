"""On the demo network (about 300 people) the insights are sensible, and the report is one
self-contained HTML file."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tiekeeper.services.demo import fill_demo
from tiekeeper.services.insights.report import Insights, network_insights, write_report
from tiekeeper.store.uow import Store

TODAY = date(2026, 11, 26)


class Assets(HTMLParser):
    """Collects tags and every attribute or style text that could load something."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.references: list[str] = []
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._style = tag == "style"
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "srcset", "data", "style") and value:
                self.references.append(value)

    def handle_data(self, data: str) -> None:
        if self._style:
            self.references.append(data)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Insights]:
    from tiekeeper.store.uow import open_store

    st = open_store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    fill_demo(st.uow(), TODAY)
    return st, network_insights(st.uow(), TODAY)


def test_demo_ties_are_a_mix_of_strong_weak_and_dormant(demo: tuple[Store, Insights]) -> None:
    split = demo[1].split
    total = split.strong + split.weak + split.dormant + split.latent
    assert total == 300
    assert split.latent < total / 10  # the demo talks to almost everyone
    assert 0 < split.dormant < total / 4  # not everyone is dormant
    assert split.strong > 10 and split.weak > 10
    assert 0 < split.low_confidence < total
    assert sum(split.histogram) == total


def test_demo_diversity_covers_the_attributes(demo: tuple[Store, Insights]) -> None:
    d = demo[1].diversity
    for attribute in ("industry", "function", "seniority", "location", "company"):
        assert d.all_contacts[attribute].coverage > 0.9
        blau = d.active[attribute].blau
        assert blau is not None and blau > 0.5
    assert 0 < d.all_contacts["generation"].coverage < 1


def test_demo_network_has_inferred_edges_clusters_and_dormant_ties(
    demo: tuple[Store, Insights],
) -> None:
    ins = demo[1]
    assert ins.edges and all(e.inferred for e in ins.edges)  # demo enters no edges
    assert len(ins.clusters.clusters) >= 2
    assert 0 < ins.ego.constraint < 1
    assert len(ins.reconnect) == 10
    assert ins.reconnect == sorted(ins.reconnect, key=lambda s: -s.score)
    assert ins.giving.style is not None


def test_the_report_is_self_contained_html_with_svg_charts(
    demo: tuple[Store, Insights], tmp_path: Path
) -> None:
    path = write_report(demo[0].uow(), TODAY, tmp_path / "report.html")
    html = path.read_text(encoding="utf-8")
    parser = Assets()
    parser.feed(html)
    assert parser.tags.count("svg") >= 5
    assert "script" not in parser.tags and "link" not in parser.tags
    assert not [r for r in parser.references if "http://" in r or "https://" in r or "url(" in r]
    assert "http://" not in html and "https://" not in html
    assert "Granovetter, M. S. (1973)" in html
