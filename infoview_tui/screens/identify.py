"""Provides section 1, Identify: the people you might talk to and where your outreach stands."""

from __future__ import annotations

from infoview_tui.agenda import Section
from infoview_tui.dates import nudge_dates
from infoview_tui.models import Outreach, OutreachStatus
from infoview_tui.screens.base import RecordListScreen, Row


class IdentifyScreen(RecordListScreen):
    """Contacts with how you know them and their latest outreach."""

    SECTION = Section.IDENTIFY
    COLUMNS = ("Name", "Company", "Title", "How you know them", "Outreach", "Priority")
    EMPTY = (
        "No contacts yet. Think of people you already know, people a mentor or professor could introduce "
        "you to, and people you could reach cold on LinkedIn, Indeed, Glassdoor, AngelList, Quora or Twitter."
    )

    def rows(self) -> list[Row]:
        now = self.clock.now()
        latest: dict[int, Outreach] = {}
        for item in self.store.outreach.all():
            if item.contact_id not in latest or item.sent_at > latest[item.contact_id].sent_at:
                latest[item.contact_id] = item
        rows: list[Row] = []
        for contact in sorted(self.store.contacts.all(), key=lambda c: c.name.casefold()):
            if contact.archived:
                continue
            rows.append(
                (
                    str(contact.id),
                    (
                        contact.name,
                        contact.company,
                        contact.title,
                        contact.how_known_label,
                        outreach_label(latest.get(contact.id), now),
                        {1: "high", 2: "", 3: "low"}.get(contact.priority, ""),
                    ),
                )
            )
        return rows

    def summary(self, count: int) -> str:
        return f"{count} contacts"


def outreach_label(item: Outreach | None, now: object) -> str:
    """Where a contact's latest request stands, with the 3B7 nudge when one is due."""
    from datetime import datetime

    if item is None:
        return "not contacted"
    if item.status is not OutreachStatus.SENT or item.nudged_at is not None:
        return item.status.label if item.nudged_at is None else "followed up"
    assert isinstance(now, datetime)
    three_b, seven_b = nudge_dates(item.sent_at)
    if now >= seven_b:
        return "7B: follow up once"
    if now >= three_b:
        return "3B: try a colleague"
    return "awaiting reply"
