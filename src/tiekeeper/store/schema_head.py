"""The newest schema revision, in a module that imports nothing, so the light read path of
`tiekeeper today` (store/light.py) can check a database without loading SQLAlchemy.

tests/store/test_migrations.py fails when this disagrees with Alembic's head."""

SCHEMA_HEAD = "0012"
