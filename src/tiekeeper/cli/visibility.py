"""Visibility: post add / list, and the LinkedIn headline check."""

from __future__ import annotations

from typing import Annotated

import typer

from tiekeeper.cli.common import JsonOpt, console, emit_json, store, table, today
from tiekeeper.cli.trash import post_delete

post = typer.Typer(
    help="A log of what you publish or present (posts, articles, talks, webinars) and who "
    "engaged. A posting goal: tiekeeper goal add ... --per week --target 1.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
headline = typer.Typer(
    help="Your LinkedIn headline: within 220 characters, stating expertise and goal.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@post.command("add")
def post_add(
    where: Annotated[
        str,
        typer.Option(
            "--where",
            help="linkedin, blog, talk, webinar, article, podcast, newsletter or other.",
        ),
    ],
    topic: Annotated[str, typer.Option("--topic", help="What it was about.")],
    url: Annotated[str | None, typer.Option("--url", help="Where it can be read or seen.")] = None,
    date: Annotated[str, typer.Option("--date", help="When it came out (ISO or words).")] = "today",
    engaged: Annotated[
        list[str] | None,
        typer.Option(
            "--engaged", help="Someone who engaged (repeatable); each gets an interaction."
        ),
    ] = None,
    json: JsonOpt = False,
) -> None:
    """Log a post, article or talk; people who engaged get a 'social-comment' interaction."""
    from tiekeeper.services.visibility import add_post
    from tiekeeper.services.visibility_views import post_dict

    v = add_post(store().uow(), where, topic, today(), url, date, engaged or [])
    if json:
        emit_json(post_dict(v))
        return
    p = v.post
    names = ", ".join(v.names[i] for i in p.engaged)
    console().print(f"Post #{p.id}: {p.venue} on {p.topic} ({p.occurred_on})"
                    + (f"; engaged: {names}" if names else ""))  # fmt: skip


@post.command("list")
def post_list(json: JsonOpt = False) -> None:
    """What you published or presented, newest first, with who engaged."""
    from tiekeeper.services.visibility import list_posts
    from tiekeeper.services.visibility_views import post_dict

    views = list_posts(store().uow())
    if json:
        emit_json([post_dict(v) for v in views])
        return
    if not views:
        console().print("Nothing logged yet: tiekeeper post add --where linkedin --topic TEXT")
        return
    t = table("id", "date", "where", "topic", "engaged")
    for v in views:
        p = v.post
        engaged = ", ".join(v.names.get(i, "?") for i in p.engaged)
        t.add_row(str(p.id), str(p.occurred_on), p.venue, p.topic, engaged)
    console().print(t)


@headline.command("check")
def headline_check(
    text: Annotated[str, typer.Argument(help="The headline to check.")],
    json: JsonOpt = False,
) -> None:
    """Check a headline: at most 220 characters, your expertise, and your goal.

    Expertise = one of your own keywords (`tiekeeper me --position/--industry/--function`) or a
    role noun; goal = 'helping', 'seeking', 'open to', 'looking for', an arrow, ..."""
    from tiekeeper.services.visibility import headline_check as service
    from tiekeeper.services.visibility_views import headline_dict

    c = service(store().uow(), text)
    if json:
        emit_json(headline_dict(c))
        return
    out = console()
    out.print(f"{c.length} of {c.limit} characters")
    out.print(f"expertise: {', '.join(c.expertise) or 'none found'}")
    out.print(f"goal: {', '.join(c.goal) or 'none found'}")
    for w in c.warnings:
        out.print(f"warning: {w}")
    if c.ok:
        out.print("Good headline: it states what you do and what you want.")


post.command("delete")(post_delete)


def register(app: typer.Typer) -> None:
    """Add `post` and `headline` to the app."""
    app.add_typer(post, name="post")
    app.add_typer(headline, name="headline")
