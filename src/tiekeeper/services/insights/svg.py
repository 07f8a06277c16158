"""Inline SVG charts for the HTML report: plain strings, every text escaped, no scripts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from markupsafe import Markup, escape

from tiekeeper.graph.layout import layout
from tiekeeper.services.insights.report import Insights

PALETTE: Final = (
    "#4c78a8",
    "#f58518",
    "#54a24b",
    "#b279a2",
    "#e45756",
    "#72b7b2",
    "#eeca3b",
    "#9d755d",
)
OTHER: Final = "#bab0ac"
MAX_DRAWN: Final = 300


def _svg(width: int, height: int, body: list[str], label: str) -> Markup:
    # inline SVG in HTML5 needs no xmlns, so the file holds no URL at all
    head = (
        f'<svg width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
    )
    return Markup(head + "".join(body) + "</svg>")


def _text(x: float, y: float, text: object, anchor: str = "start", size: int = 11) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}">'
        f"{escape(str(text))}</text>"
    )


def histogram(bins: Sequence[int]) -> Markup:
    """Bars of how many ties fall in each tenth of tie strength."""
    w, h, pad = 420, 200, 30
    top = max(bins, default=0) or 1
    bar = (w - 2 * pad) / max(1, len(bins))
    body = [f'<line x1="{pad}" y1="{h - pad}" x2="{w - pad}" y2="{h - pad}" stroke="#333"/>']
    for i, n in enumerate(bins):
        bh = (h - 2 * pad) * n / top
        x = pad + i * bar
        body.append(
            f'<rect x="{x + 1:.1f}" y="{h - pad - bh:.1f}" width="{bar - 2:.1f}" '
            f'height="{bh:.1f}" fill="{PALETTE[0]}"><title>{n}</title></rect>'
        )
        body.append(_text(x + bar / 2, h - pad - bh - 3, n, "middle", 9))
        body.append(_text(x + bar / 2, h - pad + 12, f"{i / len(bins):.1f}", "middle", 9))
    body.append(_text(w / 2, h - 4, "tie strength", "middle"))
    return _svg(w, h, body, "tie-strength distribution")


def bars(values: Mapping[str, float | None], label: str, maximum: float = 1.0) -> Markup:
    """Horizontal bars (one per key), values in [0, maximum]; missing values are shown as n/a."""
    w, row = 420, 22
    h = row * len(values) + 10
    body = []
    for i, (name, v) in enumerate(values.items()):
        y = 5 + i * row
        body.append(_text(0, y + 14, name))
        if v is None:
            body.append(_text(140, y + 14, "n/a"))
            continue
        bw = 220 * max(0.0, min(1.0, v / maximum))
        body.append(
            f'<rect x="140" y="{y + 3}" width="{bw:.1f}" height="{row - 6}" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        body.append(_text(145 + bw, y + 14, f"{v:.2f}"))
    return _svg(w, h, body, label)


def _sample(ins: Insights) -> list[int]:
    bridges = [b.via_contact for b in ins.clusters.fragile_bridges]
    brokers = [b.contact_id for b in ins.clusters.brokers]
    ranked = sorted(ins.ties.values(), key=lambda t: (not t.active, -t.strength.score, t.person.id))
    chosen = dict.fromkeys(bridges + brokers + [t.person.id for t in ranked])
    return list(chosen)[:MAX_DRAWN]


def network(ins: Insights) -> Markup:
    """A drawing of (a sample of) the network, coloured by cluster, with the user's bridges."""
    w = h = 560
    nodes = _sample(ins)
    keep = set(nodes)
    edges = [(e.a, e.b, e.weight) for e in ins.edges if e.a in keep and e.b in keep]
    pos = {n: (30 + x * (w - 60), 30 + y * (h - 60)) for n, (x, y) in layout(nodes, edges).items()}
    body = [
        f'<line x1="{pos[a][0]:.1f}" y1="{pos[a][1]:.1f}" x2="{pos[b][0]:.1f}" '
        f'y2="{pos[b][1]:.1f}" stroke="#ccc" stroke-width="0.6"/>'
        for a, b, _ in edges
    ]
    bridges = {b.via_contact for b in ins.clusters.fragile_bridges}
    cx = sum(p[0] for p in pos.values()) / max(1, len(pos))
    cy = sum(p[1] for p in pos.values()) / max(1, len(pos))
    for n in sorted(bridges & keep):
        body.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{pos[n][0]:.1f}" y2="{pos[n][1]:.1f}" '
            'stroke="#e45756" stroke-width="1.5" stroke-dasharray="4 2"/>'
        )
    for n in nodes:
        cluster = ins.clusters.membership.get(n, -1)
        colour = PALETTE[cluster] if 0 <= cluster < len(PALETTE) else OTHER
        r = 3 + 4 * ins.ties[n].strength.score
        stroke = ' stroke="#e45756" stroke-width="2"' if n in bridges else ""
        body.append(
            f'<circle cx="{pos[n][0]:.1f}" cy="{pos[n][1]:.1f}" r="{r:.1f}" '
            f'fill="{colour}"{stroke}><title>{escape(ins.ties[n].person.name)}</title>'
            "</circle>"
        )
    body.append(
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="9" fill="#111"><title>you</title></circle>'
    )
    body.append(_text(cx + 11, cy + 4, "you", size=12))
    return _svg(w, h, body, "your network by cluster")
