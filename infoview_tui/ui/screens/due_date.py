"""Provides the due-date dialog: the day you will do one action item by (a promise or a next step).

Typed like every other date field ('fri', 'in 1 week', '2026-12-04'), read as you type; enter keeps it, an
empty field clears the date, escape leaves it as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from infoview_tui.domain.dates import DateParseError
from infoview_tui.stages.follow_up.promises import parse_due
from infoview_tui.ui.widgets.field_note import FieldNote
from infoview_tui.ui.widgets.plain import assemble, plain, styled
from infoview_tui.ui.widgets.submit_input import SubmitInput


@dataclass(frozen=True, slots=True)
class DueDate:
    """What the dialog settled: the day, or None to clear it."""

    day: date | None


class DueDateScreen(ModalScreen[DueDate | None]):
    """Set or clear an action item's due date; enter keeps it, escape cancels (None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, item_text: str, current: date | None, suggested: date, today: date) -> None:
        super().__init__(classes="dialog-screen")
        self.item_text = item_text
        self.current = current
        self.suggested = suggested
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="due-dialog"):
            yield Static(
                assemble(("Due date", "bold"), ("   enter keeps it · esc cancels", "$text-muted")),
                classes="dialog-title",
            )
            yield Static(plain(self.item_text), classes="dialog-message", id="due-item")
            yield SubmitInput(
                f"{self.current:%Y-%m-%d}" if self.current else "",
                placeholder=f"e.g. fri, in 1 week, {self.suggested:%Y-%m-%d}",
                id="due-input",
                compact=True,
            )
            yield FieldNote(id="due-preview")
            yield Static(
                plain(
                    f"Suggested: {self.suggested:%a %d %b} (a week after the call). Empty clears the date; "
                    "without one it stays on the Dashboard as owed since the call."
                ),
                classes="dialog-help",
                id="due-help",
            )

    def on_mount(self) -> None:
        self._preview(self.query_one("#due-input", Input).value)

    def _preview(self, text: str) -> date | None:
        """Say what the field reads as, in words; a problem is shown, then raised (`DateParseError`)."""
        note = self.query_one("#due-preview", FieldNote)
        try:
            day = parse_due(text, self.today)
        except DateParseError as exc:
            note.update(styled(f"✗ {exc}", "$warning"))
            raise
        if day is None:
            note.update(plain("No due date: enter clears it."))
        else:
            past = "  (already past: it will show as overdue)" if day < self.today else ""
            note.update(styled(f"✓ Due {day:%a %d %b %Y}{past}", "$success"))
        return day

    @on(Input.Changed, "#due-input")
    def _changed(self, event: Input.Changed) -> None:
        try:
            self._preview(event.value)
        except DateParseError:
            pass

    @on(Input.Submitted, "#due-input")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            day = self._preview(event.value)
        except DateParseError:
            return  # the message is on screen; the dialog stays open with what was typed
        self.dismiss(DueDate(day))

    def action_cancel(self) -> None:
        self.dismiss(None)
