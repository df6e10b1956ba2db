"""Provides section 5, Reflect: what you learned from each conversation, newest first."""

from __future__ import annotations

from infoview_tui.agenda import Section
from infoview_tui.dates import fmt_local
from infoview_tui.screens.base import RecordListScreen, Row


class ReflectScreen(RecordListScreen):
    """Past reflections and the conversations still waiting for one."""

    SECTION = Section.REFLECT
    COLUMNS = ("Call", "Person", "Company", "Interest", "Goals", "Takeaways")
    EMPTY = "No reflections yet. After a call, write down what you learned here (section 5)."

    def rows(self) -> list[Row]:
        contacts = {c.id: c for c in self.store.contacts.all()}
        goals = {g.id: g for g in self.store.goals.all()}
        held = [iv for iv in self.store.interviews.all() if iv.call.ended_at is not None]
        held.sort(key=lambda iv: iv.call.ended_at or iv.created_at, reverse=True)  # type: ignore[arg-type,return-value]
        rows: list[Row] = []
        for iv in held:
            contact = contacts.get(iv.contact_id)
            reflection = iv.reflection
            takeaway = reflection.takeaways.strip().splitlines()[0] if reflection.takeaways.strip() else "(not written)"
            rows.append(
                (
                    str(iv.id),
                    (
                        fmt_local(iv.call.ended_at),
                        contact.name if contact else "?",
                        contact.company if contact else "",
                        "★" * (reflection.interest or 0) or "—",
                        ", ".join(goals[g].title for g in reflection.goal_ids if g in goals) or "—",
                        takeaway[:80],
                    ),
                )
            )
        return rows

    def summary(self, count: int) -> str:
        return f"{count} conversations"
