"""The insights page's pictures as inline SVG. Unlike the report's (services/insights/svg.py,
one file with fixed colours), these carry classes only, so the app's stylesheet colours them in
the light and the dark scheme and no style attribute is needed under the Content-Security-Policy.
Every figure has a text title and a table or list beside it on the page."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from threading import Lock
from typing import Final

from markupsafe import Markup, escape

from tiekeeper.graph.layout import layout
from tiekeeper.services.insights.report import Insights
from tiekeeper.services.insights.svg import MAX_DRAWN, _sample

CLUSTER_COLOURS: Final = 8  # classes c0..c7 in style.css; other clusters are "cx"
_LAYOUTS: OrderedDict[str, dict[int, tuple[float, float]]] = OrderedDict()
_LAYOUTS_KEPT: Final = 16
_LOCK = Lock()


def _svg(width: int, height: int, body: list[str], label: str, css: str) -> Markup:
    head = (
        f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" preserveAspectRatio="xMidYMid meet">'
    )
    return Markup(head + f"<title>{escape(label)}</title>" + "".join(body) + "</svg>")


def _text(x: float, y: float, text: object, anchor: str = "start", css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{cls}>{escape(str(text))}</text>'


def histogram(bins: Sequence[int]) -> Markup:
    """How many ties fall in each tenth of tie strength, weakest on the left."""
    w, h, pad = 420, 210, 28
    top = max(bins, default=0) or 1
    bar = (w - 2 * pad) / max(1, len(bins))
    body = [f'<line class="axis" x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}"/>']
    for i, n in enumerate(bins):
        bh = (h - 2 * pad - 10) * n / top
        x = pad + i * bar
        low, high = i / len(bins), (i + 1) / len(bins)
        band = "weak" if high <= 0.5 else "strong"
        body.append(
            f'<rect class="bar bar-{band}" x="{x + 2:.1f}" y="{h - pad - bh:.1f}" '
            f'width="{bar - 4:.1f}" height="{bh:.1f}"><title>{n} ties with strength '
            f"{low:.1f}–{high:.1f}</title></rect>"
        )
        body.append(_text(x + bar / 2, h - pad - bh - 4, n, "middle", "value"))
        body.append(_text(x + bar / 2, h - pad + 13, f"{low:.1f}", "middle", "tick"))
    body.append(_text(w / 2, h - 2, "tie strength →", "middle", "tick"))
    return _svg(w, h, body, "How strong your ties are: a histogram", "histogram")


def split_bar(parts: Mapping[str, int]) -> Markup:
    """One bar cut into strong, weak, dormant and not yet in touch (latent)."""
    w, h = 420, 34
    total = sum(parts.values()) or 1
    body, x = [], 0.0
    for name, n in parts.items():
        width = w * n / total
        if width > 0:
            body.append(
                f'<rect class="part part-{name}" x="{x:.1f}" y="0" width="{width:.1f}" '
                f'height="{h}"><title>{n} {name}</title></rect>'
            )
        x += width
    return _svg(w, h, body, "Your ties: strong, weak, dormant, not yet in touch", "split")


def bars(values: Mapping[str, float | None], label: str) -> Markup:
    """One horizontal bar per key for values in [0, 1]; a missing value reads n/a."""
    w, row, left = 420, 26, 150
    h = row * len(values) + 6
    body = []
    for i, (name, v) in enumerate(values.items()):
        y = 3 + i * row
        body.append(_text(0, y + 17, name, css="label"))
        if v is None:
            body.append(_text(left + 4, y + 17, "n/a", css="value"))
            continue
        bw = (w - left - 48) * max(0.0, min(1.0, v))
        body.append(
            f'<rect class="bar c{i % CLUSTER_COLOURS}" x="{left}" y="{y + 4}" '
            f'width="{bw:.1f}" height="{row - 8}"/>'
        )
        body.append(_text(left + bw + 5, y + 17, f"{v:.2f}", css="value"))
    return _svg(w, max(h, row), body, label, "bars")


def _positions(nodes: list[int], edges: list[tuple[int, int, float]]) -> dict[
    int, tuple[float, float]]:  # fmt: skip
    """The layout of the drawing, kept for the same nodes and edges: it is the slowest part of
    the page and the same network is drawn the same way every time (the layout is seeded)."""
    digest = hashlib.sha256(repr((nodes, [(a, b) for a, b, _ in edges])).encode()).hexdigest()
    with _LOCK:
        found = _LAYOUTS.get(digest)
        if found is not None:
            _LAYOUTS.move_to_end(digest)
            return found
    made = layout(nodes, edges)
    with _LOCK:
        _LAYOUTS[digest] = made
        while len(_LAYOUTS) > _LAYOUTS_KEPT:
            _LAYOUTS.popitem(last=False)
    return made


def network(ins: Insights) -> Markup:
    """A drawing of (up to MAX_DRAWN of) your contacts coloured by cluster, size by tie
    strength; fragile bridges (your only tie into a cluster) ringed and joined to you."""
    w = h = 560
    nodes = _sample(ins)
    keep = set(nodes)
    edges = [(e.a, e.b, e.weight) for e in ins.edges if e.a in keep and e.b in keep]
    raw = _positions(nodes, edges)
    pos = {n: (30 + x * (w - 60), 30 + y * (h - 60)) for n, (x, y) in raw.items()}
    body = [
        f'<line class="edge" x1="{pos[a][0]:.1f}" y1="{pos[a][1]:.1f}" '
        f'x2="{pos[b][0]:.1f}" y2="{pos[b][1]:.1f}"/>'
        for a, b, _ in edges
    ]
    bridges = {b.via_contact for b in ins.clusters.fragile_bridges}
    cx = sum(p[0] for p in pos.values()) / max(1, len(pos))
    cy = sum(p[1] for p in pos.values()) / max(1, len(pos))
    for n in sorted(bridges & keep):
        body.append(
            f'<line class="bridge" x1="{cx:.1f}" y1="{cy:.1f}" '
            f'x2="{pos[n][0]:.1f}" y2="{pos[n][1]:.1f}"/>'
        )
    for n in nodes:
        cluster = ins.clusters.membership.get(n, -1)
        colour = f"c{cluster}" if 0 <= cluster < CLUSTER_COLOURS else "cx"
        ring = " bridged" if n in bridges else ""
        r = 3 + 4 * ins.ties[n].strength.score
        body.append(
            f'<circle class="node {colour}{ring}" cx="{pos[n][0]:.1f}" cy="{pos[n][1]:.1f}" '
            f'r="{r:.1f}"><title>{escape(ins.ties[n].person.name)}</title></circle>'
        )
    body.append(
        f'<circle class="you" cx="{cx:.1f}" cy="{cy:.1f}" r="9"><title>you</title></circle>'
    )
    body.append(_text(cx + 12, cy + 4, "you", css="label"))
    shown = f"{len(nodes)} of {len(ins.ties)}" if len(ins.ties) > MAX_DRAWN else str(len(nodes))
    return _svg(w, h, body, f"Your network: {shown} contacts, coloured by cluster", "network")
