"""Provides the single-writer lock: a `.lock` file beside the data file, held while the app runs."""

from __future__ import annotations

from pathlib import Path

import filelock

from infoview_tui.store.errors import StoreLockedError
from infoview_tui.store.storage import FILE_MODE, ensure_folder


def lock_path(path: Path) -> Path:
    """The lock file for a data file."""
    return path.with_name(path.name + ".lock")


class WriterLock:
    """Refuses a second writer on the same data file, across processes."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        ensure_folder(self.path.parent)
        self._lock = filelock.FileLock(str(self.path), timeout=0, mode=FILE_MODE)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise StoreLockedError(
                f"{self.path.with_suffix('')} is already open in another infoview-tui. Close that one first "
                "(read-only commands like 'export' still work)."
            ) from None

    def release(self) -> None:
        self._lock.release()
