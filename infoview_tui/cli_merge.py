"""Provides `infoview-tui merge`: another copy of the data file merged into it, and git's merge driver.

`merge OTHER.json [--dry-run]` prints what it will add, update and set aside, then does it: through the
store (the lock, the run's backup first, the atomic write), with the same engine the app uses when the file
changes underneath it. A conflict copy beside the data file is moved into backups/ once merged.

`merge --git-driver BASE OURS THEIRS` (git's %O %A %B) merges into OURS in place, atomically; exit 0 when
merged, 2 only when a file cannot be read (git then leaves the conflict to the user).
"""

from __future__ import annotations

import os
from pathlib import Path

from infoview_tui.domain.safe_text import strip_controls
from infoview_tui.store import DataFileError, Store
from infoview_tui.store.conflict_copies import is_conflict_copy, put_away
from infoview_tui.store.errors import UnusableData
from infoview_tui.store.lock import WriterLock
from infoview_tui.store.merge import MergeReport
from infoview_tui.store.other_copy import read_other_copy

__all__ = ["describe_report", "run_merge"]

EXIT_OK = 0
EXIT_DATA = 2


def describe_report(report: MergeReport, *, done: bool) -> list[str]:
    """What a merge does (or did), as lines for a terminal (control characters removed)."""
    return [strip_controls(line) for line in report.lines(done=done)]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def run_merge(path: Path, other: Path, *, dry_run: bool) -> int:
    """`infoview-tui merge OTHER [--dry-run]`; raises StoreError (exit 2) with one line when refused."""
    theirs = read_other_copy(other)
    if not path.exists():  # a new file's starter question bank would sit beside OTHER's own
        raise DataFileError(f"there is no data file at {path} yet; to start from {other}, copy it there.")
    if _same_file(path, other):
        raise DataFileError(f"{other} is the data file itself; name the other copy to merge in.")
    if dry_run:
        lock = WriterLock(Path(os.path.realpath(path)))
        lock.acquire()  # refused while the app has the file open, as the real merge would be
        lock.release()
        store = Store.open(path, read_only=True)
        report = store.merge_copy(_checked(store, other, theirs), dry_run=True)
        print(f"Merging {other} into {path} would:")
        print("\n".join(describe_report(report, done=False)))
        print("Dry run: nothing was changed.")
        return EXIT_OK
    with Store.open(path) as store:
        report = store.merge_copy(_checked(store, other, theirs))
        if not store.flush(timeout=120):
            raise DataFileError(f"Could not write {path}: {store.last_error}")
    print(f"Merged {other} into {path}:")
    print("\n".join(describe_report(report, done=True)))
    if is_conflict_copy(other, store.path):
        moved = put_away(other, store.path)
        print(f"The merged copy was moved to {moved}.")
    return EXIT_OK


def _checked(store: Store, other: Path, theirs: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    try:
        return store.check_tables(theirs)
    except UnusableData as exc:
        raise DataFileError(f"{other} cannot be merged: {exc.reason}.") from None
