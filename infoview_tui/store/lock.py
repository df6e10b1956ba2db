"""Provides the single-writer lock: a `.lock` file beside the data file, held while the app runs.

The lock is taken on the data file's resolved path, so every name for the file (a symlink, the target) shares
one lock. A lock path that is a folder, a symlink or another user's file is refused with a message before
anything is opened: a symlinked lock could make the lock library truncate whatever it points to.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import filelock

from infoview_tui.fileio import FILE_MODE, ensure_folder
from infoview_tui.store.errors import DataFileError, StoreLockedError


def lock_path(path: Path) -> Path:
    """The lock file for a data file."""
    return path.with_name(path.name + ".lock")


def check_lock_path(lock: Path) -> None:
    """Refuse a lock path we must not open: a folder, a symlink, not a plain file, or another user's file."""
    try:
        info = os.lstat(lock)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DataFileError(f"Cannot check the lock file {lock}: {exc.strerror}.") from None
    remove = f"Remove it (rm -r {lock}) when no infoview-tui is running, then try again."
    if stat.S_ISLNK(info.st_mode):
        raise DataFileError(f"The lock file {lock} is a symbolic link, which is never followed. {remove}")
    if stat.S_ISDIR(info.st_mode):
        raise DataFileError(f"The lock file {lock} is a folder. {remove}")
    if not stat.S_ISREG(info.st_mode):
        raise DataFileError(f"The lock file {lock} is not a regular file. {remove}")
    uid = os.getuid() if hasattr(os, "getuid") else None
    if uid is not None and info.st_uid != uid:
        raise DataFileError(
            f"The lock file {lock} belongs to another user (uid {info.st_uid}; was infoview-tui run with "
            f"sudo?). {remove}"
        )


class WriterLock:
    """Refuses a second writer on the same data file, across processes."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        try:
            ensure_folder(self.path.parent)
        except OSError as exc:
            raise DataFileError(f"Cannot create the folder {self.path.parent}: {exc.strerror}.") from None
        self._lock = filelock.FileLock(str(self.path), timeout=0, mode=FILE_MODE)

    def acquire(self) -> None:
        check_lock_path(self.path)
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise StoreLockedError(
                f"{self.path.with_suffix('')} is already open in another infoview-tui. Close that one first "
                "(read-only commands like 'export' still work)."
            ) from None
        except OSError as exc:
            raise DataFileError(
                f"Cannot create the lock file {self.path}: {exc.strerror}. The folder {self.path.parent} "
                "must be writable by you (is it read-only?)."
            ) from None

    def release(self) -> None:
        self._lock.release()
