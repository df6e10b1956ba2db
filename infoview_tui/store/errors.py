"""Provides the store's exceptions, each with a message fit to show a user."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: something about the data file stops us."""


class DataFileError(StoreError):
    """The data file cannot be used as it is (corrupt, not ours, newer, unreadable); it was not touched."""


class StoreLockedError(StoreError):
    """Another infoview-tui already has the data file open for writing."""
