"""`pip install .` (the README's first command) installs a copy, not the checkout: every file
the app serves or reads beside its code must match a package-data pattern of pyproject.toml, or
the installed app misses it (a new icon type once did)."""

from __future__ import annotations

import tomllib
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "tiekeeper"


def test_every_asset_of_the_package_is_installed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["tiekeeper"]
    assets = [p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix not in (".py", ".pyc")]
    assert len(assets) > 20, assets  # the walk found the templates and static files

    def installed(relative: str) -> bool:
        # match() anchors at the right: "**/*.png" matches at any depth
        return any(PurePosixPath(relative).match(pattern) for pattern in patterns)

    missed = [p.relative_to(PACKAGE).as_posix() for p in assets]
    missed = [relative for relative in missed if not installed(relative)]
    assert missed == []
