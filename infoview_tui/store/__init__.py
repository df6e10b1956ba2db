"""Provides the data store: the only package that imports TinyDB.

`Store.open(path)` loads a data file (refusing corrupt, foreign or newer files), takes the single-writer lock
and serves typed records from memory; every change is written atomically by a background writer.
"""

from infoview_tui.store.errors import DataFileError, StoreError, StoreLockedError
from infoview_tui.store.repository import SCHEMA_VERSION, Collection, Store

__all__ = ["SCHEMA_VERSION", "Collection", "DataFileError", "Store", "StoreError", "StoreLockedError"]
