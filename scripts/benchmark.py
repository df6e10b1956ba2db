"""Benchmark infoview-tui against a bare Textual app, round by round, in one table.

    python scripts/benchmark.py             # 2000/10000/50000, 7 rounds, ~9 min
    python scripts/benchmark.py --quick     # size 2000 only, 3 rounds
    python scripts/benchmark.py --rounds 9  # more rounds: tighter medians
    python scripts/benchmark.py --peers     # also posting and harlequin

Every figure is the median of the rounds with the spread (min–max) beside it,
and, where the issue compares with a bare Textual app, the ratio to a bare app
measured in the same round (each round's ratio, then their median and spread).
Rounds alternate which of the two starts first, so a drift in the machine's
load falls on both.

How things are timed (the honesty rules):
- Each program runs in a real pseudo-terminal of 120×40. Its output goes into
  a small VT100 screen model (scripts/ptykeys.py); a figure ends when given
  text is on that rendered screen: text only the content shows ("Upcoming
  interviews (" for the Dashboard with its data, the contact count for
  Identify, the conversation count for Reflect, the first prepared question
  for Conduct). Escape sequences, colours, titles and silence never count.
- The texts a keystroke must bring (the "N of M contacts" count after each
  filter key, the search's result count) are read first from the app itself,
  headless, on the same file; a key whose screen would not change (a trailing
  space) is typed but not timed. A wait whose text is already on screen is
  refused.
- Section first visits start on the Dashboard with no text field focused;
  Conduct is visited last, since its note field takes focus.
- Every start is a start after the first: the children's cache folder is a
  temp folder holding the Dashboard snapshot that closing the app on that
  demo file leaves (put back before each session; the cache keeps only the
  newest few). A start whose file changed since it was last closed (a sync)
  has no snapshot and waits for the whole file; that start is not measured
  here (run with an empty cache to see it).
- The app's modules are byte-compiled first, as an install leaves them (with
  PYTHONDONTWRITEBYTECODE set, as on this machine, a module edited since its
  last .pyc was compiled again at every start of every round).
- Peak memory is the child's VmHWM (/proc): once the Dashboard is filled
  from its snapshot and its output has settled, and once every record is
  decoded (Identify shows its count, then 5 s idle). At the size whose
  sections are timed, the second is read in sessions of their own (the
  issue's figure: the data loaded, the Dashboard filled), and also at the
  end of the timed sessions, after every section was visited (no target).
- The durable note save runs in a child process with the app running
  headless; its floor is a plain `json.dumps` of the same file's data + write
  + fsync + `os.replace` + folder fsync, measured just before each save.
- Every wait has a time limit; a cell says TIMEOUT rather than hang. Temp
  folders and children are removed.

Not part of the test run: timings on shared machines are noisy; the load
average is printed at start and end.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from ptykeys import Condition, PtyApp, all_of, shows, shows_line, shows_match  # noqa: E402

COLS, ROWS = 120, 40
ROUNDS = 7
"""Rounds per measure by default: the issue's figures are medians of 6–9 rounds (with 5, the Dashboard at 2,000,
whose rounds spread from 0.9× to 1.9× bare on this machine, moved across its 1.3× target from run to run)."""
DASHBOARD_MARK = "Upcoming interviews ("
"""The Dashboard's first agenda group heading, drawn only once the agenda has been built from the data."""
BARE_HOME_MARK = "bare home ready"
BARE_SECTION_MARK = "bare section one ready"
IDENTIFY_KEYS = "DATA SCI\x7f\x7f\x7f\x7f"
"""Typed into Identify's filter. Capitals match the same contacts (the filter ignores case) but never appear in
the table's own text, so the echo line on screen can only be the field."""
REFLECT_KEYS = "DATA QUALITY\x7f\x7f\x7f\x7f"
"""Words from the demo's notes, so every step still finds conversations."""
IDENTIFY_COUNT = r"^\d+ (?:of \d+ )?contacts?"
REFLECT_COUNT = r"^\d+ conversations?"
START_LIMIT = 90.0
"""Seconds allowed for a start (50,000 contacts on a busy 2-core machine)."""
STEP_LIMIT = 20.0
"""Seconds allowed for a section visit."""
KEY_LIMIT = 5.0
"""Seconds allowed for a keystroke's screen update."""

BARE_APP = textwrap.dedent(
    f"""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Footer, Input, Static

    class Home(Screen):
        def compose(self):
            yield Static({BARE_HOME_MARK!r})
            yield Footer()

    class One(Screen):
        AUTO_FOCUS = None

        def compose(self):
            yield Input(id="typed", compact=True)
            yield Static("0 chars typed", id="count")
            yield Static({BARE_SECTION_MARK!r})
            yield Footer()

        def on_input_changed(self, event):
            self.query_one("#count", Static).update(f"{{len(event.value)}} chars typed")

    class Bare(App):
        MODES = {{"home": Home, "one": One}}
        DEFAULT_MODE = "home"
        BINDINGS = [
            ("0", "switch_mode('home')", "Home"),
            ("1", "switch_mode('one')", "One"),
            ("slash", "focus_input", "Type"),
            ("escape", "blur", "Leave the field"),
        ]

        def action_focus_input(self):
            field = self.screen.query_one(Input)
            field.value = ""
            field.focus()

        def action_blur(self):
            self.screen.set_focus(None)

    Bare().run()
    """
)
"""A bare Textual app: a home screen, a mode switched to with `1`, and a field whose count line follows typing."""


# Figures ----------------------------------------------------------------------------------------------------
Samples = list[float | None]
"""One value a round; None where the wait timed out."""


def spread(values: Samples, scale: float = 1.0, unit: str = "ms", digits: int = 0) -> str:
    """'median (min–max) unit', with how many rounds timed out."""
    got = [v * scale for v in values if v is not None]
    missing = len(values) - len(got)
    if not got:
        return f"TIMEOUT ({missing} of {len(values)})"
    text = f"{statistics.median(got):.{digits}f} ({min(got):.{digits}f}–{max(got):.{digits}f}) {unit}"
    return text + (f", TIMEOUT {missing} of {len(values)}" if missing else "")


def ratios(ours: Samples, bare: Samples) -> Samples:
    """Round by round ours/bare (None where either is missing)."""
    return [o / b if o is not None and b else None for o, b in zip(ours, bare, strict=True)]


def median(values: Samples) -> float | None:
    got = [v for v in values if v is not None]
    return statistics.median(got) if got else None


def verdict(value: float | None, limit: float, any_missing: bool = False) -> str:
    if value is None or any_missing:
        return "TIMEOUT"
    return "ok" if value <= limit else "MISSED"


@dataclasses.dataclass
class Row:
    what: str
    figure: str
    versus: str = ""
    target: str = ""
    verdict: str = ""


def print_table(rows: Sequence[Row]) -> None:
    heads = Row("measure", "median (min–max) over rounds", "vs bare, same round", "target", "verdict")
    every = [heads, *rows]
    widths = [max(len(getattr(r, f.name)) for r in every) for f in dataclasses.fields(Row)]
    for index, row in enumerate(every):  # a Markdown table: readable here, and pasted as is into README
        cells = [getattr(row, f.name) for f in dataclasses.fields(Row)]
        print("| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |")
        if index == 0:
            print("| " + " | ".join("-" * w for w in widths) + " |")


# Data -------------------------------------------------------------------------------------------------------
def make_demo(size: int, folder: Path) -> Path:
    """`infoview-tui demo --size N` into the folder, once per run (a cached file is reused)."""
    path = folder / f"demo-{size}.json"
    if not path.exists():
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "infoview_tui", "demo", "--size", str(size), "--data", str(path)],
            check=True,
            capture_output=True,
            env=child_env(),
            timeout=900,
        )
        print(f"  built demo --size {size} in {time.perf_counter() - started:.0f} s", flush=True)
    remember_start(path)
    return path


SETTINGS_HOME: Path | None = None
"""A temp folder for the children's settings, so no saved theme or window state of yours changes a figure."""
CACHE_HOME: Path | None = None
"""A temp folder for the children's cache (the Dashboard's snapshots), so neither yours nor an earlier run's
is used or changed."""
SNAPSHOTS: dict[Path, tuple[str, bytes]] = {}
"""Each demo file's Dashboard snapshot (file name, bytes), as closing the app on that file leaves it."""
REMEMBER = (
    "import sys; from pathlib import Path; from infoview_tui.store import Store; "
    "from infoview_tui.store.dashboard_cache import remember; "
    "s = Store.open(Path(sys.argv[1]), read_only=True); print(remember(s)); s.close()"
)


def compile_sources() -> None:
    """Byte-compile the app's modules, as installing it does (and its first run, unless PYTHONDONTWRITEBYTECODE
    is set): otherwise every child compiles each module edited since its last .pyc (~10 ms for a large one),
    where the bare app's Textual comes compiled."""
    import compileall

    if not compileall.compile_dir(ROOT / "infoview_tui", quiet=1):
        raise SystemExit("could not byte-compile infoview_tui")


def child_env() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if SETTINGS_HOME is not None:
        env["XDG_CONFIG_HOME"] = str(SETTINGS_HOME)
    if CACHE_HOME is not None:
        env["XDG_CACHE_HOME"] = str(CACHE_HOME)
    return env


def remember_start(path: Path) -> None:
    """Keep the Dashboard snapshot a user's last close of `path` leaves (a start then shows the Dashboard before
    the file is decoded, as every start after the first does). Each session gets it back (`fresh_copy`): the
    cache keeps only the newest few, and the sessions' own closes would push it out."""
    done = subprocess.run(
        [sys.executable, "-c", REMEMBER, str(path)],
        capture_output=True,
        text=True,
        env=child_env(),
        check=True,
        timeout=900,
    )
    written = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "None"
    if written != "None":
        snapshot = Path(written)
        SNAPSHOTS[path] = (snapshot.name, snapshot.read_bytes())


def fresh_copy(path: Path, folder: Path) -> Path:
    """A copy for one session, so no round sees what an earlier one wrote (a lock file, a backup), with the
    Dashboard snapshot of the file put back in the cache."""
    session = Path(tempfile.mkdtemp(dir=folder, prefix="session-"))
    target = session / path.name
    shutil.copyfile(path, target)
    kept = SNAPSHOTS.get(path)
    if kept is not None and CACHE_HOME is not None:
        dashboard = CACHE_HOME / "infoview-tui" / "dashboard"
        dashboard.mkdir(parents=True, exist_ok=True, mode=0o700)
        (dashboard / kept[0]).write_bytes(kept[1])
    return target


@dataclasses.dataclass
class Marks:
    """What the screen shows when each step is done, read from the app itself (headless) on the same file."""

    identify: str
    identify_keys: list[str | None]
    reflect: str
    reflect_keys: list[str | None]
    conduct: str | None


def typed_states(keys: str) -> list[str]:
    """The field's text after each key (\\x7f deletes one character)."""
    states, text = [], ""
    for key in keys:
        text = text[:-1] if key == "\x7f" else text + key
        states.append(text)
    return states


def _plain(widget: object) -> str:
    content = getattr(widget, "content", "")
    return str(getattr(content, "plain", content))


async def _calibrate(path: Path) -> Marks:
    """Visit Identify, Reflect and Conduct headless and read the texts that mark each step done."""
    from textual.widgets import OptionList, Static

    from infoview_tui.store import Store
    from infoview_tui.ui.app import InfoviewApp

    store = Store.open(path)
    try:
        app = InfoviewApp(store)
        async with app.run_test(size=(COLS, ROWS)) as pilot:

            async def read(selector: str, pattern: str) -> str:
                deadline = time.perf_counter() + 60
                while True:
                    await pilot.pause()
                    try:
                        found = re.match(pattern, _plain(app.screen.query_one(selector, Static)))
                    except Exception:
                        found = None
                    if found:
                        return found.group(0)
                    if time.perf_counter() > deadline:
                        raise RuntimeError(f"{selector} never showed {pattern}")
                    await asyncio.sleep(0.05)

            async def typed(selector: str, pattern: str, keys: str) -> list[str | None]:
                marks: list[str | None] = []
                for key in keys:
                    await pilot.press("backspace" if key == "\x7f" else ("space" if key == " " else key))
                    await pilot.pause()
                    marks.append(await read(selector, pattern))
                return marks

            await pilot.pause()
            await pilot.press("1")
            identify = await read("#identify-summary", IDENTIFY_COUNT)
            await pilot.press("slash")
            identify_keys = await typed("#identify-summary", IDENTIFY_COUNT, IDENTIFY_KEYS)
            await pilot.press("escape", "0", "5")
            reflect = await read("#reflect-summary", REFLECT_COUNT)
            await pilot.press("slash")
            reflect_keys = await typed("#reflect-summary", REFLECT_COUNT, REFLECT_KEYS)
            await pilot.press("escape", "0", "3")
            await pilot.pause()
            conduct = None
            try:
                options = app.screen.query_one("#call-questions", OptionList)
                first = options.get_option_at_index(0)
                if not first.disabled:
                    words = str(getattr(first.prompt, "plain", first.prompt)).lstrip("▶✓★ ").split()
                    conduct = words[0]
                    for word in words[1:]:
                        if len(conduct) + 1 + len(word) > 24:
                            break
                        conduct += " " + word
            except Exception:
                conduct = None
            await pilot.press("escape")
    finally:
        store.close()
    return Marks(identify, identify_keys, reflect, reflect_keys, conduct)


async def _watch_loop(watch: dict[str, float]) -> None:
    """Sample the event loop every millisecond while watch["running"]; the longest extra wait, in seconds."""
    last = time.perf_counter()
    while watch["running"]:
        await asyncio.sleep(0.001)
        now = time.perf_counter()
        watch["stall"] = max(watch["stall"], now - last - 0.001)
        last = now


async def _note_saves(path: Path, rounds: int) -> list[dict[str, float]]:
    """Per round: the plain floor, then one note added through the store while the app runs headless."""
    from infoview_tui.domain.ids import new_id
    from infoview_tui.domain.models import Note, replace
    from infoview_tui.fileio import fsync_dir
    from infoview_tui.store import Store
    from infoview_tui.ui.app import InfoviewApp

    data = json.loads(path.read_text(encoding="utf-8"))
    floor_target = path.with_name("floor.json")

    def floor_ms() -> float:
        started = time.perf_counter()
        text = json.dumps(data, ensure_ascii=False)
        tmp = floor_target.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, floor_target)
        fsync_dir(floor_target.parent)
        return (time.perf_counter() - started) * 1000

    from infoview_tui.ui import collector

    results = []
    store = Store.open(path)
    try:
        app = InfoviewApp(store)
        # As in a terminal: `run()` paces the garbage collector (full collections in idle time only).
        with collector.paced():
            async with app.run_test(size=(COLS, ROWS)) as pilot:
                await pilot.pause()
                gc.freeze()  # as the app does after loading
                deadline = time.perf_counter() + START_LIMIT
                while not store.storage.primed and time.perf_counter() < deadline:
                    await asyncio.sleep(0.01)
                for _ in range(rounds):
                    floor = floor_ms()
                    await asyncio.sleep(0.05)
                    interview = max(store.interviews.all(), key=lambda iv: len(iv.notes))
                    watch = {"running": 1.0, "stall": 0.0}
                    watcher = asyncio.create_task(_watch_loop(watch))
                    await asyncio.sleep(0.05)
                    watch["stall"] = 0.0
                    app._last_input = time.monotonic()  # a note is saved as it is typed: the user is not idle
                    started = time.perf_counter()
                    note = Note(text="They said the best teams write things down.", offset_s=600.0)
                    note = replace(note, id=new_id())
                    store.interviews.update(replace(interview, notes=(*interview.notes, note)))
                    call_ms = (time.perf_counter() - started) * 1000
                    limit = time.perf_counter() + STEP_LIMIT
                    while store.storage.dirty and time.perf_counter() < limit:
                        await asyncio.sleep(0.001)
                    disk_ms = (time.perf_counter() - started) * 1000 if not store.storage.dirty else -1.0
                    await asyncio.sleep(0.02)
                    watch["running"] = 0.0
                    await watcher
                    stall = watch["stall"]
                    results.append({"floor": floor, "call": call_ms, "disk": disk_ms, "stall": stall * 1000})
    finally:
        store.close()
    return results


def run_child(args: list[str], timeout: float) -> object:
    """Run this script in a child process for one in-process job; its JSON answer."""
    proc = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, env=child_env(), timeout=timeout
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# Sessions in a pty ------------------------------------------------------------------------------------------
@dataclasses.dataclass
class Session:
    """What one round of one program measured (seconds; None = timed out)."""

    start: float | None = None
    rss_kib: int | None = None
    loaded_rss_kib: int | None = None
    """Peak memory once the whole file is decoded and the app has been idle a while (see `loaded_peak`)."""
    visits: dict[str, float | None] = dataclasses.field(default_factory=dict)
    keys: dict[str, Samples] = dataclasses.field(default_factory=dict)


def measured_keys(keys: str, marks: list[str | None]) -> list[bool]:
    """Which keys change what the screen shows (the echo line or the count): only those can be timed."""
    flags: list[bool] = []
    before: tuple[str, str | None] = ("", None)
    for text, mark in zip(typed_states(keys), marks, strict=True):
        state = (text.strip(), mark)
        flags.append(state != before and bool(text.strip()))
        before = state
    return flags


def type_keys(app: PtyApp, keys: str, conditions: list[Condition], timed: list[bool]) -> Samples:
    """Type each key; for a timed one, seconds until its condition holds on screen.

    After a timeout the screen no longer follows the plan: the rest of the keys count as timed out too, and
    the screen is shown on stderr so the cause can be seen.
    """
    samples: Samples = []
    for key, condition, timing in zip(keys, conditions, timed, strict=True):
        if samples and samples[-1] is None:
            if timing:
                samples.append(None)
            continue
        app.settle(quiet=0.15, limit=3)
        if timing:
            samples.append(app.key_to(key.encode(), condition, KEY_LIMIT))
            if samples[-1] is None:
                print(f"TIMEOUT after {key!r}; the screen:\n{app.screen.text()}", file=sys.stderr, flush=True)
        else:
            app.press(key.encode())
    return samples


def after_start(app: PtyApp, mark: str) -> tuple[float | None, int | None]:
    seen = app.wait_until(shows(mark), START_LIMIT)
    if seen is None:
        return None, None
    app.settle(quiet=0.5, limit=5)
    return seen - app.started, app.peak_rss_kib()


def bare_session(script: Path, with_steps: bool, keys: dict[str, tuple[str, list[bool]]]) -> Session:
    app = PtyApp([sys.executable, str(script)], child_env(), COLS, ROWS)
    result = Session()
    try:
        result.start, result.rss_kib = after_start(app, BARE_HOME_MARK)
        if result.start is None or not with_steps:
            return result
        result.visits["switch"] = app.key_to(b"1", shows(BARE_SECTION_MARK), STEP_LIMIT)
        for name, (typed, timed) in keys.items():
            app.settle(quiet=0.3, limit=5)
            app.press(b"\x1b")  # out of the field, then `/` empties it and comes back
            app.settle(quiet=0.3, limit=5)
            app.press(b"/")
            conditions = [
                all_of(shows_line(text), shows(f"{len(text)} chars typed")) for text in typed_states(typed)
            ]
            result.keys[name] = type_keys(app, typed, conditions, timed)
    finally:
        app.close()
    return result


def our_session(path: Path, marks: Marks | None) -> Session:
    app = PtyApp([sys.executable, "-m", "infoview_tui", "--data", str(path)], child_env(), COLS, ROWS)
    result = Session()
    try:
        result.start, result.rss_kib = after_start(app, DASHBOARD_MARK)
        if result.start is None:
            return result
        if marks is None:
            result.loaded_rss_kib = loaded_peak(app)
            return result

        def visit(key: bytes, condition: Condition) -> float | None:
            app.settle(quiet=0.3, limit=5)
            return app.key_to(key, condition, STEP_LIMIT)

        def back_home() -> None:
            app.settle(quiet=0.3, limit=5)
            app.press(b"\x1b")  # out of a text field, so the digit switches sections
            app.settle(quiet=0.3, limit=5)
            app.key_to(b"0", shows(DASHBOARD_MARK), STEP_LIMIT)

        result.visits["identify"] = visit(b"1", shows(marks.identify))
        result.keys["identify"] = typed_keys_for(app, IDENTIFY_KEYS, marks.identify_keys)
        back_home()
        result.visits["reflect"] = visit(b"5", shows(marks.reflect))
        result.keys["reflect"] = typed_keys_for(app, REFLECT_KEYS, marks.reflect_keys)
        # Issue 16: the chain view (`c` in Insights, opened from Reflect's list) and the brief (F7 on the call).
        app.settle(quiet=0.3, limit=5)
        app.press(b"\x1b")  # out of the search field, onto the list
        if visit(b"i", shows(INSIGHTS_MARK)) is not None:
            result.visits["chains"] = visit(b"c", shows(CHAINS_MARK))
            app.settle(quiet=0.3, limit=5)
            app.press(b"\x1b")
            app.settle(quiet=0.3, limit=5)
            app.press(b"\x1b")
        back_home()
        if marks.conduct is not None:
            result.visits["conduct"] = visit(b"3", shows(marks.conduct))
            if result.visits["conduct"] is not None:
                result.visits["brief"] = visit(F7, shows(BRIEF_MARK))
        back_home()  # from the call screen's note field
        result.loaded_rss_kib = loaded_peak(app)
    finally:
        app.close()
    return result


LOADED_IDLE = 5.0
"""Seconds of idle time after the whole file is decoded before the loaded peak memory is read: what runs after
loading (the writer's priming, building Identify's list, the chains and Reflect's index) has run by then."""
IDENTIFY_SUMMARY = r"^\s*\d+ (?:of \d+ )?contacts?\b.*sorted by"
"""Identify's line above its table ('9796 contacts · sorted by name', or '325 of 9796 contacts …' while a
filter typed earlier in the session holds): only there once Identify shows the decoded file."""


def loaded_peak(app: PtyApp) -> int | None:
    """Peak memory (KiB) with every record decoded: Identify's contact count on screen (it needs them all,
    where the Dashboard can show its snapshot before any is decoded), then `LOADED_IDLE` idle seconds."""
    app.settle(quiet=0.3, limit=5)
    app.press(b"\x1b")  # out of a text field, so the digit switches sections
    app.settle(quiet=0.3, limit=5)
    loaded = shows_match(IDENTIFY_SUMMARY)
    if app.key_to(b"1", loaded, START_LIMIT) is None:
        return None
    time.sleep(LOADED_IDLE)
    app.settle(quiet=0.3, limit=5)
    return app.peak_rss_kib()


INSIGHTS_MARK = "Conversations per month"
"""Reflect's insights (`i`) drawn: its first heading, which only the content shows."""
CHAINS_MARK = "Where each introduction led"
"""The chain view (`c` in Insights) drawn."""
BRIEF_MARK = "F7 hides it"
"""The brief open at the top of the call screen (F7): its heading, only there once it is shown."""
F7 = b"\x1b[18~"

CONDUCT_MARK = r"\d+:\d\d left of \d+ min"
"""Conduct's first visit at --boot: the call's clock line ('45:00 left of 45 min'), only there once the call
screen shows an interview. (It was the first question of one demo's call: which call Conduct opens depends on
the day, so with demo files built on another day the row timed out.)"""


def boot_session(path: Path, conduct: bool) -> Session:
    """`--boot`: the Dashboard with its data, then (with `conduct`) the first visit of Conduct."""
    app = PtyApp([sys.executable, "-m", "infoview_tui", "--data", str(path)], child_env(), COLS, ROWS)
    result = Session()
    try:
        seen = app.wait_until(shows(DASHBOARD_MARK), START_LIMIT)
        result.start = None if seen is None else seen - app.started
        if result.start is not None and conduct:
            app.settle(quiet=0.3, limit=5)
            result.visits["conduct"] = app.key_to(b"3", shows_match(CONDUCT_MARK), STEP_LIMIT)
    finally:
        app.close()
    return result


def run_boot(args: argparse.Namespace, folder: Path, data: Path) -> list[Row]:
    """`--boot`: only the start-up rows (Dashboard with data at each size, Conduct's first visit at 10,000),
    each round paired with the bare app."""
    sizes = [int(s) for s in args.sizes.split(",")]
    rounds = args.rounds or ROUNDS
    script = folder / "bare.py"
    script.write_text(BARE_APP, encoding="utf-8")
    rows: list[Row] = []
    for size in sizes:
        path = make_demo(size, data)
        ours: list[Session] = []
        bare: list[Session] = []
        for index in range(rounds):
            for is_ours in [True, False] if index % 2 else [False, True]:
                if is_ours:
                    ours.append(boot_session(fresh_copy(path, folder), size == 10000))
                else:
                    bare.append(bare_session(script, size == 10000, {}))
            print(f"  {size} round {index + 1}: ours {ours[-1].start}, bare {bare[-1].start}", flush=True)
        rows.append(size_rows(size, path, ours, bare)[0])
        if size == 10000:
            samples = [s.visits.get("conduct") for s in ours]
            switch = [s.visits.get("switch") for s in bare]
            rows.append(
                Row(
                    # Not the row (that one, in the full run, starts once the file is loaded): here
                    # the key comes while the file may still be decoding, so the visit waits for the records.
                    f"first visit of Conduct at {size}, key 0.3 s after the Dashboard shows (file still "
                    "loading; the call's clock line on screen)",
                    spread(samples, 1000),
                    spread(ratios(samples, switch), unit="× bare mode switch", digits=1),
                    "",
                    "",
                )
            )
    return rows


def typed_keys_for(app: PtyApp, keys: str, marks: list[str | None]) -> Samples:
    """Focus the field with `/` and type `keys`, timing each key that changes the screen.

    If the very first key never shows (the `/` was lost: a keystroke that landed elsewhere), the field is
    focused again and the keys are typed once more; stderr says so.
    """
    conditions = [
        all_of(shows_line(text), shows(mark or ""))
        for text, mark in zip(typed_states(keys), marks, strict=True)
    ]
    timed = measured_keys(keys, marks)
    samples: Samples = []
    for attempt in range(2):
        app.settle(quiet=0.3, limit=5)
        app.press(b"\x1b")  # the list first: `/` from there focuses the field
        app.settle(quiet=0.3, limit=5)
        app.press(b"/")
        app.settle(quiet=0.3, limit=5)
        app.press(b"\x15")  # ctrl+u: an empty field
        samples = type_keys(app, keys, conditions, timed)
        if samples and samples[0] is not None:
            break
        if attempt == 0:
            print("the first key never showed: focusing the field again and retyping", file=sys.stderr)
    return samples


# Peers ------------------------------------------------------------------------------------------------------
PEERS = {
    "posting": (["posting"], "Collection is empty."),
    "harlequin": (["harlequin", ":memory:"], "memory db"),
}
"""Peer Textual apps and a text only their first screen's content shows: posting's collection panel (empty in
a fresh HOME), harlequin's data catalog (the in-memory database, listed once it has been read)."""


def peer_rows(venv: Path, rounds: int, script: Path) -> list[Row]:
    rows = []
    for name, (args, mark) in PEERS.items():
        own = venv / name / "bin" / args[0]  # a venv of its own: the peers pin different Textual releases
        exe = own if own.exists() else venv / "bin" / args[0]
        if not exe.exists():
            rows.append(Row(f"first screen: {name} (peer)", f"not installed in {venv}, skipped"))
            continue
        home = Path(tempfile.mkdtemp(dir=script.parent, prefix=f"{name}-home-"))
        peer_env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home)}
        version = subprocess.run(
            [str(exe.parent / "python"), "-c", f"import importlib.metadata as m; print(m.version({name!r}))"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        ours: Samples = []
        bare: Samples = []
        for index in range(rounds):
            order = [True, False] if index % 2 == 0 else [False, True]
            for is_peer in order:
                if is_peer:
                    app = PtyApp([str(exe), *args[1:]], peer_env, COLS, ROWS)
                    try:
                        seen = app.wait_until(shows(mark), START_LIMIT)
                        ours.append(None if seen is None else seen - app.started)
                    finally:
                        app.close()
                else:
                    bare.append(bare_session(script, False, {}).start)
        versus = ratios(ours, bare)
        rows.append(
            Row(
                f"first screen: {name} {version} (peer, '{mark}' on screen)",
                spread(ours, 1000),
                spread(versus, unit="× bare", digits=2),
            )
        )
    return rows


# The run ----------------------------------------------------------------------------------------------------
def machine_line() -> str:
    from importlib.metadata import version

    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, load average {load} (1/5/15 min), Python {sys.version.split()[0]}, "
        f"Textual {version('textual')}"
    )


def size_rows(
    size: int, path: Path, ours: list[Session], bare: list[Session], plain: list[Session] | None = None
) -> tuple[Row, Row, Row, Row | None]:
    """The Dashboard-with-data row and the peak-memory rows (at the start, once loaded) for one size.

    `plain`: sessions at this size that visited no section but Identify (`our_session` without marks) when
    `ours` visited every section: the loaded figure the target is read on is theirs (see `LOADED_IDLE`), and
    the one after every section is printed beside it, without a target."""
    mb = path.stat().st_size / 1e6
    starts = [s.start for s in ours]
    versus = ratios(starts, [s.start for s in bare])
    missing = any(v is None for v in starts)
    if size >= 50000:
        target, check = "≤ 3 s", verdict(median(starts), 3.0, missing)
    else:
        limit = 1.3 if size <= 2000 else 2.0
        target, check = f"≤ {limit}× bare", verdict(median(versus), limit, missing)
    shown = Row(
        f"Dashboard with its data ('{DASHBOARD_MARK}' on screen), demo --size {size} ({mb:.1f} MB)",
        spread(starts, 1000),
        spread(versus, unit="× bare", digits=2),
        target,
        check,
    )
    bare_mem = [s.rss_kib / 1024 if s.rss_kib else None for s in bare]
    file_mib = path.stat().st_size / 2**20
    mem: Samples = [s.rss_kib / 1024 if s.rss_kib is not None else None for s in ours]
    at_start = Row(
        f"peak memory with the Dashboard filled (from its snapshot, before the records), --size {size}",
        spread(mem, unit="MiB"),
        spread(ratios(mem, bare_mem), unit="× bare", digits=1),
    )

    # The target is for memory with the data in it: when it was filed, the Dashboard waited for every
    # record, so "with the Dashboard filled" meant loaded. The start now shows a snapshot before decoding, so
    # the figure that holds the records is read once they are all decoded (`loaded_peak`).
    def loaded_of(sessions: list[Session]) -> Samples:
        return [s.loaded_rss_kib / 1024 if s.loaded_rss_kib is not None else None for s in sessions]

    def versus_bare(loaded: Samples) -> str:
        return (
            spread(ratios(loaded, bare_mem), unit="× bare", digits=1)
            + f"; {(median(loaded) or 0) / file_mib:.1f}× the file"
        )

    loaded = loaded_of(plain if plain else ours)
    mem_target = {10000: 80.0, 50000: 300.0}.get(size)
    used = Row(
        f"peak memory once every record is decoded and {LOADED_IDLE:.0f} s idle (Dashboard, then Identify), "
        f"--size {size}",
        spread(loaded, unit="MiB"),
        versus_bare(loaded),
        f"≤ {mem_target:.0f} MiB" if mem_target else "",
        verdict(median(loaded), mem_target, any(v is None for v in loaded)) if mem_target else "",
    )
    visited = None
    if plain:
        after = loaded_of(ours)
        visited = Row(
            f"peak memory as above after visiting every section and typing in two (no target), --size {size}",
            spread(after, unit="MiB"),
            versus_bare(after),
        )
    return shown, at_start, used, visited


def section_rows(size: int, ours: list[Session], bare: list[Session], marks: Marks) -> list[Row]:
    rows = []
    switch = [s.visits.get("switch") for s in bare]
    labels = {
        "reflect": f"'{marks.reflect}' on screen",
        "identify": f"'{marks.identify}' on screen",
        "conduct": f"'{marks.conduct}' on screen",
    }
    for name in ("reflect", "identify", "conduct"):
        samples = [s.visits.get(name) for s in ours]
        rows.append(
            Row(
                f"first visit of {name.title()} at {size} ({labels[name]})",
                spread(samples, 1000),
                spread(ratios(samples, switch), unit="× bare mode switch", digits=1),
                "≤ 300 ms",
                verdict(median(samples), 0.3, any(v is None for v in samples)),
            )
        )
    for name, label in (
        ("chains", f"the chain view at {size} ('c' in Insights, '{CHAINS_MARK}' on screen)"),
        ("brief", f"the brief for one person at {size} (F7 on the call screen, '{BRIEF_MARK}' on screen)"),
    ):
        samples = [s.visits.get(name) for s in ours]
        rows.append(
            Row(
                label,
                spread(samples, 1000),
                spread(ratios(samples, switch), unit="× bare mode switch", digits=1),
                "≤ 100 ms",
                verdict(median(samples), 0.1, any(v is None for v in samples)),
            )
        )
    names = {"identify": "Identify filter", "reflect": "Reflect search"}
    for name, label in names.items():
        per_round = [s.keys.get(name, []) for s in ours]
        worst: Samples = [
            max((k for k in keys if k is not None), default=None) if keys and None not in keys else None
            for keys in per_round
        ]
        every = [k for keys in per_round for k in keys]
        bare_worst: Samples = [
            max((k for k in s.keys.get(name, []) if k is not None), default=None) for s in bare
        ]
        timed = len(per_round[0]) if per_round else 0
        rows.append(
            Row(
                f"{label} keystroke, screen update done, worst of {timed} keys a round, {size}",
                spread(worst, 1000),
                spread(ratios(worst, bare_worst), unit="× bare", digits=1),
                "≤ 100 ms",
                verdict(median(worst), 0.1, any(v is None for v in worst)),
            )
        )
        rows.append(
            Row(
                f"  {label} keystroke, every key of every round, {size}",
                spread(every, 1000),
                f"bare {spread([k for s in bare for k in s.keys.get(name, [])], 1000)}",
            )
        )
    return rows


def save_rows(size: int, results: list[dict[str, float]]) -> list[Row]:
    disk: Samples = [r["disk"] / 1000 if r["disk"] >= 0 else None for r in results]
    floor: Samples = [r["floor"] / 1000 for r in results]
    versus = ratios(disk, floor)
    return [
        Row(
            f"durable note save, --size {size} (on disk; UI-thread call {median([r['call'] for r in results]) or 0:.1f} ms)",
            spread(disk, 1000),
            f"floor {spread(floor, 1000)}; {spread(versus, unit='× floor', digits=2)}",
            "≤ the floor",
            verdict(median(versus), 1.0, any(v is None for v in disk)),
        ),
        Row(
            f"longest UI stall during that save, --size {size}",
            spread([r["stall"] for r in results], unit="ms", digits=1),
            "",
            "≤ 50 ms",
            verdict(max(r["stall"] for r in results) if results else None, 50.0),
        ),
    ]


def run(args: argparse.Namespace, folder: Path, data: Path) -> list[Row]:
    sizes = [2000] if args.quick else [2000, 10000, 50000]
    rounds = args.rounds or (3 if args.quick else ROUNDS)
    section_size = 2000 if args.quick else 10000
    script = folder / "bare.py"
    script.write_text(BARE_APP, encoding="utf-8")
    print("Building demo files…", flush=True)
    paths = {size: make_demo(size, data) for size in sizes}
    print(f"Reading the step marks headless at --size {section_size}…", flush=True)
    dashboard: list[Row] = []
    memory: list[Row] = []
    sections: list[Row] = []
    saved: list[Row] = []
    marks: Marks | None = None
    key_plan: dict[str, tuple[str, list[bool]]] = {}
    try:
        marks_json = run_child(["--calibrate", str(fresh_copy(paths[section_size], folder))], timeout=600)
        marks = Marks(**marks_json)  # type: ignore[arg-type]
        print(f"  marks: {marks}", flush=True)
        key_plan = {
            "identify": (IDENTIFY_KEYS, measured_keys(IDENTIFY_KEYS, marks.identify_keys)),
            "reflect": (REFLECT_KEYS, measured_keys(REFLECT_KEYS, marks.reflect_keys)),
        }
    except (RuntimeError, subprocess.TimeoutExpired, ValueError, TypeError) as error:
        print(f"  could not read the marks: {error}", file=sys.stderr, flush=True)
        sections.append(Row("section visits and keystrokes", "not measured: the marks could not be read"))
    bare_all: list[Session] = []
    for size in sizes:
        print(f"Measuring --size {size}, {rounds} rounds…", flush=True)
        ours: list[Session] = []
        bare: list[Session] = []
        steps = size == section_size and marks is not None
        for index in range(rounds):
            for is_ours in [True, False] if index % 2 else [False, True]:
                if is_ours:
                    ours.append(our_session(fresh_copy(paths[size], folder), marks if steps else None))
                else:
                    bare.append(bare_session(script, steps, key_plan if steps else {}))
            print(f"  round {index + 1}: ours {ours[-1].start}, bare {bare[-1].start}", flush=True)
        plain: list[Session] = []
        if steps:  # the loaded memory the issue asks about, without the sections' screens (see `size_rows`)
            for index in range(rounds):
                plain.append(our_session(fresh_copy(paths[size], folder), None))
                print(f"  memory round {index + 1}: loaded {plain[-1].loaded_rss_kib} KiB", flush=True)
        bare_all += bare
        shown, at_start, used, visited = size_rows(size, paths[size], ours, bare, plain)
        dashboard.append(shown)
        memory += [at_start, used] + ([visited] if visited else [])
        if steps and marks is not None:
            sections += section_rows(size, ours, bare, marks)
    for size in sizes:
        if size < 10000 and not args.quick:
            continue
        print(f"Durable note saves at --size {size}…", flush=True)
        try:
            saves = run_child(["--note-save", str(fresh_copy(paths[size], folder)), str(rounds)], timeout=900)
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
            print(f"  note saves failed: {error}", file=sys.stderr, flush=True)
            saved.append(Row(f"durable note save, --size {size}", "FAILED (see stderr)"))
            continue
        saved += save_rows(size, saves)  # type: ignore[arg-type]
    starts = [s.start for s in bare_all]
    rss: Samples = [s.rss_kib / 1024 if s.rss_kib else None for s in bare_all]
    rows = [Row("bare Textual app: 'bare home ready' on screen (baseline)", spread(starts, 1000))]
    switch = [s.visits["switch"] for s in bare_all if "switch" in s.visits]
    if switch:
        rows.append(Row("bare Textual app: first mode switch, text on screen", spread(switch, 1000)))
    rows.append(Row("bare Textual app: peak memory", spread(rss, unit="MiB")))
    rows += dashboard + sections + memory + saved  # the order
    if args.peers:
        print("Peers…", flush=True)
        rows += peer_rows(Path(args.peer_venv), rounds, script)
    else:
        rows.append(Row("peers (posting, harlequin)", "skipped: pass --peers"))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="size 2000 only, 3 rounds")
    parser.add_argument(
        "--rounds", type=int, default=0, help=f"rounds per measure (default {ROUNDS}; 3 with --quick)"
    )
    parser.add_argument(
        "--peers", action="store_true", help="also time posting and harlequin from --peer-venv"
    )
    parser.add_argument(
        "--peer-venv",
        default="/tmp/infoview-bench-peers",
        help="throwaway venvs for the peers, one each (they pin different Textual releases): "
        "python3 -m venv DIR/posting && DIR/posting/bin/pip install posting, the same for harlequin",
    )
    parser.add_argument(
        "--demo-cache",
        help="keep demo files in this folder between runs (default: a temp folder); the demo's times are "
        "relative to when it was built, so reuse them within the hour (later, the next call is another one "
        "and the Conduct rows time out)",
    )
    parser.add_argument(
        "--boot",
        action="store_true",
        help="only start-up: the Dashboard with its data at --sizes, and Conduct's first visit at 10000",
    )
    parser.add_argument("--sizes", default="2000,10000,50000", help="sizes for --boot (comma-separated)")
    parser.add_argument("--calibrate", help=argparse.SUPPRESS)
    parser.add_argument("--note-save", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.calibrate:
        print(json.dumps(dataclasses.asdict(asyncio.run(_calibrate(Path(args.calibrate))))))
        return 0
    if args.note_save:
        print(json.dumps(asyncio.run(_note_saves(Path(args.note_save[0]), int(args.note_save[1])))))
        return 0
    began = time.perf_counter()
    print(f"infoview-tui benchmark, pty {COLS}×{ROWS}: {machine_line()}", flush=True)
    compile_sources()
    global SETTINGS_HOME, CACHE_HOME
    with tempfile.TemporaryDirectory(prefix="infoview-bench-") as tmp:
        folder = Path(tmp)
        SETTINGS_HOME = folder / "config"
        CACHE_HOME = folder / "cache"
        data = Path(args.demo_cache) if args.demo_cache else folder
        data.mkdir(parents=True, exist_ok=True)
        rows = run_boot(args, folder, data) if args.boot else run(args, folder, data)
    print()
    print_table(rows)
    print()
    print(f"At the end: {machine_line()}; the run took {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
