"""Provides `InfoviewApp`: the five sections as modes, global keys, the palette and the theme. No business logic."""

from __future__ import annotations

import asyncio
import signal
from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from infoview_tui.agenda import Section
from infoview_tui.commands import InfoviewCommands
from infoview_tui.config import Settings, settings_path
from infoview_tui.export import export_json
from infoview_tui.fileio import atomic_write_text
from infoview_tui.screens import (
    ConductScreen,
    DashboardScreen,
    FollowUpScreen,
    HelpScreen,
    IdentifyScreen,
    PrepareScreen,
    ReflectScreen,
)
from infoview_tui.screens.base import SectionScreen
from infoview_tui.store import Store


class InfoviewApp(App[None]):
    """Informational interviews, end to end. Takes an opened Store; never opens files itself."""

    TITLE = "infoview-tui"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {InfoviewCommands}
    MODES: ClassVar = {
        Section.DASHBOARD.mode: DashboardScreen,
        Section.IDENTIFY.mode: IdentifyScreen,
        Section.PREPARE.mode: PrepareScreen,
        Section.CONDUCT.mode: ConductScreen,
        Section.FOLLOW_UP.mode: FollowUpScreen,
        Section.REFLECT.mode: ReflectScreen,
    }
    DEFAULT_MODE = Section.DASHBOARD.mode
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("0", "section(0)", "Home", id="section-0"),
        Binding("1", "section(1)", "Identify", id="section-1"),
        Binding("2", "section(2)", "Prepare", id="section-2"),
        Binding("3", "section(3)", "Conduct", id="section-3"),
        Binding("4", "section(4)", "Follow up", id="section-4"),
        Binding("5", "section(5)", "Reflect", id="section-5"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
    ]

    def __init__(self, store: Store, *, demo: bool = False, settings_file: Path | None = None) -> None:
        self.store = store
        self.demo = demo
        self._settings_file = settings_file or settings_path()
        self.settings = Settings.load(self._settings_file)
        super().__init__()
        store.set_error_handler(self._on_store_error)

    @property
    def data_path(self) -> Path:
        return self.store.path

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, self.exit)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - Windows, or not main thread
            pass
        if self.store.migrated_from < 1:
            self.notify(f"Updated {self.data_path.name} to the current format; a backup was kept.")

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
            self.call_from_thread(self.notify, f"Could not save settings: {exc}", severity="warning")

    def _on_store_error(self, exc: BaseException) -> None:
        """Called from the writer thread when a save fails; the data stays in memory and is retried."""
        message = f"Could not save to {self.data_path}: {exc}. Your changes are kept and saving is retried."
        try:
            self.call_from_thread(self.notify, message, severity="error", timeout=15, markup=False)
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
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.data_path, self.demo, self.screen.active_bindings))

    # Export ---------------------------------------------------------------------------------------
    def action_export_json(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.data_path.parent / "exports" / f"infoview-export-{stamp}.json"
        self._export(target, export_json(self.store))

    @work(thread=True, exit_on_error=False, group="export")
    def _export(self, target: Path, text: str) -> None:
        try:
            atomic_write_text(target, text)
        except OSError as exc:
            self.call_from_thread(self.notify, f"Export failed: {exc}", severity="error", markup=False)
            return
        self.call_from_thread(self.notify, f"Exported a JSON backup to {target}", markup=False)
