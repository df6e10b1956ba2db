"""Fixtures for Pilot tests: a store on a temporary file with a fixed clock, and an app around it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from infoview_tui.domain.dates import FixedClock
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
"""A Wednesday morning; every Pilot test runs at this moment."""
SIZE = (120, 36)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "infoview.json"


@pytest.fixture
def store(data_path: Path, clock: FixedClock) -> Iterator[Store]:
    opened = Store.open(data_path, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def demo_store(store: Store, clock: FixedClock) -> Store:
    from infoview_tui.demo import populate_demo

    populate_demo(store, clock.now())
    return store


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


def make_app(store: Store, settings_file: Path, *, ask_profile: bool = False) -> InfoviewApp:
    """An app on `store` whose settings live in the test's folder.

    The first-start profile question is marked as already asked, so tests start on the section they drive;
    `ask_profile=True` keeps the settings as they are (tests of that question use it).
    """
    app = InfoviewApp(store, settings_file=settings_file)
    if not ask_profile:
        app.settings.profile_asked = True
    return app


async def until(
    pilot: Pilot[Any],
    condition: Callable[[], bool],
    what: str = "the condition to hold",
    timeout: float = 30.0,
) -> None:
    """Let the app run until `condition` holds (what the screen or the store shows), never a fixed sleep; fail
    after `timeout` seconds saying what never happened. The timeout only bounds a failure: a busy machine
    takes longer, a passing test returns as soon as the condition holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause()
        await asyncio.sleep(0.02)
