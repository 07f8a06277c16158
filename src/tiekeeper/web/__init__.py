"""The web surface: a JSON API under /api/v1 and server-rendered pages, both calling the same
services as the CLI. Built by `create_app` (web/app.py), served by `tiekeeper serve`."""
