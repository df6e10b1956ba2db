"""Who you are: asked once on a new file, edited from the palette, and used by the messages `i` and `f` show."""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from infoview_tui.config import Settings
from infoview_tui.domain.models import (
    CallRecord,
    Contact,
    HowKnown,
    Interview,
    Outreach,
    Profile,
    Stage,
    TimeSpan,
)
from infoview_tui.stages.agenda import Section
from infoview_tui.store import Store
from infoview_tui.ui.screens.outreach_form import MessageScreen
from infoview_tui.ui.screens.profile_form import ProfileFormScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, make_app, until

ANA = Profile(name="Ana Lee", intro="I'm a third-year economics student exploring product design")


def screen_text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def test_a_new_empty_file_asks_who_you_are_once_and_saves_it(store: Store, settings_file: Path) -> None:
    app = make_app(store, settings_file, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ProfileFormScreen), "the profile question")
        await pilot.press(*"Ana Lee", "enter")
        await pilot.press(*"I'm a student")
        app.screen.query_one("#profile-email", Input).value = "not-an-email"
        await pilot.press("ctrl+s")
        await until(
            pilot, lambda: "Email:" in str(app.screen.query_one("#profile-error").render()), "the email error"
        )
        assert store.profile.is_empty  # nothing half-checked is stored
        app.screen.query_one("#profile-email", Input).value = "ana@example.com"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, ProfileFormScreen), "the dialog closing")
    assert store.profile == Profile(name="Ana Lee", intro="I'm a student", email="ana@example.com")
    assert Settings.load(settings_file).profile_asked
    again = make_app(store, settings_file, ask_profile=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, ProfileFormScreen)


async def test_skipping_the_question_is_remembered(store: Store, settings_file: Path) -> None:
    app = make_app(store, settings_file, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, ProfileFormScreen), "the profile question")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, ProfileFormScreen), "the dialog closing")
    assert store.profile.is_empty
    await until_saved(settings_file)
    again = make_app(store, settings_file, ask_profile=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(again.screen, ProfileFormScreen)


async def until_saved(settings_file: Path) -> None:
    deadline = time.monotonic() + 10
    while not Settings.load(settings_file).profile_asked:
        assert time.monotonic() < deadline, "the settings never said the profile was asked"
        time.sleep(0.05)


async def test_a_file_with_data_is_not_asked(store: Store, settings_file: Path) -> None:
    store.contacts.add(Contact(name="Bo"))
    app = make_app(store, settings_file, ask_profile=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, ProfileFormScreen)


async def test_the_palette_edits_the_profile(store: Store, settings_file: Path) -> None:
    store.save_profile(ANA)
    app = make_app(store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Edit your profile")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ProfileFormScreen), "the profile dialog")
        assert app.screen.query_one("#profile-name", Input).value == "Ana Lee"
        field = app.screen.query_one("#profile-school-or-field", Input)
        field.focus()
        await pilot.press(*"Economics")
        await pilot.press("enter")  # enter on the last field saves
        await until(pilot, lambda: not isinstance(app.screen, ProfileFormScreen), "the dialog closing")
    assert store.profile == Profile(name=ANA.name, intro=ANA.intro, school_or_field="Economics")


async def open_identify_at(pilot: Pilot[None], contact_id: str) -> None:
    await pilot.pause()
    await pilot.press("1")
    await until(pilot, lambda: bool(pilot.app.screen.query("#contacts")), "the Identify list")
    table = pilot.app.screen.query_one("#contacts", RecordTable)
    await until(pilot, lambda: table.row_count > 0, "the contacts")
    table.move_to_key(str(contact_id))
    table.focus()
    await pilot.pause()


async def test_i_shows_the_introduction_request_signed_and_checked(store: Store, settings_file: Path) -> None:
    store.save_profile(ANA)
    mentor = store.contacts.add(Contact(name="Dr. Grace Hopper", how_known=HowKnown.MENTOR))
    app = make_app(store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_identify_at(pilot, mentor.id)
        await pilot.press("i")
        await until(pilot, lambda: bool(app.screen.query("#prompt-input")), "the whom-to-meet prompt")
        await pilot.press(*"Maya Okafor", "enter")
        await until(pilot, lambda: isinstance(app.screen, MessageScreen), "the message")
        assert [i.target for i in store.intros.all()] == ["Maya Okafor"]
        message = app.screen.query_one("#message", TextArea).text
        assert (
            message.startswith("Hi Dr. Hopper,") and "Maya Okafor" in message and message.endswith("Ana Lee")
        )
        assert "✓" in screen_text(pilot, "#checker")  # reads well, said in words
        app.screen.query_one("#message", TextArea).text = message.replace("Ana Lee", "[your name]")
        await until(pilot, lambda: "[your name]" in screen_text(pilot, "#checker"), "the checker naming it")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, MessageScreen), "the message closing")
    assert len(store.intros.all()) == 1


async def test_f_shows_the_7b_follow_up_and_records_it_on_ctrl_s(store: Store, settings_file: Path) -> None:
    store.save_profile(ANA)
    bo = store.contacts.add(Contact(name="Bo Chen", company="Acme"))
    store.outreach.add(
        Outreach(contact_id=bo.id, sent_at=NOW - timedelta(days=12), message="Hi Bo,\n\nA question?")
    )
    app = make_app(store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_identify_at(pilot, bo.id)
        await pilot.press("f")
        await until(pilot, lambda: isinstance(app.screen, MessageScreen), "the follow-up")
        message = app.screen.query_one("#message", TextArea).text
        assert "following up on my note" in message and message.endswith("Thanks again,\nAna Lee")
        assert "✓" in screen_text(pilot, "#checker")
        assert store.outreach.all()[0].nudged_at is None  # shown, not yet sent
        await pilot.press("ctrl+s")
        await until(pilot, lambda: store.outreach.all()[0].nudged_at is not None, "the follow-up recorded")


async def test_ctrl_g_without_a_mail_program_says_so_and_opens_nothing(
    store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if sys.platform in ("darwin", "win32"):
        pytest.skip("macOS and Windows always have a program for mail links")
    monkeypatch.setattr("shutil.which", lambda _name: None)  # no xdg-open, no $BROWSER program
    monkeypatch.delenv("BROWSER", raising=False)
    store.save_profile(ANA)
    bo = store.contacts.add(Contact(name="Bo Chen", email="bo@example.com"))
    start = NOW - timedelta(hours=3)
    end = start + timedelta(minutes=30)
    interview = store.interviews.add(
        Interview(
            contact_id=bo.id,
            scheduled_at=start,
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(start, end),), ended_at=end),
        )
    )
    app = make_app(store, settings_file)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_kw: opened.append(url))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await app.open_section(Section.FOLLOW_UP, interview.id)
        await until(pilot, lambda: bool(app.screen.query("#thank-you")), "the thank-you")
        assert app.screen.query_one("#thank-you", TextArea).text.endswith("Ana Lee")
        await pilot.press("ctrl+g")
        await until(
            pilot,
            lambda: any("No program to open mail links" in str(n.message) for n in app._notifications),
            "the no-mail-program message",
        )
    assert opened == []
    assert not any("Opening your mail client" in str(n.message) for n in app._notifications)
