"""Provides section 4, Follow up: conducted interviews and what each still owes."""

from __future__ import annotations

from infoview_tui.agenda import Section
from infoview_tui.dates import fmt_local
from infoview_tui.models import NoteKind
from infoview_tui.screens.base import RecordListScreen, Row


class FollowUpScreen(RecordListScreen):
    """Thank-you notes, LinkedIn, referrals and check-ins per conducted interview."""

    SECTION = Section.FOLLOW_UP
    COLUMNS = ("Call", "Person", "Thank-you", "LinkedIn", "Referrals", "Next check-in")
    EMPTY = "Nothing to follow up yet. After a call (section 3), its thank-you and referrals appear here."

    def rows(self) -> list[Row]:
        now = self.clock.now()
        contacts = {c.id: c for c in self.store.contacts.all()}
        done = [iv for iv in self.store.interviews.all() if iv.stage.after_call and iv.call.ended_at is not None]
        done.sort(key=lambda iv: iv.call.ended_at or now, reverse=True)
        rows: list[Row] = []
        for iv in done:
            contact = contacts.get(iv.contact_id)
            due = iv.thank_you_due
            if iv.follow_up.thank_you_sent_at is not None:
                thanks = f"sent {fmt_local(iv.follow_up.thank_you_sent_at)}"
            elif due is not None and due < now:
                thanks = f"OVERDUE since {fmt_local(due)}"
            else:
                thanks = f"due {fmt_local(due)}"
            referrals = sum(1 for n in iv.notes if n.kind is NoteKind.REFERRAL)
            rows.append(
                (
                    str(iv.id),
                    (
                        fmt_local(iv.call.ended_at),
                        contact.name if contact else "?",
                        thanks,
                        "connected" if iv.follow_up.linkedin_connected_at else "not yet",
                        referrals,
                        f"{iv.follow_up.next_checkin:%a %d %b}" if iv.follow_up.next_checkin else "—",
                    ),
                )
            )
        return rows

    def summary(self, count: int) -> str:
        return f"{count} conversations held"
