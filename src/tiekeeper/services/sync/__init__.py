"""Phone sync over CardDAV and CalDAV: people as cards, follow-ups, birthdays and events as
calendar items, and merging a phone's edits (dav/ serves them)."""
