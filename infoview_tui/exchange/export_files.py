"""Provides the exports as text and as files: the one place the command line and the command palette turn a
format name into an export, so both write the same thing.

`render_export(records, fmt, now, …)` gives the export as text (bytes for the calendar, which has its own
line ends): `csv` the contacts, `ics` the calendar (reminders as events with alarms unless
`reminders="todos"`), `markdown` one interview (its record once the call has ended, else its prep sheet) and
`prep` one interview's prep sheet. `write_export(records, fmt, folder, now, …)` writes it into `folder` under
a name from `export_filename` and returns the path; `markdown` without an interview writes every conducted
interview into `folder/markdown/` (one file each, replaced in place on the next export) and returns that
folder. Writes are atomic. The JSON backup is not here: it encodes the store's own documents (see
`Store.export_dict`).

Pure core: no Textual, no TinyDB import.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from infoview_tui.domain.models import RecordId
from infoview_tui.domain.text import slug
from infoview_tui.exchange.contacts_csv import contacts_csv
from infoview_tui.exchange.guard import Problem
from infoview_tui.exchange.ics import Reminders, build_calendar
from infoview_tui.exchange.interview_markdown import export_all, interview_markdown, is_conducted
from infoview_tui.exchange.prep_sheet import prep_sheet
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.fileio import atomic_write_text

__all__ = ["FILE_FORMATS", "MARKDOWN_FOLDER", "export_filename", "render_export", "write_export"]

FILE_FORMATS = ("csv", "ics", "markdown", "prep")
"""What `render_export` and `write_export` take (`prep` and one-interview `markdown` need an interview id)."""
MARKDOWN_FOLDER = "markdown"
"""Where `write_export` puts every conducted interview's record, inside the export folder."""


def _one(interview_id: RecordId | None) -> RecordId:
    if interview_id is None:
        raise ValueError("this export is of one interview: give its id")
    return interview_id


def render_export(
    records: Snapshot,
    fmt: str,
    now: datetime,
    problems: list[Problem] | None = None,
    *,
    interview_id: RecordId | None = None,
    reminders: Reminders = "events",
) -> str | bytes:
    """The export as text, or bytes for the calendar. Raises UnknownInterviewError (a KeyError) for an
    unknown interview, ValueError for an unknown format or a one-interview format without an id. Values a hand edit made unusable are
    left out and described in `problems`."""
    if fmt == "csv":
        return contacts_csv(records)
    if fmt == "ics":
        return build_calendar(records, now, problems, reminders=reminders)
    if fmt == "prep":
        return prep_sheet(records, _one(interview_id), now, problems)
    if fmt == "markdown":
        interview = records.interview(_one(interview_id))
        if interview is not None and is_conducted(interview):
            return interview_markdown(records, interview.id, now, problems)
        return prep_sheet(records, _one(interview_id), now, problems)
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FILE_FORMATS)}")


def export_filename(records: Snapshot, fmt: str, now: datetime, interview_id: RecordId | None = None) -> str:
    """'infoview-calendar-20261125-090000.ics', 'infoview-contacts-….csv', 'prep-ada-lovelace-3.md',
    'record-ada-lovelace-3.md': ASCII, no path separator, the time in the zone of `now`."""
    stamp = f"{now:%Y%m%d-%H%M%S}"
    if fmt == "csv":
        return f"infoview-contacts-{stamp}.csv"
    if fmt == "ics":
        return f"infoview-calendar-{stamp}.ics"
    interview = records.interview(interview_id) if interview_id is not None else None
    contact = records.contact_map().get(interview.contact_id) if interview is not None else None
    who = slug(contact.name) if contact is not None else ""
    kind = "record" if fmt == "markdown" and interview is not None and is_conducted(interview) else "prep"
    return f"{kind}-{who or 'interview'}-{interview_id}.md"


def write_export(
    records: Snapshot,
    fmt: str,
    folder: Path,
    now: datetime,
    problems: list[Problem] | None = None,
    *,
    interview_id: RecordId | None = None,
    reminders: Reminders = "events",
) -> Path:
    """Write the export into `folder` (created if missing) and return where it went: the file, or for
    `markdown` without an interview the folder holding one file per conducted interview.

    Raises OSError when the folder cannot be written, UnknownInterviewError for a bad interview.
    """
    if fmt == "markdown" and interview_id is None:
        target = folder / MARKDOWN_FOLDER
        export_all(records, target, now, problems)
        return target
    data = render_export(records, fmt, now, problems, interview_id=interview_id, reminders=reminders)
    target = folder / export_filename(records, fmt, now, interview_id)
    # atomic_write_text encodes UTF-8 and writes in binary mode: the calendar's CRLF bytes survive exactly.
    atomic_write_text(target, data.decode("utf-8") if isinstance(data, bytes) else data)
    return target
