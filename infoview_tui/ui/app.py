"""Provides `InfoviewApp`: the five sections as modes, global keys, the palette and the theme. No business logic."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, ClassVar, Literal, cast, overload

from textual import events, work
from textual.app import App
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import ModalScreen, Screen, ScreenResultCallbackType, ScreenResultType
from textual.widget import AwaitMount

from infoview_tui.config import Settings, settings_path
from infoview_tui.domain.models import Profile, RecordId
from infoview_tui.domain.safe_text import strip_controls
from infoview_tui.fileio import atomic_write_text
from infoview_tui.stages.agenda import Section
from infoview_tui.store import SCHEMA_VERSION, DataFileError, Store
from infoview_tui.store.storage import OutsideChange, newest_backup
from infoview_tui.ui import collector
from infoview_tui.ui.screens.base import HoldsTypedText, SectionScreen
from infoview_tui.ui.screens.dashboard import DashboardScreen
from infoview_tui.ui.type_ahead import KeysHandedOn, TypeAhead
from infoview_tui.ui.widgets.plain import notify

if TYPE_CHECKING:
    from textual.actions import ActionParseResult
    from textual.command import Provider
    from textual.dom import DOMNode
    from textual.timer import Timer

    from infoview_tui.domain.models import Contact
    from infoview_tui.exchange.linkedin import ImportPlan
    from infoview_tui.store.dashboard_cache import QuickDashboard, QuickStart
    from infoview_tui.ui.screens.reflect import FirstIndex


def _screen(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A mode's screen factory that imports its module on first use, so start-up only loads the Dashboard."""

    def make() -> Screen[Any]:
        screen_class = getattr(importlib.import_module(f"infoview_tui.ui.screens.{module}"), name)
        return cast("Screen[Any]", screen_class())

    return make


STYLES = Path(__file__).parent / "app.tcss"
"""The app's one stylesheet."""
STYLES_SPLIT = "/* ==== The rules above style the first frame"
"""The start of the line in `STYLES` that divides what the first frame needs from the rest."""

WARM_STEP = 0.05
"""Seconds between two warming steps: each step is one small piece of work (one module, one slice)."""
WARM_QUIET = 1.0
"""Seconds without a key or a click before warming goes on: it never competes with someone typing."""
IDLE_CHECK = 1.0
"""Seconds between two looks at whether a full garbage collection is due and the user idle (`collector`)."""
READY_TRIES = 20
"""Refreshes a pushed screen gets to take its focus before the keys typed meanwhile go to it anyway."""


def _commands() -> type[Provider]:
    """Our palette provider, imported when the palette first opens."""
    from infoview_tui.ui.commands import InfoviewCommands

    return InfoviewCommands


_TEXT_FIELDS = (("textual.widgets._input", "Input"), ("textual.widgets._text_area", "TextArea"))


def _typed_into(widget: object, key: events.Key) -> bool:
    """Whether `key` is a character that `widget`, a text field, inserts (and stops there). Looked up in the
    modules already imported: a class that was never imported has no instance, and importing TextArea at
    start-up would cost the first frame."""
    if not key.is_printable:
        return False
    for module_name, class_name in _TEXT_FIELDS:
        module = sys.modules.get(module_name)
        if module is not None and isinstance(widget, getattr(module, class_name)):
            return True
    return False


class StoreChanged(Message):
    """Posted from the writer thread: another program changed the data file; it was merged (or set aside)."""

    def __init__(self, change: OutsideChange | None) -> None:
        super().__init__()
        self.change = change
        """What happened, for the user; None when a merge is only waiting to be taken into memory."""


EXIT_SIGNALS = ("SIGHUP", "SIGTERM", "SIGINT")
"""Signals that end the app after saving everything typed (SIGHUP: the terminal window was closed)."""
SAVE_TIMEOUT = 5.0
"""Seconds a signal waits for the data file to be written before the app quits anyway (the store retries
once more on close)."""
CTRL_C_AGAIN = 3.0
"""A second ctrl+c within this many seconds quits."""
EXIT_GRACE = 5.0
"""Seconds after a signal for Textual to shut down before the process ends itself: after SIGHUP its
shutdown can block for ever writing to the terminal that was closed (the typed text is saved by then)."""

SECTIONS = Binding.Group("sections")
"""The footer shows the six section keys together: `0 1 2 3 4 5 sections`."""


class InfoviewApp(App[None]):
    """Informational interviews, end to end. Takes an opened Store; never opens files itself."""

    TITLE = "infoview-tui"
    # No CSS_PATH: the app adds `STYLES` itself, in two parts (`_first_styles`, `load_all_styles`).
    COMMANDS = App.COMMANDS | {_commands}
    MODES: ClassVar = {
        Section.DASHBOARD.mode: DashboardScreen,
        Section.IDENTIFY.mode: _screen("identify", "IdentifyScreen"),
        Section.PREPARE.mode: _screen("prepare", "PrepareScreen"),
        Section.CONDUCT.mode: _screen("conduct", "ConductScreen"),
        Section.FOLLOW_UP.mode: _screen("follow_up", "FollowUpScreen"),
        Section.REFLECT.mode: _screen("reflect", "ReflectScreen"),
    }
    DEFAULT_MODE = Section.DASHBOARD.mode
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            # Not in the Footer: the section bar above every section shows these keys, and at 80 columns the
            # Footer needs the room for the screen's own keys.
            Binding(
                str(s.value),
                f"section({s.value})",
                s.title,
                id=f"section-{s.value}",
                group=SECTIONS,
                show=False,
            )
            for s in Section
        ),
        *(Binding(str(s.value), f"not_here({s.value})", show=False) for s in Section),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
        # Priority, so focus moves in the app's own step, before the keys queued behind the tab are handed to
        # a widget: Textual's own tab binding runs only after the key has bubbled up from the focused widget,
        # by which time a burst ("Bea<tab><tab>typed") has put every letter in the first field.
        Binding("tab", "move_focus(1)", "Next field", show=False, priority=True, id="focus-next"),
        Binding(
            "shift+tab", "move_focus(-1)", "Previous field", show=False, priority=True, id="focus-previous"
        ),
    ]

    def __init__(
        self,
        store: Store,
        *,
        demo: bool = False,
        settings_file: Path | None = None,
        machine: tuple[str, str] | None = None,
        quick: QuickStart | None = None,
    ) -> None:
        self.store = store
        self._quick_start = quick
        """The Dashboard's snapshot being read since start-up (see `quick_dashboard`)."""
        self._quick: QuickDashboard | None = None
        self._quick_version: int | None = None
        """The store's `data_version` that `_quick` is the Dashboard of, once the records are loaded."""
        self._quick_digest: bytes | None = None
        """The fingerprint of the file the start's snapshot was found for."""
        self._loaded_as: tuple[int, bytes] | None = None
        """The `data_version` and fingerprint of what the background load decoded; None when something was
        written while it ran (see `_start_snapshot_version`)."""
        self.data_loaded = asyncio.Event()
        """Set once every record is decoded (at once when the store came loaded)."""
        self.demo = demo
        self._machine = machine
        """(machine id, host name) of this computer; read from the config folder when not given (tests give it)."""
        self._settings_file = settings_file or settings_path()
        self.settings = Settings.load(self._settings_file)
        self.load_error: str | None = None
        """Set when the data file turned out to be unusable while loading; the CLI reports it."""
        self._typed_text: list[HoldsTypedText] = []
        """Open screens whose fields may hold unsaved words, saved before every way out."""
        self._last_ctrl_c = float("-inf")
        self._in_terminal = False
        """Started by `run()` (the real command, not a test): a signal may end the process if shutdown hangs."""
        self._shut_down = threading.Event()
        """Set when `run()` has returned."""
        self._warm_steps: list[Callable[[], bool]] = []
        """What is left to do in idle time once the Dashboard shows the data (see `_start_warming`); a
        step returns True to be run again (one slice of a longer job)."""
        self.first_reflect_index: FirstIndex | None = None
        """Reflect's search index, built in idle time before its first visit (the screen takes it)."""
        self._warm_timer: Timer | None = None
        self._last_input = float("-inf")
        """When the last key or click arrived (monotonic): warming waits for `WARM_QUIET` after it."""
        super().__init__()
        self._type_ahead = TypeAhead(self._route_typed, self.set_timer, self.set_interval, self.call_later)
        """Keys handled one at a time, and kept while a dialog opens (see `ui.type_ahead`)."""
        self._typed_field: DOMNode | None = None
        """The text field the last characters were handed to, not yet known to have landed."""
        self._later_styles = self._first_styles()
        """The stylesheet's part no first frame needs, until `load_all_styles` adds it (then None)."""
        for mode, make in self.MODES.items():
            if mode != Section.DASHBOARD.mode and callable(make):
                self._modes[mode] = self._styled(make)
        store.set_error_handler(self._on_store_error)
        store.set_change_handler(self._on_store_change)

    @property
    def data_path(self) -> Path:
        return self.store.path

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        for notice in self.store.notices:  # e.g. a data folder others could write to
            notify(self, notice, severity="warning", timeout=20)
        self._install_exit_signals()
        self.set_interval(IDLE_CHECK, self._collect_when_idle, name="collector")
        self._point_to_unsaved_words()
        if self._in_terminal:
            self._resume_only_after_a_stop()

    def quick_dashboard(self) -> QuickDashboard | None:
        """The Dashboard's plan for the data the store holds, covering the store's clock; None when there is
        none. At first the snapshot of exactly this file that start-up found: shown before the records are
        decoded, and kept after while nothing changed (it is the Dashboard of these very bytes). Later the
        plan the Dashboard made (`keep_dashboard_plan`), while the data stays as it was then."""
        now = self.store.clock.now()
        if self._quick_start is not None:
            self._quick = self._quick_start.result(now)
            self._quick_digest = self._quick_start.digest
            self._quick_start = None
        if self._quick is not None and self.store.loaded and self._quick_version is None:
            self._quick_version = self._start_snapshot_version()
        if self._quick is not None and (
            not self._quick.plan.covers(now)
            or (self.store.loaded and self.store.data_version != self._quick_version)
        ):
            self._quick = None
        return self._quick

    def _start_snapshot_version(self) -> int | None:
        """The `data_version` at which the start's snapshot is the Dashboard of the decoded records: when the
        load decoded the very bytes it was made from (a sync may have replaced the file since start-up read
        it), nothing was written while it ran and no migration changed them. None otherwise."""
        loaded = self._loaded_as
        if loaded is None or self.store.migrated_from < SCHEMA_VERSION:
            return None
        version, digest = loaded
        return version if digest == self._quick_digest else None

    def keep_dashboard_plan(self, quick: QuickDashboard) -> None:
        """The Dashboard's plan for the store's data as it is now: its later redraws use it (~40 ms at 10,000
        contacts, where planning from the records takes ~150) until the data changes."""
        self._quick, self._quick_version = quick, self.store.data_version

    def on_ready(self) -> None:
        if self.store.loaded:
            self.data_loaded.set()
            gc.freeze()
            self._check_open_elsewhere()
            self.call_after_refresh(self._start_warming)
        else:
            self._preload()  # after the first paint, so decoding does not compete with it

    @work(thread=True, exit_on_error=False, group="load")
    def _preload(self) -> None:
        """Decode the data file off the UI thread, so the first screen paints at once."""
        try:
            # Primed once the Dashboard shows the data (see `_loaded`). Frozen: records live for the whole
            # session, so the garbage collector never rescans millions of them (a full collection at 10,000
            # contacts stalls every thread for ~100 ms).
            before = self.store.data_version
            self.store.load_all(prime=False, freeze=True)
            disk = self.store.storage.disk
            if disk is not None and self.store.data_version == before:
                self._loaded_as = (before, disk.digest)
            self._ready_identify()
        except DataFileError as exc:
            self.call_from_thread(self._load_failed, str(exc))
            return
        except Exception as exc:
            self.call_from_thread(self._load_failed, f"Could not read {self.data_path}: {exc}")
            return
        # call_later takes the coroutine function: call_from_thread's typing cannot (it infers Never).
        self.call_from_thread(self.call_later, self._loaded)

    def _ready_identify(self) -> None:
        """On the loading thread, once the records are decoded: Identify's module and contact list (~100 ms
        at 10,000 contacts), so a key for Identify pressed during the load finds them ready. (Warming does
        it later in idle time, but a first key right after start-up comes before any idle second.)"""
        try:
            from infoview_tui.ui.screens.identify import listing_for

            listing_for(self.store)
        except Exception as exc:  # only a head start: Identify builds it when shown
            self.log.warning(f"Identify's list was not built ahead: {exc!r}")

    async def _loaded(self) -> None:
        self.data_loaded.set()
        if self.store.migrated_from < SCHEMA_VERSION:
            notify(self, f"Updated {self.data_path.name} to the current format; the old file is in backups/.")
        for screen in self.screen_stack:
            if isinstance(screen, SectionScreen):
                await screen.refresh_data()
        # Serializing every record for the first save's sake holds the GIL in bursts: start it only once
        # the screen with the data has been painted, never in front of the first useful frame.
        self.call_after_refresh(self.store.storage.prime)
        self._check_open_elsewhere()
        self.call_after_refresh(self._start_warming)

    def _offer_conflict_copies(self) -> None:
        """Offer to merge the conflict copies sync tools left beside the data file (see merge_offer.py)."""
        from infoview_tui.ui.screens.merge_offer import offer_conflict_copies

        offer_conflict_copies(self)

    async def refresh_sections(self) -> None:
        """Redraw every section screen from the store (after records changed underneath them)."""
        for screen in self.screen_stack:
            if isinstance(screen, SectionScreen):
                await screen.refresh_data(force=True)

    # Warming: the sections' first visits, prepared in idle time ---------------------------------------
    def _start_warming(self) -> None:
        """Once the Dashboard shows the data, import each section's screen module, one per idle step, so a
        first visit does not pay for it. A key or a click pauses warming for `WARM_QUIET` seconds."""
        steps: list[Callable[[], bool]] = [
            partial(self._warm_import, module)
            for module in ("identify", "reflect", "conduct", "prepare", "follow_up")
        ]
        self._warm_steps = [
            self._warm_styles,
            *steps,
            self._warm_identify,
            self._warm_chains,
            self._warm_reflect_index,
        ]
        self._warm_later(WARM_STEP)

    def _warm_later(self, delay: float) -> None:
        """The next warming step in `delay` seconds (one chain only: a step already planned is dropped)."""
        if self._warm_timer is not None:
            self._warm_timer.stop()
        self._warm_timer = self.set_timer(delay, self._warm_next, name="warm")

    def _warm_next(self) -> None:
        """One warming step, unless someone typed or clicked a moment ago (then try again later)."""
        if not self._warm_steps:
            return
        quiet_for = time.monotonic() - self._last_input
        if quiet_for < WARM_QUIET:
            self._warm_later(WARM_QUIET - quiet_for)
            return
        if not self._warm_steps[0]():
            self._warm_steps.pop(0)
        if self._warm_steps:
            self._warm_later(WARM_STEP)

    def _warm_styles(self) -> bool:
        """Parse the stylesheet's second part (see `load_all_styles`)."""
        self.load_all_styles()
        return False

    def _first_styles(self) -> str | None:
        """Add the part of `STYLES` above its split line (the Dashboard's and the frame's rules) to the
        stylesheet; return the rest, or None when the file has no split line (then it is all added now)."""
        text = STYLES.read_text(encoding="utf-8")
        first, split, rest = text.partition(STYLES_SPLIT)
        self.stylesheet.add_source(first, read_from=(str(STYLES), ""), is_default_css=False)
        return split + rest if split else None

    def load_all_styles(self) -> None:
        """Add the stylesheet's second part, once: every screen but the Dashboard, and every dialog, needs it.

        Parsing the whole file took ~25 ms of every start, in front of the first frame. The second part is
        parsed in the first idle moment after the Dashboard shows the data (warming), or before the first
        other screen is made or pushed, whichever comes first. Only the new part is parsed: Textual keeps
        what it parsed of the first one."""
        rest, self._later_styles = self._later_styles, None
        if rest is None:
            return
        self.stylesheet.add_source(
            rest, read_from=(str(STYLES), "after the first frame"), is_default_css=False
        )
        if self.is_running:  # as Textual does when its stylesheet changes: the app, then each screen shown
            self.stylesheet.update(self)
            for screen in self.screen_stack:
                self.stylesheet.update(screen)

    def _warm_import(self, module: str) -> bool:
        """Import one section's screen module (its first visit then only builds the screen)."""
        importlib.import_module(f"infoview_tui.ui.screens.{module}")
        return False

    def _warm_identify(self) -> bool:
        """Build Identify's contact list once (sorted, with its search texts: ~60 ms at 10,000), so the first
        visit there only draws."""
        from infoview_tui.ui.screens.identify import listing_for

        listing_for(self.store)
        return False

    def _warm_chains(self) -> bool:
        """Build the introduction chains once (~40 ms at 10,000), so the chain view only draws when opened."""
        from infoview_tui.ui.screens.chain_view import built_chains

        built_chains(self.store)
        return False

    def _warm_reflect_index(self) -> bool:
        """One slice of Reflect's search index, so a first search there does not wait for it; nothing once
        a Reflect screen has taken the index (it builds on in its own slices)."""
        from infoview_tui.ui.screens.reflect import FirstIndex

        if self.first_reflect_index is None:
            self.first_reflect_index = FirstIndex(self.store)
        first = self.first_reflect_index
        return not first.taken and not first.advance()

    def _collect_when_idle(self) -> None:
        """A due full garbage collection, once nothing was typed or clicked for `WARM_QUIET` seconds: it takes
        50-70 ms at 10,000 contacts, and would otherwise land on a keystroke (see `collector`)."""
        if time.monotonic() - self._last_input >= WARM_QUIET:
            collector.collect_if_due()

    @property
    def warming(self) -> bool:
        """Whether warming steps are still waiting (tests)."""
        return bool(self._warm_steps)

    def refresh_css(self, animate: bool = True) -> None:
        """Textual's refresh, without parsing the stylesheet again when its variables did not change.

        Textual re-parses every source on each refresh (a fresh stylesheet, then once more because setting
        the variables empties the parse cache): ~35 ms of every start, for the first screen's refresh.
        With the same variables the rules come out the same, so only the restyle is done; a theme change
        (new variables) takes Textual's whole path. (Textual 8.2.8; textual is pinned.)"""
        stylesheet = self.stylesheet
        if self.get_css_variables() != stylesheet._variables:
            super().refresh_css(animate)
            return
        instance = vars(stylesheet)
        instance["set_variables"] = lambda variables: None
        instance["reparse"] = lambda: None
        try:
            super().refresh_css(animate)
        finally:
            del instance["set_variables"], instance["reparse"]

    def _styled(self, make: Callable[[], Screen[Any]]) -> Callable[[], Screen[Any]]:
        """A mode's factory whose new screen skips Textual's stylesheet re-parse on its first switch.

        Textual re-parses the whole stylesheet (twice, ~20-35 ms each at 10,000 contacts) when a screen
        whose `_css_update_count` is behind the app's becomes current, and a new screen starts at -1. The
        re-parse is only needed when the variables changed (a theme) since the stylesheet was last
        refreshed: when the screen on display is up to date, so is the stylesheet, and the new screen is
        styled from it as it mounts. Otherwise Textual's own refresh runs as before. (Relies on Textual
        8.2.8's `_css_update_count`; textual is pinned.)"""

        def make_styled() -> Screen[Any]:
            self.load_all_styles()
            screen = make()
            # 0: never invalidated since start-up, when the stylesheet was parsed with the variables in use
            # (the Dashboard, mounted first, is then still at -1 until some refresh).
            if self._css_update_count in (0, self.screen._css_update_count):
                screen._css_update_count = self._css_update_count
            return screen

        return make_styled

    def _load_failed(self, message: str) -> None:
        self.load_error = message
        self.exit(return_code=2)

    # Typed text and every way out -----------------------------------------------------------------
    def hold_typed_text(self, holder: HoldsTypedText) -> None:
        """A screen with fields that may hold unsaved words: save them before any way out."""
        if holder not in self._typed_text:
            self._typed_text.append(holder)

    def release_typed_text(self, holder: HoldsTypedText) -> None:
        """The screen is gone (it saved its text as it left)."""
        if holder in self._typed_text:
            self._typed_text.remove(holder)

    def save_typed_text(self) -> None:
        """Put every word typed in any open screen into the store (the writer thread puts it on disk)."""
        for holder in list(self._typed_text):
            try:
                holder.flush()
            except Exception as exc:
                self.log.error(f"could not save the typed text of {holder!r}: {exc!r}")

    def keep_dialog_words(self) -> None:
        """The app is ending with a dialog open: what was typed in it and not saved goes to a file beside the
        data file (`store.unsaved`), which the next start points to."""
        from infoview_tui.store.unsaved import keep_unsaved
        from infoview_tui.ui.unsaved_words import typed_fields

        fields = [f for screen in self.screen_stack if screen.is_modal for f in typed_fields(screen)]
        if not fields or self.store.read_only:
            return
        try:
            keep_unsaved(self.data_path, fields, self.store.clock.now().astimezone())
        except OSError as exc:
            self.log.error(f"could not keep the words typed in a dialog: {exc!r}")

    def _point_to_unsaved_words(self) -> None:
        """Words kept from a dialog when the app last ended: say where they are (once: the file moves to
        backups/)."""
        from infoview_tui.store.unsaved import take_unsaved

        if self.store.read_only:
            return
        for path in take_unsaved(self.data_path):
            notify(
                self,
                f"Words you typed in a dialog that was not saved when the app last closed are in {path}",
                severity="warning",
                timeout=30,
            )

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run in the terminal (the CLI's way in; Pilot tests use `run_test`); returns what `run` returns."""
        self._in_terminal = not kwargs.get("headless", False)
        try:
            with collector.paced():  # full collections in idle time (`_collect_when_idle`)
                return super().run(*args, **kwargs)
        finally:
            self._shut_down.set()

    def _install_exit_signals(self) -> None:
        """Closing the terminal (SIGHUP), `kill` (SIGTERM) and SIGINT save everything typed, then quit."""
        loop = asyncio.get_running_loop()
        for name in EXIT_SIGNALS:
            number = getattr(signal, name, None)
            if number is None:  # pragma: no cover - Windows has no SIGHUP
                continue
            try:
                loop.add_signal_handler(number, self._on_exit_signal, number)
            except (
                NotImplementedError,
                RuntimeError,
                ValueError,
            ):  # pragma: no cover - Windows, not main thread
                pass

    def _resume_only_after_a_stop(self) -> None:
        """Let Textual's SIGCONT handler restart the screen only after a SIGTSTP (ctrl+z) stopped the app.

        Textual restarts its output on every SIGCONT. One arrives with SIGHUP when a terminal window is
        closed, just before the terminal goes away: the restarted output thread dies on the dead terminal
        and the shutdown then blocks for ever writing to it.
        """
        if not hasattr(signal, "SIGTSTP"):  # pragma: no cover - Windows
            return
        textual_stop, textual_resume = signal.getsignal(signal.SIGTSTP), signal.getsignal(signal.SIGCONT)
        if not (callable(textual_stop) and callable(textual_resume)):
            return
        stopped = threading.Event()

        def on_stop(number: int, frame: FrameType | None) -> None:
            stopped.set()
            textual_stop(number, frame)

        def on_resume(number: int, frame: FrameType | None) -> None:
            if stopped.is_set():
                stopped.clear()
                textual_resume(number, frame)

        signal.signal(signal.SIGTSTP, on_stop)
        signal.signal(signal.SIGCONT, on_resume)

    def _on_exit_signal(self, number: int) -> None:
        """A signal asked us to end: save, quit, and make sure the process really ends in bounded time."""
        if self._in_terminal:
            threading.Thread(target=self._end_if_stuck, name="infoview-exit-watchdog", daemon=True).start()
        self.save_and_exit()

    def _end_if_stuck(self) -> None:
        """If the shutdown has not finished `EXIT_GRACE` seconds after a signal, end the process here, after
        one more bounded wait for the data file (exit code 2 if it could not be written)."""
        if self._shut_down.wait(EXIT_GRACE):
            return
        saved = self.store.flush(timeout=SAVE_TIMEOUT)
        os._exit(0 if saved else 2)

    def save_and_exit(self) -> None:
        """A signal: save what is typed and wait (bounded) until it is on disk, then quit.

        After SIGHUP the terminal is gone and Textual's shutdown may fail to write to it, so the data is on
        disk before the shutdown starts rather than in the store's close afterwards.
        """
        self.save_typed_text()
        self.keep_dialog_words()
        self.store.flush(timeout=SAVE_TIMEOUT)
        self.exit()

    async def action_quit(self) -> None:
        """ctrl+q: save what is typed, then quit (the store writes the rest on close)."""
        self.save_typed_text()
        self.keep_dialog_words()
        self.exit()

    def action_help_quit(self) -> None:
        """ctrl+c outside a text selection (inside one it copies): save everything typed now and say how to
        quit; a second ctrl+c within a few seconds quits. One stray press during a call never ends the app."""
        now = time.monotonic()
        if now - self._last_ctrl_c <= CTRL_C_AGAIN:
            self.save_typed_text()
            self.keep_dialog_words()
            self.exit()
            return
        self._last_ctrl_c = now
        self.save_typed_text()
        self.notify(
            "Everything you typed is saved. ctrl+q quits (or ctrl+c again); ctrl+c copies selected text.",
            title="Saved",
            timeout=CTRL_C_AGAIN,
        )

    async def on_event(self, event: events.Event) -> None:
        """A paste from the terminal loses its control characters before any field sees it; a key or a
        click pauses warming (`_warm_next`).

        Input and TextArea keep them and echo them back to the terminal as they draw (a pasted `ESC ]52;…`
        would set the clipboard); typed keys never insert them. Saving cleans again (`validation`).
        """
        if isinstance(event, (events.Key, events.MouseDown)):
            self._last_input = time.monotonic()
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if self._type_ahead.keep(event):  # a key before it has not had its effect yet, or a dialog opens
                return
            await self._route_typed(event)
            return
        await super().on_event(event)

    async def _route_typed(self, event: events.Key | events.Paste) -> None:
        """Hand a key or a paste to the focused widget, as Textual does (a paste without its controls), then
        hold the keyboard until a marker posted right behind it has come back up: every handler and binding
        it reached has run by then, so the next key lands where this one left the focus (`ui.type_ahead`)."""
        if isinstance(event, events.Paste):
            text = strip_controls(event.text, multiline=True)
            if text != event.text:
                event = events.Paste(text)
        target = self.focused or self.screen
        typing = isinstance(event, events.Key) and _typed_into(target, event)
        field, self._typed_field = self._typed_field, None
        if field is not None and not (typing and field is target):
            # Characters handed to a text field are not waited for one by one (below); any other key waits
            # until they have landed (ctrl+q, ctrl+s, escape, tab, a character for another widget).
            release = self._type_ahead.hold(until_screen_change=True)
            if field.post_message(KeysHandedOn(release)) and self._type_ahead.keep(event):
                return
            release()
        await super().on_event(event)
        if not event.is_forwarded:
            return  # taken by a priority binding, which has run already
        if typing:
            # A character the field inserts never bubbles up to a binding, and the next one queues behind it
            # in the same field: a burst of text goes in at full speed.
            self._typed_field = target
            return
        release = self._type_ahead.hold(until_screen_change=True)
        if not target.post_message(KeysHandedOn(release)):
            release()  # the widget is closing: nothing of the key is left to wait for

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """Run an action; when it starts workers of its own (a dialog opens in one), the keys typed behind it
        wait until a worker pushes its screen or they all end (`ui.type_ahead`). Workers that other nodes start
        meanwhile (a section's screen mounting) are not waited for."""
        before = set(self.workers)
        handled = await super().run_action(action, default_namespace, namespaces)
        target = self if default_namespace is None else default_namespace
        started = [worker for worker in self.workers if worker not in before and worker.node is target]
        if started:
            self._type_ahead.hold_for(started)
        return handled

    def watch_theme(self, theme: str) -> None:
        """Remember the theme chosen in the palette."""
        if theme != self.settings.theme:
            self.settings.theme = theme
            self._save_settings()

    @work(thread=True, exit_on_error=False, group="settings")
    def _save_settings(self) -> None:
        try:
            self.settings.save(self._settings_file)
        except OSError as exc:
            self.call_from_thread(notify, self, f"Could not save settings: {exc}", severity="warning")

    def _on_store_error(self, exc: BaseException) -> None:
        """Called from the writer thread when a save fails; the data stays in memory and is retried."""
        newest = newest_backup(self.data_path, thorough=False)
        message = f"Could not save to {self.data_path}: {exc}. Your changes are kept and saving is retried."
        if newest is not None:
            message += f" The newest good backup is {newest}."
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(notify, self, message, severity="error", timeout=15)

    def _on_store_change(self, change: OutsideChange | None) -> None:
        """Called from the writer thread after it merged another program's copy of the file: hand over to
        the UI thread without waiting (the writer must never block on the UI, which may be waiting on it)."""
        try:
            self.post_message(StoreChanged(change))
        except RuntimeError:  # the app's loop has already closed: the store merges again on every save
            pass

    async def on_store_changed(self, message: StoreChanged) -> None:
        """Take the merged data into memory, show it, say what happened and where any copy set aside is.

        Runs on the UI thread, the only one that changes records, so nothing typed meanwhile is lost."""
        adoption = self.store.adopt_outside_changes()
        change = message.change
        if change is not None:
            notify(
                self,
                change.message,
                title="Data file changed outside the app",
                severity=change.severity,
                timeout=30,
            )
        if adoption is not None and adoption.conflict_copy is not None:
            notify(
                self,
                "Some changes made in both copies could not both be kept; this app's were. The other copy "
                f"is saved as {adoption.conflict_copy}.",
                severity="warning",
                timeout=30,
            )
        if adoption is not None:
            for screen in self.screen_stack:
                if isinstance(screen, SectionScreen):
                    await screen.refresh_data(force=True)

    # Sections -------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The focus rule for section digits, in one place: a digit switches section only from a section's
        own screen. On a screen pushed over it (a workspace, a follow-up, a reflection, goals) a digit
        typed while no text field has focus is refused with a hint (`not_here`), so "in 3 weeks" typed
        after a tab too many never jumps to Conduct. Dialogs are modal: app bindings never reach them."""
        if action in ("section", "not_here"):
            return self._on_a_section() is (action == "section")
        if action == "move_focus":  # a text area that indents with tab keeps its tab
            return getattr(self.focused, "tab_behavior", None) != "indent"  # TextArea, without importing it
        return True

    def action_move_focus(self, step: int) -> None:
        """tab / shift+tab: the next or previous field, at once (see BINDINGS)."""
        if step > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    def _on_a_section(self) -> bool:
        """Whether the screen below any open dialog is a section's own screen (the Footer under a dialog
        keeps showing what it showed before the dialog opened)."""
        underneath = next((s for s in reversed(self.screen_stack) if not s.is_modal), None)
        return isinstance(underneath, SectionScreen)

    async def action_section(self, number: int) -> None:
        await self.open_section(Section(number))

    def action_not_here(self, number: int) -> None:
        """A section digit on a screen where it is refused: say why nothing was typed."""
        notify(
            self,
            f"'{number}' was not typed: no text field has focus (tab moves to one). "
            "Number keys switch sections from a section's list: escape goes back to it.",
            severity="warning",
            timeout=6,
        )

    async def open_section(
        self, section: Section, record_id: RecordId | None = None, *, held: Callable[[], None] | None = None
    ) -> None:
        """Switch to a section, and bring one record into view there. Keys typed meanwhile wait until the
        section's screen has its focus (`ui.type_ahead`); `held` is a hold to end once that one is on."""
        try:
            await self.switch_mode(section.mode)
            screen = self.screen
            if record_id is not None and isinstance(screen, SectionScreen):
                screen.reveal(record_id)
        finally:
            self.call_after_refresh(self._when_ready, self.screen, self._type_ahead.hold(), 0)
            if held is not None:
                held()

    def run_open(self, section: Section, record_id: RecordId | None = None) -> None:
        """Palette callback form of `open_section`: the keys typed behind the palette's enter go to the section."""
        held = self._type_ahead.hold()
        self.run_worker(self.open_section(section, record_id, held=held), exclusive=True, group="open")

    # Dialogs open once -----------------------------------------------------------------------------
    if TYPE_CHECKING:

        @overload
        def push_screen(
            self,
            screen: Screen[ScreenResultType] | str,
            callback: ScreenResultCallbackType[ScreenResultType] | None = None,
            wait_for_dismiss: Literal[False] = False,
            *,
            mode: str | None = None,
        ) -> AwaitMount: ...

        @overload
        def push_screen(
            self,
            screen: Screen[ScreenResultType] | str,
            callback: ScreenResultCallbackType[ScreenResultType] | None = None,
            wait_for_dismiss: Literal[True] = True,
            *,
            mode: str | None = None,
        ) -> asyncio.Future[ScreenResultType]: ...

    def push_screen(
        self,
        screen: Screen[ScreenResultType] | str,
        callback: ScreenResultCallbackType[ScreenResultType] | None = None,
        wait_for_dismiss: bool = False,
        *,
        mode: str | None = None,
    ) -> AwaitMount | asyncio.Future[ScreenResultType]:
        """Push a screen, but never a second copy of a dialog that is already open.

        Keys typed faster than a dialog takes focus all reach the screen beneath it, and each would open
        its own copy ("Edit the note" five times). The first opens; the others are refused here, for every
        dialog at once: a refused `push_screen_wait` returns None (cancelled) and its callback is not called.
        """
        self.load_all_styles()
        if isinstance(screen, ModalScreen) and mode is None and self.dialog_open(type(screen)):
            if not wait_for_dismiss:
                return AwaitMount(self.screen, [])
            refused: asyncio.Future[ScreenResultType] = asyncio.get_running_loop().create_future()
            refused.set_result(cast("ScreenResultType", None))
            return refused
        pushed: AwaitMount | asyncio.Future[ScreenResultType] = (
            super().push_screen(screen, callback, wait_for_dismiss=True, mode=mode)
            if wait_for_dismiss
            else super().push_screen(screen, callback, wait_for_dismiss=False, mode=mode)
        )
        if mode is None or mode == self.current_mode:
            self._hold_for_screen()
        return pushed

    def pop_screen(self) -> AwaitComplete:
        popped = super().pop_screen()
        self._hold_for_screen()
        return popped

    def _hold_for_screen(self) -> None:
        """The screen on top changed: keys typed from now on wait until it has its focus, then go to it
        (`ui.type_ahead`)."""
        release = self._type_ahead.hold()
        self._type_ahead.screen_changed()
        self.call_after_refresh(self._when_ready, self.screen, release, 0)

    @property
    def type_ahead(self) -> TypeAhead:
        """The keys waiting their turn, and the holds that make them wait (`ui.type_ahead`)."""
        return self._type_ahead

    async def on_keys_handed_on(self, message: KeysHandedOn) -> None:
        """A key, a submit or a selection has had its whole effect: the keys typed behind it may go, at once
        (not after an idle moment: a burst of keys would wait a screen refresh per key)."""
        message.release()
        await self._type_ahead.flush()

    def _when_ready(self, screen: Screen[Any], release: Callable[[], None], tries: int) -> None:
        """Once a pushed screen has its focus (or is gone, or has nothing to focus), what a dialog's fields opened
        with is remembered (`unsaved_words`), then the keys typed meanwhile are let through to it."""
        if screen is self.screen and screen.focused is None and screen.focus_chain and tries < READY_TRIES:
            self.call_after_refresh(self._when_ready, screen, release, tries + 1)
            return
        if isinstance(screen, ModalScreen) and screen.is_attached:
            from infoview_tui.ui.unsaved_words import remember

            remember(screen)
        release()

    def dialog_open(self, dialog: type[Screen[Any]]) -> bool:
        """Whether a dialog of this class is open in the current section."""
        return any(type(open_screen) is dialog for open_screen in self.screen_stack)

    def action_help(self) -> None:
        from infoview_tui.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.data_path, self.demo, self.screen.active_bindings))

    # Open on two computers at once (domain/presence.py) ----------------------------------------------
    def _check_open_elsewhere(self) -> None:
        """Once the data is loaded: if another computer has the file open now, ask what to do before anything
        is written; else say in the file that this one has it open. Then the first-start profile question
        and the offer to merge conflict copies, which writes: only once the file may be written (never
        before the question is answered, never after "read-only")."""
        from infoview_tui.domain.presence import open_elsewhere, warning

        store = self.store
        if self.demo or store.read_only:
            self._after_open_question()
            return
        if self._machine is None:
            from infoview_tui.config import machine_id, machine_name

            self._machine = (machine_id(), machine_name())
        machine, name = self._machine
        now = store.clock.now()
        other = open_elsewhere(store.header, machine, now)
        if other is None:
            store.announce_open(machine, name)
            self._after_open_question()
            return
        from infoview_tui.ui.screens.open_elsewhere import Choice, OpenElsewhereScreen

        def chosen(choice: Choice | None) -> None:
            if choice == "quit":
                self.exit()
                return
            if choice == "anyway":
                store.announce_open(machine, name)
                notify(
                    self,
                    f"Opened anyway while {other.name} has it open: both computers' changes are "
                    "merged when the file syncs.",
                    severity="warning",
                    timeout=12,
                )
            else:
                store.open_read_only()
                self._show_read_only()
                notify(
                    self,
                    f"Opened read-only: nothing you do here is written to the file while "
                    f"{other.name} has it open.",
                    severity="warning",
                    timeout=12,
                )
                return  # no first-start question or merge either: neither could be saved
            self._after_open_question()

        self.push_screen(OpenElsewhereScreen(warning(other, now)), chosen)

    def _after_open_question(self) -> None:
        """The file may be written: the first-start profile question, then any conflict copies to merge."""
        self._ask_profile_once()
        self.call_after_refresh(self._offer_conflict_copies)

    def _show_read_only(self) -> None:
        """Every section bar says READ-ONLY (screens made later read it from the store)."""
        from infoview_tui.ui.widgets import SectionBar

        for screen in self.screen_stack:
            for bar in screen.query(SectionBar):
                bar.read_only = True
                bar.refresh()

    # The profile ----------------------------------------------------------------------------------
    def _ask_profile_once(self) -> None:
        """On the first start of a new, empty data file, ask who you are, once (escape skips it for good)."""
        store = self.store
        if self.settings.profile_asked or self.demo or store.read_only or not store.is_empty:
            return
        if not store.profile.is_empty:
            return
        self.settings.profile_asked = True
        self._save_settings()
        self.action_edit_profile(first_start=True)

    def action_edit_profile(self, first_start: bool = False) -> None:
        """Open the profile dialog; a saved profile goes to the store at once."""
        from infoview_tui.ui.screens.profile_form import ProfileFormScreen

        def done(profile: Profile | None) -> None:
            if profile is None or (first_start and profile.is_empty):
                if first_start:
                    notify(
                        self, "Skipped. Tell the app who you are any time: ctrl+p, then 'Edit your profile'."
                    )
                return
            self.store.save_profile(profile)
            if profile.is_empty:
                notify(self, "Cleared your profile: messages show [your name] again.")
            else:
                notify(self, "Saved your profile: messages and scripts now use it.")

        if not isinstance(self.screen, ProfileFormScreen):
            self.push_screen(ProfileFormScreen(self.store.profile, first_start=first_start), done)

    # LinkedIn import ------------------------------------------------------------------------------
    def action_import_linkedin(self) -> None:
        from infoview_tui.ui.screens.dialogs import PromptScreen

        def chosen(path: str | None) -> None:
            if path:
                self._read_linkedin(Path(path).expanduser(), self.store.contacts.all())

        self.push_screen(
            PromptScreen(
                "Import LinkedIn connections",
                placeholder="~/Downloads/Connections.csv",
                help_text=(
                    "On LinkedIn: Settings → Data privacy → Get a copy of your data → Connections. "
                    "Type the path of Connections.csv. Re-importing never duplicates anyone or "
                    "overwrites what you wrote."
                ),
            ),
            chosen,
        )

    @work(thread=True, exit_on_error=False, group="import")
    def _read_linkedin(self, path: Path, existing: list[Contact]) -> None:
        """Read and plan off the UI thread; the store is changed on the UI thread."""
        from infoview_tui.exchange.linkedin import ImportFileError, plan_import, read_connections

        try:
            plan = plan_import(read_connections(path), existing, self.store.clock.now())
        except ImportFileError as exc:
            self.call_from_thread(notify, self, str(exc), severity="error", timeout=12)
            return
        self.call_from_thread(self.call_later, self._apply_linkedin, plan)

    async def _apply_linkedin(self, plan: ImportPlan) -> None:
        from infoview_tui.exchange.linkedin import apply_plan

        apply_plan(self.store.contacts, plan)
        notify(self, plan.summary(), title="LinkedIn import", timeout=12)
        if isinstance(self.screen, SectionScreen):
            await self.screen.refresh_data()

    # Export ---------------------------------------------------------------------------------------
    def action_export_json(self) -> None:
        """Palette: a JSON backup beside the data file; encoding and writing happen off the UI thread."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.data_path.parent / "exports" / f"infoview-export-{stamp}.json"
        self._export(target, self.store.snapshot())

    @work(thread=True, exit_on_error=False, group="export")
    def _export(self, target: Path, snapshot: dict[str, list[Any]]) -> None:
        from infoview_tui.exchange.json_backup import export_json

        try:
            atomic_write_text(target, export_json(self.store.export_dict(snapshot)))
        except OSError as exc:
            self.call_from_thread(notify, self, f"Export failed: {exc}", severity="error")
            return
        self.call_from_thread(notify, self, f"Exported a JSON backup to {target}")
