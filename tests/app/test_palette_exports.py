"""Pilot tests for the palette's exports: each writes into exports/ beside the data file, says where, and a
folder that cannot be written gives a clear message instead of a crash."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar
from textual.command import CommandPalette
from textual.pilot import Pilot

from infoview_tui.demo import populate_demo
from infoview_tui.domain.models import Stage
from infoview_tui.store import Store
from infoview_tui.ui.screens.dashboard import DashboardScreen
from infoview_tui.ui.screens.prepare import PrepareScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, make_app, until


def toasts(pilot: Pilot[None]) -> list[str]:
    return [str(n.message) for n in pilot.app._notifications]


async def run_command(pilot: Pilot[None], typed: str) -> None:
    await pilot.press("ctrl+p")
    await until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    await pilot.press(*typed)
    await pilot.pause(0.3)  # the palette searches on a short debounce
    await pilot.press("enter")
    await until(pilot, lambda: not isinstance(pilot.app.screen, CommandPalette), "the palette to close")


async def test_export_calendar_writes_the_ics_beside_the_data_file(
    demo_store: Store, settings_file: Path
) -> None:
    exports = demo_store.path.parent / "exports"
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the Dashboard")
        await run_command(pilot, "export: calendar")
        await until(pilot, lambda: any("Exported to" in t for t in toasts(pilot)), "the export toast")
        [written] = list(exports.glob("*.ics"))
        assert any(str(written) in t for t in toasts(pilot))
    cal = Calendar.from_ical(written.read_bytes())
    uids = {str(e["UID"]) for e in cal.walk("VEVENT")}
    scheduled = [
        iv for iv in demo_store.interviews.all() if iv.scheduled_at and iv.stage is not Stage.CANCELLED
    ]
    assert {f"interview-{iv.id}@infoview-tui" for iv in scheduled} <= uids
    owed = [iv for iv in demo_store.interviews.all() if iv.thank_you_due is not None]
    assert owed and {f"thank-you-{iv.id}-reminder@infoview-tui" for iv in owed} <= uids
    assert not cal.walk("VTODO")


async def test_prep_sheet_for_the_highlighted_interview(demo_store: Store, settings_file: Path) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: isinstance(app.screen, PrepareScreen), "Prepare")
        table = app.screen.query_one("#interviews", RecordTable)
        await until(pilot, lambda: table.cursor_key is not None, "a highlighted interview")
        key = table.cursor_key
        assert key is not None
        interview = demo_store.interviews[key]
        contact = demo_store.contacts[interview.contact_id]
        await run_command(pilot, "export: prep sheet")
        await until(pilot, lambda: any("Exported to" in t for t in toasts(pilot)), "the export toast")
    [sheet] = list((demo_store.path.parent / "exports").glob("prep-*.md"))
    assert sheet.name.endswith(f"-{interview.id}.md")
    assert sheet.read_text(encoding="utf-8").startswith(f"# Prep: {contact.name}")


async def test_an_export_folder_that_cannot_be_written_says_so(store: Store, settings_file: Path) -> None:
    populate_demo(store, NOW)
    (store.path.parent / "exports").write_text("a file where the folder should be", encoding="utf-8")
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, DashboardScreen), "the Dashboard")
        await run_command(pilot, "export: contacts")
        await until(pilot, lambda: any("Export failed" in t for t in toasts(pilot)), "the failure toast")
        assert any("cannot write to" in t for t in toasts(pilot))
        assert app.is_running  # no crash
