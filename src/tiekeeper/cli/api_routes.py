"""Every CLI command's use case and the /api/v1 operation(s) that do the same, next to the
COMMANDS map of cli/app.py. A command without a route says why (`NoRoute`).

tests/cli/test_cli_api_map.py walks the real Typer app and the real OpenAPI description: a
command missing here, an operation the description does not have, or a reason given for a
command that looks like it has a route fails it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NoRoute:
    """Why a command has no route on purpose."""

    reason: str


OPERATOR = NoRoute(
    "the server operator's, on the server's shell: an account cannot make, list or delete "
    "accounts over the API"
)

# command path -> ("METHOD /api/v1/path", ...) or NoRoute(reason)
ROUTES: dict[str, tuple[str, ...] | NoRoute] = {
    # people
    "add": ("POST /api/v1/people",),
    "edit": ("PATCH /api/v1/people/{person}",),
    "show": ("GET /api/v1/people/{person}",),
    "list": ("GET /api/v1/people",),
    # interactions
    "log": ("POST /api/v1/interactions",),
    "interaction show": ("GET /api/v1/interactions/{interaction_id}",),
    "interaction delete": ("DELETE /api/v1/interactions/{interaction_id}",),
    # reminders
    "follow-up": ("POST /api/v1/follow-ups",),
    "follow-ups": ("GET /api/v1/follow-ups",),
    "done": ("POST /api/v1/follow-ups/{reminder_id}/done",),
    "snooze": ("POST /api/v1/follow-ups/{reminder_id}/snooze",),
    "skip": ("POST /api/v1/follow-ups/{reminder_id}/skip",),
    # `cadence PERSON EVERY` is PATCH's `cadence` field; `cadence --tag TAG EVERY` the tag's
    "cadence": ("PATCH /api/v1/people/{person}", "PUT /api/v1/cadences/tags/{tag}"),
    "upcoming": ("GET /api/v1/upcoming",),
    "today": ("GET /api/v1/today",),
    "search": ("GET /api/v1/search",),
    # events
    "event add": ("POST /api/v1/events",),
    "event met": ("POST /api/v1/events/{event}/met",),
    "event show": ("GET /api/v1/events/{event}",),
    "event list": ("GET /api/v1/events",),
    "event delete": ("DELETE /api/v1/events/{event}",),
    # goals, the review, giving
    "goal add": ("POST /api/v1/goals",),
    "goal list": ("GET /api/v1/goals",),
    "goal remove": ("DELETE /api/v1/goals/{goal_id}",),
    "review": ("GET /api/v1/review",),
    "help-someone": ("GET /api/v1/help-someone",),
    "introduce": ("POST /api/v1/introductions",),
    # profile
    "me": ("GET /api/v1/me", "PATCH /api/v1/me"),
    "card": ("GET /api/v1/me/card.{kind}",),
    "pitch set": ("PUT /api/v1/me/pitch",),
    "pitch check": ("POST /api/v1/me/pitch/check",),
    # job search
    "questions": (
        "GET /api/v1/questions",
        "POST /api/v1/questions",
        "DELETE /api/v1/questions/{number}",
    ),
    "interview": ("POST /api/v1/interviews",),
    "target add": ("POST /api/v1/targets",),
    "target list": ("GET /api/v1/targets",),
    "target remove": ("DELETE /api/v1/targets/{org}",),
    "opportunity add": ("POST /api/v1/opportunities",),
    "opportunity list": ("GET /api/v1/opportunities",),
    "opportunity move": ("POST /api/v1/opportunities/{opportunity_id}/move",),
    "opportunity show": ("GET /api/v1/opportunities/{opportunity_id}",),
    "opportunity delete": ("DELETE /api/v1/opportunities/{opportunity_id}",),
    # visibility
    "post add": ("POST /api/v1/posts",),
    "post list": ("GET /api/v1/posts",),
    "post delete": ("DELETE /api/v1/posts/{post_id}",),
    "headline check": ("POST /api/v1/headline/check",),
    # drafts (`draft N` is item N of Today)
    "draft": ("GET /api/v1/today/drafts", "GET /api/v1/today/drafts/{item}"),
    "template list": ("GET /api/v1/templates",),
    "template set": ("PUT /api/v1/templates/{kind}",),
    "template reset": ("DELETE /api/v1/templates/{kind}",),
    # insights; `report` is the same content as one HTML file
    "insights": ("GET /api/v1/insights",),
    "tie": ("GET /api/v1/people/{person}/tie",),
    "paths": ("GET /api/v1/paths",),
    "reconnect": ("GET /api/v1/reconnect",),
    "knows": (
        "PUT /api/v1/people/{person}/knows/{other}",
        "DELETE /api/v1/people/{person}/knows/{other}",
    ),
    "report": ("GET /api/v1/report",),
    # import: the upload takes the contact files (LinkedIn zip, CSV, vCard); mail (mbox, Takeout,
    # Maildir, imap://) and calendar folders are paths on the user's own computer, CLI only
    "import": ("POST /api/v1/imports",),
    "duplicates": ("GET /api/v1/duplicates",),
    "merge": ("POST /api/v1/merges",),
    "suggest": ("GET /api/v1/suggestions",),
    "suggest add": ("POST /api/v1/suggestions",),
    # export and backup
    "export": ("GET /api/v1/exports/{kind}",),
    "restore": ("POST /api/v1/restore",),
    # deletion and the trash
    "delete": ("DELETE /api/v1/people/{person}",),
    "erase": ("POST /api/v1/people/{person}/erase",),
    "trash": ("GET /api/v1/trash",),
    "trash restore": ("POST /api/v1/trash/{trash_id}/restore",),
    "trash empty": ("DELETE /api/v1/trash",),
    # local setup and the server itself
    "demo": NoRoute(
        "fills (or removes) the demo network in a local home: setup on the user's "
        "own computer, not an action of the app"
    ),
    "serve": NoRoute("starts the web server itself"),
    # the digest's text; sending it is the server's schedule (`account digest`, PUT /digest)
    "digest": ("GET /api/v1/digest/preview",),
    # accounts of the multi-user server: an account acts on itself through the API
    "account add": OPERATOR,
    "account list": OPERATOR,
    "account delete": OPERATOR,
    "account password": ("POST /api/v1/account/password",),
    "account token": ("POST /api/v1/account/tokens",),
    "account tokens": ("GET /api/v1/account/tokens",),
    "account revoke": ("DELETE /api/v1/account/tokens/{token_id}",),
    "account digest": ("GET /api/v1/digest", "PUT /api/v1/digest", "DELETE /api/v1/digest"),
}
