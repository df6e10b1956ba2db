"""Fault suite for the file errors of issue 10 and the smaller ones of issue 11: each ends in one line on
stderr with exit 2 (a data-file problem), or a message in the app; never a traceback, never a hang, and the
file is left as it was. Runs as root in CI, so permissions are simulated with monkeypatch."""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import time
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.cli import main
from infoview_tui.store import Store
from tests.app.conftest import SIZE, make_app
from tests.e2e.conftest import Terminal, installed_command

ROOT = Path(__file__).resolve().parents[2]
LINKEDIN = ROOT / "tests" / "fixtures" / "linkedin" / "connections-sample.csv"
NESTED = b"[" * 100_000 + b"]" * 100_000

COMMANDS = {
    "tui": [],  # the app itself: the check runs before the first screen
    "demo": ["demo"],
    "import": ["import", "linkedin", str(LINKEDIN)],
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return code, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "infoview.json"
    with Store.open(path):
        pass
    return path


# --- the lock file ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_lock_path_that_is_a_folder(data: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    (data.parent / "infoview.json.lock").unlink(missing_ok=True)
    (data.parent / "infoview.json.lock").mkdir()
    before = data.read_bytes()
    code, err = run(capsys, *COMMANDS[command], "--data", str(data))
    assert code == 2
    assert "lock file" in one_line(err) and "is a folder" in err and str(data.parent) in err
    assert data.read_bytes() == before


def test_a_lock_path_that_is_a_symlink_is_not_followed(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    precious = data.parent / "precious.txt"
    precious.write_text("do not truncate me")
    lock = data.parent / "infoview.json.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(precious)
    code, err = run(capsys, "demo", "--data", str(data))
    assert code == 2 and "symbolic link" in one_line(err)
    assert precious.read_text() == "do not truncate me"


def test_a_lock_file_owned_by_another_user(
    data: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (data.parent / "infoview.json.lock").touch()
    monkeypatch.setattr(os, "getuid", lambda: os.stat(data).st_uid + 4242)  # we are someone else now
    code, err = run(capsys, "demo", "--data", str(data))
    assert code == 2 and "belongs to another user" in one_line(err)


# --- a read-only data folder -----------------------------------------------------------------------------


def read_only_folder(
    monkeypatch: pytest.MonkeyPatch, folder: Path, error: int, *, allow: Path | None
) -> None:
    """Refuse creating or writing files in `folder` (but `allow`), as the OS does for a read-only folder."""
    real_open = os.open
    writing = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def guarded(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        name = Path(os.fsdecode(file))
        if flags & writing and name.parent == folder and name != allow:
            raise OSError(error, os.strerror(error), os.fsdecode(file))
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", guarded)


@pytest.mark.parametrize("error", [errno.EACCES, errno.EROFS], ids=["no-permission", "read-only-mount"])
@pytest.mark.parametrize("lock_exists", [False, True], ids=["new-lock", "old-lock"])
@pytest.mark.parametrize("command", ["tui", "import"])
def test_a_read_only_data_folder(
    data: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: int,
    lock_exists: bool,
    command: str,
) -> None:
    lock = data.parent / "infoview.json.lock"
    if lock_exists:  # left by an earlier run: it opens, so the folder itself must be checked
        lock.touch()
    else:
        lock.unlink(missing_ok=True)
    before = data.read_bytes()
    read_only_folder(monkeypatch, data.parent, error, allow=lock if lock_exists else None)
    code, err = run(capsys, *COMMANDS[command], "--data", str(data))
    monkeypatch.undo()
    assert code == 2
    line = one_line(err)
    assert str(data.parent) in line and ("read-only" in line or "writable" in line)
    assert data.read_bytes() == before


@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_read_only_data_file_is_refused_not_replaced_by_a_writable_one(
    data: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """chmod 0444 is a choice: the first save used to put a new 0600 file in its place (the heartbeat at
    start-up did it before any change). Writing commands refuse it, saying how to make it writable;
    reading ones (export) still read it."""
    data.chmod(0o444)
    before = data.read_bytes()
    code, err = run(capsys, *COMMANDS[command], "--data", str(data))
    assert code == 2
    line = one_line(err)
    assert "read-only" in line and "chmod u+w" in line and str(data) in line
    assert data.read_bytes() == before
    assert stat.S_IMODE(data.stat().st_mode) == 0o444
    target = data.parent / "copy.json"
    assert main(["--data", str(data), "export", "-o", str(target)]) == 0
    assert target.exists()


# --- a file of 100,000 nested arrays ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [["export"], ["demo"], ["import", "linkedin", str(LINKEDIN)]])
def test_nested_arrays_are_a_clear_error_in_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    data = tmp_path / "nested.json"
    data.write_bytes(NESTED)
    code, err = run(capsys, *command, "--data", str(data))
    assert code == 2 and "nested too deeply" in one_line(err) and str(data) in err
    assert data.read_bytes() == NESTED


async def test_nested_arrays_end_the_app_with_a_message_not_a_hang(
    tmp_path: Path, settings_file: Path
) -> None:
    data = tmp_path / "nested.json"
    data.write_bytes(NESTED)
    store = Store.open(data, preload=False)  # as the CLI opens it for the app: the file is read after paint
    app = make_app(store, settings_file)
    try:
        async with app.run_test(size=SIZE) as pilot:
            deadline = time.monotonic() + 20
            while app.load_error is None:
                assert time.monotonic() < deadline, "still 'Loading your data…'"
                await pilot.pause(0.05)
        assert app.return_code == 2
        assert "nested too deeply" in app.load_error and str(data) in app.load_error
    finally:
        store.close()
    assert data.read_bytes() == NESTED


@pytest.mark.e2e
def test_nested_arrays_end_the_app_with_exit_2_in_a_real_terminal(
    tmp_path: Path, terminal_env: dict[str, str], terminals: list[Terminal]
) -> None:
    data = tmp_path / "nested.json"
    data.write_bytes(NESTED)
    t = Terminal([*installed_command(), "--data", str(data)], terminal_env)
    terminals.append(t)
    screen = t.wait_for("EXITED:2")
    unwrapped = "".join(screen.splitlines())  # the terminal wraps the line at 120 columns
    assert re.search(r"nested\s*too\s*deeply", unwrapped) and "Traceback" not in screen


# --- byte order marks, duplicate ids, the folder's permissions ---------------------------------------------


def test_a_file_saved_by_notepad_with_a_bom_opens_and_is_written_back_without_it(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data.write_bytes(b"\xef\xbb\xbf" + data.read_bytes())
    code, _ = run(capsys, "import", "linkedin", str(LINKEDIN), "--data", str(data))
    assert code == 0
    raw = data.read_bytes()
    assert raw.startswith(b"{") and json.loads(raw)["contacts"]


def test_duplicate_ids_are_refused_naming_them_and_the_file_is_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "infoview.json"
    content = (
        b'{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": "Ana"}, "2": {"name": "Bo"}, '
        b'"2": {"name": "Bo, again"}}}'
    )
    data.write_bytes(content)
    code, err = run(capsys, "demo", "--data", str(data))
    assert code == 2 and "occurs twice (contacts: 2)" in one_line(err)
    assert data.read_bytes() == content


def test_a_world_writable_default_folder_is_made_private_and_said_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from infoview_tui.config import default_data_path

    folder = default_data_path().parent
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    code, err = run(capsys, "demo")
    assert code == 0 and "was made private (700)" in one_line(err) and "777" in err
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    code, err = run(capsys, "demo", "--force")
    assert code == 0 and err == ""  # said once: it is private now


def test_a_shared_group_writable_folder_is_only_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "someone-elses-notes.txt").write_text("keep")
    shared.chmod(0o775)
    code, err = run(capsys, "demo", "--data", str(shared / "infoview.json"))
    assert code == 0 and "writable by other users (mode 775)" in one_line(err) and "chmod 700" in err
    assert stat.S_IMODE(shared.stat().st_mode) == 0o775


async def test_the_app_shows_the_folder_notice(tmp_path: Path, settings_file: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "other.txt").write_text("x")
    shared.chmod(0o777)
    store = Store.open(shared / "infoview.json")
    app = make_app(store, settings_file)
    try:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.pause()
            assert any("writable by other users" in n.message for n in app._notifications)
    finally:
        store.close()


def test_a_folder_holding_only_our_files_is_made_private_unless_someone_else_owns_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "mine"
    data = folder / "infoview.json"
    with Store.open(data):
        pass
    (folder / "infoview.conflict-20261125-090000.json").write_text("{}")
    folder.chmod(0o777)
    (folder / "infoview.json.lock").unlink()  # (ours: another user's would be refused)
    monkeypatch.setattr(os, "getuid", lambda: folder.stat().st_uid + 1)  # not the owner: only reported
    with Store.open(data) as store:
        assert store.notices and "chmod 700" in store.notices[0]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777
    monkeypatch.undo()
    (folder / "infoview.json.lock").unlink()
    with Store.open(data) as store:  # the owner, and nothing but this file's own files: made private
        assert store.notices and "was made private" in store.notices[0]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
