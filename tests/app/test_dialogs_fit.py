"""Every dialog fits an 80x24 terminal: its save control and its last field are on screen, and words typed in
the last field after tabbing to it are what gets saved.

The table below names every `ModalScreen` in `infoview_tui/ui/screens`; a new dialog fails
`test_every_dialog_is_in_the_table` until it is added here, so no dialog skips these checks.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

import pytest
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widget import Widget

import infoview_tui.ui.screens as screens_package
from infoview_tui.domain.models import Contact
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.question_picker import QuestionPickerScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import make_app, until

SMALL = (80, 24)
"""The default size of most terminals."""

Step = Callable[[Pilot[None], Store], Awaitable[None]]


def modal_screens() -> dict[str, type[ModalScreen[Any]]]:
    """Every ModalScreen class defined in a module of `infoview_tui.ui.screens`, by class name."""
    found: dict[str, type[ModalScreen[Any]]] = {}
    for module_info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{module_info.name}")
        for name, value in inspect.getmembers(module, inspect.isclass):
            if value.__module__ == module.__name__ and issubclass(value, ModalScreen):
                found[name] = value
    return found


def contact_named(store: Store, name: str) -> Contact:
    return next(c for c in store.contacts.all() if c.name == name)


async def on_identify(pilot: Pilot[None], store: Store, name: str) -> None:
    """Section 1 with the cursor on `name`."""
    await pilot.press("1")
    await until(pilot, lambda: bool(pilot.app.screen.query("#contacts")), "the Identify table")
    table = pilot.app.screen.query_one("#contacts", RecordTable)
    await until(pilot, lambda: table.move_to_key(str(contact_named(store, name).id)), f"{name} in the table")
    table.focus()
    await pilot.pause()


async def tab_to(pilot: Pilot[None], selector: str) -> None:
    """Press tab until the widget matching `selector` has focus, the way a user gets to the last field."""
    target = pilot.app.screen.query_one(selector)
    for _ in range(30):
        if pilot.app.focused is target:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {selector}; focus is on {pilot.app.focused!r}")


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


# How to open each dialog, and what to type -------------------------------------------------------------------


async def open_contact_form(pilot: Pilot[None], store: Store) -> None:
    await on_identify(pilot, store, "Ravi Shankar")
    await pilot.press("a")


async def fill_contact_form(pilot: Pilot[None], store: Store) -> None:
    await type_text(pilot, "Ada Fit")
    await tab_to(pilot, "#notes")
    await type_text(pilot, "typed after tabbing to the end")
    await pilot.press("ctrl+s")


def contact_form_saved(store: Store) -> bool:
    return contact_named(store, "Ada Fit").notes == "typed after tabbing to the end"


async def open_schedule_form(pilot: Pilot[None], store: Store) -> None:
    await on_identify(pilot, store, "Ravi Shankar")
    await pilot.press("s")


async def fill_schedule_form(pilot: Pilot[None], store: Store) -> None:
    await type_text(pilot, "tomorrow 10am")
    await tab_to(pilot, "#timezone")
    await type_text(pilot, "Europe/Berlin")
    await pilot.press("ctrl+s")
    await pilot.pause()
    if pilot.app.screen.query("#yes"):  # an overlap question: keep the time
        await pilot.press("y")


def schedule_saved(store: Store) -> bool:
    ravi = contact_named(store, "Ravi Shankar").id
    return any(
        iv.contact_id == ravi and iv.their_timezone == "Europe/Berlin" for iv in store.interviews.all()
    )


async def open_outreach_form(pilot: Pilot[None], store: Store) -> None:
    await on_identify(pilot, store, "Marco Rossi")
    await pilot.press("m")


async def fill_outreach_form(pilot: Pilot[None], store: Store) -> None:
    await tab_to(pilot, "#sent-at")
    await pilot.press("ctrl+u")  # the field starts with "now"
    await type_text(pilot, "yesterday 3pm")
    await pilot.press("ctrl+s")


def outreach_saved(store: Store) -> bool:
    marco = contact_named(store, "Marco Rossi").id
    return any(
        o.contact_id == marco and (o.sent_at.day, o.sent_at.hour) == (24, 15) for o in store.outreach.all()
    )


async def open_confirm(pilot: Pilot[None], store: Store) -> None:
    await on_identify(pilot, store, "Marco Rossi")
    await pilot.press("x")


async def answer_confirm(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("y")


def confirm_saved(store: Store) -> bool:
    return contact_named(store, "Marco Rossi").archived


async def open_prompt(pilot: Pilot[None], store: Store) -> None:
    await on_identify(pilot, store, "Dr. Amara Okafor")
    await pilot.press("i")


async def fill_prompt(pilot: Pilot[None], store: Store) -> None:
    await tab_to(pilot, "#prompt-input")
    await type_text(pilot, "someone in data at Fjord")
    await pilot.press("enter")


def prompt_saved(store: Store) -> bool:
    return any(i.target == "someone in data at Fjord" for i in store.intros.all())


async def open_question_picker(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("2")
    await until(pilot, lambda: bool(pilot.app.screen.query("#interviews")), "the Prepare table")
    await pilot.pause()
    await pilot.press("enter")
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "WorkspaceScreen", "the workspace")
    await pilot.press("ctrl+b")


async def fill_question_picker(pilot: Pilot[None], store: Store) -> None:
    picker = pilot.app.screen
    assert isinstance(picker, QuestionPickerScreen)
    table = picker.query_one("#bank", RecordTable)
    question = next(q for q in picker.ranked if q.id not in picker.chosen_ids)
    await pilot.press("slash")
    for word in question.text.split():
        await type_text(pilot, word.strip("?,.'") + " ")
        if table.visible_keys[:1] == [str(question.id)]:
            break
    assert table.visible_keys[:1] == [str(question.id)], "the filter never put the question first"
    await pilot.press("enter", "enter")  # leave the filter, add the highlighted question
    picked_text.append(question.text)


picked_text: list[str] = []
"""The question text the picker test chose (read back from the store)."""


def question_saved(store: Store) -> bool:
    return any(q.text == picked_text[-1] for iv in store.interviews.all() for q in iv.questions)


async def open_help(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("question_mark")


async def open_contact_detail(pilot: Pilot[None], store: Store) -> None:
    await on_identify(pilot, store, "Fatima Al-Sayed")
    await pilot.press("enter")


async def open_profile_form(pilot: Pilot[None], store: Store) -> None:
    cast("InfoviewApp", pilot.app).action_edit_profile()
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "ProfileFormScreen", "the profile dialog")


async def fill_profile_form(pilot: Pilot[None], store: Store) -> None:
    await type_text(pilot, "Ada Fit")
    await tab_to(pilot, "#profile-school-or-field")
    await type_text(pilot, "typed after tabbing to the end")
    await pilot.press("ctrl+s")


def profile_saved(store: Store) -> bool:
    return store.profile.school_or_field == "typed after tabbing to the end" and store.profile.name.endswith(
        "Ada Fit"
    )


async def open_message(pilot: Pilot[None], store: Store) -> None:
    await open_prompt(pilot, store)
    await fill_prompt(pilot, store)
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "MessageScreen", "the introduction message")


async def open_open_elsewhere(pilot: Pilot[None], store: Store) -> None:
    from infoview_tui.ui.screens.open_elsewhere import OpenElsewhereScreen

    pilot.app.push_screen(OpenElsewhereScreen("Sam-laptop has this notebook open (last seen 3 min ago)."))


async def open_merge_offer(pilot: Pilot[None], store: Store) -> None:
    from infoview_tui.ui.screens.merge_offer import offer_conflict_copies

    # The start-up look found nothing; it must be over before the copy appears (else it offers it twice).
    await until(pilot, lambda: not [w for w in pilot.app.workers if w.group == "conflict-copies"], "start-up")
    assert store.flush()
    tables = json.loads(store.path.read_text(encoding="utf-8"))
    long_name = "A name long enough to wrap the offer's lines " * 3
    tables["contacts"]["01JDQ00000000000000000A9Z1"] = {
        "name": long_name,
        "updated_at": "2026-11-29T10:00:00+00:00",
    }
    copy = store.path.with_name("infoview (Sam's conflicted copy 2026-11-29).json")
    copy.write_text(json.dumps(tables), encoding="utf-8")
    os.utime(copy, (1_764_061_200, 1_764_061_200))  # a fixed "changed" time, for snapshots
    offer_conflict_copies(cast(InfoviewApp, pilot.app))


async def open_due_date(pilot: Pilot[None], store: Store) -> None:
    await pilot.press("4")
    await until(pilot, lambda: bool(pilot.app.screen.query("#held")), "the Follow up table")
    await pilot.pause()
    await pilot.press("enter")
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "FollowUpDetailScreen", "the follow-up")
    await pilot.press("f8", "d")


async def fill_due_date(pilot: Pilot[None], store: Store) -> None:
    await tab_to(pilot, "#due-input")
    await pilot.press("ctrl+u")
    await type_text(pilot, "2026-12-04")
    await pilot.press("enter")


def due_date_saved(store: Store) -> bool:
    return any(n.due == date(2026, 12, 4) for iv in store.interviews.all() for n in iv.notes)


async def open_brief(pilot: Pilot[None], store: Store) -> None:
    """The brief before Kenji's call (the first to prepare), from his workspace."""
    await pilot.press("2")
    await until(pilot, lambda: bool(pilot.app.screen.query("#interviews")), "the Prepare table")
    await pilot.pause()
    await pilot.press("enter")
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "WorkspaceScreen", "the workspace")
    await pilot.press("f7")


@dataclass(frozen=True)
class Dialog:
    """How to reach one dialog and what must be on screen in it."""

    open: Step
    save: str
    """The save or confirm control (or, for a dialog with nothing to save, its way out)."""
    last: str
    """The last field in the dialog (what used to fall off the bottom)."""
    fill: Step | None = None
    """Tab to the last field, type in it, and save; None for dialogs with no text to save."""
    saved: Callable[[Store], bool] | None = None
    """What the store holds once `fill` has saved."""


DIALOGS: dict[str, Dialog] = {
    "ContactFormScreen": Dialog(open_contact_form, "#save", "#notes", fill_contact_form, contact_form_saved),
    "ScheduleFormScreen": Dialog(
        open_schedule_form, "#save", "#timezone", fill_schedule_form, schedule_saved
    ),
    "OutreachFormScreen": Dialog(open_outreach_form, "#save", "#status", fill_outreach_form, outreach_saved),
    "ConfirmScreen": Dialog(open_confirm, "#yes", "#no", answer_confirm, confirm_saved),
    "PromptScreen": Dialog(open_prompt, "#prompt-input", ".dialog-help", fill_prompt, prompt_saved),
    "QuestionPickerScreen": Dialog(
        open_question_picker, "#bank", "#bank", fill_question_picker, question_saved
    ),
    "ProfileFormScreen": Dialog(
        open_profile_form, "#save", "#profile-school-or-field", fill_profile_form, profile_saved
    ),
    "MessageScreen": Dialog(open_message, "#cancel", "#checker"),
    "HelpScreen": Dialog(open_help, "#help-body", "#help-text"),
    "ContactDetailScreen": Dialog(open_contact_detail, "Footer", "#detail-text"),
    "OpenElsewhereScreen": Dialog(open_open_elsewhere, "#read-only", "#quit"),
    "MergeCopyScreen": Dialog(open_merge_offer, "#merge", "#never"),
    "DueDateScreen": Dialog(open_due_date, "#due-input", "#due-help", fill_due_date, due_date_saved),
    "BriefScreen": Dialog(open_brief, "Footer", "#brief-view"),
}


def test_every_dialog_is_in_the_table() -> None:
    """A new dialog must say here how to open it and where its save control is."""
    found = set(modal_screens())
    assert found - set(DIALOGS) == set(), "add these dialogs to DIALOGS in this file"
    assert set(DIALOGS) - found == set(), "these dialogs no longer exist: drop them from DIALOGS"


def fully_visible(screen: Screen[Any], widget: Widget) -> bool:
    """The widget is laid out, inside the screen, and not clipped by a scrolling parent."""
    geometry = screen.find_widget(widget)
    shown = geometry.region.intersection(geometry.clip)
    return geometry.region.area > 0 and shown == geometry.region and screen.region.contains_region(shown)


def partly_visible(screen: Screen[Any], widget: Widget) -> bool:
    """For tall content (a scrolling body): at least its first lines are on screen."""
    geometry = screen.find_widget(widget)
    shown = geometry.region.intersection(geometry.clip).intersection(screen.region)
    return shown.area > 0


async def opened(pilot: Pilot[None], store: Store, name: str) -> Screen[Any]:
    await DIALOGS[name].open(pilot, store)
    await until(pilot, lambda: type(pilot.app.screen).__name__ == name, name)
    await pilot.pause()
    return pilot.app.screen


@pytest.mark.parametrize("name", sorted(DIALOGS))
async def test_save_control_and_last_field_are_on_screen_at_80x24(
    name: str, demo_store: Store, settings_file: Any
) -> None:
    app: InfoviewApp = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        screen = await opened(pilot, demo_store, name)
        dialog = DIALOGS[name]
        save = screen.query_one(dialog.save)
        assert fully_visible(screen, save) or (save.region.height > 3 and partly_visible(screen, save)), (
            f"{name}: {dialog.save} is not on screen ({save.region} in {screen.region})"
        )
        last = screen.query_one(dialog.last)
        if last.focusable:
            last.focus()
            await pilot.pause()
        else:
            last.scroll_visible(animate=False, immediate=True)
            await pilot.pause()
        assert fully_visible(screen, last) or (last.region.height > 3 and partly_visible(screen, last)), (
            f"{name}: {dialog.last} is not on screen ({last.region} in {screen.region})"
        )
        # The save control stays on screen while the last field is in view.
        assert fully_visible(screen, save) or partly_visible(screen, save), (
            f"{name}: scrolled away the save key"
        )


TYPED = sorted(name for name, dialog in DIALOGS.items() if dialog.fill is not None)


@pytest.mark.parametrize("name", TYPED)
async def test_words_typed_in_the_last_field_at_80x24_are_saved(
    name: str, demo_store: Store, settings_file: Any
) -> None:
    app: InfoviewApp = make_app(demo_store, settings_file)
    dialog = DIALOGS[name]
    assert dialog.fill is not None and dialog.saved is not None
    saved = dialog.saved
    async with app.run_test(size=SMALL) as pilot:
        await opened(pilot, demo_store, name)
        await dialog.fill(pilot, demo_store)
        await until(pilot, lambda: type(pilot.app.screen).__name__ != name, f"{name} to close")

        def stored() -> bool:
            try:
                return saved(demo_store)
            except StopIteration:
                return False

        await until(pilot, stored, f"what was typed in {name} to be stored")


@pytest.mark.parametrize("message", ["", "One more line to say."])
async def test_a_confirmation_shows_its_question_and_answers_with_or_without_a_message(
    message: str, demo_store: Store, settings_file: Any
) -> None:
    """The title and the buttons are docked in the panel: with nothing else in it, the panel was sized as if
    empty ("Delete this note?" in Conduct showed a blank box, its question and answers hidden)."""
    from infoview_tui.ui.screens.dialogs import ConfirmScreen

    app: InfoviewApp = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        app.push_screen(ConfirmScreen("Delete this note?", message))
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the confirmation")
        await pilot.pause()
        screen = app.screen
        for selector in (".dialog-title", "#yes", "#no"):
            widget = screen.query_one(selector)
            assert widget.region.height >= 1 and fully_visible(screen, widget), (selector, widget.region)
        shown = "\n".join("".join(seg.text for seg in strip) for strip in screen._compositor.render_strips())
        assert "Delete this note?" in shown and "Yes (y)" in shown and "No (n)" in shown
        assert ("One more line to say." in shown) == bool(message)
