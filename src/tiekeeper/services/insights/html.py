"""Render the insights as one self-contained HTML file (Jinja2, autoescaped, inline SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from tiekeeper.domain.insights.sources import INSIGHT_SOURCES, SOURCES
from tiekeeper.services.insights import svg
from tiekeeper.services.insights.report import Insights
from tiekeeper.services.insights.views import insights_dict

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "report.html"


def _charts(ins: Insights) -> dict[str, Any]:
    div = ins.diversity
    return {
        "histogram": svg.histogram(ins.split.histogram),
        "diversity_all": svg.bars(
            {a: d.iqv if d.iqv is not None else d.blau for a, d in div.all_contacts.items()},
            "diversity of all contacts (IQV)",
        ),
        "diversity_active": svg.bars(
            {a: d.iqv if d.iqv is not None else d.blau for a, d in div.active.items()},
            "diversity of active ties (IQV)",
        ),
        "types": svg.bars(
            {f"{k} (all)": v for k, v in ins.balance.shares.items()}
            | {f"{k} (active)": v for k, v in ins.balance.active_shares.items()},
            "network-type balance",
        ),
        "network": svg.network(ins),
    }


def render_report(ins: Insights) -> str:
    """The report's HTML text."""
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(TEMPLATE.read_text(encoding="utf-8"))
    data = insights_dict(ins)
    return template.render(
        d=data,
        charts=_charts(ins),
        references=[(key, SOURCES[key]) for key in sorted(SOURCES)],
        insight_sources=INSIGHT_SOURCES,
    )
