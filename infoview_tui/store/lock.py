"""Provides the single-writer lock: a `.lock` file beside the data file, held while the app runs.

The lock is taken on the data file's resolved path, so every name for the file (a symlink, the target) shares
one lock. A lock path that is a folder, a symlink or another user's file is refused with a message before
anything is opened: a symlinked lock could make the lock library truncate whatever it points to.

On POSIX the lock is one `flock` on that file (taken without waiting, released when the process ends however
it ends). `filelock` is used only where there is no `fcntl` (Windows): importing it costs ~20 ms at every
start (it pulls in logging, decimal and platform), for a call this module makes itself in a few lines.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import Protocol

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


class _Lock(Protocol):
    def acquire(self) -> bool:
        """Take the lock without waiting; False when another process (or another lock object) holds it."""
        ...

    def release(self) -> None: ...


class _FlockLock:
    """An exclusive `flock` on the lock file, held by this object's open file (POSIX)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        import fcntl

        if self._fd is not None:
            return True
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(self._path, flags, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            import fcntl

            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)


class _PortableLock:
    """`filelock` where there is no `fcntl` (Windows)."""

    def __init__(self, path: Path) -> None:
        import filelock

        self._timeout = filelock.Timeout
        self._lock = filelock.FileLock(str(path), timeout=0, mode=FILE_MODE)

    def acquire(self) -> bool:
        try:
            self._lock.acquire()
        except self._timeout:
            return False
        return True

    def release(self) -> None:
        self._lock.release()


def _has_flock() -> bool:
    try:
        import fcntl
    except ImportError:
        return False
    return hasattr(fcntl, "flock")


_NO_LOCKS = {errno.ENOLCK, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP}
"""What `flock` says on a file system that cannot lock (some network shares; macOS says ENOTSUP)."""


class WriterLock:
    """Refuses a second writer on the same data file, across processes."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        try:
            ensure_folder(self.path.parent)
        except OSError as exc:
            raise DataFileError(f"Cannot create the folder {self.path.parent}: {exc.strerror}.") from None
        self._lock: _Lock = _FlockLock(self.path) if _has_flock() else _PortableLock(self.path)
        self._made_it = False
        """This lock made its file (there was none when it was taken)."""

    def acquire(self) -> None:
        check_lock_path(self.path)
        absent = not os.path.lexists(self.path)
        try:
            taken = self._lock.acquire()
        except OSError as exc:
            if exc.errno in _NO_LOCKS:
                raise DataFileError(
                    f"The folder {self.path.parent} is on a file system without file locks, so a second "
                    "infoview-tui could not be kept from writing the same file. Keep the data file on a local "
                    "disk (--data PATH)."
                ) from None
            raise DataFileError(
                f"Cannot create the lock file {self.path}: {exc.strerror}. The folder {self.path.parent} "
                "must be writable by you (is it read-only?)."
            ) from None
        if taken:
            self._made_it = absent
        else:
            raise StoreLockedError(
                f"{self.path.with_suffix('')} is already open in another infoview-tui. Close that one first "
                "(read-only commands like 'export' still work)."
            )

    def release(self, *, discard: bool = False) -> None:
        """Let another infoview-tui take the file. With `discard` (the file was refused: it is not a data file
        this app will use) the lock file goes too, when this lock made it, so a refused path leaves nothing of
        ours beside it (it is removed while still locked; a lock file that was there before always stays)."""
        if discard and self._made_it:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self._made_it = False
        self._lock.release()
