"""bench/bench_web.py times every page: its list names every GET route of the pages (a new page
cannot be forgotten, a removed one is not kept), and every address it times answers 200 on a
small home built by the bench's own generator (bench/bench_homes.py). No timing here."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tiekeeper.services.demo import DemoSize, fill_demo
from tiekeeper.store.uow import open_store
from tiekeeper.web.app import create_app

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
import bench_homes
import bench_web


def test_the_page_list_covers_every_get_page_route_and_nothing_else() -> None:
    routes = set(bench_web.page_routes())
    assert "/people/{person}" in routes and "/insights" in routes  # the walk reaches sub-routers
    listed = set(bench_web.PAGES) | set(bench_web.NOT_TIMED)
    assert routes - listed == set(), "add these pages to bench_web.PAGES"
    assert listed - routes == set(), "these are no longer routes of the pages"
    assert not set(bench_web.PAGES) & set(bench_web.NOT_TIMED)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, bench_web.Ids]]:
    db = tmp_path_factory.mktemp("bench") / "home.db"
    st = open_store(f"sqlite:///{db}")
    fill_demo(st.uow(), bench_homes.DAY, DemoSize(300, 3000), seed=11)
    bench_homes.add_knows(st, 600)
    bench_homes.add_extras(st, 0.01)
    app = create_app(st, today=lambda: bench_homes.DAY, now=lambda: bench_homes.NOW,
                     allowed_hosts=["testserver"])  # fmt: skip
    with TestClient(app) as c:
        ids = bench_web.find_ids(st)
        ids.upload = bench_web.upload_contacts(c)
        yield c, ids


def test_every_timed_address_answers_200_on_the_bench_home(
    home: tuple[TestClient, bench_web.Ids],
) -> None:
    client, ids = home
    urls = bench_web.addresses(ids)
    assert len(urls) >= len(bench_web.PAGES)
    failed = {u: r.status_code for u in urls if (r := client.get(u)).status_code != 200}
    assert failed == {}
    assert "Alex Rivera" in client.get("/me").text  # the generator's profile, not an empty one
    # the bench home has something on each list page: events, goals, posts, the trash
    assert "meetup" in client.get(f"/events/{ids.event}").text
    assert ids.busy_interactions > 0
