"""Snapshot tests for layout: every section and every dialog with demo data at 80x24 and 120x40, the welcome
on an empty file, and the help screen.

Run `pytest tests/snapshots --snapshot-update` after an intended visual change and review the SVG diff.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp

from ..app.conftest import NOW
from ..app.test_dialogs_fit import DIALOGS, opened

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


SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
"""The default size of most terminals, and a roomy one."""
SECTIONS = {"0-dashboard": "0", "1-identify": "1", "2-prepare": "2", "3-conduct": "3", "4-follow-up": "4"}
SECTIONS["5-reflect"] = "5"


async def steady_cursors(pilot: Pilot[None]) -> None:
    """Stop every cursor blinking (shown, not blinking), so a snapshot never catches it half way."""
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_with_demo_data(
    snap_compare: SnapCompare, snap_store: Store, tmp_path: Path, section: str, size: str
) -> None:
    populate_demo(snap_store, NOW)

    async def open_it(pilot: Pilot[None]) -> None:
        await pilot.press(SECTIONS[section])
        await pilot.pause()
        await steady_cursors(pilot)

    assert snap_compare(_app(snap_store, tmp_path), terminal_size=SIZES[size], run_before=open_it)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_every_dialog_with_demo_data(
    snap_compare: SnapCompare, snap_store: Store, tmp_path: Path, name: str, size: str
) -> None:
    """Each dialog as `tests/app/test_dialogs_fit.py` opens it (the same table, so a new dialog joins both)."""
    populate_demo(snap_store, NOW)

    async def open_it(pilot: Pilot[None]) -> None:
        await opened(pilot, snap_store, name)
        await steady_cursors(pilot)

    assert snap_compare(_app(snap_store, tmp_path), terminal_size=SIZES[size], run_before=open_it)
