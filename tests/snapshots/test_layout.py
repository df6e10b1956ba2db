"""Snapshot tests for layout: the Dashboard with demo data, the welcome on an empty file, and the help screen.

Run `pytest tests/snapshots --snapshot-update` after an intended visual change and review the SVG diff.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp

from ..app.conftest import NOW

SnapCompare = Callable[..., bool]


SNAP_FOLDER = Path("/tmp/infoview-tui-snapshots")
"""A fixed folder: the help screen shows the data file's path, which must not change between runs."""


@pytest.fixture
def snap_store() -> Iterator[Store]:
    shutil.rmtree(SNAP_FOLDER, ignore_errors=True)
    store = Store.open(SNAP_FOLDER / "infoview.json", clock=FixedClock(NOW))
    yield store
    store.close()
    shutil.rmtree(SNAP_FOLDER, ignore_errors=True)


def _app(store: Store, tmp_path: Path) -> InfoviewApp:
    app = InfoviewApp(store, settings_file=tmp_path / "settings.json")
    app.settings.profile_asked = True  # the first-start profile question has its own tests
    return app


def test_dashboard_with_demo_data(snap_compare: SnapCompare, snap_store: Store, tmp_path: Path) -> None:
    populate_demo(snap_store, NOW)
    assert snap_compare(_app(snap_store, tmp_path), terminal_size=(120, 36))


def test_welcome_on_an_empty_file(snap_compare: SnapCompare, snap_store: Store, tmp_path: Path) -> None:
    assert snap_compare(_app(snap_store, tmp_path), terminal_size=(100, 30))


def test_help_screen(snap_compare: SnapCompare, snap_store: Store, tmp_path: Path) -> None:
    populate_demo(snap_store, NOW)
    assert snap_compare(_app(snap_store, tmp_path), terminal_size=(100, 40), press=["question_mark"])
