"""Provides the question asked when another computer has the notebook open: read-only, open anyway, or quit.

The host name comes from the data file (another computer wrote it), so everything shown is plain text.
"""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from infoview_tui.ui.widgets.plain import plain, styled

Choice = Literal["read-only", "anyway", "quit"]

EXPLAIN = (
    "Changes made on two computers at once are merged when the file syncs, but it is safest to write on "
    "one at a time. Read-only lets you look here without writing to the file; anything you change anyway "
    "is saved beside it when you quit, to merge later."
)


class OpenElsewhereScreen(ModalScreen[Choice]):
    """Another computer has this notebook open: r opens read-only (also escape), a opens anyway, q quits."""

    BINDINGS = [
        Binding("r,escape", "choose('read-only')", "Read-only"),
        Binding("a", "choose('anyway')", "Open anyway"),
        Binding("q", "choose('quit')", "Quit"),
    ]

    def __init__(self, warning: str) -> None:
        super().__init__(classes="dialog-screen")
        self.warning = warning
        """'Sam-laptop has this notebook open (last seen 3 min ago).'"""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(styled("Open on another computer", "bold"), classes="dialog-title")
            yield Static(plain(self.warning), id="open-elsewhere-warning")
            yield Static(plain(EXPLAIN), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain("Read-only (r)"), variant="primary", id="read-only", compact=True)
                yield Button(plain("Open anyway (a)"), id="anyway", compact=True)
                yield Button(plain("Quit (q)"), id="quit", compact=True)

    def on_mount(self) -> None:
        self.query_one("#read-only", Button).focus()

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        choice: Choice = (
            "anyway" if event.button.id == "anyway" else "quit" if event.button.id == "quit" else "read-only"
        )
        self.dismiss(choice)
