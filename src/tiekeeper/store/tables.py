"""The schema as SQLAlchemy Core tables. Migrations create them; a test keeps both in step.

Every table carries `owner_id`, so a multi-user server is a configuration, not a rewrite, and every
query in the repositories filters by it.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Insert,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


# Ids of an account's rows (store/ids.py): 64-bit on PostgreSQL, and SQLite's INTEGER, which is
# 64-bit already and must stay exactly that name for the column to be the rowid.
Id = BigInteger().with_variant(Integer(), "sqlite")


def _owner() -> Column[int]:
    return Column("owner_id", ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False)


accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # revision 0004: set for accounts that log in to the multi-user server (argon2id)
    Column("password_hash", String(200)),
    # revision 0011: the block of ids the account's rows are numbered in (store/ids.py)
    Column("id_block", Integer, nullable=False, server_default="0"),
    Index("uq_accounts_id_block", "id_block", unique=True),
)

organizations = Table(
    "organizations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("name", String(300), nullable=False),
    Column("name_key", String(300), nullable=False),
    Column("industry", String(200)),
    Column("is_target", Boolean, nullable=False, default=False),
    Column("why", Text),
    UniqueConstraint("owner_id", "name_key", name="uq_organizations_owner_name"),
)

people = Table(
    "people",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("name", String(300), nullable=False),
    Column("name_key", String(300), nullable=False),
    Column("organization_id", ForeignKey("organizations.id", ondelete="SET NULL")),
    Column("position", String(300)),
    Column("industry", String(200)),
    Column("function", String(200)),
    Column("seniority", String(100)),
    Column("location", String(200)),
    Column("generation", String(50)),
    Column("network_type", String(20)),
    Column("closeness", Integer),
    Column("how_met", Text),
    Column("introduced_by_id", ForeignKey("people.id", ondelete="SET NULL")),
    Column("interests", Text),
    Column("working_on", Text),
    Column("how_to_help", Text),
    Column("needs", Text),
    Column("notes", Text),
    Column("linkedin_url", String(500)),
    Column("birthday_month", Integer),
    Column("birthday_day", Integer),
    Column("birthday_year", Integer),
    Column("started_on", Date),
    Column("connected_on", Date),
    Column("cadence_days", Integer),
    Column("is_kin", Boolean, nullable=False, default=False),
    Column("do_not_suggest", Boolean, nullable=False, default=False),
    Column("created_on", Date, nullable=False),
    # Derived, kept by the store in the same transaction as the change that moves them, so the
    # agenda never scans a million interactions.
    Column("last_interaction_on", Date),
    Column("checkin_due_on", Date),
    Column("checkin_cadence_days", Integer),  # own cadence, else the tightest tag cadence
    # month*100+day of the yearly dates, so "whose birthday is today" is an index lookup.
    Column("birthday_mmdd", Integer),
    Column("started_mmdd", Integer),
    Column("connected_mmdd", Integer),
    Index("ix_people_owner_name_key", "owner_id", "name_key"),
    Index("ix_people_owner_checkin", "owner_id", "checkin_due_on"),
    Index("ix_people_owner_last", "owner_id", "last_interaction_on"),
    Index("ix_people_owner_birthday_mmdd", "owner_id", "birthday_mmdd"),
    Index("ix_people_owner_started_mmdd", "owner_id", "started_mmdd"),
    Index("ix_people_owner_connected_mmdd", "owner_id", "connected_mmdd"),
    # revision 0007: one person per LinkedIn URL, kept by the database (not one request at a
    # time); NULLs do not clash
    Index("uq_people_owner_linkedin", "owner_id", "linkedin_url", unique=True),
    Index("ix_people_organization", "organization_id"),
    # revision 0005: deleting a row checks every reference to it
    Index("ix_people_introduced_by", "introduced_by_id"),
)

person_emails = Table(
    "person_emails",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("email", String(320), nullable=False),
    # revision 0007: one person per e-mail (stored lower-cased, without spaces), kept by the
    # database: two requests at the same moment cannot both take it
    Index("uq_person_emails_owner_email", "owner_id", "email", unique=True),
    Index("ix_person_emails_person", "person_id"),
)

person_phones = Table(
    "person_phones",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("phone", String(64), nullable=False),
    Index("ix_person_phones_person", "person_id"),
)

person_links = Table(
    "person_links",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("url", String(1000), nullable=False),
    Index("ix_person_links_person", "person_id"),
)

person_tags = Table(
    "person_tags",
    metadata,
    _owner(),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", String(100), primary_key=True),
    Index("ix_person_tags_owner_tag", "owner_id", "tag"),
)

tag_cadences = Table(
    "tag_cadences",
    metadata,
    Column("owner_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", String(100), primary_key=True),
    Column("cadence_days", Integer, nullable=False),
)

interactions = Table(
    "interactions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("occurred_on", Date, nullable=False),
    Column("channel", String(40), nullable=False),
    Column("initiated_by", String(10), nullable=False),
    Column("summary", Text),
    Column("event_id", ForeignKey("events.id", ondelete="SET NULL")),
    Index("ix_interactions_owner_date", "owner_id", "occurred_on"),
    # revision 0010: a goal's count by channel reads the index alone (1.5 s -> 20 ms at 1M)
    Index("ix_interactions_owner_channel_date", "owner_id", "channel", "occurred_on"),
    # revision 0005: deleting a row checks every reference to it
    Index("ix_interactions_event", "event_id"),
)

interaction_people = Table(
    "interaction_people",
    metadata,
    _owner(),
    Column("interaction_id", ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_interaction_people_person", "person_id", "interaction_id"),
)

interaction_topics = Table(
    "interaction_topics",
    metadata,
    _owner(),
    Column("interaction_id", ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    Column("topic", String(200), primary_key=True),
)

favours = Table(
    "favours",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("interaction_id", ForeignKey("interactions.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("direction", String(10), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("note", Text),
    Index("ix_favours_person", "person_id"),
    Index("ix_favours_interaction", "interaction_id"),
)

reminders = Table(
    "reminders",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("snoozed_until", Date),
    Column("action", Text),
    Column("status", String(10), nullable=False),
    Column("interaction_id", ForeignKey("interactions.id", ondelete="SET NULL")),
    Column("closed_on", Date),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE")),
    Column("opportunity_id", ForeignKey("opportunities.id", ondelete="CASCADE")),
    Index("ix_reminders_owner_status_due", "owner_id", "status", "due_on"),
    Index("ix_reminders_person", "person_id"),
    # revision 0005: deleting a row checks every reference to it
    Index("ix_reminders_interaction", "interaction_id"),
    Index("ix_reminders_event", "event_id"),
    Index("ix_reminders_opportunity", "opportunity_id"),
)

# Full-text search documents, one per (kind, ref_id). On SQLite an FTS5 table mirrors `body`; on
# PostgreSQL a stored tsvector column `tsv` with a GIN index does the same job. Both are created
# by raw SQL in the migrations (0001, 0012) and left out of this table.
search_docs = Table(
    "search_docs",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("kind", String(20), nullable=False),
    Column("ref_id", Id, nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    UniqueConstraint("owner_id", "kind", "ref_id", name="uq_search_docs_owner_kind_ref"),
)


def new_id(conn: Connection, stmt: Insert) -> int:
    """Run an INSERT of one row and return its new primary key."""
    key = conn.execute(stmt).inserted_primary_key
    assert key is not None
    return int(key[0])


# --- Revision 0002: the user's own profile, "who knows whom", events, goals, job search,
# visibility, per-owner settings, calendar export state and suggestion history. ---------------

profiles = Table(
    "profiles",
    metadata,
    Column("owner_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(300)),
    Column("email", String(320)),
    Column("phone", String(64)),
    Column("headline", String(300)),
    Column("company", String(300)),
    Column("position", String(300)),
    Column("industry", String(200)),
    Column("function", String(200)),
    Column("seniority", String(100)),
    Column("location", String(200)),
    Column("generation", String(50)),
    Column("linkedin_url", String(500)),
    Column("birthday_month", Integer),
    Column("birthday_day", Integer),
    Column("birthday_year", Integer),
    Column("pitch", Text),
)

knows = Table(
    "knows",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    # Stored with person_a_id < person_b_id so an edge has one row per source.
    Column("person_a_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("person_b_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("strength", Integer, nullable=False, default=1),
    Column("source", String(30), nullable=False),  # entered | introduction
    Column("created_on", Date, nullable=False),
    UniqueConstraint(
        "owner_id", "person_a_id", "person_b_id", "source", name="uq_knows_owner_pair_source"
    ),
    Index("ix_knows_b", "person_b_id"),
    # revision 0005: deleting a row checks every reference to it
    Index("ix_knows_a", "person_a_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("name", String(300), nullable=False),
    Column("name_key", String(300), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("location", String(200)),
    Column("goal", Text),
    Column("goal_target", Integer),
    Column("notes", Text),
    Index("ix_events_owner_date", "owner_id", "occurred_on"),
)

event_people = Table(
    "event_people",
    metadata,
    _owner(),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("is_new", Boolean, nullable=False, default=False),
    Index("ix_event_people_person", "person_id"),
)

goals = Table(
    "goals",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("title", String(300), nullable=False),
    Column("period", String(10), nullable=False),  # day | week | month | event
    Column("target", Integer, nullable=False),
    Column("metric", String(30), nullable=False),
    Column("channel", String(40)),
    Column("created_on", Date, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
)

opportunities = Table(
    "opportunities",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(300), nullable=False),
    Column("source", String(20), nullable=False),  # referral | hidden | posted
    Column("via_person_id", ForeignKey("people.id", ondelete="SET NULL")),
    Column("stage", String(20), nullable=False),
    Column("next_step", Text),
    Column("next_step_on", Date),
    Column("notes", Text),
    Column("created_on", Date, nullable=False),
    Column("updated_on", Date, nullable=False),
    # revision 0005: deleting a row checks every reference to it
    Index("ix_opportunities_via_person", "via_person_id"),
    Index("ix_opportunities_organization", "organization_id"),
)

posts = Table(
    "posts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("occurred_on", Date, nullable=False),
    Column("venue", String(100), nullable=False),  # linkedin | blog | talk | webinar | ...
    Column("topic", String(300), nullable=False),
    Column("url", String(1000)),
)

post_engagements = Table(
    "post_engagements",
    metadata,
    _owner(),
    Column("post_id", ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("interaction_id", ForeignKey("interactions.id", ondelete="SET NULL")),
    # revision 0005: deleting a row checks every reference to it
    Index("ix_post_engagements_person", "person_id"),
    Index("ix_post_engagements_interaction", "interaction_id"),
)

settings = Table(
    "settings",
    metadata,
    Column("owner_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

# What the ICS export last published per UID, so SEQUENCE and LAST-MODIFIED move only when an
# event really changes (calendar apps ignore changes otherwise).
calendar_state = Table(
    "calendar_state",
    metadata,
    Column("owner_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("uid", String(100), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("modified_at", DateTime(timezone=True), nullable=False),
)

# Who was suggested for what and when, e.g. so "help someone" never repeats a person two weeks
# running.
suggestions = Table(
    "suggestions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("kind", String(30), nullable=False),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("suggested_on", Date, nullable=False),
    Index("ix_suggestions_owner_kind_day", "owner_id", "kind", "suggested_on"),
    # revision 0005: deleting a row checks every reference to it
    Index("ix_suggestions_person", "person_id"),
)


# --- Revision 0004: credentials of the multi-user server. Sessions and API tokens are stored as
# SHA-256 digests only; both belong to their account (owner_id) and die with it. --------------

account_sessions = Table(
    "account_sessions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Index("ix_account_sessions_owner", "owner_id"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("label", String(100), nullable=False),
    # "api": the JSON API; "calendar": only the account's ICS feed (calendar apps keep the URL)
    Column("scope", String(20), nullable=False, server_default="api"),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_used_at", DateTime(timezone=True)),
    # revision 0006: refused from then on; None: until revoked
    Column("expires_at", DateTime(timezone=True)),
    Index("ix_api_tokens_owner", "owner_id"),
)


# --- Revision 0005: trust. The trash keeps what was deleted for 30 days as a snapshot of its rows
# (so a restore puts back exactly those rows, ids included); a person's postal addresses; and the
# vCard properties tiekeeper does not model, kept verbatim so a card goes out as it came in. ------

trash = Table(
    "trash",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("kind", String(30), nullable=False),  # person | interaction | event | merge | ...
    Column("ref_id", Id, nullable=False),
    Column("label", String(400), nullable=False),
    Column("deleted_at", DateTime(timezone=True), nullable=False),
    # JSON: {"tables": {table: [row, ...]}, ...}, rows encoded as in the backup
    Column("payload", Text, nullable=False),
    Index("ix_trash_owner_deleted", "owner_id", "deleted_at"),
)

person_addresses = Table(
    "person_addresses",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("kind", String(100)),  # the vCard TYPE (home, work, ...) or the CSV column's label
    Column("po_box", String(200)),
    Column("extended", String(200)),
    Column("street", String(500)),
    Column("city", String(200)),
    Column("region", String(200)),
    Column("postcode", String(50)),
    Column("country", String(200)),
    Index("ix_person_addresses_person", "person_id"),
)

# What an import of history (calendars, mailboxes) already turned into an interaction, by a key
# stable across re-imports (an event occurrence, a mail thread and day): a re-import creates
# nothing, and `fingerprint` (of what was imported) tells whether the user has edited the
# interaction since, in which case it is not overwritten. A deleted interaction keeps its key
# (interaction_id NULL), so it is not brought back by the next import either.
import_keys = Table(
    "import_keys",
    metadata,
    Column("owner_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("source", String(20), primary_key=True),  # calendar | mail
    Column("key", String(500), primary_key=True),
    Column("interaction_id", ForeignKey("interactions.id", ondelete="SET NULL")),
    Column("fingerprint", String(64), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Index("ix_import_keys_interaction", "interaction_id"),
)

# The user's own e-mail addresses beyond the profile's one (`me --email` is repeatable): a
# calendar or mailbox import must know which attendee or sender is the user.
profile_emails = Table(
    "profile_emails",
    metadata,
    Column("owner_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("email", String(320), primary_key=True),
)

# Who the user exchanged mail with, one row per message and address, for addresses that are
# not (yet) people in tiekeeper: `tiekeeper suggest` counts them. Headers only, never bodies.
correspondence = Table(
    "correspondence",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("email", String(320), nullable=False),
    Column("name", String(300)),
    Column("occurred_on", Date, nullable=False),
    Column("direction", String(10), nullable=False),  # sent | received
    Column("message_key", String(500), nullable=False),
    UniqueConstraint("owner_id", "message_key", "email", "direction", name="uq_correspondence"),
    Index("ix_correspondence_owner_email", "owner_id", "email"),
)

# One unfolded content line of an imported vCard that tiekeeper does not model (PHOTO, IMPP,
# X-SOCIALPROFILE, item1.X-ABLabel, ...), with its group and parameters, in the card's order.
person_card_props = Table(
    "person_card_props",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", String(200), nullable=False),  # upper-case property name without its group
    Column("line", Text, nullable=False),  # the whole unfolded line as it came in
    Index("ix_person_card_props_person", "person_id"),
)


# --- Revision 0006: hardening. Wrong-password counts live in the database so every worker and
# every restart sees the same ones; a key signs form tokens for every worker alike; API tokens
# may expire. ------------------------------------------------------------------------------

# One row per (account name, source address) that sent wrong passwords, and one per address
# alone (account ""): names cannot be empty, so "" never clashes with a real account.
login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("account", String(200), nullable=False),  # casefolded name, "" for the address row
    Column("address", String(100), nullable=False),
    Column("failures", Integer, nullable=False),
    Column("last_failure_at", DateTime(timezone=True), nullable=False),
    Column("blocked_until", DateTime(timezone=True)),
    UniqueConstraint("account", "address", name="uq_login_failures_account_address"),
)

server_secrets = Table(
    "server_secrets",
    metadata,
    Column("name", String(50), primary_key=True),
    Column("value", String(128), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


# --- Revision 0008: digests on the server. Each account's schedule (address, time zone, local
# time, weekday for a weekly one), and one row per slot sent or tried: the unique (owner, slot)
# is the claim that lets two overlapping `digest --due` runs send each digest once. ----------

digest_schedules = Table(
    "digest_schedules",
    metadata,
    Column("owner_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("to_address", String(320), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("send_at", String(5), nullable=False),  # local HH:MM
    Column("weekday", Integer),  # 0 = Monday; NULL: every day
    # slots before this moment are not sent (setting a schedule does not send a late one)
    Column("since", DateTime(timezone=True), nullable=False),
)

digest_sends = Table(
    "digest_sends",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=False),
    _owner(),
    Column("slot", String(40), nullable=False),  # "daily 2026-11-26", "weekly 2026-11-30"
    Column("kind", String(10), nullable=False),
    Column("slot_at", DateTime(timezone=True), nullable=False),
    Column("to_address", String(320), nullable=False),
    Column("status", String(10), nullable=False),  # sending | sent | failed
    Column("attempts", Integer, nullable=False),
    Column("claimed_at", DateTime(timezone=True), nullable=False),  # the last attempt began
    Column("sent_at", DateTime(timezone=True)),
    Column("message_id", String(300)),
    Column("error", String(1000)),
    Column("retry_at", DateTime(timezone=True)),  # a failed one: NULL once given up
    UniqueConstraint("owner_id", "slot", name="uq_digest_sends_owner_slot"),
    Index("ix_digest_sends_status_retry", "status", "retry_at"),
)

# The card a CardDAV client last held for a person (the one it sent, or the first one served):
# the base a phone's edit is merged against when tiekeeper changed the person too
# (services/sync/cards.py). It goes and comes back with the person (trash, merge, backup).
dav_synced = Table(
    "dav_synced",
    metadata,
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("owner_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("card", Text, nullable=False),
    Column("synced_at", DateTime(timezone=True), nullable=False),
)

# Per account and table, a number that moves with each committed change to the table's rows
# (store/revisions.py): pages whose work takes seconds at 30,000 people (insights, warm paths,
# duplicates) keep their result until a table they read has moved. Derived: never backed up.
data_revisions = Table(
    "data_revisions",
    metadata,
    Column("owner_id", ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("table_name", String(64), primary_key=True),
    Column("revision", BigInteger, nullable=False),
)
