"""A close that cannot write the data file (a folder made read-only or immutable, a full disk, the file replaced
by a folder meanwhile) still loses nothing: everything in memory is written, whole and user-only, where it can
go, and the command line says where and how to merge it back. Before, the app exited 2 naming only the newest
backup, and the changes of the run were gone."""

from __future__ import annotations

import errno
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infoview_tui import cli
from infoview_tui.config import default_data_path
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import Contact
from infoview_tui.store import Store
from infoview_tui.store.storage import read_tables

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def names_in(path: Path) -> set[str]:
    tables = read_tables(path, hint=False) or {}
    return {doc["name"] for doc in tables.get("contacts", {}).values() if "name" in doc}


def test_a_data_file_replaced_by_a_folder_leaves_the_changes_in_a_copy_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "infoview.json"
    store = Store.open(path, clock=FixedClock(T0))
    store.contacts.add(Contact(name="Saved First"))
    assert store.flush()
    path.unlink()
    path.mkdir()  # another program put a folder where the file was
    store.contacts.add(Contact(name="Important New Person"))
    assert not store.close()
    assert store.rescued is not None and store.rescued.parent == tmp_path
    assert store.rescued.name.startswith("infoview.conflict-")  # the next start offers to merge it
    assert names_in(store.rescued) == {"Saved First", "Important New Person"}
    assert stat.S_IMODE(store.rescued.stat().st_mode) == 0o600


def test_an_unwritable_folder_leaves_the_changes_in_the_apps_own_folder_and_merge_puts_them_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Nothing can be written beside the data file (root ignores chmod, so the folder's refusal is simulated):
    the copy goes to the app's data folder, and the merge the message names brings it back."""
    folder = tmp_path / "synced"
    path = folder / "infoview.json"
    store = Store.open(path, clock=FixedClock(T0))
    store.contacts.add(Contact(name="Saved First"))
    assert store.flush()
    replace = os.replace

    def refused(src: object, dst: object, *args: object, **kwargs: object) -> None:
        if Path(str(dst)).parent == folder:
            raise PermissionError(errno.EPERM, "Operation not permitted", str(dst))
        replace(src, dst, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refused)
    store.contacts.add(Contact(name="Typed While Unwritable"))
    assert not store.close()
    monkeypatch.setattr(
        os, "replace", replace
    )  # not undo(): that would also undo the home folder's isolation
    rescued = store.rescued
    assert rescued is not None
    assert rescued.parent == default_data_path().parent / "rescued"
    assert names_in(rescued) == {"Saved First", "Typed While Unwritable"}
    assert stat.S_IMODE(rescued.stat().st_mode) == 0o600
    assert stat.S_IMODE(rescued.parent.stat().st_mode) == 0o700
    assert names_in(path) == {"Saved First"}  # the data file was never touched

    said = cli.unsaved_message(path, store.last_error, rescued)
    assert str(rescued) in said and "Operation not permitted" in said
    command = said.split("`")[1]
    assert command.startswith("infoview-tui ")
    assert cli.main(command.split()[1:], clock=FixedClock(T0)) == 0  # the folder takes writes again
    capsys.readouterr()
    assert names_in(path) == {"Saved First", "Typed While Unwritable"}


def test_when_no_place_takes_the_copy_the_message_says_so(tmp_path: Path) -> None:
    said = cli.unsaved_message(tmp_path / "x.json", OSError(errno.ENOSPC, "No space left on device"), None)
    assert "could not be saved" in said and "No other place could take them" in said
