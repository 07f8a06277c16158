"""`tiekeeper today` and `search` read SQLite straight through sqlite3 (no SQLAlchemy to import:
today must start in under half a second) and fall back to the full store whenever needed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("sqlalchemy", "alembic", "pydantic", "rich", "numpy", "igraph")
PROBE = """
import sys
watch = set(sys.argv[-1].split(","))
sys.argv = ["tiekeeper", *sys.argv[1:-1]]
from tiekeeper.cli.app import main
try:
    main()
except SystemExit as e:
    assert not e.code, e.code
heavy = sorted({m.split(".")[0] for m in sys.modules} & watch)
print("HEAVY=" + ",".join(heavy), file=sys.stderr)
"""


def run_today(home: Path, *args: str) -> tuple[str, list[str]]:
    return run(home, "today", "--date", "2026-11-26", *args)


def run(home: Path, *args: str) -> tuple[str, list[str]]:
    """Run a command in its own interpreter: (stdout, the heavy libraries it imported)."""
    env = dict(os.environ, TIEKEEPER_HOME=str(home))
    env.pop("TIEKEEPER_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args, ",".join(HEAVY)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = [x for x in done.stderr.splitlines() if x.startswith("HEAVY=")][-1]
    return done.stdout, [m for m in line.removeprefix("HEAVY=").split(",") if m]


def test_today_on_an_up_to_date_sqlite_home_loads_no_heavy_library(cli, _isolated_home):  # type: ignore[no-untyped-def]
    cli("demo", "--date", "2026-11-26")
    out, heavy = run_today(_isolated_home, "--json")
    assert heavy == []
    assert json.loads(out) == cli.json("today", "--date", "2026-11-26")  # same as in-process


def test_today_on_a_fresh_home_creates_the_database_through_the_full_store(_isolated_home):  # type: ignore[no-untyped-def]
    (_isolated_home / "tiekeeper.db").unlink()
    out, heavy = run_today(_isolated_home)
    assert "sqlalchemy" in heavy  # the full store created and migrated it
    assert "Nothing due" in out
    assert (_isolated_home / "tiekeeper.db").exists()
    _, heavy = run_today(_isolated_home)
    assert heavy == []  # from then on the light path serves


def test_search_on_an_up_to_date_sqlite_home_loads_no_heavy_library(cli, _isolated_home):  # type: ignore[no-untyped-def]
    cli("add", "Zoë Brandt", "--company", "Nimbus Labs")
    cli("log", "Zoë Brandt", "--topic", "kayaking")
    out, heavy = run(_isolated_home, "search", "zoe", "--json")
    assert heavy == []
    assert json.loads(out) == cli.json("search", "zoe")
