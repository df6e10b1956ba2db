"""Exporters read a `Snapshot` of records, never the Store: built by hand here, no data file opened.

Also checks the exchange package's shape: no module imports the store, and no exporter reaches into
another's private helpers (shared pieces live in `markdown_parts`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import infoview_tui.exchange as exchange
from infoview_tui.domain.models import CallRecord, Contact, Interview, Outreach, OutreachStatus, TimeSpan
from infoview_tui.exchange.contacts_csv import contacts_rows
from infoview_tui.exchange.ics import build_calendar
from infoview_tui.exchange.interview_markdown import filenames, interview_markdown
from infoview_tui.exchange.linkedin import ImportPlan, apply_plan
from infoview_tui.exchange.markdown_parts import UnknownInterviewError
from infoview_tui.exchange.prep_sheet import prep_sheet
from infoview_tui.exchange.snapshot import Snapshot

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
EXCHANGE = Path(exchange.__file__).parent


def records() -> Snapshot:
    ana = Contact(name="Ana Lima", id="1", company="Carbonly")
    start = NOW - timedelta(days=1)
    done = Interview(
        contact_id="1",
        id="7",
        scheduled_at=start,
        call=CallRecord(
            spans=(TimeSpan(start, start + timedelta(minutes=30)),), ended_at=start + timedelta(minutes=30)
        ),
    )
    upcoming = Interview(contact_id="1", id="8", scheduled_at=NOW + timedelta(days=2))
    waiting = Outreach(contact_id="1", id="3", sent_at=NOW - timedelta(days=5), status=OutreachStatus.SENT)
    return Snapshot(contacts=(ana,), outreach=(waiting,), interviews=(done, upcoming))


def test_every_exporter_runs_on_hand_made_records() -> None:
    snap = records()
    assert [row["name"] for row in contacts_rows(snap)] == ["Ana Lima"]
    calendar = build_calendar(snap, NOW).decode()
    assert "interview-8@infoview-tui" in calendar
    assert filenames(snap, UTC) == {"7": "2026-11-24-ana-lima-carbonly.md"}
    assert "# Conversation with Ana Lima, Carbonly" in interview_markdown(snap, "7", NOW)
    assert prep_sheet(snap, "8", NOW).startswith("# Prep: Ana Lima\n")
    with pytest.raises(UnknownInterviewError):
        prep_sheet(snap, "99", NOW)


class Book:
    """A contacts collection in memory: what `apply_plan` needs and nothing more."""

    def __init__(self) -> None:
        self.saved: list[Contact] = []
        self.writes = 0

    def all(self) -> list[Contact]:
        return list(self.saved)

    def add_many(self, records: Iterable[Contact], /) -> list[Contact]:
        self.writes += 1
        added = [Contact(name=c.name, id=str(len(self.saved) + i + 1)) for i, c in enumerate(records)]
        self.saved += added
        return added

    def update_many(self, records: Iterable[Contact], /) -> list[Contact]:
        self.writes += 1
        return list(records)


def test_apply_plan_writes_through_the_collection_it_is_given() -> None:
    book = Book()
    done = apply_plan(book, ImportPlan(to_add=[Contact(name="Kofi Mensah")]))
    assert [c.id for c in done.to_add] == ["1"]
    assert book.writes == 1  # the empty update batch is skipped


def test_no_exporter_imports_the_store_or_another_exporters_private_helpers() -> None:
    for path in sorted(EXCHANGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("infoview_tui.store"), path.name
                if node.module.startswith("infoview_tui.exchange."):
                    private = [a.name for a in node.names if a.name.startswith("_")]
                    assert not private, (path.name, node.module, private)
