"""Tests for infoview_tui.store.storage: checked reads, atomic writes, backups and the background writer."""

from __future__ import annotations

import json
import os
import stat
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.store import storage
from infoview_tui.store.errors import DataFileError
from infoview_tui.store.storage import (
    BACKUPS_KEPT,
    AtomicStorage,
    backup_dir,
    base_path,
    make_backup,
    newest_backup,
    read_tables,
    write_atomic,
)

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
TABLES: dict[str, dict[str, Any]] = {
    "meta": {"1": {"schema_version": 1}},
    "contacts": {"1": {"name": "José Núñez", "tags": ["café"]}, "2": {"name": "Ana"}},
    "goals": {},
}
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def data_file(folder: Path) -> Path:
    return folder / "infoview.json"


# --- write_atomic --------------------------------------------------------------------------------------


def test_write_atomic_writes_valid_json_that_reads_back(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    assert json.loads(data_file.read_text(encoding="utf-8")) == TABLES
    assert read_tables(data_file) == TABLES


def test_write_atomic_keeps_non_ascii_unescaped(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    raw = data_file.read_bytes()
    assert "é".encode() in raw
    assert "José Núñez".encode() in raw
    assert b"\\u00e9" not in raw


def test_write_atomic_one_document_per_line(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    lines = data_file.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith('  "1": {"name": "José Núñez"') for line in lines)
    assert any(line.startswith('  "2": {"name": "Ana"}') for line in lines)


def test_write_atomic_of_nothing_is_valid_json(data_file: Path) -> None:
    write_atomic(data_file, {})
    assert json.loads(data_file.read_text()) == {}
    write_atomic(data_file, {"a": {}})
    assert json.loads(data_file.read_text()) == {"a": {}}


def test_write_atomic_makes_the_file_user_only(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    assert mode(data_file) == 0o600
    data_file.chmod(0o644)
    write_atomic(data_file, TABLES)  # a rewrite is a new file: user-only again
    assert mode(data_file) == 0o600


def test_write_atomic_creates_a_missing_folder_user_only(tmp_path: Path) -> None:
    target = tmp_path / "new-folder" / "infoview.json"
    write_atomic(target, TABLES)
    assert mode(target.parent) == 0o700
    assert mode(target) == 0o600
    assert read_tables(target) == TABLES


def test_write_atomic_replaces_and_leaves_no_temp_file(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    write_atomic(data_file, {"contacts": {"1": {"name": "Only"}}})
    assert read_tables(data_file) == {"contacts": {"1": {"name": "Only"}}}
    assert temp_files(data_file.parent) == []


@pytest.mark.parametrize("fail_after", [0, 1, 10, 30])
def test_failure_mid_write_leaves_the_old_file_byte_identical(data_file: Path, fail_after: int) -> None:
    write_atomic(data_file, TABLES)
    before = data_file.read_bytes()
    with pytest.raises(OSError, match="simulated"):
        write_atomic(data_file, {"contacts": {"1": {"name": "Replacement"}}}, fail_after_bytes=fail_after)
    assert data_file.read_bytes() == before
    assert temp_files(data_file.parent) == []
    assert sorted(p.name for p in data_file.parent.iterdir()) == [data_file.name]


def test_failure_mid_write_of_a_large_file_in_the_buffered_part(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    before = data_file.read_bytes()
    big = {"contacts": {str(i): {"name": f"Person {i}", "notes": "x" * 200} for i in range(1, 2000)}}
    with pytest.raises(OSError, match="simulated"):
        write_atomic(data_file, big, fail_after_bytes=100_000)  # past the first 64 KiB chunk
    assert data_file.read_bytes() == before
    assert temp_files(data_file.parent) == []
    write_atomic(data_file, big)  # and without the fault the large file is fine
    assert read_tables(data_file) == big


def test_failure_mid_write_of_a_new_file_leaves_nothing(data_file: Path) -> None:
    with pytest.raises(OSError):
        write_atomic(data_file, TABLES, fail_after_bytes=5)
    assert not data_file.exists()
    assert list(data_file.parent.iterdir()) == []


# --- read_tables ---------------------------------------------------------------------------------------


def test_read_tables_missing_file_is_none(data_file: Path) -> None:
    assert read_tables(data_file) is None
    assert not data_file.exists()


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"", "is empty"),
        (b"   \n\t ", "is empty"),
        (b"not json at all", "damaged"),
        (b'{"contacts": {"1": {"name": "Ana"', "damaged"),  # truncated
        (json.dumps(TABLES).encode()[:-7], "damaged"),
        (bytes(range(256)) * 4, "not a text file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not a text file"),
        (b"[1, 2, 3]", "not an infoview-tui data file"),
        (b'"a string"', "not an infoview-tui data file"),
        (b"42", "not an infoview-tui data file"),
        (b'{"contacts": [1, 2]}', "not an infoview-tui data file"),
        (b'{"contacts": {"1": "Ana"}}', "not an infoview-tui data file"),
        (b'{"name": "package.json", "version": "1.0.0"}', "not an infoview-tui data file"),
    ],
    ids=[
        "empty",
        "blank",
        "not-json",
        "truncated",
        "truncated-real",
        "binary",
        "png",
        "list",
        "string",
        "number",
        "table-is-list",
        "doc-is-string",
        "other-json",
    ],
)
def test_read_tables_refuses_bad_files_and_leaves_them_alone(
    data_file: Path, content: bytes, phrase: str
) -> None:
    data_file.write_bytes(content)
    with pytest.raises(DataFileError) as info:
        read_tables(data_file)
    message = str(info.value)
    assert str(data_file) in message
    assert phrase in message
    assert data_file.read_bytes() == content


def test_read_tables_damaged_message_says_where_and_names_the_backup(data_file: Path) -> None:
    data_file.write_bytes(b'{\n"contacts": {\n  "1": {"name": ')
    with pytest.raises(DataFileError, match="line 3") as info:
        read_tables(data_file)
    assert "There is no backup yet" in str(info.value)
    assert "Copy that backup" not in str(info.value)  # no backup to copy

    data_file.write_bytes(json.dumps(TABLES).encode())
    backup = make_backup(data_file, T0)
    data_file.write_bytes(b"{broken")
    with pytest.raises(DataFileError) as info:
        read_tables(data_file)
    assert str(backup) in str(info.value)
    assert str(info.value).endswith("Copy that backup over it to restore.")


def test_an_empty_file_names_a_backup_only_when_there_is_one(data_file: Path) -> None:
    data_file.write_bytes(b"")
    with pytest.raises(DataFileError) as info:
        read_tables(data_file)
    assert str(info.value).endswith("There is no backup yet. Delete the empty file to start fresh.")
    data_file.write_bytes(json.dumps(TABLES).encode())
    backup = make_backup(data_file, T0)
    data_file.write_bytes(b"   ")
    with pytest.raises(DataFileError) as info:
        read_tables(data_file)
    assert str(info.value).endswith(
        f"The newest good backup is {backup}. Restore that backup, or delete the empty file to start fresh."
    )


def test_read_tables_on_a_folder(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="is a folder") as info:
        read_tables(tmp_path)
    assert str(tmp_path) in str(info.value)


@pytest.mark.skipif(IS_ROOT, reason="root ignores file permissions")
def test_read_tables_unreadable_file(data_file: Path) -> None:
    data_file.write_text("{}")
    data_file.chmod(0)
    try:
        with pytest.raises(DataFileError, match="Cannot read") as info:
            read_tables(data_file)
        assert str(data_file) in str(info.value)
    finally:
        data_file.chmod(0o600)


# --- backups -------------------------------------------------------------------------------------------


def test_make_backup_of_a_missing_file_is_none(data_file: Path) -> None:
    assert make_backup(data_file, T0) is None
    assert not backup_dir(data_file).exists()


def test_make_backup_copies_the_file_user_only(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    backup = make_backup(data_file, T0)
    assert backup is not None
    assert backup.parent == data_file.parent / "backups"
    assert backup.name == "infoview-20260304-090000-000000.json"
    assert backup.read_bytes() == data_file.read_bytes()
    assert mode(backup) == 0o600
    assert mode(backup.parent) == 0o700
    assert newest_backup(data_file) == backup


def test_make_backup_keeps_only_the_newest_ten(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    made: list[Path] = []
    for i in range(BACKUPS_KEPT + 5):
        data_file.write_text(json.dumps({"meta": {"1": {"n": i}}}))
        backup = make_backup(data_file, T0 + timedelta(minutes=i))
        assert backup is not None  # None means the data file was missing or changed mid-copy
        made.append(backup)
    kept = sorted(backup_dir(data_file).iterdir())
    assert BACKUPS_KEPT == 10
    assert kept == made[-10:]
    assert json.loads(kept[0].read_text()) == {"meta": {"1": {"n": 5}}}
    assert newest_backup(data_file) == made[-1]
    assert json.loads(made[-1].read_text()) == {"meta": {"1": {"n": 14}}}


def test_backups_of_another_file_are_not_pruned(data_file: Path) -> None:
    other = data_file.with_name("other.json")
    other.write_text("{}")
    make_backup(other, T0)
    data_file.write_text("{}")
    for i in range(12):
        make_backup(data_file, T0 + timedelta(seconds=i))
    names = [p.name for p in backup_dir(data_file).iterdir()]
    assert sum(n.startswith("other-") for n in names) == 1
    assert sum(n.startswith("infoview-") for n in names) == 10


def test_newest_backup_when_there_is_none(data_file: Path) -> None:
    assert newest_backup(data_file) is None


# --- AtomicStorage ---------------------------------------------------------------------------------------


def test_atomic_storage_reads_from_memory(data_file: Path) -> None:
    tables = {"contacts": {"1": {"name": "A"}}}
    store = AtomicStorage(data_file, tables)
    assert store.read() is tables
    assert not store.dirty
    assert store.flush() is True
    assert not data_file.exists()  # nothing written until something changes
    store.close()


def test_atomic_storage_flush_makes_writes_durable(data_file: Path) -> None:
    store = AtomicStorage(data_file, {}, clock=lambda: T0)
    try:
        store.write({"contacts": {"1": {"name": "Zoë"}}})
        store.write({"contacts": {"1": {"name": "Zoë"}, "2": {"name": "Bo"}}})
        assert store.flush() is True
        assert not store.dirty
        assert read_tables(data_file) == {"contacts": {"1": {"name": "Zoë"}, "2": {"name": "Bo"}}}
        assert mode(data_file) == 0o600
        assert store.last_error is None
    finally:
        store.close()


def test_atomic_storage_snapshot_is_independent_of_later_table_changes(data_file: Path) -> None:
    store = AtomicStorage(data_file, {})
    data: dict[str, dict[str, Any]] = {"contacts": {"1": {"name": "A"}}}
    store.write(data)
    assert store.flush()
    data["contacts"]["2"] = {"name": "B"}  # not handed over: must not appear on disk by itself
    store.write({"contacts": {"1": {"name": "A"}}})
    assert store.flush()
    assert read_tables(data_file) == {"contacts": {"1": {"name": "A"}}}
    store.close()


def test_atomic_storage_close_writes_what_is_pending(data_file: Path) -> None:
    store = AtomicStorage(data_file, {})
    store.write({"goals": {"1": {"title": "G"}}})
    store.close()
    assert read_tables(data_file) == {"goals": {"1": {"title": "G"}}}
    with pytest.raises(DataFileError, match="closed"):
        store.write({})


def test_atomic_storage_backs_up_once_per_run_before_the_first_write(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    original = data_file.read_bytes()
    store = AtomicStorage(data_file, dict(TABLES), clock=lambda: T0)
    store.write({"contacts": {}})
    assert store.flush()
    store.write({"contacts": {"1": {"name": "X"}}})
    assert store.flush()
    store.close()
    backups = [p for p in backup_dir(data_file).iterdir() if p != base_path(data_file)]
    assert len(backups) == 1
    assert base_path(data_file).read_bytes() == data_file.read_bytes()  # the merge base: the last write
    assert backups[0].read_bytes() == original


def test_atomic_storage_read_only_refuses_writes(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    before = data_file.read_bytes()
    store = AtomicStorage(data_file, dict(TABLES), read_only=True)
    with pytest.raises(DataFileError, match="read-only"):
        store.write({})
    store.close()
    assert data_file.read_bytes() == before


def test_write_error_is_reported_kept_in_memory_and_retried(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failing disk: on_error hears once, the data stays, flush says False; once fixed, saving works."""
    errors: list[BaseException] = []
    reported = threading.Event()

    def on_error(exc: BaseException) -> None:
        errors.append(exc)
        reported.set()

    def broken_write(path: Path, tables: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    real_write = storage.write_atomic
    monkeypatch.setattr(storage, "write_atomic", broken_write)
    store = AtomicStorage(data_file, {}, on_error=on_error, clock=lambda: T0)
    try:
        wanted = {"contacts": {"1": {"name": "Kept"}}}
        store.write(wanted)
        assert reported.wait(5)
        assert isinstance(errors[0], OSError)
        assert store.flush(timeout=5) is False
        assert store.dirty
        assert isinstance(store.last_error, OSError)
        assert store.read() == wanted  # still in memory
        assert not data_file.exists()

        monkeypatch.setattr(storage, "write_atomic", real_write)
        later = {"contacts": {"1": {"name": "Kept"}, "2": {"name": "Later"}}}
        store.write(later)
        assert store.flush(timeout=5) is True
        assert not store.dirty
        assert store.last_error is None
        assert read_tables(data_file) == later
        assert len(errors) == 1  # the same error is reported once, not on every retry
    finally:
        monkeypatch.setattr(storage, "write_atomic", real_write)
        store.close()


@pytest.mark.skipif(IS_ROOT, reason="root ignores folder permissions; the monkeypatched test covers this")
def test_write_error_from_a_read_only_folder(folder: Path, data_file: Path) -> None:
    errors: list[BaseException] = []
    reported = threading.Event()

    def on_error(exc: BaseException) -> None:
        errors.append(exc)
        reported.set()

    store = AtomicStorage(data_file, {}, on_error=on_error, clock=lambda: T0)
    folder.chmod(0o500)
    try:
        store.write({"contacts": {"1": {"name": "A"}}})
        assert reported.wait(5)
        assert isinstance(errors[0], PermissionError)
        assert store.flush(timeout=5) is False
        assert store.read() == {"contacts": {"1": {"name": "A"}}}
    finally:
        folder.chmod(0o700)
    store.write({"contacts": {"1": {"name": "A"}, "2": {"name": "B"}}})
    ok = store.flush(timeout=5)
    store.close()
    assert ok
    assert read_tables(data_file) == {"contacts": {"1": {"name": "A"}, "2": {"name": "B"}}}


# --- what a file may look like -------------------------------------------------------------------------


def test_a_file_saved_with_a_byte_order_mark_reads_fine(data_file: Path) -> None:
    data_file.write_bytes(b"\xef\xbb\xbf" + json.dumps(TABLES, ensure_ascii=False).encode("utf-8"))
    assert read_tables(data_file) == TABLES


def test_a_byte_order_mark_alone_is_an_empty_file(data_file: Path) -> None:
    data_file.write_bytes(b"\xef\xbb\xbf\n")
    with pytest.raises(DataFileError, match="is empty"):
        read_tables(data_file)


def test_duplicate_document_ids_are_refused_naming_them(data_file: Path) -> None:
    content = (
        b'{"contacts": {"1": {"name": "A"}, "7": {"name": "B"}, "1": {"name": "C"}, "7": {"name": "D"}}}'
    )
    data_file.write_bytes(content)
    with pytest.raises(DataFileError) as info:
        read_tables(data_file)
    message = str(info.value)
    assert "the same record id occurs twice (contacts: 1, 7)" in message and str(data_file) in message
    assert data_file.read_bytes() == content


def test_a_field_given_twice_inside_a_record_is_refused(data_file: Path) -> None:
    data_file.write_bytes(b'{"contacts": {"1": {"name": "A", "name": "B"}}}')
    with pytest.raises(DataFileError, match="the same field twice"):
        read_tables(data_file)


def test_deeply_nested_json_is_refused_not_a_recursion_error(data_file: Path) -> None:
    content = b"[" * 100_000 + b"]" * 100_000
    data_file.write_bytes(content)
    with pytest.raises(DataFileError, match="nested too deeply") as info:
        read_tables(data_file)
    assert "left untouched" in str(info.value)
    assert data_file.read_bytes() == content


# --- trusted backups -----------------------------------------------------------------------------------


def full_disk_after(monkeypatch: pytest.MonkeyPatch, limit: int) -> list[int]:
    """Make every temp-file write fail with ENOSPC once `limit` bytes went out (part of the chunk lands)."""
    import errno

    from infoview_tui import fileio

    written = [0]

    def write_chunk(handle: Any, data: bytes) -> None:
        room = max(0, limit - written[0])
        handle.write(data[:room])
        written[0] += min(room, len(data))
        if len(data) > room:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio, "_write_chunk", write_chunk)
    return written


def big_tables(n: int = 3000) -> dict[str, dict[str, Any]]:
    contacts = {str(i): {"name": f"P {i}", "notes": "n" * 80} for i in range(1, n)}
    return {"meta": {"1": {"schema_version": 1}}, "contacts": contacts}


@pytest.mark.parametrize("limit", [0, 1, 70_000])
def test_a_full_disk_during_a_backup_leaves_no_file_and_keeps_every_good_backup(
    data_file: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    write_atomic(data_file, big_tables())
    good = [make_backup(data_file, T0 + timedelta(minutes=i)) for i in range(BACKUPS_KEPT)]
    full_disk_after(monkeypatch, limit)
    for attempt in range(3):  # every retry on a full disk
        with pytest.raises(OSError, match="No space left"):
            make_backup(data_file, T0 + timedelta(hours=1, minutes=attempt))
    folder = backup_dir(data_file)
    assert sorted(folder.iterdir()) == good  # no empty or partial file, no temp file, nothing rotated away
    for backup in good:
        assert backup is not None and mode(backup) == 0o600
        assert read_tables(backup) == big_tables()


def test_a_backup_counts_only_when_it_is_a_good_data_file(data_file: Path) -> None:
    data_file.write_bytes(b"{damaged")
    assert make_backup(data_file, T0) is None  # nothing worth keeping: no file under a backup name
    assert list(backup_dir(data_file).iterdir()) == []


def test_a_backup_of_the_bytes_we_read_needs_no_second_parse(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_atomic(data_file, TABLES)
    loaded = storage.read_data_file(data_file)
    assert loaded is not None

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the copy was parsed again")

    monkeypatch.setattr(storage, "read_tables", no_parse)
    backup = make_backup(data_file, T0, known=loaded.disk)
    assert backup is not None and backup.read_bytes() == data_file.read_bytes()


def test_newest_backup_skips_partial_and_empty_ones_left_by_older_versions(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    good = make_backup(data_file, T0)
    folder = backup_dir(data_file)
    (folder / "infoview-20260304-100000-000000.json").write_bytes(data_file.read_bytes()[:20])  # truncated
    (folder / "infoview-20260304-110000-000000.json").write_bytes(b"")  # a full disk, once
    assert newest_backup(data_file) == good
    data_file.write_bytes(b"{broken")
    with pytest.raises(DataFileError) as info:
        read_tables(data_file)
    assert f"The newest good backup is {good}" in str(info.value)
    make_backup(data_file.with_name("other.json"), T0)  # no effect on ours
    write_atomic(data_file, TABLES)
    make_backup(data_file, T0 + timedelta(hours=5))
    assert not (folder / "infoview-20260304-110000-000000.json").exists()  # rotation clears empty ones


def test_two_backups_in_the_same_microsecond_both_keep_their_own_name(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    first = make_backup(data_file, T0)
    write_atomic(data_file, {"contacts": {}})
    second = make_backup(data_file, T0)
    assert first != second and first is not None and second is not None
    assert newest_backup(data_file) == second
    assert read_tables(second) == {"contacts": {}} and read_tables(first) == TABLES


@pytest.mark.parametrize("stage", ["backup", "save"])
def test_a_full_disk_during_a_backup_or_a_save_keeps_the_file_and_the_data(
    data_file: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    write_atomic(data_file, TABLES)
    errors: list[BaseException] = []
    store = AtomicStorage(data_file, {}, on_error=errors.append, clock=lambda: T0)
    loaded = storage.read_data_file(data_file)
    assert loaded is not None
    store.replace_data(dict(TABLES), loaded.disk)
    if stage == "save":  # the run's backup is already made: the disk fills up while writing the data
        store.write({**TABLES, "goals": {"1": {"title": "first"}}})
        assert store.flush()
    before = data_file.read_bytes()
    full_disk_after(monkeypatch, 10)
    try:
        wanted = big_tables(50)
        store.write(wanted)
        assert store.flush(timeout=5) is False
        assert errors and "No space left" in str(errors[0])
        assert data_file.read_bytes() == before
        assert temp_files(data_file.parent) == [] and temp_files(backup_dir(data_file)) == []
        assert len(list(backup_dir(data_file).iterdir())) == (1 if stage == "save" else 0)
        for backup in backup_dir(data_file).iterdir():
            assert mode(backup) == 0o600 and read_tables(backup) == TABLES
        assert store.read() == wanted  # kept in memory
        monkeypatch.undo()
        assert store.flush(timeout=5) is True
        assert read_tables(data_file) == wanted
        [backup] = backup_dir(data_file).iterdir()
        assert read_tables(backup) == TABLES
    finally:
        monkeypatch.undo()
        store.close()


# --- the run's backup, copied ahead of time ---------------------------------------------------------------


def primed_store(data_file: Path) -> Any:
    from infoview_tui.domain.dates import FixedClock
    from infoview_tui.store import Store

    store = Store.open(data_file, clock=FixedClock(T0))
    deadline = time.monotonic() + 20
    while not store.storage.primed:
        assert time.monotonic() < deadline, "never primed"
        time.sleep(0.01)
    return store


def pending_copies(data_file: Path) -> list[Path]:
    return [p for p in backup_dir(data_file).iterdir() if p.name.endswith(".tmp")]


def test_the_backup_copied_while_idle_becomes_the_runs_backup_on_the_first_write(data_file: Path) -> None:
    from infoview_tui.domain.models import Contact

    write_atomic(data_file, {"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "Ana"}}})
    original = data_file.read_bytes()
    store = primed_store(data_file)
    try:
        assert len(pending_copies(data_file)) == 1 and newest_backup(data_file) is None  # not a backup yet
        store.contacts.add(Contact(name="Bo"))
        assert store.flush()
        [backup] = backup_dir(data_file).iterdir()
        assert backup.read_bytes() == original and mode(backup) == 0o600
    finally:
        store.close()


def test_a_run_without_writes_leaves_neither_a_backup_nor_its_copy(data_file: Path) -> None:
    write_atomic(data_file, {"meta": {"1": {"schema_version": 1}}})
    primed_store(data_file).close()
    assert list(backup_dir(data_file).iterdir()) == []


def test_the_copy_is_not_used_when_the_file_changed_before_the_first_write(data_file: Path) -> None:
    from infoview_tui.domain.models import Contact

    write_atomic(data_file, {"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "Ana"}}})
    store = primed_store(data_file)
    try:
        contacts = {"1": {"name": "Ana"}, "5": {"name": "Eve"}}
        changed = {"meta": {"1": {"schema_version": 1}}, "contacts": contacts}
        incoming = data_file.with_name("incoming")
        incoming.write_text(json.dumps(changed), encoding="utf-8")
        os.replace(incoming, data_file)
        theirs = data_file.read_bytes()
        store.contacts.add(Contact(name="Bo"))
        assert store.flush()
        [backup] = backup_dir(data_file).iterdir()
        assert backup.read_bytes() == theirs  # the file as it was just before it was replaced
        assert pending_copies(data_file) == []
    finally:
        store.close()


def test_a_killed_runs_copy_is_cleared_at_the_next_open(data_file: Path) -> None:
    write_atomic(data_file, {"meta": {"1": {"schema_version": 1}}})
    folder = backup_dir(data_file)
    folder.mkdir()
    leftovers = [
        folder / ".infoview-prepared.json.pending.tmp",
        folder / "..infoview-prepared.json.pending.tmp.x1.tmp",
    ]
    for leftover in leftovers:
        leftover.write_bytes(b"{")
    primed_store(data_file).close()
    assert not any(p.exists() for p in leftovers)


def test_the_quick_check_for_running_messages_skips_a_truncated_backup(data_file: Path) -> None:
    write_atomic(data_file, TABLES)
    good = make_backup(data_file, T0)
    folder = backup_dir(data_file)
    partial = folder / "infoview-20260304-100000-000000.json"
    partial.write_bytes(data_file.read_bytes()[:40])  # an older version's copy: cut short, 0644
    partial.chmod(0o644)
    assert newest_backup(data_file, thorough=False) == good
    partial.write_bytes(b"")
    partial.chmod(0o600)
    assert newest_backup(data_file, thorough=False) == good
