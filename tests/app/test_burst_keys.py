"""Keys that arrive in one burst (a fast typist, a paste of keystrokes, a loaded machine) land in the field the
user meant: a tab moves focus before the next key is handled, not after the keys behind it were typed into the
old field (Textual handles a tab by bubbling it up from the focused widget, so without our priority binding
"Bea<tab><tab>typed" put every letter in the first field)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from textual import events
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from infoview_tui.domain.models import Contact, Profile
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.profile_form import ProfileFormScreen
from infoview_tui.ui.screens.schedule_form import ScheduleFormScreen
from infoview_tui.ui.screens.workspace import WorkspaceScreen

from .conftest import NOW, make_app, until

SMALL = (80, 24)
KEY_NAMES = {"\t": "tab", "\x19": "shift+tab", " ": "space", "\x13": "ctrl+s"}


def burst(app: InfoviewApp, keys: str) -> None:
    """Queue every key before any is handled; `\\t` is tab and `\\x19` shift+tab."""
    for char in keys:
        key = events.Key(KEY_NAMES.get(char, char), None if char in "\t\x19\x13" else char)
        key.set_sender(app)
        app.post_message(key)


async def open_profile(app: InfoviewApp, pilot: Pilot[None]) -> ProfileFormScreen:
    await pilot.pause()
    app.call_later(app.action_edit_profile)
    await until(pilot, lambda: isinstance(app.screen, ProfileFormScreen))
    assert isinstance(app.screen, ProfileFormScreen)
    return app.screen


def value(app: InfoviewApp, selector: str) -> str:
    return app.screen.query_one(selector, Input).value


async def test_tabs_in_a_burst_move_focus_before_the_next_letters(store: Store, settings_file: Path) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_profile(app, pilot)
        burst(app, "Bea\tthird-year student\t\t\tEconomics")
        await until(pilot, lambda: value(app, "#profile-school-or-field") == "Economics")
        assert value(app, "#profile-name") == "Bea"
        assert value(app, "#profile-intro") == "third-year student"
        assert value(app, "#profile-email") == ""
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, ProfileFormScreen))
    assert store.profile == Profile(name="Bea", intro="third-year student", school_or_field="Economics")


async def test_shift_tab_in_a_burst_goes_back_before_the_next_letters(
    store: Store, settings_file: Path
) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_profile(app, pilot)
        burst(app, "\t\tx\x19\x19Bea")
        await until(pilot, lambda: value(app, "#profile-name") == "Bea")
        assert value(app, "#profile-email") == "x"
        assert value(app, "#profile-intro") == ""


async def test_a_save_key_in_a_burst_saves_every_letter_typed_before_it(
    store: Store, settings_file: Path
) -> None:
    """ctrl+s queued right behind the letters saves them all: the save key waits its turn behind the keys
    typed before it (a priority binding ran ahead of them and read a half-typed time: 'Not saved yet')."""
    store.contacts.add(Contact(name="Maya Okafor"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await until(pilot, lambda: bool(app.screen.query("#contacts")))
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, ScheduleFormScreen))
        burst(app, "in 2 hours\x13")
        await until(pilot, lambda: len(store.interviews.all()) == 1)
        # Then it opens in Prepare: wait for that screen, so the app never closes in the middle of mounting it.
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, WorkspaceScreen) and bool(app.screen.query("#check-researched_person"))
            ),
        )
    assert store.interviews.all()[0].scheduled_at == NOW + timedelta(hours=2)


def test_no_dialog_saves_with_a_priority_key() -> None:
    """A save, file or mail key must not jump the queue of keys typed before it (see the test above). Only keys
    a focused text field would take for itself (ctrl+y is TextArea's redo) may be priority on such screens."""
    from infoview_tui.ui.screens import contact_form, follow_up, outreach_form, profile_form, schedule_form

    reading = {"save", "done", "mark_sent", "save_file", "mail", "regenerate"}
    screens: list[type[Screen[Any]]] = [
        contact_form.ContactFormScreen,
        schedule_form.ScheduleFormScreen,
        profile_form.ProfileFormScreen,
        outreach_form.OutreachFormScreen,
        outreach_form.MessageScreen,
        follow_up.FollowUpDetailScreen,
    ]
    for screen in screens:
        for binding in screen.BINDINGS:
            assert isinstance(binding, Binding)
            if binding.action in reading:
                assert not binding.priority, (
                    f"{screen.__name__}: {binding.key} -> {binding.action} is priority"
                )
