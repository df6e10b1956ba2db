"""git as the way two computers share a notebook: the merge driver, `sync --init` and `sync`, offline.

A bare repository in tmp_path stands in for the remote, and two clones of it for two computers (each with its
own user name). Records are changed through the Store, as the app does; `sync` runs through the CLI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infoview_tui.cli import main
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import Contact, replace
from infoview_tui.store import Store
from infoview_tui.store.gitsync import DRIVER, run_git_driver
from infoview_tui.store.storage import read_tables

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed on this machine")

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def computer(tmp_path: Path, bare: Path, name: str) -> Path:
    """A clone of the remote, as one computer has it, with its own identity; returns its data file."""
    folder = tmp_path / name
    subprocess.run(["git", "clone", "--quiet", str(bare), str(folder)], check=True, capture_output=True)
    git(folder, "config", "user.name", name)
    git(folder, "config", "user.email", f"{name}@example.invalid")
    return folder / "infoview.json"


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", str(remote)], check=True)
    return remote


def edit(data: Path, change: object) -> None:
    """Open the data file the way the app does, change records, save and close."""
    with Store.open(data, clock=FixedClock(NOW)) as store:
        assert callable(change)
        change(store)


def contact(store: Store, name: str) -> Contact:
    return next(c for c in store.contacts.all() if c.name == name)


def contacts_in(data: Path) -> dict[str, Contact]:
    with Store.open(data, read_only=True) as store:
        return {c.name: c for c in store.contacts.all()}


def run(*args: str) -> int:
    return main(list(args))


def test_two_computers_edit_apart_and_sync_until_both_hold_everything(
    tmp_path: Path, bare: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = computer(tmp_path, bare, "laptop")
    edit(laptop, lambda s: s.contacts.add(Contact(name="Sam Base", company="Fjord")))
    assert run("sync", "--init", "--data", str(laptop)) == 0
    assert run("sync", "--data", str(laptop)) == 0
    assert "Pushed to origin/main." in capsys.readouterr().out

    desktop = computer(tmp_path, bare, "desktop")
    assert run("sync", "--init", "--data", str(desktop)) == 0
    assert contacts_in(desktop).keys() == {"Sam Base"}

    def on_laptop(store: Store) -> None:
        store.contacts.add(Contact(name="Ali Laptop"))
        store.contacts.update(replace(contact(store, "Sam Base"), title="Data lead"))

    def on_desktop(store: Store) -> None:
        store.contacts.add(Contact(name="Bea Desktop"))
        store.contacts.update(replace(contact(store, "Sam Base"), notes="Met at the fair"))

    edit(laptop, on_laptop)
    edit(desktop, on_desktop)
    capsys.readouterr()
    assert run("sync", "--data", str(laptop)) == 0
    assert run("sync", "--data", str(desktop)) == 0  # the remote moved on: the driver merges the data file
    out = capsys.readouterr().out
    assert "Brought in the other computer's changes." in out and "Pushed to origin/main." in out
    assert run("sync", "--data", str(laptop)) == 0

    for data in (laptop, desktop):
        found = contacts_in(data)
        assert found.keys() == {"Sam Base", "Ali Laptop", "Bea Desktop"}
        assert (found["Sam Base"].title, found["Sam Base"].notes) == ("Data lead", "Met at the fair")
        assert git(data.parent, "status", "--porcelain", "--", data.name) == ""
    assert laptop.read_bytes() == desktop.read_bytes()
    assert git(laptop.parent, "rev-parse", "HEAD") == git(desktop.parent, "rev-parse", "HEAD")

    # Syncing again changes nothing: no commit, no new bytes.
    head, before = git(laptop.parent, "rev-parse", "HEAD"), laptop.read_bytes()
    capsys.readouterr()
    assert run("sync", "--data", str(laptop)) == 0
    out = capsys.readouterr().out
    assert "Nothing new to commit." in out and "Nothing to push." in out
    assert git(laptop.parent, "rev-parse", "HEAD") == head and laptop.read_bytes() == before


def test_init_sets_up_the_repository_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    git(folder, "init", "--quiet")
    data = folder / "infoview.json"
    assert run("sync", "--init", "--data", str(data)) == 0
    first = capsys.readouterr().out
    assert "merge=infoview-tui" in first
    attributes = (folder / ".gitattributes").read_text()
    ignored = (folder / ".gitignore").read_text()
    assert attributes == f"infoview.json merge={DRIVER}\n"
    for name in ("backups/", "infoview.json.lock", "infoview.json.unsaved-*", ".infoview.json.*.tmp"):
        assert name in ignored.splitlines()
    driver = git(folder, "config", "--local", f"merge.{DRIVER}.driver")
    assert driver.endswith("-m infoview_tui merge --git-driver %O %A %B")
    assert git(folder, "check-attr", "merge", "--", "infoview.json").endswith(f"merge: {DRIVER}")

    assert run("sync", "--init", "--data", str(data)) == 0
    assert capsys.readouterr().out.strip() == "Already set up: nothing to change."
    assert (folder / ".gitattributes").read_text() == attributes
    assert (folder / ".gitignore").read_text() == ignored


def test_init_keeps_what_the_files_had(tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    git(folder, "init", "--quiet")
    (folder / ".gitattributes").write_text("*.md text")  # no newline at the end
    assert run("sync", "--init", "--data", str(folder / "infoview.json")) == 0
    assert (folder / ".gitattributes").read_text() == f"*.md text\ninfoview.json merge={DRIVER}\n"


def test_outside_a_repository_sync_says_how_to_make_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "plain" / "infoview.json"
    data.parent.mkdir()
    for args in (["sync", "--init"], ["sync"]):
        assert run(*args, "--data", str(data)) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "not in a git repository" in err and "git -C" in err
    assert not (data.parent / ".gitattributes").exists()


def test_sync_before_init_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    git(folder, "init", "--quiet")
    assert run("sync", "--data", str(folder / "infoview.json")) == 2
    assert "sync --init" in capsys.readouterr().err


def test_sync_is_refused_while_the_app_has_the_file_open(
    tmp_path: Path, bare: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = computer(tmp_path, bare, "laptop")
    assert run("sync", "--init", "--data", str(data)) == 0
    with Store.open(data, clock=FixedClock(NOW)) as store:
        store.contacts.add(Contact(name="Typed just now"))
        capsys.readouterr()
        assert run("sync", "--data", str(data)) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "open in infoview-tui" in err
    assert git(data.parent, "rev-list", "--all") == ""  # nothing was committed


def test_without_a_remote_sync_commits_here_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    git(folder, "init", "--quiet")
    git(folder, "config", "user.name", "solo")
    git(folder, "config", "user.email", "solo@example.invalid")
    data = folder / "infoview.json"
    edit(data, lambda s: s.contacts.add(Contact(name="Only Here")))
    assert run("sync", "--init", "--data", str(data)) == 0
    assert run("sync", "--data", str(data)) == 0
    assert "committed here only" in capsys.readouterr().out
    assert git(folder, "ls-files") == ".gitattributes\n.gitignore\ninfoview.json"
    assert "infoview-tui sync from" in git(folder, "log", "-1", "--format=%s")


def test_a_push_the_remote_refuses_is_explained_and_the_commit_kept(
    tmp_path: Path, bare: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = computer(tmp_path, bare, "laptop")
    edit(laptop, lambda s: s.contacts.add(Contact(name="Sam Base")))
    assert run("sync", "--init", "--data", str(laptop)) == 0
    assert run("sync", "--data", str(laptop)) == 0
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'the server says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    edit(laptop, lambda s: s.contacts.add(Contact(name="Ali Laptop")))
    capsys.readouterr()
    assert run("sync", "--data", str(laptop)) == 2
    err = capsys.readouterr().err
    assert "refused the push" in err and "sync again" in err
    assert "Ali Laptop" in git(laptop.parent, "show", "HEAD:infoview.json")


# The merge driver on its own -----------------------------------------------------------------------------


IDS = {"1": "01JDQ0000000000000000000A1", "2": "01JDQ0000000000000000000B2"}
"""Two record ids as schema 2 writes them (ULIDs): the short names in the tests below stand for them."""


def write_file(path: Path, contacts: dict[str, dict[str, object]]) -> Path:
    tables = {"meta": {"1": {"schema_version": 2}}, "contacts": {IDS[k]: doc for k, doc in contacts.items()}}
    path.write_text(json.dumps(tables))
    return path


def test_driver_merges_into_ours_and_keeps_its_mode(tmp_path: Path) -> None:
    base = write_file(tmp_path / "base", {"1": {"name": "Sam"}})
    ours = write_file(tmp_path / "ours", {"1": {"name": "Sam", "title": "Lead"}})
    theirs = write_file(tmp_path / "theirs", {"1": {"name": "Sam", "notes": "hi"}, "2": {"name": "Bea"}})
    ours.chmod(0o644)
    assert run_git_driver(base, ours, theirs) == 0
    merged = read_tables(ours)
    assert merged is not None
    assert merged["contacts"] == {
        IDS["1"]: {"name": "Sam", "title": "Lead", "notes": "hi"},
        IDS["2"]: {"name": "Bea"},
    }
    assert os.stat(ours).st_mode & 0o777 == 0o644


def test_driver_without_a_common_ancestor_keeps_both_sides(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.write_text("")  # git's %O when both sides added the file
    ours = write_file(tmp_path / "ours", {"1": {"name": "Ali"}})
    theirs = write_file(tmp_path / "theirs", {"2": {"name": "Bea"}})  # ids never collide across computers
    assert run_git_driver(base, ours, theirs) == 0
    merged = read_tables(ours)
    assert merged is not None
    assert sorted(d["name"] for d in merged["contacts"].values()) == ["Ali", "Bea"]


@pytest.mark.parametrize("bad", ["not json at all", '{"recipes": {"1": {"name": "soup"}}}', ""])
def test_driver_refuses_a_copy_that_is_not_ours_and_leaves_ours_alone(
    tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = write_file(tmp_path / "base", {})
    ours = write_file(tmp_path / "ours", {"1": {"name": "Ali"}})
    before = ours.read_bytes()
    theirs = tmp_path / "theirs"
    theirs.write_text(bad)
    assert main(["merge", "--git-driver", str(base), str(ours), str(theirs)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(theirs) in err
    assert ours.read_bytes() == before


def test_a_merge_git_cannot_finish_is_explained_and_both_commits_kept(
    tmp_path: Path, bare: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop = computer(tmp_path, bare, "laptop")
    edit(laptop, lambda s: s.contacts.add(Contact(name="Sam Base")))
    (laptop.parent / "plans.txt").write_text("one\n")
    git(laptop.parent, "add", "plans.txt")
    git(laptop.parent, "commit", "--quiet", "-m", "plans")
    assert run("sync", "--init", "--data", str(laptop)) == 0
    assert run("sync", "--data", str(laptop)) == 0
    desktop = computer(tmp_path, bare, "desktop")
    assert run("sync", "--init", "--data", str(desktop)) == 0
    for data, words in ((laptop, "laptop's plan\n"), (desktop, "desktop's plan\n")):
        (data.parent / "plans.txt").write_text(words)  # a file of the user's own, changed on both
        git(data.parent, "commit", "--quiet", "-am", "plans")
        edit(data, lambda s, who=data.parent.name: s.contacts.add(Contact(name=f"Added on {who}")))
    assert run("sync", "--data", str(laptop)) == 0
    capsys.readouterr()
    assert run("sync", "--data", str(desktop)) == 2
    err = capsys.readouterr().err
    assert "could not be merged in plans.txt" in err and "git merge --abort" in err
    mine = git(desktop.parent, "rev-parse", "HEAD")
    assert "Added on desktop" in git(desktop.parent, "show", f"{mine}:infoview.json")
    assert run("sync", "--data", str(desktop)) == 2  # refused until the merge is finished or undone
    assert "a merge is waiting" in capsys.readouterr().err
    git(desktop.parent, "merge", "--abort")
    assert git(desktop.parent, "rev-parse", "HEAD") == mine
