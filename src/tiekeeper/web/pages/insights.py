"""Your network in pictures: the content of `tiekeeper report` as a page of the app (the same
service, network_insights, and the same view, insights_dict), with charts the stylesheet
colours. Every section names the research it rests on, linked to the references below."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from tiekeeper.domain.insights.sources import SOURCES
from tiekeeper.services.insights.report import network_insights
from tiekeeper.services.insights.views import insights_dict
from tiekeeper.services.recomputed import Kept, kept
from tiekeeper.store.uow import Store, UnitOfWork
from tiekeeper.web import insights_charts as charts
from tiekeeper.web.deps import StoreDep, TodayDep
from tiekeeper.web.pages.base import kept_note, render

router = APIRouter(include_in_schema=False)
ATTRIBUTES = {"industry": "Industry", "function": "Function", "seniority": "Seniority",
              "location": "Location", "generation": "Generation", "company": "Company"}  # fmt: skip


def short_cite(key: str) -> str:
    """'Granovetter, M. S. (1973). ...' -> 'Granovetter 1973'; several authors -> 'et al.'."""
    ref = SOURCES[key]
    year = re.search(r"\((\d{4})\)", ref)
    authors = ref.split("(", 1)[0]
    surname = authors.split(",", 1)[0].strip()
    many = "&" in authors
    return f"{surname}{' et al.' if many else ''} {year.group(1) if year else ''}".strip()


def _shares(values: dict[str, float | None]) -> dict[str, float | None]:
    return {k.capitalize(): v for k, v in values.items()}


def insights_context(d: dict[str, Any], ins: Any) -> dict[str, Any]:
    """What the page shows, from the view of `insights --json` and the insights behind it."""
    t = d["ties"]
    split = {"strong": t["strong"], "weak": t["weak"], "dormant": t["dormant"],
             "latent": t["latent"]}  # fmt: skip
    div_all = {ATTRIBUTES.get(a, a): x["iqv"] if x["iqv"] is not None else x["blau"]
               for a, x in d["diversity"]["all"].items()}  # fmt: skip
    div_active = {ATTRIBUTES.get(a, a): x["iqv"] if x["iqv"] is not None else x["blau"]
                  for a, x in d["diversity"]["active"].items()}  # fmt: skip
    types = d["network_types"]
    return {
        "d": d,
        "split": split,
        "charts": {
            "split": charts.split_bar(split),
            "histogram": charts.histogram(t["histogram"]),
            "diversity_all": charts.bars(div_all, "Diversity of all your contacts (IQV, 0 to 1)"),
            "diversity_active": charts.bars(
                div_active, "Diversity of your active ties (IQV, 0 to 1)"
            ),
            "types_all": charts.bars(_shares(types["shares"]), "Network types, all contacts"),
            "types_active": charts.bars(
                _shares(types["active_shares"]), "Network types, active ties"
            ),
            "network": charts.network(ins),
        },
        "attributes": ATTRIBUTES,
        "cite": {k: short_cite(k) for k in SOURCES},
        "references": [(k, SOURCES[k]) for k in sorted(SOURCES)],
    }


@router.get("/insights", response_class=HTMLResponse)
def insights_page(request: Request, store: StoreDep, today: TodayDep) -> HTMLResponse:
    """Tie strength, diversity, network types, brokerage and clusters, dormant ties worth
    reviving and giving, each with its sources."""
    got = kept_context(store, today)
    return render(request, "insights.html", {**got.value, "kept": kept_note(got, "This page")})


def kept_context(store: Store, today: date) -> Kept[dict[str, Any]]:
    """What the page shows; seconds at 30,000 people, so kept until the data changes and then
    refreshed behind the page (services/recomputed.py)."""

    def compute(uow: UnitOfWork) -> dict[str, Any]:
        ins = network_insights(uow, today)
        return insights_context(insights_dict(ins), ins)

    return kept(store.uow(), ("insights-page", today), compute, stale_ok=True)
