"""Bad input through the UI: huge pastes, control characters, emoji and right-to-left text, invalid dates,
empty required fields. No crash, a clear message, and nothing already saved is lost."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Input, Label, TextArea

from infoview_tui.domain.models import Contact, Interview, Stage
from infoview_tui.store import Store
from infoview_tui.ui.screens.contact_form import ContactFormScreen
from infoview_tui.ui.screens.outreach_form import OutreachFormScreen
from infoview_tui.ui.screens.schedule_form import ScheduleFormScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, make_app

MEGABYTE = "long paste " * 100_000  # ~1 MB
RTL = "مرحبا بالعالم שלום"
EMOJI = "Zoë 🙂👩🏽‍💻"


async def test_a_megabyte_note_is_cut_with_a_message_and_typing_continues(
    store: Store, settings_file: Path
) -> None:
    ada = store.contacts.add(Contact(name="Ada"))
    interview = store.interviews.add(
        Interview(contact_id=ada.id, scheduled_at=NOW + timedelta(minutes=5), stage=Stage.PREPARED)
    )
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("3")
        await pilot.pause()
        note = app.screen.query_one("#note", Input)
        note.value = MEGABYTE  # Input caps what a paste can put in
        await pilot.press("enter")
        note.value = f"{RTL} {EMOJI} tab\there\x07bell"
        await pilot.press("enter")
        await pilot.pause()
    saved = store.interviews.get(interview.id)
    assert saved is not None and len(saved.notes) == 2
    assert 0 < len(saved.notes[0].text) <= 4000
    assert saved.notes[1].text == f"{RTL} {EMOJI} tab here bell"  # control characters become spaces


async def test_contact_form_rejects_a_huge_name_and_cleans_control_characters(
    store: Store, settings_file: Path
) -> None:
    existing = store.contacts.add(Contact(name="Already Saved"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ContactFormScreen)
        form.query_one("#name", Input).value = MEGABYTE
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactFormScreen)
        assert "over 200 characters" in str(form.query_one("#error-name", Label).render())
        form.query_one("#name", Input).value = f"  {EMOJI}\x00\x1b[31m "
        form.query_one("#company", Input).value = RTL
        form.query_one("#notes", TextArea).text = "line one\nline two\x07"
        await pilot.press("ctrl+s")
        await pilot.pause()
    names = {c.name: c for c in store.contacts.all()}
    assert "Already Saved" in names and names["Already Saved"] == existing
    added = next(c for c in names.values() if c.id != existing.id)
    assert added.name.startswith("Zoë 🙂") and "\x00" not in added.name and "\x1b" not in added.name
    assert added.company == RTL and added.notes == "line one\nline two"


async def test_invalid_dates_get_a_message_and_nothing_is_scheduled(
    store: Store, settings_file: Path
) -> None:
    store.contacts.add(Contact(name="Ada"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("1")
        await pilot.pause()
        app.screen.query_one("#contacts", RecordTable).focus()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ScheduleFormScreen)
        for text in ("banana", "31/02 9am", "🙂", "tomorrow", MEGABYTE[:5000]):
            app.screen.query_one("#when", Input).value = text
            await pilot.pause()
            preview = str(app.screen.query_one("#when-preview", Label).render())
            assert "try" in preview or "Add a time" in preview or "too long" in preview, (text[:20], preview)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ScheduleFormScreen)
        app.screen.query_one("#minutes", Input).value = "0"
        await pilot.pause()
        assert "Between 5 and 240" in str(app.screen.query_one("#minutes-hint", Label).render())
    assert store.interviews.all() == []


async def test_a_megabyte_message_in_the_composer_is_checked_and_logged(
    store: Store, settings_file: Path
) -> None:
    store.contacts.add(Contact(name="Ada"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        app.screen.query_one("#contacts", RecordTable).focus()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, OutreachFormScreen)
        app.screen.query_one("#message", TextArea).text = MEGABYTE
        await pilot.pause()
        checker = str(app.screen.query_one("#checker").render())
        assert "200,000" in checker or "200000" in checker
        app.screen.query_one("#sent-at", Input).value = "not a date"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, OutreachFormScreen)  # refused: the date
        app.screen.query_one("#sent-at", Input).value = "yesterday 3pm"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    [logged] = store.outreach.all()
    assert logged.message.startswith("long paste") and logged.sent_at == NOW.replace(day=24, hour=15)


async def test_a_long_date_message_wraps_inside_the_due_date_dialog_at_80_columns(
    store: Store, settings_file: Path
) -> None:
    """The message under the due date field was one line as wide as its text, cut at the dialog's edge
    ("… within the next 10"): it wraps now, every word on screen."""
    from datetime import date

    from infoview_tui.ui.screens.due_date import DueDateScreen

    from .conftest import until

    app = make_app(store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(DueDateScreen("Send the deck to Lin", None, date(2026, 12, 2), date(2026, 11, 25)))
        await until(pilot, lambda: isinstance(app.screen, DueDateScreen) and app.screen.focused is not None)
        await pilot.press(*"in 100000 weeks")
        note = app.screen.query_one("#due-preview", Label)
        await until(pilot, lambda: "too far away" in str(note.render()))
        await pilot.pause()
        dialog = app.screen.query_one("#due-dialog")
        assert note.region.right <= dialog.region.right and note.region.height >= 2
        screen_text = " ".join(
            "".join(s.text for s in strip).strip(" █") for strip in app.screen._compositor.render_strips()
        )
        assert "or 'in 2 hours'." in " ".join(screen_text.split())
