"""Pilot tests for the brief before a call (demo data: Kenji's call in 40 minutes follows a first call eight
days ago): it shows in the preparation workspace and, with F7, at the top of the call screen, where typing
still lands in the note field; it fits 80x24; and nothing is shown for someone with no history."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widget import Widget
from textual.widgets import Input, Static

from infoview_tui.domain.models import CallRecord, Contact, Interview, Note, NoteKind, Stage, TimeSpan
from infoview_tui.store import Store
from infoview_tui.ui.screens.brief_dialog import BriefScreen
from infoview_tui.ui.widgets import NoteInput
from infoview_tui.ui.widgets.brief_view import BriefView

from .conftest import NOW, make_app, until
from .test_conduct import open_call
from .test_prepare import open_workspace

SMALL = (80, 24)


def upcoming(store: Store, name: str) -> Interview:
    contact = next(c for c in store.contacts.all() if c.name.startswith(name))
    return next(iv for iv in store.interviews.all() if iv.contact_id == contact.id and iv.stage.before_call)


def text_of(widget: Widget) -> str:
    return str(widget.render())


def on_screen(widget: Widget) -> bool:
    """Laid out, inside the screen and not clipped by a scrolling parent."""
    geometry = widget.screen.find_widget(widget)
    shown = geometry.region.intersection(geometry.clip)
    return (
        geometry.region.area > 0 and shown == geometry.region and widget.screen.region.contains_region(shown)
    )


async def test_the_workspace_shows_the_brief_and_f7_opens_all_of_it(
    demo_store: Store, settings_file: Path
) -> None:
    kenji = upcoming(demo_store, "Kenji")
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        workspace = await open_workspace(app, pilot, kenji)
        line = workspace.query_one("#workspace-brief", Static)
        assert line.display and on_screen(line)
        assert text_of(line).startswith("F7 brief: 3 things Kenji told you · 1 of 2 promises not done")
        hope = workspace.query_one("#hope", Input)
        assert app.focused is hope
        await pilot.press("f7")
        await until(pilot, lambda: isinstance(app.screen, BriefScreen), "the brief dialog")
        shown = text_of(app.screen.query_one(BriefView))
        assert "What Kenji told you" in shown
        assert "Brightline hires data scientists without a PhD if you can show shipped work" in shown
        assert "overdue 23 Nov · promised 17 Nov" in shown and "done 18 Nov · promised 17 Nov" in shown
        assert "overdue 24 Nov" in shown  # the next step due yesterday
        await pilot.press("x", "escape")  # a letter in the dialog reaches no field behind it
        await until(pilot, lambda: app.screen is workspace, "back in the workspace")
        assert app.focused is hope
    assert demo_store.interviews.get(kenji.id) == kenji  # reading the brief changed nothing


async def test_f7_on_the_call_screen_shows_the_brief_and_typing_still_goes_to_the_note(
    demo_store: Store, settings_file: Path
) -> None:
    kenji = upcoming(demo_store, "Kenji")
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_call(app, pilot)
        assert screen.interview_id == kenji.id
        view = screen.query_one("#call-brief", BriefView)
        note = screen.query_one("#note", NoteInput)
        assert not view.display and app.focused is note  # not shown until asked for
        assert str(note.border_subtitle) == "F7 brief"  # the key, named where the eye is
        await pilot.press(*"before f7 ")
        await pilot.press("f7")
        await until(pilot, lambda: view.display and screen.has_class("-brief-open"), "the brief at the top")
        assert app.focused is note
        shown = text_of(view)
        assert shown.startswith("The brief  ·  F7 hides it")
        assert "What you promised Kenji" in shown and "overdue 23 Nov  Send him my three questions" in shown
        assert not screen.query_one("#call-script", Static).display or not on_screen(
            screen.query_one("#call-script", Static)
        )
        await pilot.press(*"he reads the brief too", "enter")
        await until(pilot, lambda: bool(demo_store.interviews.get(kenji.id).notes), "the note to be stored")  # type: ignore[union-attr]
        assert view.display and app.focused is note
        assert str(note.border_subtitle) == "F7 hides the brief"
        await pilot.press("f7")
        await until(pilot, lambda: not view.display, "the brief to fold away")
        assert app.focused is note
    stored = demo_store.interviews.get(kenji.id)
    assert stored is not None
    assert [n.text for n in stored.notes] == ["before f7 he reads the brief too"]
    assert stored.note_draft == ""


async def test_the_open_brief_fits_80x24_with_the_note_field_and_the_timer(
    demo_store: Store, settings_file: Path
) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_call(app, pilot)
        assert screen.has_class("-short")  # 80x24 is the short layout: the brief takes the notes list's room
        await pilot.press("f7")
        await until(pilot, lambda: screen.has_class("-brief-open"), "the brief")
        await pilot.pause()
        view = screen.query_one("#call-brief", BriefView)
        for widget in (view, screen.query_one("#note"), screen.query_one("#timer")):
            assert on_screen(widget), f"{widget} is not fully on screen"
        assert view.virtual_size.height <= view.size.height  # every line of it in view, none to scroll to
        note = screen.query_one("#note")
        assert note.region.bottom == screen.region.bottom - 1  # the note field stays on the Footer, no gap
        assert "+1 more" in text_of(view)  # a short terminal shows two items a section and counts the rest


async def test_nothing_is_shown_for_someone_with_no_history(demo_store: Store, settings_file: Path) -> None:
    jose = upcoming(demo_store, "José")
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        workspace = await open_workspace(app, pilot, jose)
        assert not workspace.query_one("#workspace-brief", Static).display
        await pilot.press("f7")
        await until(pilot, lambda: bool(app._notifications), "a word that there is nothing to brief")
        assert not isinstance(app.screen, BriefScreen)
        assert "Nothing to brief yet" in next(iter(app._notifications)).message
    assert demo_store.interviews.get(jose.id) == jose
    assert jose.stage is Stage.SCHEDULED


async def test_hostile_text_in_the_brief_is_shown_as_typed(store: Store, settings_file: Path) -> None:
    """Names and notes come from imports and synced files: markup in them is text, never an action."""
    evil = "[@click=app.quit]Eve[/] [b]"
    peer = store.contacts.add(Contact(name=evil, title="Data Scientist", company="Acme"))
    ada = store.contacts.add(Contact(name="Ada Lovelace", title="Senior Data Scientist", company="Other"))
    start = NOW - timedelta(days=2)
    store.interviews.add(
        Interview(
            contact_id=peer.id,
            scheduled_at=start,
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(start, start + timedelta(minutes=20)),), ended_at=start),
            notes=(Note(text="[/] closes nothing [red]", offset_s=60, kind=NoteKind.INSIGHT),),
        )
    )
    upcoming_call = store.interviews.add(Interview(contact_id=ada.id, scheduled_at=NOW + timedelta(days=1)))
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_workspace(app, pilot, upcoming_call)
        await pilot.press("f7")
        await until(pilot, lambda: isinstance(app.screen, BriefScreen), "the brief dialog")
        shown = text_of(app.screen.query_one(BriefView))
        assert f"{evil} (Data Scientist at Acme), 23 Nov  [/] closes nothing [red]" in shown
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, BriefScreen), "the dialog to close")
        assert app.is_running
