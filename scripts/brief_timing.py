"""How long the brief before a call takes at `demo --size N` (default 10,000 contacts): medians of 5.

Prints, for the demo's next call (Kenji's): building the brief as the screens do (the contacts by id and
every interview read from the store, then `build_brief`), and F7 on the call screen until the brief is on
screen (headless, 80x24), next to F6 (fold the script) in the same harness for comparison.

    .venv/bin/python scripts/brief_timing.py [--size 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import Interview
from infoview_tui.stages.prepare.brief import Brief, build_brief
from infoview_tui.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
ROUNDS = 5


def brief_for(store: Store, interview: Interview) -> Brief:
    """What the workspace and the call screen do to get a brief."""
    contacts = {c.id: c for c in store.contacts.all()}
    return build_brief(interview, store.interviews.all(), contacts, store.clock.now())


def timed_ms(work: object) -> float:
    assert callable(work)
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


async def f7_ms(store: Store, folder: Path) -> None:
    """F7 on the call screen, ROUNDS times: the handler's own work (build the brief, draw it), and the whole
    key through the Pilot harness next to F6 (fold the script), which shows what any key costs there."""
    from infoview_tui.ui.app import InfoviewApp
    from infoview_tui.ui.screens.conduct import ConductScreen

    app = InfoviewApp(store, settings_file=folder / "settings.json")
    app.settings.profile_asked = True
    handler: list[float] = []
    f7_key: list[float] = []
    f6_key: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        while not isinstance(app.screen, ConductScreen) or not app.screen.query("#call-brief"):
            await pilot.pause()
        screen = app.screen
        for _ in range(ROUNDS):
            screen._brief = None  # built again each round, as for another interview
            started = time.perf_counter()
            screen.action_toggle_brief()  # what F7 runs
            screen.query_one("#call-brief").render()
            handler.append((time.perf_counter() - started) * 1000)
            await pilot.pause()
            assert screen.has_class("-brief-open")
            started = time.perf_counter()
            await pilot.press("f7")  # hides it
            while screen.has_class("-brief-open"):
                await pilot.pause()
            f7_key.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            await pilot.press("f6")
            await pilot.pause()
            f6_key.append((time.perf_counter() - started) * 1000)
    print(
        f"F7 handler on the call screen (build the brief, draw it): median {statistics.median(handler):.1f} ms"
    )
    print(
        f"Pilot harness, whole key: F7 median {statistics.median(f7_key):.1f} ms, "
        f"F6 (fold the script, for comparison) median {statistics.median(f6_key):.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store = Store.open(folder / "demo.json", clock=FixedClock(NOW))
        summary = populate_demo(store, NOW, size=args.size)
        print(f"demo --size {args.size}: {summary.contacts} contacts, {summary.interviews} interviews")
        kenji = next(c for c in store.contacts.all() if c.name == "Kenji Watanabe")
        upcoming = next(
            iv for iv in store.interviews.all() if iv.contact_id == kenji.id and iv.stage.before_call
        )
        runs = [timed_ms(lambda: brief_for(store, upcoming)) for _ in range(ROUNDS)]
        brief = brief_for(store, upcoming)
        sizes = ", ".join(f"{s.title}: {len(s.items)}+{s.more}" for s in brief.sections) or "empty"
        print(
            f"build_brief for Kenji (the demo's next call): median {statistics.median(runs):.1f} ms ({sizes})"
        )
        asyncio.run(f7_ms(store, folder))
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
