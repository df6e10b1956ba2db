"""Provides the brief as a dialog over the preparation workspace: F7 opens it, F7 or escape closes it.

The workspace has no spare rows at 80x24, so it shows the brief's one-line summary and opens the whole of it
here, where the arrow keys scroll and no key can reach a field behind it. Nothing here writes.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen

from infoview_tui.stages.prepare.brief import Brief
from infoview_tui.ui.widgets.brief_view import BriefView
from infoview_tui.ui.widgets.footer import Footer

__all__ = ["BriefScreen"]


class BriefScreen(ModalScreen[None]):
    """The whole brief for one conversation, read-only."""

    BINDINGS = [Binding("escape,f7,q", "close", "Back")]

    def __init__(self, brief: Brief) -> None:
        super().__init__(classes="detail-screen")
        self.brief = brief

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="brief-body"):
            yield BriefView(id="brief-view")
        yield Footer()

    def on_mount(self) -> None:
        title = f"The brief: {self.brief.person}" if self.brief.person else "The brief"
        self.query_one(BriefView).show(self.brief, title=title + "\n", spaced=True)
        self.query_one("#brief-body", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
