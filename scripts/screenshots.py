"""Regenerate the README screenshots (SVG) in assets/ from the demo data at a fixed moment.

    python scripts/screenshots.py

Each shot drives the app headless with keys, the way a person would, and saves what is on screen.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import os  # noqa: E402
import time  # noqa: E402

os.environ["TZ"] = "UTC"
time.tzset()

from textual.pilot import Pilot  # noqa: E402

from infoview_tui.demo import populate_demo  # noqa: E402
from infoview_tui.domain.dates import FixedClock  # noqa: E402
from infoview_tui.store import Store  # noqa: E402
from infoview_tui.ui.app import InfoviewApp  # noqa: E402
from infoview_tui.ui.screens.conduct import ConductScreen  # noqa: E402
from infoview_tui.ui.screens.dialogs import ConfirmScreen  # noqa: E402

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
ASSETS = ROOT / "assets"
SIZE = (120, 36)

Steps = Callable[[InfoviewApp, Pilot[None]], Awaitable[None]]


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()
    await pilot.pause(0.2)


async def dashboard(app: InfoviewApp, pilot: Pilot[None]) -> None:
    await keys(pilot, "0")


async def identify(app: InfoviewApp, pilot: Pilot[None]) -> None:
    await keys(pilot, "1")


async def prepare(app: InfoviewApp, pilot: Pilot[None]) -> None:
    await keys(pilot, "2", "enter")


async def conduct(app: InfoviewApp, pilot: Pilot[None]) -> None:
    """Mid-call: twelve minutes in, a few notes, the second question current."""
    clock = app.store.clock
    assert isinstance(clock, FixedClock)
    await keys(pilot, "3", "ctrl+t")
    await pilot.pause()
    if isinstance(app.screen, ConfirmScreen):  # the demo call is more than 30 minutes away: start anyway
        await keys(pilot, "y")
        await pilot.pause()
    for minutes, note, after in (
        (3, "Joined from consulting after 4 years; wanted to own models end to end", "ctrl+n"),
        (4, "* Pricing experiments need causal thinking more than fancy models", ""),
        (3, "! Read 'Trustworthy Online Controlled Experiments' before applying anywhere", "ctrl+n"),
        (2, "@ Talk to Ingrid Larsen at Fjord Payments about analytics engineering", ""),
    ):
        clock.advance(minutes=minutes)
        await pilot.press(*note)
        await keys(pilot, "enter", *([after] if after else []))
    await keys(pilot, "f6")  # twelve minutes in, the opening script is folded to one line
    screen = app.screen
    assert isinstance(screen, ConductScreen)
    screen._tick()  # draw the call clock at the advanced time now, not at the next timer tick
    await pilot.pause()


async def follow_up(app: InfoviewApp, pilot: Pilot[None]) -> None:
    await keys(pilot, "4")


async def reflect(app: InfoviewApp, pilot: Pilot[None]) -> None:
    await keys(pilot, "5")


async def brief(app: InfoviewApp, pilot: Pilot[None]) -> None:
    """The call screen before the call, with the brief open at the top (F7): what Kenji said last time."""
    await keys(pilot, "3", "f7")


async def chains(app: InfoviewApp, pilot: Pilot[None]) -> None:
    """Where each introduction led (c in Identify), with the thank-you the demo owes."""
    await keys(pilot, "1", "c")


SHOTS: dict[str, Steps] = {
    "dashboard": dashboard,
    "identify": identify,
    "prepare-workspace": prepare,
    "conduct": conduct,
    "follow-up": follow_up,
    "reflect": reflect,
    "brief": brief,
    "chains": chains,
}


async def shoot(name: str, steps: Steps, folder: Path) -> Path:
    data = folder / name / "infoview.json"
    store = Store.open(data, clock=FixedClock(NOW))
    populate_demo(store, NOW)
    try:
        app = InfoviewApp(store, settings_file=folder / name / "settings.json")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await steps(app, pilot)
            target = app.save_screenshot(filename=f"{name}.svg", path=str(ASSETS))
    finally:
        store.close()
    return Path(target)


async def main() -> None:
    ASSETS.mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="infoview-shots-"))
    try:
        for name, steps in SHOTS.items():
            print(await shoot(name, steps, folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
