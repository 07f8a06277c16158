"""The server-rendered pages, one module per area; `base` renders templates, `core` routes."""
