"""The exports as files, shared by the command line and the palette: names, contents, folders, refusals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import Stage
from infoview_tui.exchange.export_files import MARKDOWN_FOLDER, export_filename, render_export, write_export
from infoview_tui.exchange.markdown_parts import UnknownInterviewError
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.stages.conduct.call import is_conducted
from infoview_tui.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def records(tmp_path: Path) -> Iterator[Snapshot]:
    with Store.open(tmp_path / "d.json", clock=FixedClock(NOW)) as store:
        populate_demo(store, NOW)
        yield Snapshot.of(store)


def upcoming(records: Snapshot) -> str:
    return next(iv.id for iv in records.interviews if iv.stage is Stage.PREPARED)


def held(records: Snapshot) -> str:
    return next(iv.id for iv in records.interviews if is_conducted(iv))


def test_the_calendar_file_holds_the_reminders_as_events(records: Snapshot, tmp_path: Path) -> None:
    path = write_export(records, "ics", tmp_path / "exports", NOW)
    assert path == tmp_path / "exports" / "infoview-calendar-20261125-090000.ics"
    raw = path.read_bytes()
    assert raw == render_export(records, "ics", NOW)  # byte for byte, CRLF kept
    cal = Calendar.from_ical(raw)
    assert any(str(e["UID"]).startswith("thank-you-") for e in cal.walk("VEVENT"))
    todos = write_export(records, "ics", tmp_path / "todos", NOW, reminders="todos")
    assert Calendar.from_ical(todos.read_bytes()).walk("VTODO")


def test_contacts_csv_and_one_interview(records: Snapshot, tmp_path: Path) -> None:
    csv_path = write_export(records, "csv", tmp_path, NOW)
    assert csv_path.name == "infoview-contacts-20261125-090000.csv"
    assert csv_path.read_bytes().decode("utf-8") == render_export(records, "csv", NOW)
    prep = write_export(records, "prep", tmp_path, NOW, interview_id=upcoming(records))
    assert prep.name.startswith("prep-") and prep.read_text(encoding="utf-8").startswith("# Prep: ")
    record = write_export(records, "markdown", tmp_path, NOW, interview_id=held(records))
    assert record.name.startswith("record-") and "## Reflection" in record.read_text(encoding="utf-8")
    assert "/" not in export_filename(records, "prep", NOW, upcoming(records))


def test_markdown_records_go_to_one_folder_replaced_in_place(records: Snapshot, tmp_path: Path) -> None:
    folder = write_export(records, "markdown", tmp_path, NOW)
    assert folder == tmp_path / MARKDOWN_FOLDER
    first = sorted(p.name for p in folder.iterdir())
    assert len(first) == sum(is_conducted(iv) for iv in records.interviews)
    write_export(records, "markdown", tmp_path, NOW)
    assert sorted(p.name for p in folder.iterdir()) == first


def test_refusals(records: Snapshot, tmp_path: Path) -> None:
    with pytest.raises(UnknownInterviewError):
        render_export(records, "prep", NOW, interview_id="999")
    with pytest.raises(ValueError, match="one interview"):
        render_export(records, "prep", NOW)
    with pytest.raises(ValueError, match="unknown export format"):
        render_export(records, "pdf", NOW)


def test_a_folder_that_cannot_be_written_raises_oserror(records: Snapshot, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "exports"
    not_a_folder.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(OSError):
        write_export(records, "ics", not_a_folder, NOW)
