"""Every place text is typed and saved cleans it: control characters (ESC, C0, C1, DEL, bidi overrides) never
reach the data file, and every visible character typed is kept.

A paste from the terminal is cleaned before any field sees it (the first test). The save paths are tested
behind that: values are put straight into the fields, then saved the way a person saves (ctrl+s, enter,
leaving the screen).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Label, TextArea

from infoview_tui.domain.models import (
    CallRecord,
    Contact,
    HowKnown,
    Interview,
    Note,
    NoteKind,
    Stage,
    TimeSpan,
)
from infoview_tui.store import Store
from infoview_tui.ui.screens.conduct import ConductScreen
from infoview_tui.ui.screens.contact_form import ContactFormScreen
from infoview_tui.ui.screens.dialogs import PromptScreen
from infoview_tui.ui.screens.follow_up import FollowUpDetailScreen, FollowUpScreen
from infoview_tui.ui.screens.identify import IdentifyScreen
from infoview_tui.ui.screens.outreach_form import MessageScreen
from infoview_tui.ui.screens.prepare import PrepareScreen
from infoview_tui.ui.screens.reflect import ReflectScreen
from infoview_tui.ui.screens.reflection_form import ReflectionScreen
from infoview_tui.ui.screens.schedule_form import ScheduleFormScreen
from infoview_tui.ui.screens.workspace import WorkspaceScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, make_app, until
from .test_hostile_text import UNSAFE, shows, visible_letters

TYPED = "A\x1b]52;c;eA==\x07B\u009b31m\u202eC\x00D\x7f [/] é👩🏽\u200d💻"
"""A paste holding an OSC 52 sequence, a C1 CSI, a bidi override, NUL and DEL between visible text."""
TYPED_BLOCK = TYPED + "\nsecond line\x1b[2J\tend"


async def on(pilot: Pilot[None], screen_type: type[Screen[Any]]) -> Any:
    """Wait for a `screen_type` screen and return it (a field filled by code may show controls: unchecked)."""
    await until(pilot, lambda: isinstance(pilot.app.screen, screen_type), screen_type.__name__)
    return pilot.app.screen


def assert_clean(stored: str, typed: str = TYPED) -> None:
    """No control character was stored, and every visible character typed was."""
    assert not UNSAFE.search(stored.replace("\n", "").replace("\t", "")), repr(stored)
    assert visible_letters(stored) == visible_letters(typed), (stored, typed)


async def test_a_paste_from_the_terminal_loses_its_control_characters(
    store: Store, settings_file: Path
) -> None:
    """Fields echo what they hold to the terminal as they draw: a pasted ESC sequence must never get in."""
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await on(pilot, IdentifyScreen)
        await pilot.press("a")
        form = await on(pilot, ContactFormScreen)
        name, notes = form.query_one("#name", Input), form.query_one("#notes", TextArea)
        for field, text in ((name, TYPED), (notes, TYPED_BLOCK)):
            field.focus()
            await until(pilot, lambda field=field: field.has_focus, "the field to take focus")  # type: ignore[misc]
            app.post_message(events.Paste(text))
        await until(pilot, lambda: bool(name.value and notes.text), "the pastes")
        assert_clean(name.value)
        assert_clean(notes.text, TYPED_BLOCK)
        await shows(
            pilot, ContactFormScreen, "A]52;c;eA==B31mCD [/]"
        )  # and nothing unsafe anywhere on screen
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(store.contacts.all()) == 1, "the contact to be saved")
    [contact] = store.contacts.all()
    assert_clean(contact.name)
    assert_clean(contact.notes, TYPED_BLOCK)


async def test_identify_forms_and_prompts_store_clean_text(store: Store, settings_file: Path) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("1")
        await on(pilot, IdentifyScreen)
        await pilot.press("a")
        form = await on(pilot, ContactFormScreen)
        for field in ("name", "title", "company", "industry", "tags"):
            form.query_one(f"#{field}", Input).value = TYPED
        form.query_one("#email", Input).value = "ada\x1b]2;x\x07@example.org"
        form.query_one("#linkedin_url", Input).value = "https://www.linkedin.com/in/ada\x1b]2;x\x07"
        form.query_one("#notes", TextArea).text = TYPED_BLOCK
        await pilot.press("ctrl+s")
        errors = ("#error-email", "#error-linkedin_url")
        await until(pilot, lambda: all(str(form.query_one(e, Label).render()) for e in errors), "both errors")
        assert "email address" in str(form.query_one("#error-email", Label).render())
        assert "web address" in str(form.query_one("#error-linkedin_url", Label).render())
        assert store.contacts.all() == []  # refused: an address with control characters in it
        form.query_one("#email", Input).value = "ada@example.org"
        form.query_one("#linkedin_url", Input).value = "linkedin.com/in/ada"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: len(store.contacts.all()) == 1, "the contact to be saved")
        [contact] = store.contacts.all()
        for value in (contact.name, contact.title, contact.company, contact.industry):
            assert_clean(value)
        assert_clean(";".join(contact.tags))  # (";" separates tags)
        assert_clean(contact.notes, TYPED_BLOCK)
        assert (contact.email, contact.linkedin_url) == ("ada@example.org", "https://linkedin.com/in/ada")

        await on(pilot, IdentifyScreen)
        app.screen.query_one("#contacts", RecordTable).focus()
        await pilot.press("i")
        await on(pilot, PromptScreen)
        app.screen.query_one("#prompt-input", Input).value = TYPED
        await pilot.press("enter")
        await until(pilot, lambda: bool(store.intros.all()), "the introduction request")
        assert_clean(store.intros.all()[0].target)
        await on(pilot, MessageScreen)  # the message asking for the introduction
        await pilot.press("escape")

        await on(pilot, IdentifyScreen)
        await pilot.press("s")
        await on(pilot, ScheduleFormScreen)
        app.screen.query_one("#when", Input).value = "tomorrow 10am"
        app.screen.query_one("#location", Input).value = TYPED
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(store.interviews.all()), "the interview to be scheduled")
        assert_clean(store.interviews.all()[0].location)


async def test_preparing_and_the_call_store_clean_text(store: Store, settings_file: Path) -> None:
    ada = store.contacts.add(Contact(name="Ada"))
    interview = store.interviews.add(
        Interview(contact_id=ada.id, scheduled_at=NOW + timedelta(minutes=5), stage=Stage.SCHEDULED)
    )
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await on(pilot, PrepareScreen)
        app.screen.query_one("#interviews", RecordTable).focus()
        await pilot.press("enter")
        await on(pilot, WorkspaceScreen)
        app.screen.query_one("#hope", Input).value = TYPED
        app.screen.query_one("#research-person", TextArea).text = TYPED_BLOCK
        app.screen.query_one("#research-company", TextArea).text = TYPED_BLOCK
        await pilot.press("ctrl+n")
        await on(pilot, PromptScreen)
        app.screen.query_one("#prompt-input", Input).value = TYPED
        await pilot.press("enter")
        await on(pilot, WorkspaceScreen)
        await pilot.press("escape")  # leaving saves what is typed
        await on(pilot, PrepareScreen)
        saved = store.interviews.get(interview.id)
        assert saved is not None
        assert_clean(saved.hope_to_learn)
        assert_clean(saved.research_person, TYPED_BLOCK)
        assert_clean(saved.research_company, TYPED_BLOCK)
        assert_clean(saved.questions[0].text)
        assert any(
            visible_letters(q.text) == visible_letters(TYPED) and not UNSAFE.search(q.text)
            for q in store.questions.all()
        )

        await pilot.press("3")
        await on(pilot, ConductScreen)
        note = app.screen.query_one("#note", Input)
        await until(pilot, lambda: note.has_focus, "the note field")
        note.value = TYPED
        await pilot.press("enter")
        await until(pilot, lambda: bool(store.interviews[interview.id].notes), "the note")
        await pilot.press("ctrl+o")
        await on(pilot, PromptScreen)
        app.screen.query_one("#prompt-input", Input).value = TYPED
        await pilot.press("enter")
        await until(pilot, lambda: len(store.interviews[interview.id].questions) == 2, "the question")
    saved = store.interviews.get(interview.id)
    assert saved is not None
    assert_clean(saved.notes[0].text)
    assert_clean(saved.questions[1].text)


async def test_follow_up_and_reflection_store_clean_text(store: Store, settings_file: Path) -> None:
    ada = store.contacts.add(Contact(name="Ada", how_known=HowKnown.MENTOR))
    ended = NOW - timedelta(hours=3)
    interview = store.interviews.add(
        Interview(
            contact_id=ada.id,
            scheduled_at=ended - timedelta(minutes=30),
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(ended - timedelta(minutes=28), ended),), ended_at=ended),
            notes=(
                Note(
                    "talk to Maya\x1b]2;x\x07 Okafor at North\u009bwind", 60.0, id="1", kind=NoteKind.REFERRAL
                ),
            ),
        )
    )
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await on(pilot, FollowUpScreen)
        app.screen.query_one("#held", RecordTable).focus()
        await pilot.press("enter")
        await on(pilot, FollowUpDetailScreen)
        app.screen.query_one("#thank-you", TextArea).text = TYPED_BLOCK
        app.screen.query_one("#linkedin-note", Input).value = TYPED
        app.screen.query_one("#checkin-note", Input).value = TYPED
        await pilot.press("f7")  # the referral becomes a contact
        await until(pilot, lambda: len(store.contacts.all()) == 2, "the referral's contact")
        await pilot.press("escape")
        await on(pilot, FollowUpScreen)
        saved = store.interviews.get(interview.id)
        assert saved is not None
        assert_clean(saved.follow_up.thank_you_draft, TYPED_BLOCK)
        assert_clean(saved.follow_up.linkedin_note)
        assert_clean(saved.follow_up.checkin_note)
        referred = next(c for c in store.contacts.all() if c.id != ada.id)
        for value in (referred.name, referred.company, referred.notes):
            assert value and not UNSAFE.search(value.replace("\n", "")), repr(value)

        await pilot.press("5")
        await on(pilot, ReflectScreen)
        app.screen.query_one("#reflections", RecordTable).focus()
        await pilot.press("enter")
        await on(pilot, ReflectionScreen)
        app.screen.query_one("#takeaways", TextArea).text = TYPED_BLOCK
        app.screen.query_one("#surprises", TextArea).text = TYPED_BLOCK
        app.screen.query_one("#next-steps", TextArea).text = TYPED + " | fri"
        await pilot.press("ctrl+n")
        await on(pilot, PromptScreen)
        app.screen.query_one("#prompt-input", Input).value = TYPED
        await pilot.press("enter")
        await on(pilot, ReflectionScreen)
        await pilot.press("escape")
        await on(pilot, ReflectScreen)
    saved = store.interviews.get(interview.id)
    assert saved is not None
    assert_clean(saved.reflection.takeaways, TYPED_BLOCK)
    assert_clean(saved.reflection.surprises, TYPED_BLOCK)
    [step] = saved.reflection.next_steps
    assert_clean(step.text)
    assert step.due is not None
    [goal] = store.goals.all()
    assert_clean(goal.title)
    assert saved.reflection.goal_ids == (goal.id,)
