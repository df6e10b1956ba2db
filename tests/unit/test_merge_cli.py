"""`infoview-tui merge OTHER.json [--dry-run]` and `merge --git-driver BASE OURS THEIRS` (run in-process)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.cli import main
from infoview_tui.domain.models import Contact
from infoview_tui.store import Store
from infoview_tui.store.storage import backup_dir, base_path

DROPBOX = "infoview (Sam's conflicted copy 2026-11-29).json"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data file with two contacts, written (and closed, so its base is kept) by the store."""
    path = tmp_path / "infoview.json"
    with Store.open(path) as store:
        store.contacts.add(Contact(name="Ana", title="Analyst"))
        store.contacts.add(Contact(name="Bo"))
    return path


def load(path: Path) -> dict[str, Any]:
    tables: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return tables


def key_of(tables: dict[str, Any], name: str) -> str:
    """The id under which the contact called `name` is stored."""
    return str(next(k for k, doc in tables["contacts"].items() if doc.get("name") == name))


ZOE = "01JDQ00000000000000000Z0E1"
"""A contact the other computer made (its id is one this computer never makes)."""
A, B, C = "01JDQ0000000000000000000A1", "01JDQ0000000000000000000B1", "01JDQ0000000000000000000C1"


def other_copy(data: Path, name: str = DROPBOX) -> Path:
    """The other computer's copy: Ana's title changed later there, and a new contact."""
    tables = load(data)
    tables["contacts"][key_of(tables, "Ana")].update(
        title="Data lead", updated_at="2030-01-01T00:00:00+00:00"
    )
    tables["contacts"][ZOE] = {"name": "Zoe From Laptop", "updated_at": "2026-11-29T10:00:00+00:00"}
    target = data.with_name(name)
    target.write_text(json.dumps(tables), encoding="utf-8")
    return target


def test_the_writer_keeps_its_last_write_as_the_base_user_only(data: Path) -> None:
    base = base_path(data)
    assert load(base) == load(data)
    assert stat.S_IMODE(base.stat().st_mode) == 0o600


def test_dry_run_says_what_it_would_do_and_changes_nothing(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = other_copy(data)
    before = data.read_bytes()
    backups_before = sorted(p.name for p in backup_dir(data).iterdir())
    assert main(["merge", "--data", str(data), str(other), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "add: 1 record: Zoe From Laptop" in out and "update: 1 record: Ana" in out
    assert "nothing was changed" in out
    assert data.read_bytes() == before and other.exists()
    assert sorted(p.name for p in backup_dir(data).iterdir()) == backups_before


def test_a_merge_backs_up_first_writes_both_copies_and_puts_the_conflict_copy_away(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = other_copy(data)
    before = data.read_bytes()
    assert main(["merge", "--data", str(data), str(other)]) == 0
    out = capsys.readouterr().out
    assert "added: 1 record: Zoe From Laptop" in out
    with Store.open(data, read_only=True) as store:
        contacts = {c.name: c for c in store.contacts.all()}
    assert set(contacts) == {"Ana", "Bo", "Zoe From Laptop"} and contacts["Ana"].title == "Data lead"
    backups = sorted(backup_dir(data).glob("infoview-*.json"))
    assert [b.read_bytes() for b in backups] == [before]  # the file as it was, before the merge
    assert not other.exists() and (backup_dir(data) / DROPBOX).exists()
    assert "moved to" in out
    assert load(base_path(data)) == load(data)  # the new base is what was written


def test_merging_the_same_copy_twice_changes_nothing_more(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = other_copy(data, "laptop-copy.json")  # not a conflict-copy name: it stays where it is
    assert main(["merge", "--data", str(data), str(other)]) == 0
    after_first = load(data)
    assert other.exists()
    assert main(["merge", "--data", str(data), str(other)]) == 0
    assert load(data) == after_first
    assert "nothing new" in capsys.readouterr().out


def test_a_field_both_copies_changed_is_set_aside_on_the_record(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tables = load(data)
    tables["contacts"][key_of(tables, "Ana")].update(
        title="Head of data", updated_at="2030-01-01T00:00:00+00:00", updated_by="laptop"
    )
    other = data.with_name("other.json")
    other.write_text(json.dumps(tables), encoding="utf-8")
    with Store.open(data) as store:  # changed here too, earlier than there
        ana = store.contacts.all()[0]
        store.contacts.update(Contact(**{**{f: getattr(ana, f) for f in ("name", "id")}, "title": "CTO"}))
    assert main(["merge", "--data", str(data), str(other)]) == 0
    out = capsys.readouterr().out
    assert (
        "set aside: 1 value" in out
        and "Title on computer …" in out
        and ": 'CTO' (kept 'Head of data' from 2030-01-01 00:00)" in out
    )
    with Store.open(data, read_only=True) as store:
        ana = store.contacts.all()[0]
    [line] = ana.merged
    assert ana.title == "Head of data" and line.startswith("Title on computer …")
    assert line.endswith(": 'CTO' (kept 'Head of data' from 2030-01-01 00:00)")


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_text("{not json", encoding="utf-8"), "not valid JSON"),
        (lambda p: p.write_text('{"meta": {"1": {"schema_version": 99}}}', encoding="utf-8"), "newer"),
        (lambda p: p.write_text('{"name": "package"}', encoding="utf-8"), "not an infoview-tui data file"),
        (lambda p: os.symlink(p.name, p), "symbolic links"),
        (lambda p: None, "does not exist"),
    ],
)
def test_an_odd_other_copy_is_refused_with_one_line_and_nothing_changes(
    data: Path, capsys: pytest.CaptureFixture[str], make: Any, says: str
) -> None:
    other = data.with_name("other.json")
    make(other)
    before = data.read_bytes()
    assert main(["merge", "--data", str(data), str(other)]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert data.read_bytes() == before


def test_refused_while_the_app_holds_the_lock(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = other_copy(data)
    before = data.read_bytes()
    with Store.open(data):
        assert main(["merge", "--data", str(data), str(other)]) == 2
        assert main(["merge", "--data", str(data), str(other), "--dry-run"]) == 2
    assert "already open" in capsys.readouterr().err
    assert data.read_bytes() == before and other.exists()


def test_the_data_file_itself_is_refused(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge", "--data", str(data), str(data)]) == 2
    assert "the data file itself" in capsys.readouterr().err


def test_git_driver_writes_the_merge_into_ours(tmp_path: Path) -> None:
    stamp = {"updated_at": "2026-11-20T09:00:00+00:00", "updated_by": "desk"}
    base = {"meta": {"1": {"schema_version": 2}}, "contacts": {A: {"name": "Ana", **stamp}}}
    ours = json.loads(json.dumps(base))
    ours["contacts"][B] = {"name": "Bo from desk", **stamp}
    theirs = json.loads(json.dumps(base))
    theirs["contacts"][A].update(title="Lead", updated_at="2026-11-21T09:00:00+00:00", updated_by="laptop")
    theirs["contacts"][C] = {"name": "Cy from laptop", **stamp}
    paths = []
    for name, tables in (("base", base), ("ours", ours), ("theirs", theirs)):
        paths.append(tmp_path / f"{name}.json")
        paths[-1].write_text(json.dumps(tables), encoding="utf-8")
    paths[1].chmod(0o640)
    assert main(["merge", "--git-driver", *map(str, paths)]) == 0
    merged = load(paths[1])["contacts"]
    assert set(merged) == {A, B, C} and merged[A]["title"] == "Lead"
    assert stat.S_IMODE(paths[1].stat().st_mode) == 0o640  # the mode git checked it out with


def test_git_driver_with_no_ancestor_merges_two_way(tmp_path: Path) -> None:
    base, ours, theirs = tmp_path / "o", tmp_path / "a", tmp_path / "b"
    base.write_bytes(b"")  # git's %O when both sides added the file
    ours.write_text(json.dumps({"contacts": {"A": {"name": "Ana"}}}), encoding="utf-8")
    theirs.write_text(json.dumps({"contacts": {"B": {"name": "Bo"}}}), encoding="utf-8")
    assert main(["merge", "--git-driver", str(base), str(ours), str(theirs)]) == 0
    assert set(load(ours)["contacts"]) == {"A", "B"}


def test_git_driver_fails_only_when_a_file_cannot_be_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, ours, theirs = tmp_path / "o", tmp_path / "a", tmp_path / "b"
    base.write_bytes(b"")
    ours.write_text("{}", encoding="utf-8")
    theirs.write_text("<<<<<<< not json", encoding="utf-8")
    assert main(["merge", "--git-driver", str(base), str(ours), str(theirs)]) == 2
    assert ours.read_text(encoding="utf-8") == "{}"
    assert "not valid JSON" in capsys.readouterr().err


def test_merge_needs_a_file_or_the_git_driver(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge"]) == 1
    assert "name the other copy" in capsys.readouterr().err


def test_with_no_data_file_yet_it_says_to_copy_the_other_instead(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "laptop.json"
    other.write_text(json.dumps({"contacts": {"A": {"name": "Ana"}}}), encoding="utf-8")
    missing = tmp_path / "infoview.json"
    assert main(["merge", "--data", str(missing), str(other), "--dry-run"]) == 2
    assert main(["merge", "--data", str(missing), str(other)]) == 2
    assert "copy it there" in capsys.readouterr().err and not missing.exists()


def test_merging_a_copy_whose_name_is_not_utf8_prints_it_under_a_strict_output(data: Path) -> None:
    """The name reaches Python with a lone surrogate in it: "Merged … into …" ended the command with a
    traceback after the merge was done, where the output is strict UTF-8 (a desktop's usual locale)."""
    import subprocess
    import sys

    other = os.fsencode(data.parent) + b"/copy\xff.json"
    with open(other, "wb") as handle:
        handle.write(data.read_bytes())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict", "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, "-m", "infoview_tui", "merge", "--data", str(data), os.fsdecode(other)],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"copy\\udcff.json" in done.stdout
