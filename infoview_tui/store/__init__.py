"""Provides the data store: the only package that imports TinyDB.

`Store.open(path)` loads a data file (refusing corrupt, foreign or newer files), takes the single-writer lock
and serves typed records from memory; every change is written atomically by a background writer.

`Store`, `Collection` and `SCHEMA_VERSION` are imported from `repository` when first asked for, so the light
parts (the errors, `claim`, `deferred`, `dashboard_cache`) can be imported without TinyDB and the records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from infoview_tui.store.errors import DataFileError, StoreError, StoreLockedError

if TYPE_CHECKING:
    from infoview_tui.store.repository import SCHEMA_VERSION, Collection, Store

__all__ = ["SCHEMA_VERSION", "Collection", "DataFileError", "Store", "StoreError", "StoreLockedError"]


def __getattr__(name: str) -> Any:
    if name in ("SCHEMA_VERSION", "Collection", "Store"):
        from infoview_tui.store import repository

        return getattr(repository, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
