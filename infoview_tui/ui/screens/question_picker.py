"""Provides the question-bank picker: the bank, best first, to add to an interview."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from infoview_tui.domain.models import Question
from infoview_tui.ui.widgets import Column, RecordTable, TableRow
from infoview_tui.ui.widgets.plain import styled

NEW = "new"
"""What the picker returns when the user wants to write a new question."""


class QuestionPickerScreen(ModalScreen[int | str | None]):
    """Pick a question from the bank (enter), write a new one (n), or filter (/). Returns an id or NEW."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("n", "new", "New question"),
        Binding("slash", "filter", "Filter", key_display="/"),
    ]
    AUTO_FOCUS = "#bank"

    def __init__(self, ranked: Sequence[Question], chosen_ids: set[int]) -> None:
        super().__init__(classes="dialog-screen")
        self.ranked = ranked
        self.chosen_ids = chosen_ids

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker-dialog"):
            yield Static(styled("Add a question (best first)", "bold"), classes="dialog-title")
            yield Input(placeholder="/ filter", id="bank-filter", compact=True)
            yield RecordTable(
                (
                    Column("Question"),
                    Column("Category", 11),
                    Column("Used", 5, "right"),
                    Column("Useful", 7, "right"),
                ),
                empty_text="No questions match. Press n to write one.",
                id="bank",
            )
            yield Static(
                styled("enter adds · n writes a new one (it joins your bank) · esc closes", "$text-muted")
            )

    def on_mount(self) -> None:
        rows = []
        for q in self.ranked:
            rating = q.average_rating
            rows.append(
                TableRow(
                    key=str(q.id),
                    cells=(
                        ("✓ " if q.id in self.chosen_ids else "") + q.text,
                        q.category.label,
                        str(q.times_used),
                        f"{rating:.1f}/5" if rating is not None else "",
                    ),
                    tone="muted" if q.id in self.chosen_ids else "",
                )
            )
        self.query_one("#bank", RecordTable).set_rows(rows)

    @on(Input.Changed, "#bank-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.query_one("#bank", RecordTable).set_filter(event.value)

    @on(Input.Submitted, "#bank-filter")
    def _filter_done(self) -> None:
        self.query_one("#bank", RecordTable).focus()

    @on(RecordTable.Selected, "#bank")
    def _picked(self, event: RecordTable.Selected) -> None:
        self.dismiss(int(event.key))

    def action_filter(self) -> None:
        self.query_one("#bank-filter", Input).focus()

    def action_new(self) -> None:
        self.dismiss(NEW)

    def action_cancel(self) -> None:
        self.dismiss(None)
