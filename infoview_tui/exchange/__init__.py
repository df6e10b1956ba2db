"""Provides imports and exports (JSON backup, CSV, calendar, Markdown, LinkedIn): each takes records, not the Store."""
