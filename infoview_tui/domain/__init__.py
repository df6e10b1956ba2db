"""Provides the domain: records, the interview's lifecycle, dates, call timing and text rules. No Textual, no TinyDB."""
