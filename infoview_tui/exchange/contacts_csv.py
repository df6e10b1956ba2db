"""Provides the contacts export as CSV, for spreadsheets: one row per contact, archived ones included.

Choices made for spreadsheets rather than for programs:

- The text starts with a UTF-8 byte-order mark. Excel needs it to read the file as UTF-8 (without it,
  "Fernández" shows as "FernÃ¡ndez"); LibreOffice, Numbers, Google Sheets and Python's `utf-8-sig` codec
  skip it. Programs reading with plain `utf-8` see it at the start of the first column name.
- Rows end in CRLF, as RFC 4180 and Excel expect; the csv module quotes commas, quotes and line breaks.
- Values are labels a person reads: how-known as "Cold via LinkedIn", outreach status as "No reply" (or
  "not contacted"), archived as "yes"/"no", tags joined with "; ", dates as ISO `YYYY-MM-DD`.
- A text cell that starts with `=`, `+`, `-`, `@` (after any spaces), a tab or a line break gets a leading
  `'`, so a spreadsheet shows it as text instead of running it as a formula (CSV injection: names and titles
  may come from other people's LinkedIn profiles). Ids, numbers and dates are never changed.
- Control characters (ESC, NUL, C1, bidi overrides) are removed from text cells; tabs and line breaks stay
  (CR becomes LF), quoted by the csv module.
- `last_contact` is the day (in the local time zone) of the most recent outreach sent to the contact.

This module reads records (a `Snapshot`) but imports neither Textual nor TinyDB.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from infoview_tui.domain.dates import usable_time
from infoview_tui.domain.models import Contact, Interview, Outreach, RecordId
from infoview_tui.domain.safe_text import strip_controls
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.stages.identify.outreach import request_status

__all__ = ["BOM", "COLUMNS", "contacts_csv", "contacts_rows"]

BOM = "\ufeff"
COLUMNS = (
    "id",
    "name",
    "title",
    "company",
    "industry",
    "email",
    "linkedin_url",
    "how_known",
    "route",
    "introduced_by",
    "tags",
    "priority",
    "archived",
    "connected_on",
    "outreach_status",
    "last_contact",
    "notes",
)
NOT_CONTACTED = "not contacted"
_FORMULA_STARTS = ("=", "+", "-", "@")
_BREAK_STARTS = ("\t", "\r", "\n")
_TEXT_COLUMNS = frozenset(
    {"name", "title", "company", "industry", "email", "linkedin_url", "introduced_by", "tags", "notes"}
)


def _safe(text: str) -> str:
    """Text without control characters that a spreadsheet will not run as a formula."""
    text = strip_controls(text, multiline=True)
    return "'" + text if text.startswith(_BREAK_STARTS) or text.lstrip().startswith(_FORMULA_STARTS) else text


def _latest_outreach(outreach: Iterable[Outreach]) -> dict[RecordId, Outreach]:
    latest: dict[RecordId, Outreach] = {}
    for item in outreach:
        seen = latest.get(item.contact_id)
        if seen is None or (item.sent_at, item.id) > (seen.sent_at, seen.id):
            latest[item.contact_id] = item
    return latest


def _row(
    contact: Contact, by_id: dict[RecordId, Contact], latest: Outreach | None, interview: Interview | None
) -> dict[str, str]:
    introducer = by_id.get(contact.introduced_by_id) if contact.introduced_by_id is not None else None
    row = {
        "id": str(contact.id),
        "name": contact.name,
        "title": contact.title,
        "company": contact.company,
        "industry": contact.industry,
        "email": contact.email,
        "linkedin_url": contact.linkedin_url,
        "how_known": contact.how_known_label,
        "route": contact.route.value,
        "introduced_by": introducer.name if introducer is not None else contact.introduced_by_name,
        "tags": "; ".join(contact.tags),
        "priority": str(contact.priority),
        "archived": "yes" if contact.archived else "no",
        "connected_on": contact.connected_on.isoformat() if contact.connected_on else "",
        "outreach_status": request_status(latest, interview) if latest is not None else NOT_CONTACTED,
        "last_contact": (
            latest.sent_at.astimezone().date().isoformat()
            if latest is not None and usable_time(latest.sent_at)  # a hand-edited year 1 would not convert
            else ""
        ),
        "notes": contact.notes,
    }
    for column in _TEXT_COLUMNS:
        row[column] = _safe(row[column])
    return row


def contacts_rows(records: Snapshot) -> list[dict[str, str]]:
    """Every contact as a row of COLUMNS -> text, in the order they were added."""
    contacts = records.contacts
    by_id = {c.id: c for c in contacts}
    latest = _latest_outreach(records.outreach)
    interviews = {iv.id: iv for iv in records.interviews}

    def led_to(request: Outreach | None) -> Interview | None:
        return interviews.get(request.interview_id) if request and request.interview_id is not None else None

    return [_row(c, by_id, latest.get(c.id), led_to(latest.get(c.id))) for c in contacts]


def contacts_csv(records: Snapshot) -> str:
    """The contacts as CSV text: a byte-order mark, a header row, then one row per contact (CRLF ends)."""
    buffer = io.StringIO(newline="")
    buffer.write(BOM)
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(contacts_rows(records))
    return buffer.getvalue()
