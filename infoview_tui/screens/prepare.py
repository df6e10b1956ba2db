"""Provides section 2, Prepare: interviews not yet held, soonest first, with how ready each is."""

from __future__ import annotations

from infoview_tui.agenda import Section
from infoview_tui.dates import fmt_local
from infoview_tui.models import Checklist
from infoview_tui.screens.base import RecordListScreen, Row


class PrepareScreen(RecordListScreen):
    """Upcoming interviews and their readiness."""

    SECTION = Section.PREPARE
    COLUMNS = ("When", "Person", "Company", "Minutes", "Ready", "Questions", "Stage")
    EMPTY = "No interviews to prepare. Schedule one from a contact in section 1 (press 1)."

    def rows(self) -> list[Row]:
        contacts = {c.id: c for c in self.store.contacts.all()}
        pending = [iv for iv in self.store.interviews.all() if iv.stage.before_call and iv.call.ended_at is None]
        pending.sort(key=lambda iv: (iv.scheduled_at is None, iv.scheduled_at))
        rows: list[Row] = []
        for iv in pending:
            contact = contacts.get(iv.contact_id)
            rows.append(
                (
                    str(iv.id),
                    (
                        fmt_local(iv.scheduled_at),
                        contact.name if contact else "?",
                        contact.company if contact else "",
                        iv.duration_minutes,
                        f"{iv.checklist.done_count}/{Checklist.TOTAL}",
                        len(iv.questions),
                        iv.stage.label,
                    ),
                )
            )
        return rows

    def summary(self, count: int) -> str:
        return f"{count} interviews to prepare"
