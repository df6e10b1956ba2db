"""Provides the help screen: every key, where the data file is, and what each section is for."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from infoview_tui.ui.widgets.plain import Part, assemble

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Anywhere",
        (
            ("0", "Dashboard: what is due today and this week"),
            ("1 – 5", "Identify, Prepare, Conduct, Follow up, Reflect"),
            ("? or F1", "This help"),
            ("ctrl+p", "Command palette: sections, contacts, interviews, export, theme"),
            ("ctrl+q", "Quit (everything is already saved)"),
            ("tab / shift+tab", "Move between parts of a screen"),
            ("escape", "Close a dialog without saving"),
        ),
    ),
    (
        "Lists",
        (
            ("↑ ↓  pgup pgdn  home end", "Move"),
            ("enter", "Open the highlighted item"),
        ),
    ),
)


class HelpScreen(ModalScreen[None]):
    """Keys and the data file path; escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", show=True),
    ]

    def __init__(
        self, data_path: Path, demo: bool = False, bindings: Mapping[str, ActiveBinding] | None = None
    ) -> None:
        super().__init__()
        self.data_path = data_path
        self.demo = demo
        self.bindings = bindings or {}

    def screen_keys(self) -> list[tuple[str, str]]:
        """The keys live on the screen underneath, as the Footer shows them, then any hidden ones."""
        seen: set[str] = set()
        keys: list[tuple[str, str]] = []
        for _key, active in self.bindings.items():
            binding = active.binding
            if not isinstance(active.node, Screen) or isinstance(active.node, HelpScreen):
                continue  # widget navigation keys are listed under Lists; app keys under Anywhere
            if not binding.description or binding.action in seen or binding.action.startswith("section("):
                continue
            if binding.action in ("help", "command_palette", "quit"):
                continue
            seen.add(binding.action)
            display = binding.key_display or self.app.get_key_display(binding)
            keys.append((display, binding.description))
        return keys

    def compose(self) -> ComposeResult:
        parts: list[Part] = [("infoview-tui keys\n\n", "bold $text-accent")]
        groups = list(KEYS)
        if self.screen_keys():
            groups.insert(0, ("On this screen", tuple(self.screen_keys())))
        for group, keys in groups:
            parts.append((f"{group}\n", "bold"))
            for key, what in keys:
                parts.append((f"  {key:<26}", "bold $accent"))
                parts.append(f"{what}\n")
            parts.append("\n")
        parts.append(("Data file\n", "bold"))
        parts.append(f"  {self.data_path}\n")
        if self.demo:
            parts.append(("  (a temporary demo copy: deleted when you quit)\n", "$warning"))
        parts.append(
            "  Everything is saved as you go. Back it up by copying that file; backups of earlier versions\n"
            f"  are kept in {self.data_path.parent / 'backups'}.\n"
        )
        parts.append(("\nPress escape to close.", "$text-muted"))
        with VerticalScroll(id="help-body"):
            yield Static(assemble(*parts), id="help-text")
