"""Imports: contacts files and LinkedIn exports, calendars and mail, their limits and identity."""
