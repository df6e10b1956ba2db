"""Provides section 3, Conduct: the interview in progress or the next one, with its questions and notes."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import DataTable, Static

from infoview_tui.agenda import Section
from infoview_tui.dates import fmt_local, humanize_delta
from infoview_tui.models import Interview
from infoview_tui.screens.base import SectionScreen
from infoview_tui.timing import fmt_clock


def pick_interview(interviews: list[Interview], now: datetime, chosen: int | None = None) -> Interview | None:
    """The chosen interview, else one whose call is under way, else the next one scheduled."""
    by_id = {iv.id: iv for iv in interviews}
    if chosen is not None and chosen in by_id:
        return by_id[chosen]
    live = [iv for iv in interviews if iv.call.spans and iv.call.ended_at is None]
    if live:
        return live[0]
    upcoming = [
        iv
        for iv in interviews
        if iv.stage.before_call and iv.scheduled_at is not None and (iv.ends_at or iv.scheduled_at) >= now
    ]
    return min(upcoming, key=lambda iv: iv.scheduled_at or now, default=None)


class ConductScreen(SectionScreen):
    """The call screen: who, when, the prepared questions and the notes taken."""

    SECTION = Section.CONDUCT
    EMPTY = "No interview scheduled. Schedule one in section 1 (press 1) and prepare it in section 2."

    def __init__(self) -> None:
        super().__init__()
        self.interview_id: int | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="call-header")
        questions: DataTable[object] = DataTable(id="call-questions", cursor_type="row")
        questions.add_columns("#", "Question", "Must ask", "Asked")
        yield questions
        notes: DataTable[object] = DataTable(id="call-notes", cursor_type="row", zebra_stripes=True)
        notes.add_columns("At", "Kind", "Note")
        yield notes
        yield Static(self.EMPTY, id="empty", classes="empty-state")

    def reveal(self, record_id: int) -> None:
        self.interview_id = record_id
        self.reload()

    def reload(self) -> None:
        now = self.clock.now()
        interview = pick_interview(self.store.interviews.all(), now, self.interview_id)
        self.set_class(interview is None, "-empty")
        if interview is None:
            return
        contact = self.store.contacts.get(interview.contact_id)
        who = f"{contact.name}, {contact.title} at {contact.company}" if contact else "?"
        when = interview.scheduled_at
        schedule = (
            f"{fmt_local(when)} ({humanize_delta(when - now)}) · {interview.duration_minutes} min · "
            f"{interview.medium.label} {interview.location}"
            if when
            else "not scheduled"
        )
        self.query_one("#call-header", Static).update(
            Content.assemble(
                (who, "bold"), "\n", schedule, "\n", ("Hoping to learn: ", "$text-muted"), interview.hope_to_learn or "—"
            )
        )
        questions = self.query_one("#call-questions", DataTable)
        questions.clear()
        for index, q in enumerate(interview.questions, 1):
            questions.add_row(index, q.text, "yes" if q.must_ask else "", "✓" if q.asked else "")
        notes = self.query_one("#call-notes", DataTable)
        notes.clear()
        for note in interview.notes:
            notes.add_row(fmt_clock_seconds(note.offset_s), note.kind.value, note.text)


def fmt_clock_seconds(seconds: float) -> str:
    from datetime import timedelta

    return fmt_clock(timedelta(seconds=seconds))
