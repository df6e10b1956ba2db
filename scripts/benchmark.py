"""Benchmark infoview-tui and print one table of figures, measured side by side in one run.

    python scripts/benchmark.py            # sizes 2000 and 10000
    python scripts/benchmark.py --quick    # size 2000 only, fewer repeats

Not part of the test run: timings on shared machines are noisy, so targets are checked here, by a person,
from printed figures. What it measures:

- first paint: wall time from starting a process in a real pseudo-terminal until the app has painted its
  first screen and exited, for `infoview-tui` on a `demo --size N` file and for a bare Textual app; median
  of several runs, with the child's peak memory (max RSS);
- a durable note save: adding a note to an interview through the store inside a running app, the time the
  call takes on the UI thread, the time until the note is on disk, and the longest stall of the UI event
  loop meanwhile (sampled every millisecond).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import gc
import os
import pty
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from ptykeys import PtyApp  # noqa: E402

from infoview_tui.demo import populate_demo  # noqa: E402
from infoview_tui.domain.dates import FixedClock  # noqa: E402
from infoview_tui.domain.models import Note  # noqa: E402
from infoview_tui.store import Store  # noqa: E402

NOW = datetime.now(UTC)

BARE_APP = textwrap.dedent(
    """
    import os, sys, time
    from textual.app import App
    from textual.widgets import Footer, Static

    class Bare(App):
        def compose(self):
            yield Static("hello")
            yield Footer()

        def on_ready(self):  # Textual: "the first frame has been displayed"
            with open(os.environ["PAINT_MARKER"], "w") as marker:
                marker.write(repr(time.time()))
            with open(os.environ["PAINT_MARKER"] + ".data", "w") as marker:
                marker.write(repr(time.time()))
            self.exit()

    Bare().run()
    """
)

OUR_APP = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from infoview_tui.ui.app import InfoviewApp
    from infoview_tui.store import Store

    class FirstPaint(InfoviewApp):
        def on_ready(self):  # Textual: "the first frame has been displayed"
            with open(os.environ["PAINT_MARKER"], "w") as marker:
                marker.write(repr(time.time()))

        async def _loaded(self):
            await super()._loaded()
            self.call_after_refresh(self.data_painted)

        def data_painted(self):  # the Dashboard's agenda is on screen
            with open(os.environ["PAINT_MARKER"] + ".data", "w") as marker:
                marker.write(repr(time.time()))
            self.exit()

    store = Store.open(Path(sys.argv[1]), preload=False)
    try:
        FirstPaint(store).run()
    finally:
        store.close()
    """
)


@dataclasses.dataclass
class Row:
    what: str
    value: str
    target: str = ""
    verdict: str = ""


def run_in_pty(args: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Run a command attached to a pseudo-terminal (so Textual drives a real terminal).

    Returns the seconds from spawning it until its first frame was displayed, until its data was on
    screen, and its max RSS in KiB.
    """
    marker = Path(tempfile.mkdtemp()) / "painted"
    env = {**env, "PAINT_MARKER": str(marker)}
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    started = time.time()
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    output = bytearray()
    while True:
        ready, _, _ = select.select([master], [], [], 0.05)
        if ready:
            with contextlib.suppress(OSError):
                output += os.read(master, 65536)
        pid, _status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = 0  # reaped here; keep Popen from waiting again
            break
    os.close(master)
    if not marker.exists():
        raise RuntimeError(f"{args} did not paint: {output[-2000:].decode(errors='replace')}")
    painted = float(marker.read_text())
    data = float(Path(str(marker) + ".data").read_text())
    return painted - started, data - started, usage.ru_maxrss


def first_paint(args: list[str], repeats: int) -> tuple[float, float, int]:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "36", "PYTHONPATH": str(ROOT)}
    runs = [run_in_pty(args, env) for _ in range(repeats + 1)][1:]  # the first warms the file cache
    return (
        statistics.median(r[0] for r in runs),
        statistics.median(r[1] for r in runs),
        max(r[2] for r in runs),
    )


def make_demo(size: int, folder: Path) -> Path:
    path = folder / f"demo-{size}.json"
    with Store.open(path, clock=FixedClock(NOW)) as store:
        populate_demo(store, NOW, size=size)
        store.flush(timeout=120)
    return path


async def _note_save(path: Path) -> tuple[float, float, float]:
    """(UI-thread call ms, to-disk ms, longest loop stall ms) for one note added during a running app."""
    from infoview_tui.ui.app import InfoviewApp

    store = Store.open(path)
    try:
        app = InfoviewApp(store)
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            gc.freeze()  # as the app does after loading
            while not store.storage.primed:  # the app has settled: what a user sees a few seconds in
                await asyncio.sleep(0.01)
            interview = max(store.interviews.all(), key=lambda iv: len(iv.notes))
            stall = 0.0
            running = True

            async def monitor() -> None:
                nonlocal stall
                last = time.perf_counter()
                while running:
                    await asyncio.sleep(0.001)
                    now = time.perf_counter()
                    stall = max(stall, now - last - 0.001)
                    last = now

            watcher = asyncio.create_task(monitor())
            await asyncio.sleep(0.05)
            stall = 0.0
            started = time.perf_counter()
            note = Note(
                text="They said the best teams write things down.", offset_s=600.0, id=interview.next_note_id
            )
            store.interviews.update(dataclasses.replace(interview, notes=interview.notes + (note,)))
            call_ms = (time.perf_counter() - started) * 1000
            while store.storage.dirty:
                await asyncio.sleep(0.001)
            disk_ms = (time.perf_counter() - started) * 1000
            await asyncio.sleep(0.02)
            running = False
            await watcher
            return call_ms, disk_ms, stall * 1000
    finally:
        store.close()


def note_save(path: Path, repeats: int) -> tuple[float, float, float]:
    results = [asyncio.run(_note_save(path)) for _ in range(repeats)]
    return (
        statistics.median(r[0] for r in results),
        statistics.median(r[1] for r in results),
        max(r[2] for r in results),
    )


PEERS = {"posting": ["posting"], "harlequin": ["harlequin", ":memory:"]}
"""Peer Textual apps, measured when installed (`pip install posting harlequin`); skipped otherwise."""


def peer_apps(repeats: int) -> list[Row]:
    """Time until a peer app's first screen has been written (output quiet for 300 ms), in a pty."""
    rows = []
    for name, args in PEERS.items():
        if shutil.which(args[0]) is None:
            rows.append(Row(f"first paint: {name} (peer)", "not installed, skipped"))
            continue
        times = []
        for _ in range(repeats):
            app = PtyApp(args, dict(os.environ))
            started = time.perf_counter()
            app.settle(quiet=0.3, limit=20)
            times.append(time.perf_counter() - started - 0.3)
            app.proc.kill()
            app.proc.wait()
        rows.append(
            Row(f"first paint: {name} (peer, output settled)", f"{statistics.median(times) * 1000:.0f} ms")
        )
    return rows


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="size 2000 only, fewer repeats")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    sizes = [2000] if args.quick else [2000, 10000]
    repeats = 3 if args.quick else args.repeats
    rows: list[Row] = []
    print(f"infoview-tui benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bare_script = folder / "bare.py"
        bare_script.write_text(BARE_APP)
        our_script = folder / "ours.py"
        our_script.write_text(OUR_APP)
        bare_s, _, bare_rss = first_paint([sys.executable, str(bare_script)], repeats)
        rows.append(
            Row("first paint: bare Textual app", f"{bare_s * 1000:.0f} ms, {bare_rss / 1024:.0f} MiB peak")
        )
        rows.extend(peer_apps(repeats))
        for size in sizes:
            path = make_demo(size, folder)
            size_mb = path.stat().st_size / 1e6
            ours_s, data_s, ours_rss = first_paint([sys.executable, str(our_script), str(path)], repeats)
            limit = 1.3 if size <= 2000 else 2.0
            ratio = ours_s / bare_s
            rows.append(
                Row(
                    f"first paint: infoview-tui, demo --size {size} ({size_mb:.1f} MB)",
                    f"{ours_s * 1000:.0f} ms = {ratio:.2f}× bare, {ours_rss / 1024:.0f} MiB peak",
                    f"≤ {limit}× bare",
                    verdict(ratio <= limit),
                )
            )
            rows.append(
                Row(
                    f"  Dashboard filled with data, --size {size}",
                    f"{data_s * 1000:.0f} ms = {data_s / bare_s:.2f}× bare",
                )
            )
            call_ms, disk_ms, stall_ms = note_save(path, repeats)
            rows.append(
                Row(
                    f"note save, demo --size {size}: on disk (durable)",
                    f"{disk_ms:.0f} ms (UI-thread call {call_ms:.1f} ms)",
                    "< 250 ms",
                    verdict(disk_ms < 250),
                )
            )
            rows.append(
                Row(
                    f"note save, demo --size {size}: longest UI stall",
                    f"{stall_ms:.1f} ms",
                    "≤ 50 ms",
                    verdict(stall_ms <= 50),
                )
            )
            for extra in EXTRA_SECTIONS:
                rows.extend(extra(path, size))
    width = max(len(r.what) for r in rows)
    vwidth = max(len(r.value) for r in rows)
    print()
    print(f"{'measure':<{width}}  {'figure':<{vwidth}}  {'target':<12}  verdict")
    print("-" * (width + vwidth + 26))
    for row in rows:
        print(f"{row.what:<{width}}  {row.value:<{vwidth}}  {row.target:<12}  {row.verdict}")
    return 0


def pty_session(path: Path) -> PtyApp:
    """infoview-tui on `path` in a 120×36 pseudo-terminal, settled with its Dashboard filled."""
    work = path.with_name(f"session-{path.name}")
    shutil.copyfile(path, work)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    app = PtyApp([sys.executable, "-m", "infoview_tui", "--data", str(work)], env)
    app.wait_for(b"Upcoming")
    app.settle(quiet=1.0)
    return app


def identify_section(path: Path, size: int) -> list[Row]:
    """Section 1 open and filter-as-you-type, keystroke to the end of the screen update, in a real pty."""
    if size < 10000:
        return []
    app = pty_session(path)
    try:
        first_open = app.key_latency(b"1") * 1000
        opens = []
        for _ in range(3):
            app.key_latency(b"0")
            opens.append(app.key_latency(b"1") * 1000)
        app.key_latency(b"/")
        keys = [app.key_latency(bytes([c])) * 1000 for c in b"data sci"]
        keys += [app.key_latency(b"\x7f") * 1000 for _ in range(4)]
        app.key_latency(b"\x1b")
        switches: dict[str, list[float]] = {}
        for _ in range(2):  # the first round builds each section, the second comes back to it
            for key in b"234501":
                switches.setdefault(chr(key), []).append(app.key_latency(bytes([key]), quiet=0.3) * 1000)
    finally:
        app.close()
    worst_open = max([first_open, *opens])
    switch_text = ", ".join(f"{k}: {v[0]:.0f}/{v[1]:.0f}" for k, v in switches.items())
    return [
        Row(
            f"section 1 appears, {size} contacts (pty)",
            f"first {first_open:.0f} ms, again median {statistics.median(opens):.0f} ms",
            "≤ 300 ms",
            verdict(worst_open <= 300),
        ),
        Row(f"section switch, first/again ms, {size} (pty)", switch_text, "", ""),
        Row(
            f"filter keystroke to screen, {size} contacts (pty)",
            f"median {statistics.median(keys):.0f} ms, worst {max(keys):.0f} ms",
            "≤ 100 ms",
            verdict(max(keys) <= 100),
        ),
    ]


def _call_with_notes(path: Path, notes: int) -> Path:
    """A copy of `path` with a call under way (clock running) that already has `notes` notes."""
    from infoview_tui.domain.models import (
        CallRecord,
        ChosenQuestion,
        Contact,
        Interview,
        Note,
        Stage,
        TimeSpan,
    )

    target = path.with_name(f"call-{notes}-{path.name}")
    shutil.copyfile(path, target)
    now = datetime.now().astimezone()
    with Store.open(target) as store:
        person = store.contacts.add(Contact(name="Benchmark Person", company="Bench Co"))
        started = now - timedelta(minutes=12)
        store.interviews.add(
            Interview(
                contact_id=person.id,
                scheduled_at=started,
                stage=Stage.PREPARED,
                questions=tuple(ChosenQuestion(f"Question {i}?") for i in range(8)),
                call=CallRecord(spans=(TimeSpan(start=started),)),
                notes=tuple(
                    Note(text=f"note {i} " + "words " * 12, offset_s=float(i), id=i + 1) for i in range(notes)
                ),
            )
        )
        store.flush()
    return target


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def conduct_section(path: Path, size: int) -> list[Row]:
    """The call screen: typing latency with 500 notes, and CPU while the timer runs and nobody types."""
    if size != 2000:
        return []
    data = _call_with_notes(path, 500)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    app = PtyApp([sys.executable, "-m", "infoview_tui", "--data", str(data)], env)
    try:
        app.wait_for(b"Upcoming")
        app.settle(quiet=1.0)
        app.key_latency(b"3", quiet=0.3)
        app.settle(quiet=1.2)
        # The timer repaints every second: time to the first byte after the key is the keystroke's echo.
        keys = [app.key_latency(bytes([c]), quiet=0.05) * 1000 for c in b"they said the team is small"]
        keys += [app.key_latency(b"\x7f", quiet=0.05) * 1000 for _ in range(5)]
        before, started = _cpu_seconds(app.proc.pid), time.monotonic()
        app.settle(quiet=11, limit=10)  # ten seconds of a running call with nobody typing
        cpu = (_cpu_seconds(app.proc.pid) - before) / (time.monotonic() - started) * 100
    finally:
        app.close()
    return [
        Row(
            "note field keystroke to screen, 500 notes (pty)",
            f"median {statistics.median(keys):.0f} ms, worst {max(keys):.0f} ms",
            "instant (≤ 50 ms)",
            verdict(statistics.median(keys) <= 50),
        ),
        Row(
            "CPU while the call timer runs idle", f"{cpu:.1f} % of a core", "well under 5 %", verdict(cpu < 5)
        ),
    ]


def reflect_section(path: Path, size: int) -> list[Row]:
    """Full-text search over notes and reflections: matching time in-process, and keystroke to screen in a pty."""
    if size < 10000:
        return []
    from infoview_tui.stages.reflect.search import SearchIndex

    with Store.open(path, read_only=True) as store:
        interviews, contacts, goals = store.interviews.all(), store.contacts.all(), store.goals.all()
    started = time.perf_counter()
    index = SearchIndex.build(interviews, contacts, goals)
    build_ms = (time.perf_counter() - started) * 1000
    timings = []
    for query in (
        "pricing",
        "data sci",
        "team",
        "mentor advice",
        "clim",
        "a",
        "research ops",
        "zoë",
        "python sql",
        "hiring",
    ):
        started = time.perf_counter()
        index.search(query)
        timings.append((time.perf_counter() - started) * 1000)
    app = pty_session(path)
    try:
        app.key_latency(b"5", quiet=0.3)
        app.settle(quiet=1.5)  # the index builds in the background on first open
        app.key_latency(b"/")
        keys = [app.key_latency(bytes([c])) * 1000 for c in b"pricing team"]
        keys += [app.key_latency(b"\x7f") * 1000 for _ in range(4)]
    finally:
        app.close()
    return [
        Row(f"search index build, {size} (background thread)", f"{build_ms:.0f} ms"),
        Row(
            f"search matching, {size}",
            f"median {statistics.median(timings):.2f} ms, worst {max(timings):.2f} ms",
            "< 15 ms",
            verdict(max(timings) < 15),
        ),
        Row(
            f"search keystroke to screen, {size} (pty)",
            f"median {statistics.median(keys):.0f} ms, worst {max(keys):.0f} ms",
            "≤ 100 ms",
            verdict(max(keys) <= 100),
        ),
    ]


EXTRA_SECTIONS: list[Callable[[Path, int], list[Row]]] = [identify_section, conduct_section, reflect_section]
"""Each section's own measurements (section open, filter, search...)."""


if __name__ == "__main__":
    raise SystemExit(main())
