"""Provides durable file I/O for the data file: loading with checks, atomic writes, backups and the writer.

TinyDB's own JSONStorage rewrites the file in place, so a crash can leave broken JSON. Here the data lives in
memory; each change hands a snapshot to a background thread that serializes it document by document (so the
UI thread is never held for long), writes a temp file in the same folder, fsyncs it, renames it over the data
file and fsyncs the folder. A crash at any moment leaves the old file or the new one, never a broken one.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from infoview_tui.fileio import DIR_MODE, FILE_MODE, atomic_write, ensure_folder
from infoview_tui.store.errors import DataFileError

__all__ = ["DIR_MODE", "FILE_MODE", "AtomicStorage", "ensure_folder", "make_backup", "read_tables", "write_atomic"]

Tables = dict[str, dict[str, Any]]
BACKUPS_KEPT = 10


def backup_dir(path: Path) -> Path:
    """Where backups of a data file go."""
    return path.parent / "backups"


def newest_backup(path: Path) -> Path | None:
    """The most recent backup of `path`, if any."""
    folder = backup_dir(path)
    try:
        found = sorted(folder.glob(f"{path.stem}-*{path.suffix}"))
    except OSError:
        return None
    return found[-1] if found else None


def _backup_hint(path: Path) -> str:
    newest = newest_backup(path)
    return f" The newest backup is {newest}." if newest else " There is no backup yet."


def read_tables(path: Path) -> Tables | None:
    """Read and check a data file; None when it does not exist. Raises DataFileError, never touches the file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DataFileError(f"{path} is a folder, not a data file. Use --data to name a file.") from None
    except OSError as exc:
        raise DataFileError(f"Cannot read {path}: {exc.strerror}. Check its permissions.") from None
    if not raw.strip():
        raise DataFileError(
            f"{path} is empty, so it is not being used.{_backup_hint(path)} "
            "Restore a backup, or delete the empty file to start fresh."
        )
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise DataFileError(f"{path} is not a text file; it was left untouched.{_backup_hint(path)}") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"{path} is damaged (not valid JSON at line {exc.lineno}, column {exc.colno}); it was left "
            f"untouched.{_backup_hint(path)} Copy that backup over it to restore."
        ) from None
    if not isinstance(data, dict) or not all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values()) for t in data.values()
    ):
        raise DataFileError(f"{path} is JSON but not an infoview-tui data file; it was left untouched.")
    return data


class FragmentCache:
    """Serialized documents kept between writes, so a save only re-serializes what changed.

    Documents are never mutated in place by the store (every change replaces the document object), so a
    document's identity says whether its cached text is current. Used by the writer thread only.
    """

    def __init__(self) -> None:
        self._texts: dict[int, tuple[object, str]] = {}
        self._seen: dict[int, tuple[object, str]] = {}

    def text(self, doc: Any) -> str:
        key = id(doc)
        hit = self._texts.get(key)
        if hit is None or hit[0] is not doc:
            hit = (doc, json.dumps(doc, ensure_ascii=False))
        self._seen[key] = hit
        return hit[1]

    def finish(self) -> None:
        """Forget documents that were not part of the last write."""
        self._texts, self._seen = self._seen, {}


def _chunks(tables: Tables, cache: FragmentCache | None = None) -> Iterator[str]:
    """The file's text in pieces, one document per line; each `dumps` call is short, so other threads run."""
    dump = cache.text if cache is not None else (lambda doc: json.dumps(doc, ensure_ascii=False))
    yield "{"
    first_table = True
    for name, table in tables.items():
        yield ("\n" if first_table else ",\n") + json.dumps(name) + ": {"
        first_table = False
        first_doc = True
        for doc_id, doc in table.items():
            yield ("\n  " if first_doc else ",\n  ") + json.dumps(str(doc_id)) + ": " + dump(doc)
            first_doc = False
        yield "\n}" if not first_doc else "}"
    yield "\n}\n"
    if cache is not None:
        cache.finish()


def write_atomic(
    path: Path, tables: Tables, *, fail_after_bytes: int | None = None, cache: FragmentCache | None = None
) -> None:
    """Write `tables` to `path` atomically (see `fileio.atomic_write`), one document per line."""
    atomic_write(path, _chunks(tables, cache), fail_after_bytes=fail_after_bytes)


def remove_stale_temp_files(path: Path) -> None:
    """Delete temp files a killed writer left beside the data file (call only while holding the lock)."""
    with contextlib.suppress(OSError):
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()


def make_backup(path: Path, now: datetime) -> Path | None:
    """Copy the data file into backups/ and keep the newest BACKUPS_KEPT copies."""
    if not path.exists():
        return None
    folder = backup_dir(path)
    ensure_folder(folder)
    target = folder / f"{path.stem}-{now:%Y%m%d-%H%M%S-%f}{path.suffix}"
    shutil.copyfile(path, target)
    with contextlib.suppress(OSError):
        target.chmod(FILE_MODE)
    backups = sorted(folder.glob(f"{path.stem}-*{path.suffix}"))
    for old in backups[:-BACKUPS_KEPT]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


class AtomicStorage(Storage):
    """A TinyDB storage that serves reads from memory and writes whole files atomically in the background.

    `write()` only takes a shallow snapshot and wakes the writer thread, so saving never blocks the caller
    on disk. `flush()` waits until everything handed over is on disk.
    """

    def __init__(
        self,
        path: Path,
        tables: Tables,
        *,
        read_only: bool = False,
        on_error: Callable[[BaseException], None] | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.path = path
        self._data = tables
        self._read_only = read_only
        self._on_error = on_error
        self._clock = clock
        self._cond = threading.Condition()
        self._pending: Tables | None = None
        self._generation = 0
        self._written_generation = 0
        self._closed = False
        self._backed_up = False
        self.last_error: BaseException | None = None
        self._failed_attempts = 0
        self._fragments = FragmentCache()
        self._prime_requested = False
        self._primed = threading.Event()
        self._retry_now = False
        self.last_write_seconds: float = 0.0
        self._thread: threading.Thread | None = None

    def replace_data(self, tables: Tables) -> None:
        """Set what was read from disk (before any write of this run)."""
        self._data = tables

    # TinyDB's interface ------------------------------------------------------------------------------
    def read(self) -> Tables:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._read_only:
            raise DataFileError("This data file was opened read-only.")
        self._data = data
        snapshot = {name: dict(table) for name, table in data.items()}
        with self._cond:
            if self._closed:
                raise DataFileError("The data file is closed.")
            self._pending = snapshot
            self._generation += 1
            self._start_writer()
            self._cond.notify_all()

    def close(self) -> None:
        """Write what is pending (one last try after an error) and stop the writer."""
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join(timeout=10)

    # Our additions ---------------------------------------------------------------------------------
    @property
    def generation(self) -> int:
        """How many changes were handed over so far."""
        return self._generation

    @property
    def dirty(self) -> bool:
        """True while some change is not yet on disk."""
        with self._cond:
            return self._written_generation < self._generation

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every change handed over is on disk; False if that did not happen in time.

        After a failed save this asks the writer to try again at once and reports how that attempt went.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            attempts_at_start = self._failed_attempts
            if self.last_error is not None:
                self._retry_now = True
                self._cond.notify_all()
            while self._written_generation < self._generation:
                if self._failed_attempts > attempts_at_start or (self.last_error is not None and self._thread is None):
                    return False
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining if remaining is not None else 1.0)
            return True

    def prime(self) -> None:
        """Serialize every document once in the background, so the first save of a run is as fast as later ones."""
        if self._read_only:
            return
        with self._cond:
            if self._closed:
                return
            self._prime_requested = True
            self._start_writer()
            self._cond.notify_all()

    @property
    def primed(self) -> bool:
        return self._primed.is_set()

    def _start_writer(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="infoview-writer", daemon=True)
            self._thread.start()

    def _prime(self) -> None:
        for _name, table in list(self._data.items()):
            for count, doc in enumerate(list(table.values())):
                if count % 256 == 0 and (self._closed or self._pending is not None):
                    return  # quitting, or a real save is waiting: that one matters more
                self._fragments.text(doc)
        self._fragments.finish()
        self._primed.set()

    def _run(self) -> None:
        retry_delay = 0.5
        while True:
            with self._cond:
                while self._pending is None and not self._closed and not self._prime_requested:
                    self._cond.wait()
                if self._pending is None and self._closed:
                    self._thread = None
                    return
                prime = self._prime_requested and self._pending is None
                self._prime_requested = False
                snapshot, generation = self._pending, self._generation
                self._pending = None
            if prime:
                self._prime()
                continue
            assert snapshot is not None
            started = time.perf_counter()
            try:
                if not self._backed_up:
                    make_backup(self.path, self._clock())
                    self._backed_up = True
                write_atomic(self.path, snapshot, cache=self._fragments)
            except BaseException as exc:  # noqa: BLE001 - any failure must keep the data and be reported
                with self._cond:
                    first = self.last_error is None or str(self.last_error) != str(exc)
                    self.last_error = exc
                    self._failed_attempts += 1
                    if self._pending is None:
                        self._pending = snapshot
                    self._cond.notify_all()
                    closed = self._closed
                if first and self._on_error is not None:
                    self._on_error(exc)
                if closed:
                    with self._cond:
                        self._thread = None
                    return
                with self._cond:
                    if not self._retry_now:
                        self._cond.wait(retry_delay)
                    self._retry_now = False
                retry_delay = min(retry_delay * 2, 5.0)
                continue
            retry_delay = 0.5
            with self._cond:
                self.last_write_seconds = time.perf_counter() - started
                self.last_error = None
                self._written_generation = max(self._written_generation, generation)
                self._cond.notify_all()
