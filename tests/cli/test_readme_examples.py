"""Every README example works typed as written, in order, on the home the quick start makes (the
demo), on any day (issue 10: an example dated in the past broke `event met`, `pitch check` ran
before any pitch was saved, and `show ana` matched several demo people)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
# What cannot run here, and why: each is covered by its own tests.
NOT_HERE = {
    ("serve",): "starts a server and waits (tests/web)",
    ("digest", "--send"): "needs an SMTP server (tests/cli/test_digest*.py)",
    ("import",): "reads the user's own export files (tests/cli/test_import*.py)",
    ("restore",): "reads a backup file into an empty home (tests/services/test_export_backup*)",
}


def examples() -> list[list[str]]:
    """The commands of the README's shell blocks after the quick start, in order."""
    text = README.read_text(encoding="utf-8")
    text = text[text.index("## Everyday use") :]
    commands: list[list[str]] = []
    for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            while words:
                cut = words.index("&&") if "&&" in words else len(words)
                commands.append(words[:cut])
                words = words[cut + 1 :]
    return commands


def skipped(words: list[str]) -> bool:
    return any(tuple(words[1 : 1 + len(key)]) == key for key in NOT_HERE)


def test_no_example_names_a_fixed_day() -> None:
    """A date typed into an example is in the past (or future) some day: words only."""
    dated = [w for w in examples() if any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", x) for x in w)]
    assert dated == []


def test_the_readme_has_examples_and_each_skip_is_one_of_them() -> None:
    found = examples()
    assert len(found) >= 30 and all(w[0] == "tiekeeper" for w in found)
    for key in NOT_HERE:
        assert any(tuple(w[1 : 1 + len(key)]) == key for w in found), key


def test_every_example_runs_in_order_on_the_demo(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # card.png, report.html, contacts.vcf land here
    cli("demo")
    ran = 0
    for words in examples():
        if skipped(words):
            continue
        cli(*words[1:])
        ran += 1
    assert ran >= 25
    assert (tmp_path / "card.png").exists() and (tmp_path / "report.html").exists()
