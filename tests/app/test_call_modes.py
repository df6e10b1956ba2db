"""Pilot tests for the call screen's two modes (TYPING / COMMANDS), the opening script, the early-start question,
the notes shown in full, and the call in progress on the Dashboard. Each checks what is stored."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from infoview_tui.domain.models import Interview, replace
from infoview_tui.store import Store
from infoview_tui.ui.screens.conduct import COMMANDS_TITLE, TYPING_TITLE, ConductScreen
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.widgets import NoteInput, RecordTable

from .conftest import NOW, make_app
from .test_conduct import open_call, seed

SMALL = (80, 24)


def stored(store: Store, interview: Interview) -> Interview:
    saved = store.interviews.get(interview.id)
    assert saved is not None
    return saved


def mode_title(screen: ConductScreen) -> str:
    return str(screen.query_one("#note", NoteInput).border_title)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def test_the_reported_sequence_never_saves_a_4(store: Store, settings_file: Path) -> None:
    """`3`, `ctrl+r`, `x`, `y`, `escape`, `4` once saved a note "4" at 00:00: now 4 opens Follow up."""
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_call(app, pilot)
        await pilot.press(*"first thought", "enter")
        await pilot.press("ctrl+r", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("escape", "4")
        await settle(pilot)
        assert app.current_mode == "follow_up"
    saved = stored(store, interview)
    assert saved.notes == () and saved.note_draft == ""


async def test_escape_only_leaves_the_field_and_a_second_escape_stays_out(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_call(app, pilot)
        assert screen.typing and mode_title(screen) == TYPING_TITLE
        await pilot.press("escape")
        assert not screen.typing and mode_title(screen) == COMMANDS_TITLE
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.typing and mode_title(screen) == COMMANDS_TITLE
        await pilot.press("2")
        await settle(pilot)
        assert app.current_mode == "prepare"
    assert stored(store, interview).note_draft == ""


async def test_n_i_and_enter_go_back_to_typing_and_the_mode_line_says_so(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_call(app, pilot)
        for key in ("n", "i", "enter"):
            await pilot.press("escape")
            assert mode_title(screen).startswith("COMMANDS")
            assert "press n" in str(screen.query_one("#note", NoteInput).placeholder)
            await pilot.press(key)
            assert mode_title(screen).startswith("TYPING"), key
        await pilot.press(*"after 3 keys", "enter")
        await pilot.pause()
    # the keys that switched modes are not in the note; the text typed after them is
    assert [n.text for n in stored(store, interview).notes] == ["after 3 keys"]


async def test_digits_are_note_text_while_typing_and_sections_in_commands(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_call(app, pilot)
        await pilot.press(*"joined in 2019, 5 teams, 0 regrets", "enter")
        await pilot.press("escape", "5")
        await settle(pilot)
        assert app.current_mode == "reflect"
    assert [n.text for n in stored(store, interview).notes] == ["joined in 2019, 5 teams, 0 regrets"]


async def test_a_digit_already_on_its_way_to_the_field_when_it_lost_focus_is_a_command(
    store: Store, settings_file: Path
) -> None:
    """The App forwards keys to the widget focused at that moment: after escape, a fast 4 can still reach the
    field. It must switch section, not become text."""
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_call(app, pilot)
        field = screen.query_one("#note", NoteInput)
        await pilot.press("escape")
        assert not screen.typing
        field._forward_event(events.Key("4", "4"))  # as the App forwarded it before escape took effect
        await settle(pilot)
        assert field.value == ""
        assert app.current_mode == "follow_up"
    saved = stored(store, interview)
    assert saved.notes == () and saved.note_draft == ""


async def test_enter_on_a_question_in_commands_makes_it_current_and_types_again(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press("escape", "down", "down", "enter")
        assert screen.typing
        assert screen.query_one("#call-questions", OptionList).highlighted == 2
        await pilot.press(*"Charles, and Mary", "enter")
        await pilot.pause()
    assert stored(store, interview).notes[0].question_index == 2


async def test_a_long_note_is_shown_in_full_under_the_list(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    text = "They said the first year is mostly reading old designs, then pairing on a small engine, then leading one"
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press("f6")  # fold the script so the list shows too
        await pilot.press(*text, "enter")
        await settle(pilot)
        detail = screen.query_one("#note-detail", Static)
        assert detail.display and detail.region.height >= 3  # wrapped over several lines
        shown = " ".join(str(detail.render()).split())
        assert text in shown
        assert screen.query_one("#notes", RecordTable).row_count == 1
    assert stored(store, interview).notes[0].text == text


async def test_the_script_stays_one_key_away_during_the_call(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press("ctrl+t")  # five minutes before the time: no question asked
        await settle(pilot)
        script = screen.query_one("#call-script", Static)
        assert script.display and "Thank you for making the time, Ada" in str(script.render())
        await pilot.press("f6")
        assert "Opening script hidden" in str(script.render())
        assert screen.query_one("#notes", RecordTable).display
        await pilot.press("ctrl+s")
        assert "Thank you for making the time, Ada" in str(script.render())
        assert screen.typing  # the script key never moves you out of the field
        await pilot.press(*"hello", "enter")
        await pilot.pause()
    saved = stored(store, interview)
    assert saved.call.running and [n.text for n in saved.notes] == ["hello"]


async def test_starting_two_days_early_asks_and_not_yet_keeps_the_clock_stopped(
    store: Store, settings_file: Path
) -> None:
    interview = store.interviews.update(replace(seed(store), scheduled_at=NOW + timedelta(days=2)))
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_call(app, pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Fri 27 Nov 09:00" in app.screen.message and "in 2 days" in app.screen.message
        await pilot.press("n")
        await settle(pilot)
        assert stored(store, interview).call.spans == ()
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
    assert stored(store, interview).call.running


async def test_the_dashboard_shows_the_call_in_progress(store: Store, settings_file: Path) -> None:
    seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_call(app, pilot)
        await pilot.press("ctrl+t", "escape", "0")
        await settle(pilot)
        assert app.current_mode == "dashboard"
        agenda = app.screen.query_one("#agenda", OptionList)
        lines = [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]
        assert lines[0].startswith("Call in progress (1)")
        assert "3: back to call" in lines[1] and "running, 00:00 of 30 min" in lines[1]
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, ConductScreen)


async def test_a_tiara_tag_chosen_during_the_call_shows_in_the_notes_list(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press("f6", "f5")  # fold the script; TIARA: the first tag, Trends
        await pilot.press(*"fewer mechanical parts", "enter")
        await settle(pilot)
        table = screen.query_one("#notes", RecordTable)
        row = " ".join(table.render_line(1).text.split())
        assert table.row_count == 1 and "Trends 1 fewer mechanical" in row  # Kind/tag, Q, Note
        detail = str(screen.query_one("#note-detail", Static).render())
        assert "TIARA: Trends" in detail and "fewer mechanical parts" in detail
    assert stored(store, interview).notes[0].tiara is not None
