"""Fault suite for backups: a process killed mid-backup, and a full disk during a backup and during a save.
Every file under a backup name is always complete, checked and 0600; the data stays in memory; nothing good
is rotated away to make room for a failed copy."""

from __future__ import annotations

import errno
import os
import select
import signal
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import pytest

from infoview_tui import fileio
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import Contact
from infoview_tui.store import Store
from infoview_tui.store.storage import BACKUPS_KEPT, backup_dir, make_backup, newest_backup, read_tables

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

CHILD = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from infoview_tui import fileio
from infoview_tui.store.storage import make_backup

real_write = fileio._write_chunk
chunks = [0]

def write_then_stall(handle, data):
    real_write(handle, data)
    chunks[0] += 1
    if chunks[0] == 2:  # part of the copy is on disk: say so, then wait to be killed
        handle.flush()
        print("copying", flush=True)
        sys.stdin.readline()

fileio._write_chunk = write_then_stall
make_backup(Path(sys.argv[1]), datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc))
print("finished", flush=True)
"""


def backups_on_disk(path: Path) -> list[Path]:
    return sorted(backup_dir(path).glob(f"{path.stem}-*{path.suffix}"))


def assert_every_backup_is_whole_and_private(path: Path) -> None:
    for backup in backups_on_disk(path):
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600, backup
        assert read_tables(backup) is not None, backup  # parses as a data file of ours


def fill(path: Path, people: int) -> None:
    with Store.open(path, clock=FixedClock(T0)) as store:
        store.contacts.add_many(Contact(name=f"Person {n}", notes="x" * 100) for n in range(people))


def read_line(stream: IO[str], timeout: float) -> str:
    ready, _, _ = select.select([stream], [], [], timeout)
    assert ready, f"the child said nothing within {timeout}s"
    return stream.readline().strip()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_kill_mid_backup_leaves_no_partial_file_under_a_backup_name(tmp_path: Path) -> None:
    path = tmp_path / "infoview.json"
    fill(path, 3000)  # a few hundred KiB: the copy takes several chunks
    good = make_backup(path, T0)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout is not None
        assert read_line(child.stdout, 30) == "copying"
        partial = [p for p in backup_dir(path).iterdir() if p.name.endswith(".tmp")]
        assert partial and 0 < partial[0].stat().st_size < path.stat().st_size  # really killed mid-copy
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert backups_on_disk(path) == [good]  # nothing truncated under a backup name
    assert_every_backup_is_whole_and_private(path)
    assert newest_backup(path) == good
    # The next writer to open the file clears the killed copy's temp file. (Not preloaded: priming would start
    # this run's own backup copy in the background, a temp file of its own.)
    with Store.open(path, preload=False):
        assert not [p for p in backup_dir(path).iterdir() if p.name.endswith(".tmp")]


def full_disk(monkeypatch: pytest.MonkeyPatch, after_bytes: int) -> None:
    """Every temp-file write fails with ENOSPC once `after_bytes` bytes went out (part of the chunk lands)."""
    written = [0]

    def write_chunk(handle: Any, data: bytes) -> None:
        room = max(0, after_bytes - written[0])
        handle.write(data[:room])
        written[0] += min(room, len(data))
        if len(data) > room:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio, "_write_chunk", write_chunk)


@pytest.mark.parametrize("stage", ["backup", "save"])
def test_a_full_disk_keeps_the_data_in_memory_and_every_backup_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    path = tmp_path / "infoview.json"
    fill(path, 300)
    earlier = [make_backup(path, T0 - timedelta(days=d)) for d in range(BACKUPS_KEPT)]  # ten earlier runs
    heard: list[BaseException] = []
    store = Store.open(path, clock=FixedClock(T0), on_error=heard.append, preload=False)
    store.load_all(
        prime=False
    )  # no backup copied ahead in idle time: the first save makes it, on a full disk
    try:
        if stage == "save":  # this run's backup is made; the disk fills up while the data is written
            store.contacts.add(Contact(name="Saved Before The Disk Filled"))
            assert store.flush()
        before = path.read_bytes()
        kept = backups_on_disk(path)
        full_disk(monkeypatch, after_bytes=4096)
        for n in range(3):  # typing goes on; every save is retried
            store.contacts.add(Contact(name=f"Typed On A Full Disk {n}"))
            assert not store.flush(timeout=5)
        assert heard and "No space left" in str(heard[0])
        assert path.read_bytes() == before
        assert backups_on_disk(path) == kept  # no empty or partial backup; no good one rotated away
        assert set(earlier) <= set(kept) or stage == "save"
        assert_every_backup_is_whole_and_private(path)
        assert not [
            p for p in [*path.parent.iterdir(), *backup_dir(path).iterdir()] if p.name.endswith(".tmp")
        ]
        assert sum(c.name.startswith("Typed On A Full Disk") for c in store.contacts.all()) == 3  # in memory

        monkeypatch.undo()  # space again
        assert store.flush(timeout=10)
    finally:
        monkeypatch.undo()
        store.close()
    names = {d["name"] for d in (read_tables(path) or {})["contacts"].values()}
    assert {f"Typed On A Full Disk {n}" for n in range(3)} <= names
    assert len(backups_on_disk(path)) == BACKUPS_KEPT
    assert_every_backup_is_whole_and_private(path)
