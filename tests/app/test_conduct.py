"""Pilot tests for section 3, Conduct, with a clock that only moves when the test says so."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Digits, Input, OptionList, Static

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import ChosenQuestion, Contact, Interview, NoteKind, QuestionCategory, Stage
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.conduct import ConductScreen
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.widgets import CallTimer, RecordTable

from .conftest import NOW, SIZE, make_app

QUESTIONS = (
    ChosenQuestion(
        "What led you to your current role?",
        question_id="1",
        category=QuestionCategory.STARTER,
        must_ask=True,
    ),
    ChosenQuestion("What trends are changing your field?", question_id="4", category=QuestionCategory.TRENDS),
    ChosenQuestion(
        "Who else do you think I should talk to?",
        question_id="11",
        category=QuestionCategory.RESOURCES,
        must_ask=True,
    ),
)


def seed(store: Store) -> Interview:
    ada = store.contacts.add(Contact(name="Ada Lovelace", title="Engineer", company="Analytical Engines"))
    return store.interviews.add(
        Interview(
            contact_id=ada.id,
            scheduled_at=NOW + timedelta(minutes=5),
            duration_minutes=30,
            stage=Stage.PREPARED,
            hope_to_learn="How engines are designed",
            questions=QUESTIONS,
        )
    )


async def open_call(app: InfoviewApp, pilot: Pilot[None]) -> ConductScreen:
    await pilot.pause()
    await pilot.press("3")
    await pilot.pause()
    assert isinstance(app.screen, ConductScreen)
    return app.screen


def timer_text(screen: ConductScreen) -> tuple[str, str, set[str]]:
    timer = screen.query_one("#timer", CallTimer)
    digits = timer.query_one("#elapsed", Digits).value
    message = str(timer.query_one("#timer-message", Static).render())
    return digits, message, set(timer.classes)


async def test_before_the_call_it_shows_the_countdown_and_opening_script(
    store: Store, settings_file: Path
) -> None:
    seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        script = str(screen.query_one("#call-script", Static).render())
        assert "in 5 min" in script and "join at 08:55" in script
        assert "Thank you for making the time, Ada" in script and "how engines are designed" in script
        assert "30 minutes" in script
        header = screen.query_one("#call-header", Static)
        assert "Purpose" not in str(header.render())  # the open script says it: room at 80x24
        assert screen.query_one("#note", Input).has_focus
        await pilot.press("f6")  # fold the script: the purpose line comes back in the header
        assert "How engines are designed" in str(header.render())
        assert "Opening script hidden" in str(screen.query_one("#call-script", Static).render())


async def test_start_pause_resume_and_the_state_changes(
    store: Store, settings_file: Path, clock: FixedClock
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press("ctrl+t")  # start
        clock.advance(minutes=10)
        screen._tick()
        assert timer_text(screen)[0] == "10:00" and "-running" in timer_text(screen)[2]
        await pilot.press("ctrl+t")  # pause
        clock.advance(minutes=3)
        screen._tick()
        digits, message, classes = timer_text(screen)
        assert digits == "10:00" and "-paused" in classes and "ctrl+t resumes" in message
        await pilot.press("ctrl+t")  # resume
        clock.advance(minutes=15)  # 25:00 elapsed: 5 minutes left
        screen._tick()
        digits, message, classes = timer_text(screen)
        assert digits == "25:00" and "-wrap-up" in classes and "who else to talk to" in message
        clock.advance(minutes=5)  # 30:00: time up
        screen._tick()
        digits, message, classes = timer_text(screen)
        assert "-time-up" in classes and "continue only if they offer" in message
        clock.advance(minutes=2, seconds=10)
        screen._tick()
        _, _, classes = timer_text(screen)
        assert "-overtime" in classes
        remaining = str(screen.query_one("#remaining", Static).render())
        assert "+02:10 over" in remaining
    saved = store.interviews.get(interview.id)
    assert (
        saved is not None
        and len(saved.call.spans) == 2
        and saved.call.spans[0].end == NOW + timedelta(minutes=10)
    )


async def test_notes_are_stamped_with_offset_question_and_kind(
    store: Store, settings_file: Path, clock: FixedClock
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot)
        await pilot.press("ctrl+t")
        clock.advance(minutes=2, seconds=30)
        await pilot.press(*"Started in physics", "enter")
        await pilot.press("ctrl+n")  # asked the first question; the second is current
        clock.advance(minutes=4)
        await pilot.press(*"! send the paper on engines", "enter")
        await pilot.press("f3")  # the next note is a referral
        await pilot.press(*"talk to Charles", "enter")
        await pilot.pause()
    saved = store.interviews.get(interview.id)
    assert saved is not None
    first, second, third = saved.notes
    assert (first.text, first.offset_s, first.question_index, first.kind) == (
        "Started in physics",
        150.0,
        0,
        NoteKind.NOTE,
    )
    assert (second.text, second.offset_s, second.question_index, second.kind) == (
        "send the paper on engines",
        390.0,
        1,
        NoteKind.ACTION,
    )
    assert second.tiara is QuestionCategory.TRENDS  # from the current question
    assert third.kind is NoteKind.REFERRAL
    assert saved.questions[0].asked and saved.questions[0].asked_offset_s == 150.0
    assert not saved.questions[1].asked


async def test_a_note_is_on_disk_within_a_second(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        screen.query_one(
            "#note", Input
        ).value = "Écrit à la main — 手書き 🙂"  # keys can't type every character
        await pilot.press("enter")
        await pilot.pause()
        assert store.flush(timeout=1.0)
        on_disk = store.path.read_text(encoding="utf-8")
        assert "Écrit à la main — 手書き 🙂" in on_disk
    assert store.interviews[interview.id].notes[0].offset_s == 0.0


async def test_jump_to_a_question_and_add_one_on_the_fly(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        await pilot.press("3", "enter")
        await pilot.pause()
        assert screen.query_one("#call-questions", OptionList).highlighted == 2
        await pilot.press(*"about referrals", "enter")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*"What do you read?", "enter")
        await pilot.pause()
        await pilot.press(*"newsletters", "enter")
        await pilot.pause()
    saved = store.interviews.get(interview.id)
    assert saved is not None
    assert saved.notes[0].question_index == 2
    assert saved.questions[3].text == "What do you read?" and saved.notes[1].question_index == 3


async def test_edit_and_delete_notes_afterwards(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press(*"frist note", "enter", *"second note", "enter")
        await pilot.press("ctrl+r")  # into the notes list
        await pilot.pause()
        notes = screen.query_one("#notes", RecordTable)
        assert notes.has_focus
        notes.move_to_key(notes.visible_keys[0])
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#prompt-input", Input)
        field.value = "first note"
        await pilot.press("enter")
        await pilot.pause()
        notes.move_to_key(notes.visible_keys[1])
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    saved = store.interviews.get(interview.id)
    assert saved is not None and [n.text for n in saved.notes] == ["first note"]


async def test_ending_the_call_records_it_and_offers_follow_up(
    store: Store, settings_file: Path, clock: FixedClock
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot)
        await pilot.press("ctrl+t")
        clock.advance(minutes=27)
        await pilot.press(*"@ talk to Grace at Navy", "enter")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 referrals" in app.screen.message and "talk to Grace" in app.screen.message
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "27:00" in app.screen.title_text
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert app.current_mode == "follow_up"
    saved = store.interviews.get(interview.id)
    assert saved is not None
    assert saved.stage is Stage.CONDUCTED and saved.call.ended_at == NOW + timedelta(minutes=27)
    assert saved.thank_you_due == NOW + timedelta(minutes=27, hours=24)
    assert (
        "Ada" in saved.follow_up.thank_you_draft
    )  # the thank-you is drafted from the call, ready in Follow up


async def test_ending_with_nothing_noted_asks_whether_you_meant_to(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot)
        await pilot.press("ctrl+t")
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and "haven't noted anything" in app.screen.title_text
        await pilot.press("n")
        await pilot.pause()
    assert store.interviews[interview.id].call.ended_at is None


async def test_a_restart_mid_call_resumes_with_the_right_elapsed_time(
    store: Store, settings_file: Path, clock: FixedClock
) -> None:
    interview = seed(store)
    first = make_app(store, settings_file)
    async with first.run_test(size=SIZE) as pilot:
        await open_call(first, pilot)
        await pilot.press("ctrl+t")
        clock.advance(minutes=3)
        await pilot.press(*"before the crash", "enter")
        await pilot.pause()
    store.close()
    clock.advance(minutes=4)  # the app was gone for four minutes; the call went on
    reopened = Store.open(store.path, clock=clock)
    try:
        second = make_app(reopened, settings_file)
        async with second.run_test(size=SIZE) as pilot:
            screen = await open_call(second, pilot)
            digits, _, classes = timer_text(screen)
            assert digits == "07:00" and "-running" in classes
            notes = screen.query_one("#notes", RecordTable)
            assert notes.row_count == 1
            assert screen.interview_id == interview.id
    finally:
        reopened.close()


async def test_with_no_interview_the_footer_lists_no_call_keys(store: Store, settings_file: Path) -> None:
    """An empty Conduct showed "Start/pause", "End call"… keys that only said "No interview here": they are
    hidden until there is an interview, then listed."""
    from textual.widgets._footer import FooterKey

    from .conftest import until

    def footer_keys(app: InfoviewApp) -> set[str]:
        return {key.description for key in app.screen.query(FooterKey)}

    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        await until(pilot, lambda: screen.has_class("-empty") and bool(footer_keys(app)), "the empty state")
        assert not footer_keys(app) & {"Start/pause", "End call", "Next Q", "Action", "Go to Q", "Open"}
        assert app.focused is None  # the hidden notes list took the focus (and its "⏎ Open") before
        await pilot.press("ctrl+t")  # does nothing, says nothing
        seed(store)
        await pilot.press("0")
        await pilot.press("3")
        await until(pilot, lambda: "Start/pause" in footer_keys(app), "the call keys with an interview")
        assert {"End call", "Next Q"} <= footer_keys(app)
