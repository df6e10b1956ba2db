"""Provides section 2, Prepare: interviews not yet held, soonest first, with how ready each is.

Enter opens the preparation workspace (research, questions, checklist, schedule, prep sheet).
"""

from __future__ import annotations

from datetime import timedelta

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from infoview_tui.domain import lifecycle as lc
from infoview_tui.domain.dates import fmt_local, humanize_delta
from infoview_tui.domain.models import RecordId
from infoview_tui.domain.timing import pacing
from infoview_tui.stages.agenda import Section
from infoview_tui.stages.prepare import question_bank
from infoview_tui.ui.screens.base import SectionScreen
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.screens.workspace import WorkspaceScreen
from infoview_tui.ui.widgets import Column, RecordTable, TableRow
from infoview_tui.ui.widgets.plain import assemble, notify

COLUMNS = (
    Column("When", 17),
    Column("In", 12, hide_order=2),  # at 80 columns "When" says it; the stage goes too
    Column("Person", 22),
    Column("Company"),
    Column("Min", 4, "right"),
    Column("Ready", 6),
    Column("Questions", 10),
    Column("Stage", 10, hide_order=1),
)
EMPTY = (
    "No interviews to prepare. When someone agrees to talk, press 1, pick them and press s to schedule; "
    "the interview then shows here, soonest first."
)


class PrepareScreen(SectionScreen):
    """Upcoming interviews and their readiness."""

    SECTION = Section.PREPARE
    AUTO_FOCUS = "#interviews"
    BINDINGS = [
        Binding("c", "cancel_interview", "Cancel interview"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static(id="prepare-summary")
        yield RecordTable(COLUMNS, empty_text="No interviews to prepare.", id="interviews")
        yield Static(EMPTY, id="empty", classes="empty-state")

    @property
    def table(self) -> RecordTable:
        return self.query_one("#interviews", RecordTable)

    def reload(self) -> None:
        now = self.clock.now()
        contacts = {c.id: c for c in self.store.contacts.all()}
        pending = lc.to_prepare(self.store.interviews.all())
        rows = []
        for iv in pending:
            contact = contacts.get(iv.contact_id)
            done, total, _ = question_bank.readiness(iv)
            plan = pacing(len(iv.questions), iv.duration_minutes)
            soon = iv.scheduled_at is not None and iv.scheduled_at - now <= timedelta(hours=24)
            rows.append(
                TableRow(
                    key=str(iv.id),
                    cells=(
                        fmt_local(iv.scheduled_at),
                        humanize_delta(iv.scheduled_at - now) if iv.scheduled_at else "",
                        contact.name if contact else "?",
                        contact.company if contact else "",
                        str(iv.duration_minutes),
                        f"{done}/{total}",
                        f"{len(iv.questions)}" + ("" if plan.fits else " too many"),
                        iv.stage.label,
                    ),
                    tone="due" if soon and done < total else "",
                )
            )
        self.table.set_rows(rows)
        self.set_class(not rows, "-empty")
        ready = sum(1 for iv in pending if question_bank.readiness(iv)[0] == question_bank.readiness(iv)[1])
        self.query_one("#prepare-summary", Static).update(
            assemble(
                (f"{len(rows)} to prepare", "bold"),
                (f"  ·  {ready} fully ready  ·  enter opens the workspace  ·  c cancels one", "$text-muted"),
            )
        )

    def reveal(self, record_id: RecordId) -> None:
        self.call_after_refresh(self._open, record_id)

    def _open(self, interview_id: RecordId) -> None:
        self.table.move_to_key(str(interview_id))
        if self.store.interviews.get(interview_id) is not None:
            self.app.push_screen(WorkspaceScreen(interview_id), self._returned)

    @on(RecordTable.Selected, "#interviews")
    def _selected(self, event: RecordTable.Selected) -> None:
        self._open(event.key)

    @work
    async def action_cancel_interview(self) -> None:
        key = self.table.cursor_key
        interview = self.store.interviews.get(key) if key else None
        if interview is None:
            self.notify("No interview selected.", severity="warning")
            return
        try:
            change = lc.cancel(interview)
        except lc.TransitionError as exc:  # its call has started: the lifecycle says why in one line
            notify(self, str(exc), severity="warning")
            return
        contact = self.store.contacts.get(interview.contact_id)
        if await self.app.push_screen_wait(
            ConfirmScreen(
                f"Cancel the interview with {contact.name if contact else '?'}?",
                f"{fmt_local(interview.scheduled_at)}. It stays in your history as cancelled.",
            )
        ):
            self.apply(change)
            self.reload()
            self.notify("Cancelled. Let them know, and thank them for offering the time.")
