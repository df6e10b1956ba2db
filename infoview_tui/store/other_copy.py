"""Provides reading another copy of the data file to merge in (a sync tool's conflict copy, a file from
another computer, git's three versions), and the base this machine kept for merging it.

Every refusal is a DataFileError with one line naming the file and why: a folder, a symlink loop, not a
file at all, not JSON, not ours, or written by a newer version. The copy is never changed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from infoview_tui.store.errors import DataFileError, UnusableData
from infoview_tui.store.migrations import KNOWN_TABLES, migrate
from infoview_tui.store.storage import Tables, base_path, parse_tables

__all__ = ["migrated", "read_base", "read_other_copy"]


def read_other_copy(path: Path, *, allow_empty: bool = False) -> Tables:
    """Another copy's tables, migrated to this version's schema; raises DataFileError saying why not.

    `allow_empty`: an empty file is no tables at all (git gives an empty base when there is no ancestor).
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise DataFileError(f"{path} is a folder, not a data file.")
        if not stat.S_ISREG(info.st_mode):
            raise DataFileError(f"{path} is not a regular file.")
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise DataFileError(f"{path} does not exist.") from None
    except OSError as exc:
        raise DataFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if allow_empty and not raw.strip():
        return {}
    try:
        return migrated(parse_tables(raw))
    except UnusableData as exc:
        raise DataFileError(f"{path} cannot be merged: {exc.reason}.") from None


def migrated(tables: Tables) -> Tables:
    """`tables` at this version's schema; raises UnusableData when they are not ours or are newer."""
    if set(tables) - KNOWN_TABLES or tables.get("_default"):
        raise UnusableData("foreign", "it is JSON but not an infoview-tui data file")
    try:
        result, _start = migrate(tables)
    except ValueError as exc:
        raise UnusableData("header", f"a damaged header ({exc})") from None
    except KeyError:
        version = tables["meta"]["1"]["schema_version"]
        raise UnusableData("newer", f"it was written by a newer infoview-tui (schema {version})") from None
    return result


def read_base(path: Path) -> Tables | None:
    """The last state this machine wrote to the data file `path` (the merge base), or None when there is
    none or it cannot be used (the merge is then two-way)."""
    try:
        return read_other_copy(base_path(path))
    except DataFileError:
        return None
