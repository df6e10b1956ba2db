"""Provides the question-bank picker: the bank, best first, to add to an interview, one or several at once."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from infoview_tui.domain.models import Question, RecordId
from infoview_tui.ui.widgets import Column, RecordTable, TableRow
from infoview_tui.ui.widgets.plain import styled
from infoview_tui.ui.widgets.submit_input import SubmitInput

NEW = "new"
"""What the picker returns when the user wants to write a new question."""


class QuestionPickerScreen(ModalScreen[list[RecordId] | str | None]):
    """Pick questions from the bank: space marks several ([x]), enter adds the marked ones (or the highlighted
    one when none is marked); n writes a new one, / filters. Returns the ids in bank order, or NEW.

    It opens on the best question not yet chosen for this interview; chosen ones show a ✓ and cannot be marked.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("space", "mark", "Mark", tooltip="Mark or unmark the highlighted question"),
        Binding("n", "new", "New question"),
        Binding("slash", "filter", "Filter", key_display="/"),
    ]
    AUTO_FOCUS = "#bank"

    def __init__(self, ranked: Sequence[Question], chosen_ids: set[RecordId]) -> None:
        super().__init__(classes="dialog-screen")
        self.ranked = ranked
        self.chosen_ids = chosen_ids
        self.marked: set[RecordId] = set()
        """Questions marked with space, to add together."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog picker-dialog"):
            yield Static(styled("Add questions (best first)", "bold"), classes="dialog-title")
            yield SubmitInput(placeholder="/ filter", id="bank-filter", compact=True)
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
            yield Static(id="picker-keys")

    @property
    def bank(self) -> RecordTable:
        return self.query_one("#bank", RecordTable)

    def on_mount(self) -> None:
        self._show()
        first_new = next((q.id for q in self.ranked if q.id not in self.chosen_ids), None)
        if first_new is not None:
            self.bank.move_to_key(str(first_new))

    def _mark(self, question_id: RecordId) -> str:
        """The row's state in characters, never colour alone: ✓ already chosen, [x] marked, [ ] not."""
        if question_id in self.chosen_ids:
            return "✓   "
        return "[x] " if question_id in self.marked else "[ ] "

    def _show(self) -> None:
        rows = []
        for q in self.ranked:
            rating = q.average_rating
            rows.append(
                TableRow(
                    key=str(q.id),
                    cells=(
                        self._mark(q.id) + q.text,
                        q.category.label,
                        str(q.times_used),
                        f"{rating:.1f}/5" if rating is not None else "",
                    ),
                    tone="muted" if q.id in self.chosen_ids else "",
                )
            )
        self.bank.set_rows(rows)
        count = len(self.marked)
        adds = f"enter adds the {count} marked" if count else "enter adds the highlighted one"
        self.query_one("#picker-keys", Static).update(
            styled(
                f"space marks · {adds} · ✓ already chosen · n writes a new one · esc closes", "$text-muted"
            )
        )

    @on(Input.Changed, "#bank-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.bank.set_filter(event.value)

    @on(Input.Submitted, "#bank-filter")
    def _filter_done(self) -> None:
        self.bank.focus()

    @on(RecordTable.Selected, "#bank")
    def _picked(self, event: RecordTable.Selected) -> None:
        if self.marked:
            self.dismiss([q.id for q in self.ranked if q.id in self.marked])
        else:
            self.dismiss([event.key])

    def action_mark(self) -> None:
        key = self.bank.cursor_key
        if key is None:
            return
        question_id = key
        if question_id in self.chosen_ids:
            self.notify("That question is already in this interview.")
            return
        self.marked ^= {question_id}
        self._show()

    def action_filter(self) -> None:
        self.query_one("#bank-filter", Input).focus()

    def action_new(self) -> None:
        self.dismiss(NEW)

    def action_cancel(self) -> None:
        self.dismiss(None)
