"""Provides `claim_file`: the writer lock on a data file and the checks made before anything is read.

Light on purpose (no TinyDB, no records): the app claims its file before its first frame and builds the store
on the loading thread (`store.deferred`). `Store.open` claims the same way.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from infoview_tui.fileio import probe_writable
from infoview_tui.store.errors import DataFileError
from infoview_tui.store.folder import secure_data_folder
from infoview_tui.store.lock import WriterLock

__all__ = ["Claim", "backup_dir", "claim_file", "remove_stale_temp_files"]


@dataclass(frozen=True, slots=True)
class Claim:
    """A data file this process may write (it holds `lock`), or read only (no lock)."""

    path: Path
    """The file's real path: a symlink is resolved once, so writes, backups and the lock follow its target."""
    read_only: bool
    lock: WriterLock | None
    notices: tuple[str, ...] = ()
    """What the user should hear once about the file's folder (`folder.secure_data_folder`)."""

    def release(self) -> None:
        """Let the lock go (a store built on the claim releases it when it closes)."""
        if self.lock is not None:
            self.lock.release()


def claim_file(path: Path, *, read_only: bool = False) -> Claim:
    """Take the writer lock on `path` (unless `read_only`), make sure its folder can be written in and is
    private, and remove the temp files a killed writer left. Nothing is read.

    Raises StoreLockedError when another program holds the lock, DataFileError when the folder is read-only;
    the lock is released again then.
    """
    path = Path(os.path.realpath(Path(os.path.expanduser(path)).absolute()))
    if read_only:
        return Claim(path, True, None)
    lock = WriterLock(path)
    lock.acquire()
    try:
        try:
            probe_writable(path.parent)
        except OSError as exc:
            raise DataFileError(
                f"{path.parent} is read-only for you ({exc.strerror}), so nothing could be saved to "
                f"{path.name}. Make it writable, or choose a file elsewhere with --data PATH."
            ) from None
        notice = secure_data_folder(path, default_folder=_default_folder)
        remove_stale_temp_files(path)
    except BaseException:
        lock.release()
        raise
    return Claim(path, False, lock, (notice,) if notice else ())


def backup_dir(path: Path) -> Path:
    """Where backups of a data file go."""
    return path.parent / "backups"


def remove_stale_temp_files(path: Path) -> None:
    """Delete temp files a killed writer left beside the data file or in backups/ (call holding the lock)."""
    for folder, pattern in (
        (path.parent, f".{path.name}.*.tmp"),
        (path.parent, ".infoview-probe-*.tmp"),
        (backup_dir(path), f".{path.stem}-*{path.suffix}.*.tmp"),
        (backup_dir(path), f"..{path.stem}-prepared{path.suffix}.pending.tmp.*.tmp"),
        (path.parent, f".{path.stem}.conflict-*{path.suffix}.*.tmp"),
    ):
        with contextlib.suppress(OSError):
            for stale in folder.glob(pattern):
                with contextlib.suppress(OSError):
                    stale.unlink()


def _default_folder() -> Path | None:
    """The default data folder (created by the app, so tightening it is always right)."""
    try:
        from infoview_tui.config import default_data_path

        return Path(os.path.realpath(default_data_path().parent))
    except Exception:
        return None
