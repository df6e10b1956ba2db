"""Provides `InfoviewApp`: the five sections as modes, global keys, the palette and the theme. No business logic."""

from __future__ import annotations

import asyncio
import gc
import importlib
import signal
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from infoview_tui.agenda import Section
from infoview_tui.config import Settings, settings_path
from infoview_tui.export import export_json
from infoview_tui.fileio import atomic_write_text
from infoview_tui.safe_text import strip_controls
from infoview_tui.screens.base import SectionScreen
from infoview_tui.screens.dashboard import DashboardScreen
from infoview_tui.store import SCHEMA_VERSION, DataFileError, Store
from infoview_tui.widgets.plain import notify

if TYPE_CHECKING:
    from textual.command import Provider

    from infoview_tui.linkedin import ImportPlan
    from infoview_tui.models import Contact


def _screen(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A mode's screen factory that imports its module on first use, so start-up only loads the Dashboard."""

    def make() -> Screen[Any]:
        screen_class = getattr(importlib.import_module(f"infoview_tui.screens.{module}"), name)
        return cast("Screen[Any]", screen_class())

    return make


def _commands() -> type[Provider]:
    """Our palette provider, imported when the palette first opens."""
    from infoview_tui.commands import InfoviewCommands

    return InfoviewCommands


SECTIONS = Binding.Group("sections")
"""The footer shows the six section keys together: `0 1 2 3 4 5 sections`."""


class InfoviewApp(App[None]):
    """Informational interviews, end to end. Takes an opened Store; never opens files itself."""

    TITLE = "infoview-tui"
    CSS_PATH = Path(__file__).parent / "app.tcss"
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
            Binding(str(s.value), f"section({s.value})", s.title, id=f"section-{s.value}", group=SECTIONS)
            for s in Section
        ),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
    ]

    def __init__(self, store: Store, *, demo: bool = False, settings_file: Path | None = None) -> None:
        self.store = store
        self.demo = demo
        self._settings_file = settings_file or settings_path()
        self.settings = Settings.load(self._settings_file)
        self.load_error: str | None = None
        """Set when the data file turned out to be unusable while loading; the CLI reports it."""
        super().__init__()
        store.set_error_handler(self._on_store_error)

    @property
    def data_path(self) -> Path:
        return self.store.path

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.save_and_exit)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - Windows, or not main thread
            pass

    def on_ready(self) -> None:
        if self.store.loaded:
            gc.freeze()
        else:
            self._preload()  # after the first paint, so decoding does not compete with it

    @work(thread=True, exit_on_error=False, group="load")
    def _preload(self) -> None:
        """Decode the data file off the UI thread, so the first screen paints at once."""
        try:
            self.store.load_all()
        except DataFileError as exc:
            self.call_from_thread(self._load_failed, str(exc))
            return
        # Records live for the whole session: keep the garbage collector from rescanning millions of them
        # (a full collection at 10,000 contacts stalls every thread for ~100 ms).
        gc.freeze()
        self.call_from_thread(self._loaded)

    async def _loaded(self) -> None:
        if self.store.migrated_from < SCHEMA_VERSION:
            notify(self, f"Updated {self.data_path.name} to the current format; the old file is in backups/.")
        for screen in self.screen_stack:
            if isinstance(screen, SectionScreen):
                await screen.refresh_data()

    def _load_failed(self, message: str) -> None:
        self.load_error = message
        self.exit(return_code=2)

    def flush_screens(self) -> None:
        """Save text typed in any open screen that is still waiting for its autosave delay."""
        stacks = getattr(self, "_screen_stacks", {}).values() or [self.screen_stack]  # every section's screens
        for screen in [screen for stack in stacks for screen in stack]:
            flush = getattr(screen, "flush", None)
            if callable(flush):
                try:
                    flush()
                except Exception:  # noqa: BLE001 - a screen half torn down must not stop the others
                    pass

    def save_and_exit(self) -> None:
        self.flush_screens()
        self.exit()

    async def action_quit(self) -> None:
        """ctrl+q: save what is typed, then quit (the store writes the rest on close)."""
        self.flush_screens()
        self.exit()

    async def on_event(self, event: events.Event) -> None:
        """A paste from the terminal loses its control characters before any field sees it.

        Input and TextArea keep them and echo them back to the terminal as they draw (a pasted `ESC ]52;…`
        would set the clipboard); typed keys never insert them. Saving cleans again (`validation`).
        """
        if isinstance(event, events.Paste) and not event.is_forwarded:
            text = strip_controls(event.text, multiline=True)
            if text != event.text:
                event = events.Paste(text)
        await super().on_event(event)

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
        message = f"Could not save to {self.data_path}: {exc}. Your changes are kept and saving is retried."
        try:
            self.call_from_thread(notify, self, message, severity="error", timeout=15)
        except RuntimeError:
            pass

    # Sections -------------------------------------------------------------------------------------
    async def action_section(self, number: int) -> None:
        await self.open_section(Section(number))

    async def open_section(self, section: Section, record_id: int | None = None) -> None:
        """Switch to a section, and bring one record into view there."""
        await self.switch_mode(section.mode)
        screen = self.screen
        if record_id is not None and isinstance(screen, SectionScreen):
            screen.reveal(record_id)

    def run_open(self, section: Section, record_id: int | None = None) -> None:
        """Palette callback form of `open_section`."""
        self.run_worker(self.open_section(section, record_id), exclusive=True, group="open")

    def action_help(self) -> None:
        from infoview_tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.data_path, self.demo, self.screen.active_bindings))

    # LinkedIn import ------------------------------------------------------------------------------
    def action_import_linkedin(self) -> None:
        from infoview_tui.screens.dialogs import PromptScreen

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
        from infoview_tui.linkedin import ImportFileError, plan_import, read_connections

        try:
            plan = plan_import(read_connections(path), existing, self.store.clock.now())
        except ImportFileError as exc:
            self.call_from_thread(notify, self, str(exc), severity="error", timeout=12)
            return
        self.call_from_thread(self._apply_linkedin, plan)

    async def _apply_linkedin(self, plan: ImportPlan) -> None:
        from infoview_tui.linkedin import apply_plan

        apply_plan(self.store, plan)
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
        try:
            atomic_write_text(target, export_json(self.store, snapshot))
        except OSError as exc:
            self.call_from_thread(notify, self, f"Export failed: {exc}", severity="error")
            return
        self.call_from_thread(notify, self, f"Exported a JSON backup to {target}")
