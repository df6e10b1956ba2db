"""Time the chain view at `demo --size N` (10,000 by default): building the chains from the store's records,
and the whole view appearing after the key (headless, from Identify's `c` until the tree's lines are there).

    python scripts/chains_timing.py              # size 10000, 5 rounds
    python scripts/chains_timing.py --size 2000 --rounds 9

Prints the median of the rounds with the spread (min–max), and the load average before and after: timings on
a shared machine are noisy. The store is opened from the file as the app opens it (collector frozen after).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.stages.identify.chains import build_chains
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def spread(samples: list[float]) -> str:
    ms = [s * 1000 for s in samples]
    return f"{statistics.median(ms):6.1f} ms  ({min(ms):.1f}–{max(ms):.1f})"


def calibrate() -> float:
    """Seconds for a plain Python loop, printed so figures from different machines (and loads) compare."""
    start = time.perf_counter()
    total = 0
    for step in range(1_000_000):
        total += step
    return time.perf_counter() - start


async def view_once(store: Store, settings: Path) -> tuple[float, float, float]:
    """Seconds from pressing c in Identify until the chain view's lines are drawn (the chains built afresh),
    the same on a second visit with nothing changed (built chains reused), and, for comparison, from pressing ?
    until the help screen (a screen with no data to build) is up: the floor of opening any screen here."""
    from textual.widgets import OptionList

    from infoview_tui.ui.screens import chain_view as chains_screen
    from infoview_tui.ui.screens.help import HelpScreen

    def drawn() -> bool:
        screen = app.screen
        return isinstance(screen, chains_screen.ChainsScreen) and bool(
            screen.query_one("#chains", OptionList).option_count
        )

    async def press_and_wait(key: str, done: Callable[[], bool]) -> float:
        while not app.screen.query("#contacts"):
            await pilot.pause()
        start = time.perf_counter()
        await pilot.press(key)
        while not done():
            await asyncio.sleep(0)
        elapsed = time.perf_counter() - start
        await pilot.press("escape")
        return elapsed

    chains_screen._BUILT.clear()
    app = InfoviewApp(store, settings_file=settings)
    app.settings.profile_asked = True
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        cold = await press_and_wait("c", drawn)
        again = await press_and_wait("c", drawn)
        bare = await press_and_wait("question_mark", lambda: isinstance(app.screen, HelpScreen))
        return cold, again, bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"machine speed: a 1,000,000-step Python loop takes {spread([calibrate() for _ in range(5)])}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data" / "infoview.json"
        seeded = Store.open(path, clock=FixedClock(NOW))
        populate_demo(seeded, NOW, size=args.size)
        seeded.close()
        store = Store.open(path, clock=FixedClock(NOW))
        gc.collect()
        gc.freeze()
        builds = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            chains = build_chains(store.contacts.all(), store.interviews.all(), store.intros.all())
            builds.append(time.perf_counter() - start)
        lines = sum(len(c.lines) for c in chains)
        print(
            f"size {args.size}: {len(chains)} chains, {lines} lines, {sum(len(c.thank_yous) for c in chains)} thank-yous"
        )
        print(f"build_chains        {spread(builds)}")
        views = [asyncio.run(view_once(store, Path(folder) / "settings.json")) for _ in range(args.rounds)]
        print(f"chain view, built   {spread([v[0] for v in views])}")
        print(f"chain view, again   {spread([v[1] for v in views])}")
        print(f"help screen (floor) {spread([v[2] for v in views])}")
        store.close()
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
