"""Provides durable file I/O for the data file: checked reads, atomic writes, trusted backups, the writer,
and detection and merging of changes made to the file by someone else.

TinyDB's own JSONStorage rewrites the file in place, so a crash can leave broken JSON. Here the data lives in
memory; each change hands a snapshot to a background thread that serializes it document by document (so the
UI thread is never held for long), writes a temp file in the same folder, fsyncs it, renames it over the data
file and fsyncs the folder. A crash at any moment leaves the old file or the new one, never a broken one.

The data is held once: the tables may hold the store's decoded records instead of documents (`encode` turns
them back), a file in the writer's own layout (one document per line) is read a line at a time and each
document handed over as it is read, and a save copies the bytes of unchanged documents from the file it
last read or wrote (`Layout`, checked by the file's stamp) instead of keeping their text in memory.

Before each write the writer checks that the file is still the one it last read or wrote (a `stat` compared
with the stamp it kept: the common path costs nothing more). If another program replaced or rewrote it (a
sync tool delivering another machine's edits, an editor), the writer reads it, merges it record by record
with the app's data (`merge.py`, with the last shared state as the base), writes the result and tells the
app, which takes the merged data on its own thread (`adopt`). A copy that cannot be merged is saved whole
beside the data file as `<name>.conflict-<time>.json`. Until the app has taken a merge, every write merges
again, so nothing the other copy brought can be dropped by a save made in between.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shlex
import socket
import stat
import sys
import threading
import time
import typing
from array import array
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from msgspec import Struct
from tinydb.storages import Storage

from infoview_tui.domain.safe_text import without_lone_surrogates
from infoview_tui.fileio import (
    DIR_MODE,
    FILE_MODE,
    FileStamp,
    atomic_copy,
    atomic_write_bytes,
    content_digest,
    ensure_folder,
    file_stamp,
    fsync_dir,
)
from infoview_tui.store.errors import DataFileError, UnusableData
from infoview_tui.store.merge import MergeReport, merge_tables

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "AtomicStorage",
    "DiskState",
    "OutsideChange",
    "base_path",
    "ensure_folder",
    "make_backup",
    "newest_backup",
    "read_data_file",
    "read_tables",
    "save_conflict_copy",
    "write_atomic",
    "write_base",
]

Tables = dict[str, dict[str, Any]]
BACKUPS_KEPT = 10


class DiskState(Struct, frozen=True):
    """The data file as this process last read or wrote it: its stamp and a fingerprint of its bytes."""

    stamp: FileStamp
    digest: bytes


class LoadedFile(Struct, frozen=True):
    """A data file read from disk: the tables, and the state they were read in."""

    tables: Tables
    disk: DiskState
    layout: Layout | None = None
    """Where each document sits in the file, when it was read in this writer's layout (the first save
    copies unchanged documents from it)."""


class OutsideChange(Struct, frozen=True):
    """What the writer found when the data file had been changed by another program, and what it did."""

    message: str
    """One paragraph for the user: what happened, that nothing was lost, and where any set-aside copy is."""
    conflict_copy: Path | None = None
    """The other copy, saved whole beside the data file, when something of it could not be merged in."""
    severity: Literal["information", "warning", "error"] = "information"
    """`information`, `warning` or `error`, as Textual's notify takes it."""


# Reading --------------------------------------------------------------------------------------------------


def backup_dir(path: Path) -> Path:
    """Where backups of a data file go."""
    return path.parent / "backups"


def _backup_files(path: Path) -> list[Path]:
    """Every file under a backup name for `path`, oldest first (the names sort by time)."""
    try:
        return sorted(backup_dir(path).glob(f"{path.stem}-*{path.suffix}"))
    except OSError:
        return []


def is_good_backup(candidate: Path) -> bool:
    """A backup counts only if it is a complete data file of ours (older versions left partial ones)."""
    try:
        return read_tables(candidate, hint=False) is not None
    except DataFileError:
        return False


def _looks_whole(candidate: Path) -> bool:
    """A cheap check, no parse: user-only, not empty, starts with `{` and ends with `}`.

    Older versions copied to the final name and chmodded afterwards, so a copy they left half-done (killed,
    or a full disk) is not 0600; backups made now are checked before they get their name.
    """
    try:
        with open(candidate, "rb") as handle:
            info = os.fstat(handle.fileno())
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
            handle.seek(max(0, info.st_size - 64))
            tail = handle.read().rstrip()
    except OSError:
        return False
    private = os.name != "posix" or not info.st_mode & 0o077
    return private and head.startswith(b"{") and tail.endswith(b"}")


def newest_backup(path: Path, *, thorough: bool = True) -> Path | None:
    """The most recent backup of `path` that is a good data file, if any (bad ones are skipped).

    `thorough=False` only checks that a backup looks whole (no parse): for messages shown while the app runs,
    where parsing a large file would stall it. Backups made by this version were parsed or proven before
    they got their name; the check is for partial ones older versions left.
    """
    check = is_good_backup if thorough else _looks_whole
    for candidate in reversed(_backup_files(path)):
        if check(candidate):
            return candidate
    return None


def _duplicate_finder(found: dict[int, list[str]]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """json's object_pairs_hook: build the object, and remember in `found` the keys that occur twice in it.

    One Python call per JSON object (a file of 10,000 contacts has ~70,000), so the common case is kept to
    `dict` and a length check.
    """

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) != len(pairs):
            seen: set[str] = set()
            twice: set[str] = set()
            for key, _value in pairs:
                (twice if key in seen else seen).add(key)
            found[id(obj)] = sorted(twice, key=_id_order)
        return obj

    return hook


def _id_order(key: str) -> tuple[int, str]:
    return (int(key), "") if key.isdigit() else (1 << 62, key)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE_ESCAPE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F]"
)
"""A JSON escape of half a UTF-16 surrogate pair without its other half (`\\ud800` alone). A whole pair
(`\\ud83d\\ude00`, an emoji from a program that escapes everything) is one character and does not match: a
file holding one would otherwise be rebuilt whole at every reading (2.2x slower at 50,000 contacts). An escaped
backslash before `u` (the text `\\ud800`) may match: that costs a walk that changes nothing."""


def _as_text(value: Any) -> Any:
    """A parsed JSON value with every lone surrogate in its strings (keys too) as U+FFFD: one would make
    every later save of the file fail, and packing a call note refuse it."""
    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, dict):
        return {_as_text(k): _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return value


def _may_hold_surrogates(text: str) -> bool:
    """Whether JSON `text` may decode to a string holding a lone surrogate. Almost never: a line without a
    backslash is passed over in ~55 ns (a search for the two characters took ~460 ns a line, 3-6% of reading
    a file at 50,000 contacts), and only a surrogate's escape is then looked at closely."""
    return (
        "\\" in text
        and _SURROGATE_ESCAPE.search(text) is not None
        and _LONE_SURROGATE_ESCAPE.search(text) is not None
    )


def parse_tables(raw: bytes | str) -> Tables:
    """Parse and check a data file's bytes (or its text, already decoded from UTF-8); raises UnusableData
    saying why they cannot be used.

    A UTF-8 byte order mark (Notepad) is accepted; a document id that occurs twice in a table, JSON nested
    too deeply to be ours and anything that is not `{table: {id: {document}}}` are refused.
    """
    if isinstance(raw, str):
        text = raw.removeprefix("\ufeff")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnusableData("binary", "it is not a text file") from None
    if not text.strip():
        raise UnusableData("empty", "it is empty")
    duplicates: dict[int, list[str]] = {}
    try:
        data = json.loads(text, object_pairs_hook=_duplicate_finder(duplicates))
    except json.JSONDecodeError as exc:
        where = f"not valid JSON at line {exc.lineno}, column {exc.colno}"
        raise UnusableData("damaged", where, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise UnusableData("nested", "it is nested too deeply to be a data file") from None
    if not isinstance(data, dict) or not all(
        isinstance(t, dict) and all(isinstance(d, dict) for d in t.values()) for t in data.values()
    ):
        raise UnusableData("foreign", "it is JSON but not an infoview-tui data file")
    if duplicates:
        named = [f"{name}: {', '.join(duplicates[id(t)])}" for name, t in data.items() if id(t) in duplicates]
        if named:
            raise UnusableData("duplicates", f"the same record id occurs twice ({'; '.join(named)})")
        raise UnusableData("duplicates", "a record has the same field twice")
    return typing.cast(Tables, _as_text(data)) if _may_hold_surrogates(text) else data


Loader = Callable[[str, str, Any], Any]
"""Given a table's name, a document's key and the document, what the table keeps for it (a decoded record)."""


class _NotOurLayout(Exception):
    """The file is not laid out the way this writer lays it out (one document per line): parse it whole."""


def _text_lines(handle: Any, digest: Any) -> Iterator[tuple[str, int]]:
    """The file's lines (without their newline) with each one's length in bytes, read a block at a time;
    every byte read goes into `digest`. A last line without a newline, or bytes that are not UTF-8, raise
    _NotOurLayout."""
    carry = b""
    while block := handle.read(_CHUNK):  # small blocks: their lines are short-lived among the records
        digest.update(block)
        data = carry + block if carry else block
        cut = data.rfind(b"\n") + 1
        carry = data[cut:]
        try:
            text = data[:cut].decode("utf-8")
        except UnicodeDecodeError:
            raise _NotOurLayout from None
        for line in text.split("\n")[:-1]:
            yield line, (len(line) if line.isascii() else len(line.encode("utf-8"))) + 1
    if carry:
        raise _NotOurLayout


def _layout_lines(handle: Any, digest: Any, load: Loader | None, layout: Layout) -> Tables:
    """Parse a file this writer wrote, a line at a time, so neither its whole text nor every document is
    ever alive at once: each document is handed to `load` as it is read (the store decodes it into its
    record and keeps only that), which keeps the load's peak memory near what is kept. Where each
    document sits goes into `layout`.

    Accepts exactly the layout `_pieces` writes (valid JSON of the data file's shape, so the result is what
    a whole parse gives); anything else, a duplicate or a damaged line raises _NotOurLayout, and the caller
    parses the file whole (which says what is wrong with it).
    """
    found: dict[int, list[str]] = {}
    decode = json.JSONDecoder(object_pairs_hook=_duplicate_finder(found)).raw_decode
    tables: Tables = {}
    lines = _text_lines(handle, digest)
    at = [0, 0]  # where the current line starts, where the next one does

    def next_line() -> str:
        line, size = next(lines, ("", 0))
        if not size:
            raise _NotOurLayout
        at[0] = at[1]
        at[1] += size
        return line

    if next_line() != "{":
        raise _NotOurLayout
    line = next_line()
    while line != "}":  # a table: `"name": {` and its documents, or `"name": {}`
        more = line.endswith(",")
        head = line[:-1] if more else line
        empty = head.endswith(": {}")
        if not empty and (more or not head.endswith(": {")):
            raise _NotOurLayout
        try:
            name, end = decode(head)
        except ValueError:
            raise _NotOurLayout from None
        if not isinstance(name, str) or end != len(head) - (4 if empty else 3) or name in tables:
            raise _NotOurLayout
        table: dict[str, Any] = {}
        tables[name] = table
        offsets = array("q")
        layout.tables[name] = (table, offsets)
        if not empty:  # `"key": {document},` lines, the last without its comma, then `}` or `},`
            last = False
            while not last:
                line = next_line()
                if not line.startswith('  "'):
                    raise _NotOurLayout
                last = not line.endswith(",")
                stop = len(line) - (0 if last else 1)
                try:
                    key, end = decode(line, 2)
                    if line[end : end + 2] != ": ":
                        raise _NotOurLayout
                    doc, end = decode(line, end + 2)
                except (ValueError, RecursionError):
                    raise _NotOurLayout from None
                if end != stop or found or key in table or not isinstance(doc, dict):
                    raise _NotOurLayout
                if _may_hold_surrogates(line):
                    doc = _as_text(doc)
                # One string per id: a record's key is its id, and other records refer to it by that id (the
                # codec shares the references the same way); ~0.9 MiB at 10,000 contacts.
                key = sys.intern(key)
                table[key] = doc if load is None else load(name, key, doc)
                offsets.append(at[0] + 2)
                offsets.append(at[1] - (1 if last else 2))
            line = next_line()
            more = line == "},"
            if not more and line != "}":
                raise _NotOurLayout
        line = next_line()
        if (line == "}") == more:  # after a comma another table, without one the end
            raise _NotOurLayout
    if next(lines, None) is not None:
        raise _NotOurLayout
    return tables


def read_data_file(path: Path, load: Loader | None = None) -> LoadedFile | None:
    """Read and check a data file with the state it was read in; None when it does not exist.

    `load` is given each document as it is read and returns what its table keeps (see `_layout_lines`:
    the file is read line by line when it has this writer's layout, so the raw documents are never all
    alive at once; otherwise it is parsed whole and `load` is not used).
    Raises DataFileError (naming the newest good backup); never touches the file.
    """
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            digest = content_digest()
            layout = Layout()
            try:
                tables = _layout_lines(handle, digest, load, layout)
            except _NotOurLayout:
                handle.seek(0)
                raw = handle.read()
            else:
                layout.stamp = FileStamp.of(info)
                return LoadedFile(tables, DiskState(layout.stamp, digest.digest()), layout)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DataFileError(f"{path} is a folder, not a data file. Use --data to name a file.") from None
    except OSError as exc:
        raise DataFileError(f"Cannot read {path}: {exc.strerror}. {_read_hint(exc)}") from None
    digest = content_digest()
    digest.update(raw)
    disk = DiskState(FileStamp.of(info), digest.digest())
    # The bytes are let go before parsing, so they are not alive beside the text and the parsed tables at
    # the load's peak (the size of the file less to its peak memory).
    contents: bytes | str = raw
    with contextlib.suppress(UnicodeDecodeError):  # parse_tables says it is not a text file
        contents = raw.decode("utf-8-sig")
    del raw
    return LoadedFile(_checked(path, contents), disk)


def made_read_only(path: Path) -> int | None:
    """The data file's permission bits when nobody may write it (chmod 0444: a choice a save must not undo by
    putting a new, writable file in its place); None otherwise, or when it is not a file that can be read.
    Root may write such a file anyway, so the bits are what is read, not what the system allows."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # a new file, or one the read or the save itself reports on
    return stat.S_IMODE(mode) if stat.S_ISREG(mode) and not mode & 0o222 else None


def _refuse_if_made_read_only(path: Path) -> None:
    """PermissionError when the data file was made read-only since it was opened: the save is retried, so it
    goes through once the file is writable again; what was typed stays in memory meanwhile."""
    mode = made_read_only(path)
    if mode is not None:
        raise PermissionError(
            errno.EACCES,
            f"it was made read-only (mode {mode:04o}); chmod u+w {shlex.quote(str(path))} to let the app save",
        )


def _read_hint(exc: OSError) -> str:
    """What to do about a file that cannot be read, by what went wrong (a loop of links is not a permission)."""
    if exc.errno == errno.ELOOP:
        return "It is a symbolic link that leads back to itself: point it at the data file, or use --data with the file's own path."
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "Check its permissions."
    return "Check the disk, or use --data with another file."


def read_tables(path: Path, *, hint: bool = True) -> Tables | None:
    """Read and check a data file; None when it does not exist. Raises DataFileError; never touches it.

    `hint=False` leaves the newest good backup out of the message (used when checking backups themselves).
    """
    if not hint:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DataFileError(f"Cannot read {path}: {exc.strerror}.") from None
        return _checked(path, raw, hint=False)
    loaded = read_data_file(path)
    return None if loaded is None else loaded.tables


def _checked(path: Path, raw: bytes | str, *, hint: bool = True) -> Tables:
    """`parse_tables`, its refusal turned into the message a user sees (naming the newest good backup)."""
    try:
        return parse_tables(raw)
    except UnusableData as exc:
        newest = newest_backup(path) if hint else None
        backup = (
            f" The newest good backup is {newest}." if newest else " There is no backup yet." if hint else ""
        )
        if exc.kind == "empty":
            restore = "Restore that backup, or delete" if newest else "Delete"
            message = (
                f"{path} is empty, so it is not being used.{backup} {restore} the empty file to start fresh."
            )
        elif exc.kind == "binary":
            message = f"{path} is not a text file; it was left untouched.{backup}"
        elif exc.kind == "damaged":
            message = (
                f"{path} is damaged (not valid JSON at line {exc.line}, column {exc.column}); it was left "
                f"untouched.{backup}" + (" Copy that backup over it to restore." if newest else "")
            )
        elif exc.kind == "foreign":
            message = f"{path} is JSON but not an infoview-tui data file; it was left untouched."
        else:
            message = f"{path} cannot be used: {exc.reason}; it was left untouched.{backup}"
        raise DataFileError(message) from None


# Writing --------------------------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A stored value as its plain JSON document: the default for storages whose tables hold documents."""
    return value


class Layout:
    """Where each document sits in a data file this process wrote (or read in this writer's layout): per
    table, the table as written and each document's byte range, with the file's stamp.

    The next save copies the bytes of every document that is still the same object from that file (while
    the file still has that stamp) and serializes only the rest, so no text of the documents is kept in
    memory between saves and a save of one changed note serializes one document. Stored values are never
    changed in place (every change replaces the object), so identity says a document is unchanged.
    """

    def __init__(self) -> None:
        self.tables: dict[str, tuple[dict[str, Any], array[int]]] = {}
        """Per table: the table as written, and for its n-th document `[2n]` where its `"key": ` starts
        and `[2n + 1]` where its JSON ends."""
        self.stamp: FileStamp | None = None


class Fingerprint:
    """Fed every byte a write puts out (the data file's content fingerprint), and started over when the
    write is."""

    def __init__(self) -> None:
        self._hasher = content_digest()

    def update(self, data: bytes, /) -> None:
        self._hasher.update(data)

    def restart(self) -> None:
        self._hasher = content_digest()

    def digest(self) -> bytes:
        return bytes(self._hasher.digest())


class _SpliceFailed(Exception):
    """The file a save copies unchanged documents from changed under it: write without copying."""


_ABSENT = object()
_COPY = 1 << 20
"""Bytes read at a time when copying unchanged documents from the previous file."""


def _pieces(
    tables: Tables, encode: Callable[[Any], Any], layout: Layout, previous: Layout | None, source: int | None
) -> Iterator[bytes]:
    """The file's bytes in chunks of about 64 KiB, one document per line, filling `layout` as it goes.

    Runs of documents unchanged since `previous` (and in the same order) are copied from `source`, the file
    it describes; every other document is serialized (each `dumps` is short, so other threads run).
    """
    buf = bytearray(b"{")
    done = 0  # bytes yielded before `buf`
    for number, (name, table) in enumerate(tables.items()):
        buf += (b"\n" if number == 0 else b",\n") + json.dumps(name).encode() + b": {"
        old_table, old_at = (
            previous.tables.get(name, ({}, array("q")))
            if previous is not None and source is not None
            else ({}, None)
        )
        index: dict[str, int] | None = None
        offsets = array("q")
        run_from = run_to = -1  # the old documents [run_from, run_to] waiting to be copied
        first = True
        for key, value in table.items():
            at = -1
            if old_at is not None and old_table.get(key, _ABSENT) is value:
                if index is None:
                    index = {k: n for n, k in enumerate(old_table)}
                at = index[key]
                if run_from >= 0 and at == run_to + 1:
                    run_to = at  # the next document of the run: its separator is in the copied bytes
                    continue
            if run_from >= 0:
                assert old_at is not None and source is not None
                yield from _copy_run(buf, done, offsets, old_at, run_from, run_to, source)
                done += len(buf) + old_at[2 * run_to + 1] - old_at[2 * run_from]
                buf.clear()
                run_from = -1
            buf += b"\n  " if first else b",\n  "
            first = False
            if at >= 0:
                run_from = run_to = at
                continue
            line = (json.dumps(key) + ": " + json.dumps(encode(value), ensure_ascii=False)).encode("utf-8")
            begin = done + len(buf)
            offsets.append(begin)
            offsets.append(begin + len(line))
            buf += line
            if len(buf) >= _CHUNK:
                done += len(buf)
                yield bytes(buf)
                buf.clear()
        if run_from >= 0:
            assert old_at is not None and source is not None
            yield from _copy_run(buf, done, offsets, old_at, run_from, run_to, source)
            done += len(buf) + old_at[2 * run_to + 1] - old_at[2 * run_from]
            buf.clear()
        buf += b"}" if first else b"\n}"
        layout.tables[name] = (table, offsets)
    buf += b"\n}\n"
    yield bytes(buf)


def _copy_run(
    buf: bytearray, done: int, offsets: array[int], old_at: array[int], first: int, last: int, source: int
) -> Iterator[bytes]:
    """Yield `buf`, then the bytes of old documents `first`..`last` read from `source`; record where they
    land in the new file."""
    begin, end = old_at[2 * first], old_at[2 * last + 1]
    shift = done + len(buf) - begin
    offsets.extend(at + shift for at in old_at[2 * first : 2 * last + 2])
    if buf:
        yield bytes(buf)
    while begin < end:
        data = os.pread(source, min(_COPY, end - begin), begin)
        if not data:
            raise _SpliceFailed
        begin += len(data)
        yield data


_CHUNK = 64 * 1024


def write_atomic(
    path: Path,
    tables: Tables,
    *,
    fail_after_bytes: int | None = None,
    digest: Fingerprint | None = None,
    encode: Callable[[Any], Any] = plain,
    previous: Layout | None = None,
    layout: Layout | None = None,
) -> os.stat_result:
    """Write `tables` to `path` atomically (see `fileio.atomic_write_bytes`), one document per line.

    `encode` turns a stored value into its plain document (the store keeps records, not documents).
    `previous` says where the documents sit in the file at `path` now: while that file still has its stamp,
    unchanged documents are copied from it instead of serialized. `layout` is filled in for the next save.
    """
    out = layout if layout is not None else Layout()
    expected = previous.stamp if previous is not None else None
    source: int | None = None
    if expected is not None and os.name == "posix":  # Windows cannot replace a file that is open
        with contextlib.suppress(OSError):
            source = os.open(path, os.O_RDONLY)
        if source is not None and FileStamp.of(os.fstat(source)) != expected:
            os.close(source)
            source = None
    try:

        def unchanged_source(_tmp: Path) -> None:
            if source is not None and FileStamp.of(os.fstat(source)) != expected:
                raise _SpliceFailed  # rewritten in place while it was copied from

        out.tables.clear()
        try:
            info = atomic_write_bytes(
                path,
                _pieces(tables, encode, out, previous, source),
                fail_after_bytes=fail_after_bytes,
                digest=digest,
                verify=unchanged_source,
            )
        except _SpliceFailed:
            out.tables.clear()
            if digest is not None:
                digest.restart()  # the bytes of the attempt given up are not the file's
            info = atomic_write_bytes(
                path,
                _pieces(tables, encode, out, None, None),
                fail_after_bytes=fail_after_bytes,
                digest=digest,
            )
    finally:
        if source is not None:
            os.close(source)
    if isinstance(info, os.stat_result):
        out.stamp = FileStamp.of(info)
    return info


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


class BackupRefused(Exception):
    """The copy made for a backup is not a good data file (so it does not count and is not kept)."""


class PreparedBackup(Struct, frozen=True):
    """A checked, fsynced copy of the data file waiting under a temp name in backups/ for the run's first
    write, which only has to rename it (so the first save does not wait for a copy of a large file)."""

    file: Path
    stamp: FileStamp
    """The data file's stamp when it was copied: the copy is only used if the file still has it."""


def _backup_name(path: Path, now: datetime) -> Path:
    """A free backup name for `now`; the names sort by time."""
    folder = backup_dir(path)
    moment = now
    target = folder / f"{path.stem}-{moment:%Y%m%d-%H%M%S-%f}{path.suffix}"
    while target.exists():  # two backups in one microsecond (a fixed test clock): the next free name
        moment += timedelta(microseconds=1)
        target = folder / f"{path.stem}-{moment:%Y%m%d-%H%M%S-%f}{path.suffix}"
    return target


def _checked_copy(path: Path, target: Path, known: DiskState | None) -> FileStamp | None:
    """Copy `path` to `target` atomically and check it; the source's stamp, or None if not worth keeping.

    When the source's stamp is the one in `known` before and after the copy (the bytes this process read and
    checked), that is proof enough; otherwise the copy is parsed.
    """
    copied: list[FileStamp] = []

    def verify(tmp: Path, before: os.stat_result, after: os.stat_result) -> None:
        if FileStamp.of(before) != FileStamp.of(after) or tmp.stat().st_size != before.st_size:
            raise OSError(f"{path} changed while it was being backed up; trying again")
        copied.append(FileStamp.of(before))
        if known is not None and FileStamp.of(before) == known.stamp:
            return
        try:
            read_tables(tmp, hint=False)
        except DataFileError as exc:
            raise BackupRefused(str(exc)) from None

    ensure_folder(target.parent)
    try:
        atomic_copy(path, target, verify=verify)
    except BackupRefused:
        return None
    return copied[0]


def prepare_backup(path: Path, *, known: DiskState | None) -> PreparedBackup | None:
    """Copy the data file for this run's backup ahead of time (see PreparedBackup); None if there is none."""
    if not path.exists():
        return None
    hidden = backup_dir(path) / f".{path.stem}-prepared{path.suffix}.pending.tmp"
    stamp = _checked_copy(path, hidden, known)
    return None if stamp is None else PreparedBackup(hidden, stamp)


def commit_backup(prepared: PreparedBackup, path: Path, now: datetime) -> Path:
    """Give a prepared copy its backup name (an atomic rename) and rotate."""
    target = _backup_name(path, now)
    os.replace(prepared.file, target)
    fsync_dir(target.parent)
    _rotate(path)
    return target


def make_backup(path: Path, now: datetime, *, known: DiskState | None = None) -> Path | None:
    """Copy the data file into backups/ the way the data file itself is written, and keep the newest 10.

    The copy goes to a temp file (fsync, 0600) and only takes its final name once checked: when the source's
    stamp is the one in `known` before and after the copy (the bytes this process read and checked), that
    is proof enough; otherwise the copy is parsed. A copy that is not a good data file is dropped and None is
    returned (there is nothing worth keeping). A full disk or a kill mid-copy leaves no file under a backup
    name; rotation happens only after a good copy is in place, so a failure never costs a good backup.
    """
    if not path.exists():
        return None
    ensure_folder(backup_dir(path))
    target = _backup_name(path, now)
    if _checked_copy(path, target, known) is None:
        return None
    _rotate(path)
    return target


def _rotate(path: Path) -> None:
    """Keep the newest BACKUPS_KEPT backups; empty files (left by older versions on a full disk) go too."""
    backups = []
    for candidate in _backup_files(path):
        try:
            empty = candidate.stat().st_size == 0
        except OSError:
            continue
        if empty:
            with contextlib.suppress(OSError):
                candidate.unlink()
        else:
            backups.append(candidate)
    for old in backups[:-BACKUPS_KEPT]:
        with contextlib.suppress(OSError):
            old.unlink()


def conflict_copy_path(path: Path, now: datetime) -> Path:
    """A free name `<stem>.conflict-<YYYYmmdd-HHMMSS>[-n]<suffix>` beside the data file."""
    base = f"{path.stem}.conflict-{now:%Y%m%d-%H%M%S}"
    target = path.with_name(base + path.suffix)
    count = 2
    while target.exists():
        target = path.with_name(f"{base}-{count}{path.suffix}")
        count += 1
    return target


def base_path(path: Path) -> Path:
    """Where the writer keeps the last state it wrote, the base for merging another copy later:
    `backups/<stem>.base-<host><suffix>`, one per computer (a synced folder carries backups/ to the other
    computer too, whose base is not ours); not a backup name, so rotation never touches it."""
    host = re.sub(r"[^A-Za-z0-9_-]+", "-", socket.gethostname()).strip("-")[:40] or "this-computer"
    return backup_dir(path) / f"{path.stem}.base-{host}{path.suffix}"


def write_base(path: Path, tables: Tables, encode: Callable[[Any], Any] = plain) -> None:
    """Keep `tables` (what was just written to `path`) as the merge base: atomic, 0600."""
    ensure_folder(backup_dir(path))
    write_atomic(base_path(path), tables, encode=encode)


def save_conflict_copy(path: Path, raw: bytes, now: datetime) -> Path:
    """Save another program's copy of the data file whole, beside it, 0600; returns where."""
    target = conflict_copy_path(path, now)
    atomic_write_bytes(target, [raw])
    return target


# The storage ----------------------------------------------------------------------------------------------


class Adoption(Struct, frozen=True):
    """The in-memory data before and after taking a merge from disk (the store refreshes its caches)."""

    before: Tables
    after: Tables
    report: MergeReport
    conflict_copy: Path | None


class _Plain:
    """Stored tables as plain documents for a merge, and the merge's result back as stored values.

    One instance per merge: a value met twice (shared by the base, ours and the file) becomes the same
    document object, so the merge's identity shortcuts still apply, and a document the merge passed through
    unchanged goes back to the value it came from (so the store's records stay its only copy).
    """

    def __init__(self, encode: Callable[[Any], Any]) -> None:
        self._encode = encode
        self._docs: dict[int, tuple[Any, Any]] = {}
        self._tables: dict[int, tuple[Tables, Tables]] = {}

    def tables(self, tables: Tables) -> Tables:
        if self._encode is plain:
            return tables
        hit = self._tables.get(id(tables))
        if hit is None or hit[0] is not tables:
            hit = self._tables[id(tables)] = (tables, {name: self._table(t) for name, t in tables.items()})
        return hit[1]

    def _table(self, table: dict[str, Any]) -> dict[str, Any]:
        return {key: self.doc(value) for key, value in table.items()}

    def doc(self, value: Any) -> Any:
        if isinstance(value, dict):
            return value
        hit = self._docs.get(id(value))
        if hit is None:
            hit = self._docs[id(value)] = (value, self._encode(value))
        return hit[1]

    def back(self, tables: Tables) -> Tables:
        """`tables` (a merge's result) with every document that came from a stored value replaced by it."""
        if self._encode is plain:
            return tables
        values = {id(doc): value for value, doc in self._docs.values()}
        return {
            name: {key: values.get(id(doc), doc) for key, doc in table.items()}
            for name, table in tables.items()
        }


class AtomicStorage(Storage):
    """A TinyDB storage that serves reads from memory and writes whole files atomically in the background.

    `write()` only takes a shallow snapshot and wakes the writer thread, so saving never blocks the caller
    on disk. `flush()` waits until everything handed over is on disk.

    Three states are kept for outside changes: `_disk` (the stamp and fingerprint of the file as last read
    or written), `_file` (the tables that file holds) and `_base` (the last state the app's data and the
    file are known to share). After a plain write all three describe the same data; after a merge `_file`
    holds the merge and `_base` the app's snapshot that went into it, until `adopt()` makes the merge the
    app's data.
    """

    def __init__(
        self,
        path: Path,
        tables: Tables,
        *,
        read_only: bool = False,
        on_error: Callable[[BaseException], None] | None = None,
        on_change: Callable[[OutsideChange | None], None] | None = None,
        check: Callable[[Tables], Tables] | None = None,
        clock: Callable[[], datetime] = datetime.now,
        encode: Callable[[Any], Any] = plain,
    ) -> None:
        self.path = path
        self._encode = encode
        """A stored value to its plain document: tables may hold the store's records instead of documents
        (one copy of each record in memory), written out through this."""
        self._data = tables
        self._read_only = read_only
        self._on_error = on_error
        self._on_change = on_change
        self._check = check or (lambda tables: tables)
        self._clock = clock
        self._cond = threading.Condition()
        self._pending: Tables | None = None
        self._generation = 0
        self._data_generation = 0
        self._written_generation = 0
        self._closed = False
        self._backed_up = False
        self.last_error: BaseException | None = None
        self._failed_attempts = 0
        self._layout: Layout | None = None
        """Where each document sits in the data file as last read or written (the writer's)."""
        self._prime_requested = False
        self._primed = threading.Event()
        self._retry_now = False
        self.last_write_seconds: float = 0.0
        self._thread: threading.Thread | None = None
        self._disk: DiskState | None = None
        self._file: Tables = tables
        self._base: Tables = tables
        self._writing = False
        self._their_bytes: bytes | None = None
        """The other program's file as read, kept until the app has taken the merge (for a set-aside copy)."""
        self._kept_whole: dict[bytes, Path] = {}
        """Copies saved whole, by fingerprint: a retried save never saves the same one twice."""
        self._backed_up_outside: set[bytes] = set()
        """Fingerprints of outside copies already backed up (a retried save must not rotate backups away)."""
        self._their_copy: Path | None = None
        """Where that file was saved whole, once it was."""
        self._prepared: PreparedBackup | None = None
        self.header_only = False
        """Set by the store around a write that only changes who has the file open (see `defer_backup`)."""
        self._backup_deferred = False
        self.holding = False
        """Changes stay in memory and never reach the file (the app chose to open it read-only)."""
        self.held = 0
        """How many changes were kept in memory only since then."""

    def replace_data(
        self, tables: Tables, disk: DiskState | None = None, layout: Layout | None = None
    ) -> None:
        """Set what was read from disk (before any write of this run), the state it was read in and where
        each document sits in it (see `Layout`)."""
        with self._cond:
            self._data = self._file = self._base = tables
            self._disk = disk
            self._layout = layout

    def keep(self, name: str, values: dict[str, Any]) -> None:
        """Put `values` in table `name` in place of the documents they stand for (the store's decoded records,
        each equal to its document once encoded), so a record is held once, not beside its document.

        Each replaces the document the app's data holds under its key, there and wherever the last written
        or shared state holds that same document object (never another document under the same key).
        """
        with self._cond:
            current = self._data.get(name)
            if current is None:
                return
            others = [
                t for t in (self._file.get(name), self._base.get(name)) if t is not None and t is not current
            ]
            for key, value in values.items():
                old = current.get(key)
                if old is None:
                    continue
                current[key] = value
                for table in others:
                    if table.get(key) is old:
                        table[key] = value

    @property
    def disk(self) -> DiskState | None:
        """The data file as last read or written by this process."""
        return self._disk

    # TinyDB's interface ------------------------------------------------------------------------------
    def read(self) -> Tables:
        return self._data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._read_only:
            raise DataFileError("This data file was opened read-only.")
        if self.holding:  # kept in memory only; the store sets it aside on close (see Store.open_read_only)
            with self._cond:
                self._data = data
                self.held += 1
                self._count_change()  # screens redraw; nothing is waiting to be written
                self._written_generation = self._generation
            return
        with self._cond:
            if self._closed:
                raise DataFileError("The data file is closed.")
            if self._backup_deferred and not self.header_only:  # a real change: this run's backup is due
                self._backup_deferred = False
                self._backed_up = False
            self._data = data
            self._hand_over(data)

    def _count_change(self) -> None:
        """One more change (call holding `_cond`): `generation`, and `data_generation` unless it only notes who
        has the file open."""
        self._generation += 1
        if not self.header_only:
            self._data_generation += 1

    def _hand_over(self, data: Tables) -> None:
        """Queue a snapshot of `data` for the writer (call holding `_cond`)."""
        self._pending = {name: dict(table) for name, table in data.items()}
        self._count_change()
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
        prepared, self._prepared = self._prepared, None
        if prepared is not None and (thread is None or not thread.is_alive()):
            with contextlib.suppress(OSError):
                prepared.file.unlink()  # nothing was written this run: no backup needed
        if self._written_generation and not self.dirty and (thread is None or not thread.is_alive()):
            # The base for a later merge (see merge.py): once per run, at the end, so saves stay one write.
            # A crash leaves an older base, which the merge checks and at worst does not use.
            with contextlib.suppress(OSError):
                write_base(self.path, self._file, self._encode)

    # Our additions ---------------------------------------------------------------------------------
    def documents(self) -> _Plain:
        """A view of stored tables as plain documents, for one merge done outside the writer (and its result
        back as stored values): see `_Plain`."""
        return _Plain(self._encode)

    def write_copy(self, target: Path) -> None:
        """Write what is in memory now, whole, to `target` (atomic, 0600): e.g. changes kept while read-only."""
        write_atomic(target, self.read(), encode=self._encode)

    @property
    def generation(self) -> int:
        """How many changes were handed over so far."""
        return self._generation

    @property
    def data_generation(self) -> int:
        """How many of those changed more than who has the file open (`header_only`)."""
        return self._data_generation

    @property
    def dirty(self) -> bool:
        """True while some change is not yet on disk."""
        with self._cond:
            return self._written_generation < self._generation

    def defer_backup(self) -> None:
        """Saves make no backup until a write that is not `header_only`: noting who has the file open is not
        worth one, and would rotate a real backup away each time the app is opened."""
        with self._cond:
            if not self._backed_up:
                self._backed_up = self._backup_deferred = True

    @property
    def merge_pending(self) -> bool:
        """True while the file holds a merge the app's data has not taken yet (see `adopt`)."""
        with self._cond:
            return self._file is not self._base

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
                if self._failed_attempts > attempts_at_start or (
                    self.last_error is not None and self._thread is None
                ):
                    return False
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._cond.wait(remaining if remaining is not None else 1.0)
            return True

    def prime(self) -> None:
        """Prepare this run's backup in the background, so the first save of a run is as fast as later ones."""
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

    def adopt(self) -> Adoption | None:
        """Make a merge the writer put on disk the app's data too, keeping every change made since.

        Call on the thread that changes the data (the UI thread). Returns None when there is nothing to take,
        or when the writer is busy (it calls `on_change` again when it is done). The result is handed over
        for saving at once, replacing any older snapshot still waiting, so no save can drop the merge.
        """
        with self._cond:
            if self._writing or self._file is self._base:
                return None
            before = self._data
            docs = _Plain(self._encode)
            result = merge_tables(docs.tables(self._base), docs.tables(before), docs.tables(self._file))
            merged = docs.back(result.tables)
            self._data = merged
            self._base = self._file
            their_bytes, self._their_bytes = self._their_bytes, None
            copy = self._their_copy
            self._their_copy = None
            if not self._closed:
                self._hand_over(merged)
        del their_bytes  # kept for a copy that could not be merged; a merged one needs none
        return Adoption(before, merged, result.report, copy if result.report.conflicts else None)

    def _set_aside(self, raw: bytes) -> Path | None:
        """Save the other program's file beside ours; None (and the error reported) if even that fails."""
        try:
            return self._keep_whole(raw)
        except OSError as exc:
            if self._on_error is not None:
                self._on_error(exc)
            return None

    def _keep_whole(self, raw: bytes) -> Path:
        """Save another program's copy whole beside the data file, once per distinct content."""
        digest = content_digest()
        digest.update(raw)
        key = digest.digest()
        found = self._kept_whole.get(key)
        if found is None or not found.exists():
            found = self._kept_whole[key] = save_conflict_copy(self.path, raw, self._clock())
        return found

    def _start_writer(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="infoview-writer", daemon=True)
            self._thread.start()

    def _prime(self) -> None:
        """While the app is idle after loading: copy the file for this run's backup, so the first save of a
        run does not wait for a copy of a large file. (Documents need no serializing ahead: a save copies
        the unchanged ones from the file, see `Layout`.)"""
        due = not self._backed_up or self._backup_deferred
        if due and self._prepared is None and self._pending is None and not self._closed:
            try:
                self._prepared = prepare_backup(self.path, known=self._disk)
            except OSError:
                self._prepared = None  # the first save makes the backup itself (and reports any error)
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
                self._writing = not prime
            if prime:
                self._prime()
                continue
            assert snapshot is not None
            started = time.perf_counter()
            try:
                change = self._save(snapshot)
            except BaseException as exc:
                with self._cond:
                    self._writing = False
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
                self._writing = False
                self.last_write_seconds = time.perf_counter() - started
                self.last_error = None
                unadopted = self._file is not self._base
            if (change is not None or unadopted) and self._on_change is not None:
                self._on_change(change)
            with self._cond:  # only now is the save done: whoever flushed has also been told what it met
                self._written_generation = max(self._written_generation, generation)
                self._cond.notify_all()

    # The writer's work ---------------------------------------------------------------------------------
    def _save(self, snapshot: Tables) -> OutsideChange | None:
        """Write `snapshot`, merged with the file on disk when someone else changed it; say what happened."""
        _refuse_if_made_read_only(self.path)
        change: OutsideChange | None = None
        theirs: Tables | None = None
        their_bytes: bytes | None = None
        trusted = self._disk  # whose bytes were checked: a backup of them needs no second parse
        now = file_stamp(self.path)
        if now != (trusted.stamp if trusted is not None else None):
            trusted = None
            if now is None:
                change = OutsideChange(
                    f"{self.path} was deleted or moved away by another program; it was written again from "
                    "what the app holds, so nothing is lost.",
                    severity="warning",
                )
            else:
                raw, disk = self._read_current()
                if self._disk is not None and disk.digest == self._disk.digest:
                    trusted = self._disk = disk  # the same bytes (touched, or copied back): nothing to merge
                else:
                    if disk.digest not in self._backed_up_outside:
                        self._backed_up = False  # keep the other copy in backups/ too before replacing it
                        self._backed_up_outside.add(disk.digest)
                    try:
                        theirs = self._check(parse_tables(raw))
                    except UnusableData as exc:
                        whole = self._keep_whole(raw) if raw.strip() else None
                        kept = f"That file was saved whole as {whole}" if whole else "That file was empty"
                        change = OutsideChange(
                            f"{self.path} was replaced by another program with a file that cannot be merged "
                            f"({exc.reason}). {kept}; your data was written back from the app.",
                            whole,
                            "error",
                        )
                    else:
                        their_bytes, trusted = raw, disk

        # A merge the app has not taken yet is merged again first, so this save cannot drop it.
        ours, again = snapshot, None
        docs = _Plain(self._encode)  # the merges work on plain documents; what they keep goes back to records
        if self._file is not self._base:
            redone = merge_tables(docs.tables(self._base), docs.tables(snapshot), docs.tables(self._file))
            again = redone.report
            if again.changed:
                ours = docs.back(redone.tables)
        to_write, report = ours, None
        if theirs is not None:
            result = merge_tables(docs.tables(self._base), docs.tables(ours), theirs)
            report = result.report
            if report.changed or report.conflicts:
                to_write = docs.back(result.tables)

        # A field both copies changed keeps the later value and notes the other on the record (`merged`),
        # so no whole copy needs setting aside here.
        copy: Path | None = None
        if not self._backed_up:
            prepared, self._prepared = self._prepared, None
            if prepared is not None and trusted is not None and prepared.stamp == trusted.stamp:
                commit_backup(prepared, self.path, self._clock())
            else:
                if prepared is not None:
                    with contextlib.suppress(OSError):
                        prepared.file.unlink()
                make_backup(self.path, self._clock(), known=trusted)
            self._backed_up = True
            self._backup_deferred = False
        layout = Layout()
        digest = Fingerprint()  # fed as the bytes go out: nothing is read back or kept for it
        info = write_atomic(
            self.path, to_write, encode=self._encode, previous=self._layout, layout=layout, digest=digest
        )
        if not isinstance(info, os.stat_result):  # a stand-in writer (tests): ask the file system instead
            info = os.stat(self.path)
            layout = Layout()  # nothing known of where its documents sit
        self._layout = layout
        with self._cond:
            self._disk = DiskState(FileStamp.of(info), digest.digest())
            self._file = to_write
            self._base = snapshot
            if their_bytes is not None:
                self._their_bytes, self._their_copy = their_bytes, copy
        if report is not None and (report.changed or report.conflicts):
            return self._merged_message(report, copy)
        if change is None and again is not None and again.conflicts:
            return self._merged_message(again, self._their_copy)
        return change

    def _read_current(self) -> tuple[bytes, DiskState]:
        """The file's bytes now, with the stamp and fingerprint of exactly those bytes."""
        with open(self.path, "rb") as handle:
            info = os.fstat(handle.fileno())
            raw = handle.read()
        digest = content_digest()
        digest.update(raw)
        return raw, DiskState(FileStamp.of(info), digest.digest())

    def _merged_message(self, report: MergeReport, copy: Path | None) -> OutsideChange:
        message = (
            f"{self.path.name} was changed by another program (a sync or an editor) while the app had it "
            f"open. Both versions were merged ({report.summary()}); nothing was lost."
        )
        if report.conflicts:
            fields = ", ".join(report.conflicts[:3]) + (" …" if len(report.conflicts) > 3 else "")
            where = f" It is saved whole as {copy}." if copy else ""
            message += (
                f" Changed in both, the later change was kept and the other noted on the record (merged): "
                f"{fields}.{where}"
            )
            return OutsideChange(message, copy, "warning")
        return OutsideChange(message)
