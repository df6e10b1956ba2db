"""Finding the conflict copies sync tools leave beside the data file (real names, in a temp folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from infoview_tui.store.conflict_copies import (
    find_conflict_copies,
    ignore_copy,
    is_conflict_copy,
    put_away,
)

COPIES = {
    "infoview (Sam's conflicted copy 2026-11-29).json": "Dropbox",
    "infoview (Sam’s conflicted copy 2026-11-29 (1)).json": "Dropbox",
    "infoview (conflicted copy 2026-11-29 101500).json": "Nextcloud or ownCloud",
    "infoview.sync-conflict-20261129-101500-ABCDEFG.json": "Syncthing",
    "infoview-LAPTOP.json": "OneDrive",
    "infoview-DESKTOP-7QK2M1A.json": "OneDrive",
    "infoview.conflict-20261129-101500.json": "infoview-tui",
    "infoview.conflict-20261129-101500-2.json": "infoview-tui",
}
NOT_COPIES = [
    "infoview.json",
    "infoview.json.lock",
    "infoview-export.json",
    "infoview-2026.json",
    "infoview.sync-conflict-2026-ABC.json",
    "other (Sam's conflicted copy 2026-11-29).json",
    "infoview (Sam's conflicted copy 2026-11-29).txt",
    ".infoview.json.abc.tmp",
    "infoview-a-name-far-too-long-for-a-host.json",
]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "infoview.json"
    path.write_text("{}", encoding="utf-8")
    for name in [*COPIES, *NOT_COPIES]:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    return path


def test_every_tools_name_is_found_and_nothing_else(data: Path) -> None:
    found = {c.path.name: c.tool for c in find_conflict_copies(data)}
    assert found == COPIES


def test_a_folder_or_a_symlink_under_such_a_name_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "infoview.json"
    (tmp_path / "infoview-LAPTOP.json").mkdir()
    os.symlink("/etc/passwd", tmp_path / "infoview.sync-conflict-20261129-101500-ABCDEFG.json")
    assert find_conflict_copies(path) == []


def test_a_copy_never_to_merge_is_not_offered_again(data: Path) -> None:
    ignore_copy(data, data.with_name("infoview-LAPTOP.json"))
    names = {c.path.name for c in find_conflict_copies(data)}
    assert "infoview-LAPTOP.json" not in names and len(names) == len(COPIES) - 1
    assert data.with_name("infoview-LAPTOP.json").exists()


def test_put_away_moves_a_copy_into_backups_without_overwriting(data: Path) -> None:
    copy = data.with_name("infoview-LAPTOP.json")
    first = put_away(copy, data)
    assert first == data.parent / "backups" / "infoview-LAPTOP.json" and not copy.exists()
    copy.write_text("{}", encoding="utf-8")
    second = put_away(copy, data)
    assert second.name == "infoview-LAPTOP-2.json" and first.exists()


def test_is_conflict_copy_takes_relative_paths(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data.parent)
    assert is_conflict_copy(Path("infoview-LAPTOP.json"), data)
    assert not is_conflict_copy(Path("infoview-export.json"), data)
    assert not is_conflict_copy(data.parent / "elsewhere" / "infoview-LAPTOP.json", data)


def test_a_copy_whose_name_is_not_utf8_can_be_set_aside_for_good(tmp_path: Path) -> None:
    """Such a name reaches Python with a lone surrogate in it (no UTF-8 form): writing the list of copies
    never to merge raised UnicodeEncodeError, and answering "never" crashed the app."""
    data = tmp_path / "infoview.json"
    data.write_text("{}", encoding="utf-8")
    raw = os.fsencode(tmp_path) + b"/infoview (Jos\xe9's conflicted copy 2026-11-29).json"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write("{}")
    (copy,) = find_conflict_copies(data)
    assert "\udce9" in copy.path.name
    ignore_copy(data, copy.path)
    assert find_conflict_copies(data) == []
    assert os.path.exists(raw)
