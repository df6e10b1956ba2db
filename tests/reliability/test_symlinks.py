"""Fault suite: a data path that is a symlink (a synced folder linked into place, dotfiles managed by stow).
Writes go to the target and the link stays a link; backups, temp files and the lock sit beside the target,
so a second open through any other name is refused."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from infoview_tui.cli import main
from infoview_tui.domain.models import Contact
from infoview_tui.store import Store, StoreLockedError


@pytest.fixture
def target(tmp_path: Path) -> Path:
    real = tmp_path / "synced" / "real.json"
    with Store.open(real) as store:
        store.contacts.add(Contact(name="Before"))
    return real


@pytest.fixture
def link(tmp_path: Path, target: Path) -> Path:
    folder = tmp_path / "dotfiles"
    folder.mkdir()
    link = folder / "link.json"
    link.symlink_to(os.path.relpath(target, folder))  # relative, as `ln -s` usually makes them
    return link


def names(path: Path) -> list[str]:
    return sorted(d["name"] for d in json.loads(path.read_text(encoding="utf-8"))["contacts"].values())


def test_writes_go_to_the_target_and_the_link_stays_a_link(link: Path, target: Path) -> None:
    with Store.open(link) as store:
        assert store.path == target
        store.contacts.add(Contact(name="Through The Link"))
        assert store.flush()
        assert (target.parent / "real.json.lock").exists() and not (link.parent / "link.json.lock").exists()
    assert link.is_symlink() and link.resolve() == target
    assert names(target) == ["Before", "Through The Link"]
    assert names(link) == names(target)
    assert [p.name for p in link.parent.iterdir()] == [
        "link.json"
    ]  # no backups or temp files beside the link
    assert list((target.parent / "backups").glob("real-*.json"))


def test_a_second_open_through_the_other_name_is_refused(link: Path, target: Path, tmp_path: Path) -> None:
    chain = tmp_path / "chain.json"
    chain.symlink_to(link)
    with Store.open(link):
        for other in (target, chain):
            with pytest.raises(StoreLockedError, match="already open"):
                Store.open(other)
        assert main(["demo", "--force", "--data", str(target)]) == 2
    with Store.open(chain) as store:  # free again once closed
        assert store.path == target


def test_a_dangling_link_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    target = tmp_path / "later" / "real.json"
    target.parent.mkdir()
    link.symlink_to(target)
    with Store.open(link) as store:
        store.contacts.add(Contact(name="First"))
    assert link.is_symlink() and names(target) == ["First"]


def test_a_symlink_loop_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    assert main(["demo", "--data", str(loop)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "loop.json" in err
    assert "leads back to itself" in err and "permissions" not in err  # a loop is not a permission problem
