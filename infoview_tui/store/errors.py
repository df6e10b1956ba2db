"""Provides the store's exceptions, each with a message fit to show a user."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: something about the data file stops us."""


class DataFileError(StoreError):
    """The data file cannot be used as it is (corrupt, not ours, newer, unreadable); it was not touched."""


class StoreLockedError(StoreError):
    """Another infoview-tui already has the data file open for writing."""


class UnusableData(ValueError):
    """Some bytes or tables are not a data file this version can use; `reason` says why in a few words.

    Raised by the checks that both the loader and the merge of an outside change use; the loader turns it
    into a DataFileError naming the file and the newest good backup.
    """

    def __init__(self, kind: str, reason: str, *, line: int = 0, column: int = 0) -> None:
        super().__init__(reason)
        self.kind = kind
        """empty, binary, damaged, nested, foreign, duplicates, newer, header or record."""
        self.reason = reason
        self.line = line
        self.column = column
