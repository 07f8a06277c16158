"""Where the real-world sample exports live: ../shared/samples beside the checkout, or where
TIEKEEPER_SAMPLES points (CI clones the repository elsewhere, so that folder may be absent)."""

from __future__ import annotations

import os
from pathlib import Path


def samples_root() -> Path:
    named = os.environ.get("TIEKEEPER_SAMPLES")
    if named:
        return Path(named)
    beside = Path(__file__).resolve().parents[2] / "shared" / "samples"
    if beside.is_dir():
        return beside
    return Path("/work/shared/samples")  # the workplace's copy, when the clone sits elsewhere


SAMPLES = samples_root()
