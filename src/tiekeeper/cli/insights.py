"""insights, tie, paths, reconnect, knows, report: the shape of the network, explained."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tiekeeper.cli.common import DateOpt, JsonOpt, console, emit_json, store, today

LABEL_WORDS = {
    "latent": "not yet in touch (latent tie)",
    "dormant": "dormant tie (3+ years silent)",
}
PersonArg = Annotated[str, typer.Argument(help="An id, an e-mail, or a name matching one person.")]


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{round(100 * x)} %"


def _print_summary(d: dict[str, Any]) -> None:
    out = console()
    t = d["ties"]
    out.print(
        f"[bold]Your network on {d['date']}[/bold]: {d['contacts']} contacts, "
        f"{d['knows_edges']['stored']} recorded and {d['knows_edges']['inferred']} inferred "
        "'knows' edges"
    )
    out.print(f"\n[bold]Ties[/bold] ({', '.join(t['sources'])})")
    out.print(
        f"  {t['strong']} strong, {t['weak']} weak, {t['dormant']} dormant (last talked 3+ years "
        f"ago), {t['latent']} not yet in touch (no interaction logged); {t['active']} active in "
        f"the last year; {t['low_confidence']} low-confidence (no closeness rating)"
    )
    if t["strongest"]:
        out.print("  strongest ties:")
    for s in t["strongest"][:3]:
        out.print(f"    {s['name']}: {s['score']:.2f} ({'; '.join(s['reasons'][:3])})")
    div = d["diversity"]
    out.print(f"\n[bold]Diversity of active ties[/bold] ({', '.join(div['sources'])})")
    if not div["has_profile"]:
        out.print("  no profile saved: 'same as you' and E-I need your own attributes")
    for name, x in div["active"].items():
        blau = "n/a" if x["blau"] is None else f"{x['blau']:.2f}"
        extra = f", same as you {_pct(x['same_as_user'])}" if x["same_as_user"] is not None else ""
        out.print(f"  {name:<13} Blau {blau}, coverage {_pct(x['coverage'])}{extra}")
    for f in d["echo_chamber"]:
        why = f"finding: {f['source']}" if f["source"] else "rule of thumb of this app"
        out.print(f"  ! {f['message']} Try: {f['suggestion']} ({why})")
    nt = d["network_types"]
    shares = ", ".join(f"{k} {_pct(v)}" for k, v in nt["shares"].items())
    out.print(f"\n[bold]Network types[/bold] ({', '.join(nt['sources'])})\n  {shares}")
    for w in nt["warnings"]:
        out.print(f"  ! {w}")
    b, c = d["brokerage"], d["clusters"]
    out.print(f"\n[bold]Brokerage[/bold] ({', '.join(b['sources'])})")
    out.print(
        f"  constraint {b['constraint']:.3f}, effective size {b['effective_size']:.1f} of "
        f"{b['contacts']} (efficiency {b['efficiency']:.2f}), density {b['density']:.4f}"
    )
    out.print(
        f"  {c['count']} clusters (modularity {c['modularity']:.2f}); "
        f"{len(c['fragile_bridges'])} fragile bridges ({', '.join(c['sources'])})"
    )
    for br in c["fragile_bridges"][:3]:
        out.print(
            f"  {br['name']} is your only active tie into a cluster of {br['cluster_size']}"
            f"{' (' + br['label'] + ')' if br['label'] else ''}"
        )
    out.print("\n[bold]Dormant ties worth reviving[/bold] (levin_walter_murnighan2011)")
    for r in d["reconnect"][:3]:
        out.print(f"  {r['name']} ({r['score']:.2f}): {'; '.join(r['reasons'])}")
    g = d["giving"]
    out.print(f"\n[bold]Giving[/bold] ({', '.join(g['sources'])})")
    out.print(f"  {g['description'] or 'No favours logged yet.'}")


def insights(date: DateOpt = None, json: JsonOpt = False) -> None:
    """Summarise your network: tie strength, diversity, brokerage, dormant ties, giving."""
    from tiekeeper.services.insights.report import network_insights
    from tiekeeper.services.insights.views import insights_dict

    data = insights_dict(network_insights(store().uow(), today(date)))
    if json:
        emit_json(data)
        return
    _print_summary(data)


def tie(person: PersonArg, date: DateOpt = None, json: JsonOpt = False) -> None:
    """Explain one tie: its strength, each component and the reasons."""
    from tiekeeper.services.insights.ties import explain_tie
    from tiekeeper.services.insights.views import explained_dict

    d = explained_dict(explain_tie(store().uow(), person, today(date)))
    if json:
        emit_json(d)
        return
    out = console()
    low = " (low confidence: no closeness rating)" if d["low_confidence"] else ""
    label = LABEL_WORDS.get(d["label"], f"{d['label']} tie")
    out.print(f"[bold]{d['name']}[/bold]: {label}, strength {d['score']:.2f}{low}")
    for name, value in d["components"].items():
        if value is not None:
            out.print(f"  {name:<13} {value:.2f}  weight {d['weights'].get(name, 0):.2f}")
    for reason in d["reasons"]:
        out.print(f"  - {reason}")
    if d["last_topics"]:
        out.print(f"  last topics: {', '.join(d['last_topics'])}")
    for k in d["knows"]:
        out.print(
            f"  knows {k['name']} ({', '.join(k['sources'])}"
            f"{', inferred' if k['inferred'] else ''})"
        )
    out.print(f"  sources: {', '.join(d['sources'])}")


def paths(
    target: Annotated[str, typer.Argument(help="A person, a company or an industry.")],
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Warm paths to a person, company or industry, strongest first."""
    from tiekeeper.services.insights.network import paths_to
    from tiekeeper.services.insights.views import paths_dict

    d = paths_dict(paths_to(store().uow(), target, today(date)))
    if json:
        emit_json(d)
        return
    out = console()
    out.print(f"[bold]Warm paths to {d['target']}[/bold] ({d['kind']}, {d['people']} people)")
    if not d["paths"]:
        out.print("  nobody you know is there or knows someone there yet")
    for p in d["paths"]:
        latent = ", not yet in touch" if p["your_tie_label"] == "latent" else ""
        if p["via"] is None:
            out.print(f"  {p['strength']:.2f}  you -> {p['target']} (direct{latent})")
        else:
            how = " (inferred)" if p["inferred"] else ""
            first = f"{p['via']} (not yet in touch)" if latent else p["via"]
            out.print(f"  {p['strength']:.2f}  you -> {first} -> {p['target']}{how}")


def reconnect(
    limit: Annotated[int, typer.Option("--limit", help="How many to show.", min=1)] = 10,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Dormant ties worth reviving, ranked for novelty and trust, with reasons."""
    from tiekeeper.services.insights.ties import reconnect as ranked
    from tiekeeper.services.insights.views import reconnect_dict

    rows = [reconnect_dict(s, t.person.name) for t, s in ranked(store().uow(), today(date), limit)]
    if json:
        emit_json(rows)
        return
    out = console()
    if not rows:
        out.print("No dormant ties (3+ years without contact) to suggest.")
    for r in rows:
        out.print(f"[bold]{r['name']}[/bold] ({r['score']:.2f})")
        for reason in r["reasons"]:
            out.print(f"  - {reason}")


def knows(
    a: PersonArg,
    b: PersonArg,
    strength: Annotated[
        int | None, typer.Option("--strength", help="How well they know each other, 1 to 5.")
    ] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="Forget that they know each other.")
    ] = False,
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Record that two of your contacts know each other."""
    from tiekeeper.services.insights.network import set_knows

    ida, idb, level = set_knows(store().uow(), a, b, strength, remove, today(date))
    data = {"a": ida, "b": idb, "strength": level, "removed": remove}
    if json:
        emit_json(data)
        return
    verb = "no longer recorded as knowing" if remove else f"knows (strength {level})"
    console().print(f"#{ida} {verb} #{idb}")


def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    date: DateOpt = None,
    json: JsonOpt = False,
) -> None:
    """Write a self-contained HTML report with charts and references."""
    from tiekeeper.services.insights.report import write_report

    path = write_report(store().uow(), today(date), output)
    if json:
        emit_json({"output": str(path), "bytes": path.stat().st_size})
    else:
        console().print(f"wrote {path}")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    for fn in (insights, tie, paths, reconnect, knows, report):
        app.command(name=fn.__name__)(fn)
