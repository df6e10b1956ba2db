"""Pilot tests for issue 11's typing half: no keystroke lands in the wrong note, pastes keep every line, a
half-typed note comes back as a draft, and every way out (ctrl+q, ctrl+c, a signal) saves what was typed."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from infoview_tui.domain.models import CallRecord, ChosenQuestion, Contact, Interview, Stage, TimeSpan
from infoview_tui.stages.conduct import call
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens import conduct
from infoview_tui.ui.screens.conduct import ConductScreen
from infoview_tui.ui.screens.follow_up import FollowUpDetailScreen
from infoview_tui.ui.screens.reflection_form import ReflectionScreen
from infoview_tui.ui.screens.workspace import WorkspaceScreen
from infoview_tui.ui.widgets import NoteInput

from .conftest import NOW, SIZE, make_app


def seed(store: Store) -> Interview:
    """One interview about to start, with two questions."""
    ada = store.contacts.add(Contact(name="Ada Lovelace", company="Analytical Engines"))
    return store.interviews.add(
        Interview(
            contact_id=ada.id,
            scheduled_at=NOW + timedelta(minutes=5),
            stage=Stage.PREPARED,
            questions=(ChosenQuestion("What led you here?"), ChosenQuestion("Who else should I ask?")),
        )
    )


def seed_held(store: Store) -> Interview:
    """A call that ended an hour ago, for follow-up and reflection."""
    grace = store.contacts.add(Contact(name="Grace Hopper", company="Navy"))
    ended = NOW - timedelta(hours=1)
    return store.interviews.add(
        Interview(
            contact_id=grace.id,
            scheduled_at=ended - timedelta(minutes=30),
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(ended - timedelta(minutes=25), ended),), ended_at=ended),
        )
    )


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Let the app run until `condition` holds (no fixed sleep: it returns as soon as it is true)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the condition did not become true in time")
        await pilot.pause(0.02)


async def open_call(app: InfoviewApp, pilot: Pilot[None]) -> ConductScreen:
    await pilot.pause()
    await pilot.press("3")
    await wait_until(pilot, lambda: isinstance(app.screen, ConductScreen) and bool(app.screen.query("#note")))
    assert isinstance(app.screen, ConductScreen)
    return app.screen


def burst(app: InfoviewApp, text: str) -> None:
    """Deliver keys the way a fast typist or a loaded machine does: all queued before any is handled."""
    for char in text:
        key = (
            events.Key("enter", "\r") if char == "\n" else events.Key("space" if char == " " else char, char)
        )
        key.set_sender(app)
        app.post_message(key)


def stored(store: Store, interview: Interview) -> Interview:
    """The interview as the store has it now."""
    saved = store.interviews.get(interview.id)
    assert saved is not None
    return saved


def notes_of(store: Store, interview: Interview) -> list[str]:
    return [note.text for note in stored(store, interview).notes]


# No keystroke in the wrong note ------------------------------------------------------------------------


async def test_keys_that_arrive_before_a_note_is_saved_go_into_the_next_note(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot)
        lines = [f"rapid{n:02d} ok" for n in range(40)]
        burst(app, "".join(f"{line}\n" for line in lines))
        await wait_until(pilot, lambda: len(notes_of(store, interview)) >= len(lines))
        assert notes_of(store, interview) == lines
        assert app.screen.query_one("#note", NoteInput).value == ""


async def test_the_field_is_empty_the_moment_enter_is_handled(store: Store, settings_file: Path) -> None:
    """The value leaves the field in the same step as enter, before the screen saves it."""
    seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        field = screen.query_one("#note", NoteInput)
        field.value = "first"
        await field.action_submit()
        assert field.value == ""
        field.insert_text_at_cursor("second")  # typed before the screen got the message
        await pilot.pause()
        assert field.value == "second"


async def test_a_multi_line_paste_becomes_one_note_per_line(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        field = screen.query_one("#note", NoteInput)
        await pilot.press(*"she said ")
        field.post_message(events.Paste("growth comes\r\n\n! send the deck\n@ talk to Lin\nand then"))
        await wait_until(pilot, lambda: len(notes_of(store, interview)) == 3)
        await pilot.press(*" more", "enter")
        await wait_until(pilot, lambda: len(notes_of(store, interview)) == 4)
    saved = store.interviews.get(interview.id)
    assert saved is not None
    assert [n.text for n in saved.notes] == [
        "she said growth comes",
        "send the deck",
        "talk to Lin",
        "and then more",
    ]
    assert [n.kind.value for n in saved.notes] == ["note", "action", "referral", "note"]


async def test_a_paste_of_thousands_of_lines_is_saved_in_one_write(
    store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every line of a paste is a note, and the paste is one save: each save writes the whole interview, so a
    save per line made a 1,000-line paste take 24 s (3,000 lines: minutes), the app frozen meanwhile."""
    interview = seed(store)
    app = make_app(store, settings_file)
    lines = [f"line {n} of a long pasted transcript" for n in range(2000)]
    writes: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        update = store.interviews.update

        def counted(record: Interview) -> Interview:
            writes.append(len(record.notes))
            return update(record)

        monkeypatch.setattr(store.interviews, "update", counted)
        screen.query_one("#note", NoteInput).post_message(events.Paste("\n".join(lines) + "\n"))
        await wait_until(pilot, lambda: len(notes_of(store, interview)) == len(lines))
        await pilot.pause()
    assert notes_of(store, interview) == lines
    assert writes[0] == len(lines) and len(writes) <= 2  # the paste; then at most the draft on quitting


async def test_a_pasted_line_longer_than_a_note_is_split_not_cut(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    long_line = " ".join(f"word{n}" for n in range(1500))  # about 11,000 characters
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        screen.query_one("#note", NoteInput).post_message(events.Paste(long_line + "\n"))
        await wait_until(pilot, lambda: len(notes_of(store, interview)) >= 3)
        await pilot.pause()
    texts = notes_of(store, interview)
    assert all(len(text) <= call.MAX_NOTE for text in texts)
    assert " ".join(texts) == long_line


# The draft ---------------------------------------------------------------------------------------------


async def test_a_half_typed_note_comes_back_after_ctrl_q(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    first = make_app(store, settings_file)
    async with first.run_test(size=SIZE) as pilot:
        await open_call(first, pilot)
        await pilot.press(*"a finished note", "enter", *"and a half ")
        await pilot.press("ctrl+q")
        await pilot.pause()
    saved = store.interviews.get(interview.id)
    assert saved is not None and [n.text for n in saved.notes] == ["a finished note"]
    assert saved.note_draft == "and a half "  # exactly as typed, the trailing space too
    assert store.flush(timeout=5) and '"note_draft": "and a half "' in store.path.read_text(encoding="utf-8")

    second = make_app(store, settings_file)
    async with second.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_call(second, pilot)
        field = screen.query_one("#note", NoteInput)
        assert field.value == "and a half " and field.has_focus
        assert any("unfinished note is back" in str(n.message) for n in second._notifications)
        await pilot.press(*"thought", "enter")
        await wait_until(pilot, lambda: len(notes_of(store, interview)) == 2)
    saved = store.interviews.get(interview.id)
    assert saved is not None and saved.notes[-1].text == "and a half thought" and saved.note_draft == ""


async def test_the_draft_is_kept_after_a_pause_in_typing(
    store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a kill -9 after the pause finds the half-typed note on disk."""
    monkeypatch.setattr(conduct, "DRAFT_DELAY", 0.05)
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot)
        await pilot.press(*"mid sentence")
        await wait_until(pilot, lambda: stored(store, interview).note_draft == "mid sentence")
        assert store.flush(timeout=5) and "mid sentence" in store.path.read_text(encoding="utf-8")


async def test_leaving_the_section_keeps_the_draft_and_coming_back_keeps_typing(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press(*"unfinished", "escape", "0")
        await pilot.pause()
        assert stored(store, interview).note_draft == "unfinished"
        await pilot.press("3")
        await pilot.pause()
        assert screen.query_one("#note", NoteInput).value == "unfinished"


async def test_each_interview_keeps_its_own_draft(store: Store, settings_file: Path) -> None:
    first = seed(store)
    other = store.interviews.add(Interview(contact_id=first.contact_id, scheduled_at=NOW + timedelta(days=2)))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        assert screen.interview_id == first.id
        await pilot.press(*"about the first")
        screen.reveal(other.id)
        await pilot.pause()
        field = screen.query_one("#note", NoteInput)
        assert field.value == ""
        await pilot.press(*"about the other")
        screen.reveal(first.id)
        await pilot.pause()
        assert field.value == "about the first"
    assert stored(store, other).note_draft == "about the other"


# Every way out saves everything typed ------------------------------------------------------------------


async def test_a_signal_saves_the_note_draft_and_text_inside_the_autosave_pause(
    store: Store, settings_file: Path
) -> None:
    """What SIGHUP, SIGTERM and SIGINT run: every open screen's typed text is on disk before the app exits."""
    live = seed(store)
    held = seed_held(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot)
        await pilot.press(*"half a note", "escape")
        await pilot.press("4")
        await wait_until(pilot, lambda: bool(app.screen.query("#held")))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FollowUpDetailScreen))
        thank_you = app.screen.query_one("#thank-you", TextArea)
        thank_you.text = ""
        await pilot.press(*"Thanks Grace")  # inside the 0.4 s autosave pause
        app.save_and_exit()
        text = store.path.read_text(encoding="utf-8")  # on disk already, before the shutdown starts
        assert "half a note" in text and "Thanks Grace" in text
        await wait_until(pilot, lambda: not app.is_running)
    assert stored(store, live).note_draft == "half a note"
    assert stored(store, held).follow_up.thank_you_draft == "Thanks Grace"


async def test_ctrl_q_saves_text_typed_inside_the_autosave_pause(store: Store, settings_file: Path) -> None:
    held = seed_held(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await wait_until(pilot, lambda: bool(app.screen.query("RecordTable")))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReflectionScreen))
        await pilot.press(*"Test everything")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert stored(store, held).reflection.takeaways == "Test everything"


async def test_ctrl_c_saves_says_how_to_quit_and_a_second_press_quits(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: bool(app.screen.query("RecordTable")))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WorkspaceScreen))
        await pilot.press(*"how engines think")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert stored(store, interview).hope_to_learn == "how engines think"
        assert app.is_running
        assert any("ctrl+q quits" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+c")
        await wait_until(pilot, lambda: not app.is_running)


async def test_ctrl_c_on_selected_text_copies_and_does_not_quit(store: Store, settings_file: Path) -> None:
    seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        field = screen.query_one("#note", Input)
        await pilot.press(*"copy me")
        field.select_all()
        await pilot.press("ctrl+c", "ctrl+c")
        await pilot.pause()
        assert app.is_running and app.clipboard == "copy me"


async def test_screens_with_typed_text_register_while_open_and_leave_when_closed(
    store: Store, settings_file: Path
) -> None:
    seed_held(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: bool(app.screen.query("#held")))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, FollowUpDetailScreen))
        detail = app.screen
        assert isinstance(detail, FollowUpDetailScreen) and detail in app._typed_text
        await pilot.press("escape")
        await wait_until(pilot, lambda: detail not in app._typed_text)


async def test_a_line_out_of_the_field_but_not_yet_saved_is_saved_by_a_signal(
    store: Store, settings_file: Path
) -> None:
    """The moment between enter and the screen saving the note: a quit then still keeps the line, once."""
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        field = screen.query_one("#note", NoteInput)
        field.value = "entered just now"
        field.take_line()  # its message is queued, not handled yet
        field.insert_text_at_cursor("half")
        app.save_and_exit()
        assert notes_of(store, interview) == ["entered just now"]
        await pilot.pause()
    saved = store.interviews.get(interview.id)
    assert saved is not None and [n.text for n in saved.notes] == ["entered just now"]  # not twice
    assert saved.note_draft == "half"


async def test_a_note_saved_while_the_end_call_dialog_is_open_is_kept(
    store: Store, settings_file: Path
) -> None:
    """Keys typed before ctrl+l can be handled after the dialog opened: ending the call must not drop that note."""
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press("ctrl+t", *"first", "enter")
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: app.screen is not screen)
        field = screen.query_one("#note", NoteInput)
        field.value = "@ talk to Lin at Acme"
        field.take_line()  # its Entered message is handled while the dialog is up
        await wait_until(pilot, lambda: len(notes_of(store, interview)) == 2)
        await pilot.press("y")
        await wait_until(pilot, lambda: stored(store, interview).call.ended_at is not None)
    saved = store.interviews.get(interview.id)
    assert saved is not None and [n.text for n in saved.notes] == ["first", "talk to Lin at Acme"]
    assert saved.notes[-1].kind.value == "referral" and saved.stage is Stage.CONDUCTED


async def test_a_note_saved_while_adding_a_question_is_kept(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: app.screen is not screen)
        field = screen.query_one("#note", NoteInput)
        field.value = "typed ahead"
        field.take_line()
        await wait_until(pilot, lambda: len(notes_of(store, interview)) == 1)
        await pilot.press(*"What do you read?", "enter")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.pause()
    saved = store.interviews.get(interview.id)
    assert saved is not None and [n.text for n in saved.notes] == ["typed ahead"]
    assert saved.questions[-1].text == "What do you read?"


async def test_text_typed_just_before_rescheduling_is_kept(store: Store, settings_file: Path) -> None:
    """The autosave pause can end while the schedule form is open: saving the new time must not undo it."""
    from infoview_tui.ui.screens.schedule_form import ScheduleFormScreen

    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: bool(app.screen.query("RecordTable")))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WorkspaceScreen))
        await pilot.press(*"how engines think", "ctrl+r")
        await wait_until(pilot, lambda: isinstance(app.screen, ScheduleFormScreen))
        # The typed text reaches the store while the form is open (at once, or when the pause ends).
        await wait_until(pilot, lambda: stored(store, interview).hope_to_learn == "how engines think")
        app.screen.query_one("#when", Input).value = "in 2 hours"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, WorkspaceScreen))
    saved = store.interviews.get(interview.id)
    assert saved is not None and saved.hope_to_learn == "how engines think"
    assert saved.scheduled_at == NOW + timedelta(hours=2)


# The process always ends after a signal ----------------------------------------------------------------


async def test_after_a_signal_a_stuck_shutdown_ends_the_process_once_the_data_is_on_disk(
    store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's shutdown can block writing to a closed terminal; the watchdog flushes, then ends the process."""
    import infoview_tui.ui.app as app_module

    exits: list[int] = []
    monkeypatch.setattr(app_module, "EXIT_GRACE", 0.01)
    monkeypatch.setattr("os._exit", exits.append)
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot)
        store.interviews.update(call.set_draft(stored(store, interview), "pending"))
        app._end_if_stuck()  # the shutdown never finished
        assert exits == [0] and "pending" in store.path.read_text(encoding="utf-8")
        app._shut_down.set()  # this time `run()` returned in time: nothing to do
        app._end_if_stuck()
        assert exits == [0]


def test_only_a_real_stop_lets_textual_restart_the_screen_on_sigcont(
    store: Store, settings_file: Path
) -> None:
    """An unsolicited SIGCONT (one comes with the hangup of a closed terminal) must not restart the output."""
    import signal

    calls: list[str] = []
    saved = signal.getsignal(signal.SIGTSTP), signal.getsignal(signal.SIGCONT)
    try:
        signal.signal(signal.SIGTSTP, lambda number, frame: calls.append("textual stops"))
        signal.signal(signal.SIGCONT, lambda number, frame: calls.append("textual resumes"))
        make_app(store, settings_file)._resume_only_after_a_stop()
        on_stop, on_resume = signal.getsignal(signal.SIGTSTP), signal.getsignal(signal.SIGCONT)
        assert callable(on_stop) and callable(on_resume)
        on_resume(signal.SIGCONT, None)  # a hangup's SIGCONT: ignored
        assert calls == []
        on_stop(signal.SIGTSTP, None)  # ctrl+z / kill -TSTP, then fg
        on_resume(signal.SIGCONT, None)
        on_resume(signal.SIGCONT, None)  # a second one without a stop in between: ignored
        assert calls == ["textual stops", "textual resumes"]
    finally:
        signal.signal(signal.SIGTSTP, saved[0])
        signal.signal(signal.SIGCONT, saved[1])
