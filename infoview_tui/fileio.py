"""Provides atomic, user-only file writes shared by the store, settings and exports.

A temp file in the target's folder is written, flushed and fsynced, then renamed over the target, and the
folder is fsynced: a crash leaves the old file or the new one, never a mix. The same holds for copies
(`atomic_copy`, used for backups), which can also be checked before they take their final name.

Every byte goes through `_write_chunk`, so tests can simulate a full disk or a kill at any byte.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Protocol

from msgspec import Struct

FILE_MODE = 0o600
DIR_MODE = 0o700
_CHUNK = 1 << 16


class Hasher(Protocol):
    """What `hashlib` objects offer and the writers use."""

    def update(self, data: bytes, /) -> None: ...


try:  # Python's own BLAKE2: `import hashlib` loads OpenSSL first (4-17 ms of every start), never used for it
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - a Python built without its BLAKE2 module
    from hashlib import blake2b as _blake2b


def content_digest() -> _blake2b:
    """A new hasher for the data file's fingerprint (16-byte BLAKE2b): the store and the Dashboard's snapshot
    must agree on it, so both take it from here."""
    return _blake2b(digest_size=16)


class FileStamp(Struct, frozen=True):
    """Who a file is on disk: device, inode, size and modification time. Any writer that replaces or
    rewrites the file changes at least one of them."""

    dev: int
    ino: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, info: os.stat_result) -> FileStamp:
        return cls(info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)


def file_stamp(path: Path) -> FileStamp | None:
    """The stamp of `path` now (following a symlink), or None when there is no file."""
    try:
        return FileStamp.of(os.stat(path))
    except FileNotFoundError:
        return None


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


def _write_chunk(handle: IO[bytes], data: bytes) -> None:
    """Write one chunk to a temp file (tests replace this to simulate ENOSPC or a kill mid-write)."""
    handle.write(data)


def _utf8_chunks(pieces: Iterable[str]) -> Iterator[bytes]:
    """Join text pieces into UTF-8 chunks of about 64 KiB."""
    buffer: list[str] = []
    size = 0
    for piece in pieces:
        buffer.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    yield "".join(buffer).encode("utf-8")


def atomic_write_bytes(
    path: Path,
    chunks: Iterable[bytes],
    *,
    fail_after_bytes: int | None = None,
    digest: Hasher | None = None,
    verify: Callable[[Path], None] | None = None,
) -> os.stat_result:
    """Write `chunks` to `path` atomically, mode 0600; returns the new file's stat.

    `digest` is fed every byte written (a content fingerprint at no extra read). `verify(temp_path)` runs
    after the data is on disk and before the rename; if it raises, the temp file is removed and the target
    is not touched. `fail_after_bytes` simulates a crash mid-write for tests: the temp file is half-written,
    then removed, and the real file is not touched.
    """
    ensure_folder(path.parent)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, FILE_MODE)
        written = 0
        with os.fdopen(fd, "wb") as handle:
            for data in chunks:
                if fail_after_bytes is not None and written + len(data) > fail_after_bytes:
                    _write_chunk(handle, data[: max(0, fail_after_bytes - written)])
                    raise OSError("simulated failure mid-write")
                _write_chunk(handle, data)
                if digest is not None:
                    digest.update(data)
                written += len(data)
            handle.flush()
            os.fsync(handle.fileno())
            if verify is not None:
                verify(tmp)
            if os.name == "posix":
                # Rename while the file is still open, then read its stat from the descriptor: the stamp
                # is the file we wrote even if another program replaces the path a moment later.
                os.replace(tmp, path)
                info = os.fstat(handle.fileno())
        if os.name != "posix":  # pragma: no cover - Windows cannot rename an open file
            os.replace(tmp, path)
            info = os.stat(path)
        fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return info


def atomic_write(
    path: Path,
    pieces: Iterable[str],
    *,
    fail_after_bytes: int | None = None,
    digest: Hasher | None = None,
) -> os.stat_result:
    """Write the text `pieces` to `path` atomically as UTF-8, mode 0600; returns the new file's stat."""
    return atomic_write_bytes(path, _utf8_chunks(pieces), fail_after_bytes=fail_after_bytes, digest=digest)


def atomic_write_text(path: Path, text: str) -> None:
    """Write one string atomically."""
    atomic_write(path, [text])


def read_chunks(handle: IO[bytes]) -> Iterator[bytes]:
    """An open file's bytes in 64 KiB chunks."""
    while True:
        data = handle.read(_CHUNK)
        if not data:
            return
        yield data


def atomic_copy(
    source: Path,
    target: Path,
    *,
    digest: Hasher | None = None,
    verify: Callable[[Path, os.stat_result, os.stat_result], None] | None = None,
) -> os.stat_result:
    """Copy `source` to `target` the way `atomic_write_bytes` writes: temp file, fsync, rename, 0600.

    A kill or a full disk mid-copy leaves no file under `target`'s name. `verify(temp, before, after)` gets
    the source's stat from before and after the copy and raises to refuse a copy (see `make_backup`).
    """
    with open(source, "rb") as handle:
        before = os.fstat(handle.fileno())

        def check(tmp: Path) -> None:
            if verify is not None:
                verify(tmp, before, os.fstat(handle.fileno()))

        return atomic_write_bytes(target, read_chunks(handle), digest=digest, verify=check)


def is_private_mode(mode: int) -> bool:
    """True when neither the group nor others may write (what a data folder should be)."""
    return not mode & (stat.S_IWGRP | stat.S_IWOTH)


def probe_writable(folder: Path) -> None:
    """Raise OSError unless a file can be created in `folder` (works for root and read-only mounts alike)."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=".infoview-probe-", suffix=".tmp")
    os.close(fd)
    os.unlink(name)
