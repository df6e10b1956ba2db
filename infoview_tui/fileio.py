"""Provides atomic, user-only file writes shared by the store, settings and exports.

A temp file in the target's folder is written, flushed and fsynced, then renamed over the target, and the
folder is fsynced: a crash leaves the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
_CHUNK = 1 << 16


def ensure_folder(folder: Path) -> None:
    """Create a folder user-only (0700) if it is missing; an existing folder is left as it is."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=DIR_MODE, exist_ok=True)
        with contextlib.suppress(OSError):
            folder.chmod(DIR_MODE)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX only)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, pieces: Iterable[str], *, fail_after_bytes: int | None = None) -> None:
    """Write the text `pieces` to `path` atomically as UTF-8, mode 0600.

    `fail_after_bytes` simulates a crash mid-write for tests: the temp file is half-written, then removed,
    and the real file is not touched.
    """
    ensure_folder(path.parent)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
        written = 0
        with os.fdopen(fd, "wb") as handle:

            def emit(buffer: list[str]) -> None:
                nonlocal written
                data = "".join(buffer).encode("utf-8")
                if fail_after_bytes is not None and written + len(data) > fail_after_bytes:
                    handle.write(data[: max(0, fail_after_bytes - written)])
                    raise OSError("simulated failure mid-write")
                handle.write(data)
                written += len(data)

            buffer: list[str] = []
            size = 0
            for piece in pieces:
                buffer.append(piece)
                size += len(piece)
                if size >= _CHUNK:
                    emit(buffer)
                    buffer, size = [], 0
            emit(buffer)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write one string atomically."""
    atomic_write(path, [text])
