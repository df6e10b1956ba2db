"""Pilot tests for where keys land (issue 13): section digits outside a field, dialogs opened once by fast
repeated keys, question keys from anywhere in the workspace, the question picker, checkbox marks, and
ctrl+home/ctrl+end in text areas. Each test checks what the store holds afterwards."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList, SelectionList, TextArea

from infoview_tui.domain.models import Contact, Goal
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.dialogs import PromptScreen
from infoview_tui.ui.screens.goals import GoalsScreen
from infoview_tui.ui.screens.outreach_form import OutreachFormScreen
from infoview_tui.ui.screens.question_picker import QuestionPickerScreen
from infoview_tui.ui.screens.schedule_form import ScheduleFormScreen
from infoview_tui.ui.screens.workspace import WorkspaceScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import SIZE, make_app, until
from .test_prepare import open_workspace, seed


def messages(app: InfoviewApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def dialogs(app: InfoviewApp, kind: type[object]) -> int:
    return sum(1 for screen in app.screen_stack if isinstance(screen, kind))


async def add_questions(app: InfoviewApp, pilot: Pilot[None], count: int) -> None:
    """Choose `count` questions from the bank with the picker (space marks, enter adds)."""
    await pilot.press("ctrl+b")
    await pilot.pause()
    assert isinstance(app.screen, QuestionPickerScreen)
    for _ in range(count):
        await pilot.press("space", "down")
    await pilot.press("enter")
    await pilot.pause()


# Section digits -------------------------------------------------------------------------------------------------


async def test_a_digit_after_tabbing_out_of_a_field_does_not_switch_section(
    store: Store, settings_file: Path
) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        workspace = await open_workspace(app, pilot, soon)
        await pilot.press(*"Coffee chat")
        await pilot.press("tab", "tab", "tab")  # past both research areas, out of every text field
        assert not isinstance(workspace.focused, Input | TextArea)
        await pilot.press(*"in 3 weeks")
        await pilot.pause(0.6)  # the autosave delay
        assert app.screen is workspace and app.current_mode == "prepare"
        assert any("'3' was not typed" in m for m in messages(app))
        assert store.interviews[soon.id].hope_to_learn == "Coffee chat"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("3")  # from the section's own list the digit switches as before
        await pilot.pause()
        assert app.current_mode == "conduct"


async def test_a_digit_on_the_goals_screen_stays_there(store: Store, settings_file: Path) -> None:
    store.goals.add(Goal(title="Climate data"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen) and app.current_mode == "reflect"


async def test_tabbing_out_of_a_dialog_field_keeps_the_text_and_the_section(
    store: Store, settings_file: Path
) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(app, pilot, soon)
        await pilot.press("ctrl+r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ScheduleFormScreen)
        when = form.query_one("#when", Input)
        when.value = ""
        await pilot.press(*"fri 3pm", "tab", "tab", "tab", *"in 3 weeks")
        await pilot.pause()
        assert app.screen is form and app.current_mode == "prepare"
        assert when.value == "fri 3pm"


# One dialog per key -------------------------------------------------------------------------------------------


async def test_the_edit_key_pressed_five_times_fast_opens_one_dialog(
    store: Store, settings_file: Path
) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(app, pilot, soon)
        await add_questions(app, pilot, 1)
        assert isinstance(app.screen, WorkspaceScreen)
        for _ in range(5):  # all queued before the first dialog takes focus
            app.simulate_key("e")
        await pilot.pause()
        await pilot.pause()
        assert dialogs(app, PromptScreen) == 1
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        prompt.query_one("#prompt-input", Input).value = "Edited once"
        await pilot.press("enter")
        await pilot.pause()
        assert dialogs(app, PromptScreen) == 0
        assert store.interviews[soon.id].questions[0].text == "Edited once"


async def test_the_add_goal_key_pressed_five_times_fast_opens_one_dialog(
    store: Store, settings_file: Path
) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        for _ in range(5):
            app.simulate_key("a")
        await pilot.pause()
        await pilot.pause()
        assert dialogs(app, PromptScreen) == 1
        # The four keys behind the first were typed ahead: they wait for the dialog and land in its field
        # (`ui.type_ahead`), never on the list beneath.
        field = app.screen.query_one("#prompt-input", Input)
        await until(pilot, lambda: field.value == "aaaa")
        field.value = ""
        await pilot.press(*"Move into climate data", "enter")
        await pilot.pause()
        assert [g.title for g in store.goals.all()] == ["Move into climate data"]
        assert dialogs(app, PromptScreen) == 0


# Question keys from anywhere in the workspace -----------------------------------------------------------------


async def test_m_marks_must_ask_from_the_list_and_from_elsewhere_in_the_workspace(
    store: Store, settings_file: Path
) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        workspace = await open_workspace(app, pilot, soon)
        await add_questions(app, pilot, 2)
        questions = workspace.query_one("#questions", OptionList)
        assert questions.has_focus and len(store.interviews[soon.id].questions) == 2
        questions.highlighted = 0
        await pilot.press("m")  # from the list
        await pilot.pause()
        assert [q.must_ask for q in store.interviews[soon.id].questions] == [True, False]
        questions.highlighted = 1
        workspace.query_one("#check-researched_person", Checkbox).focus()  # a checkbox, not a text field
        await pilot.press("m")
        await pilot.pause()
        assert [q.must_ask for q in store.interviews[soon.id].questions] == [True, True]
        assert any(m.startswith("★ Must ask") for m in messages(app))
        await pilot.press("x")  # removing asks for the list
        await pilot.pause()
        assert len(store.interviews[soon.id].questions) == 2
        assert any("tab to it first" in m for m in messages(app))
        workspace.query_one("#hope", Input).focus()
        await pilot.press("m")  # in a text field m is a letter
        await pilot.pause(0.6)
        stored = store.interviews[soon.id]
        assert stored.hope_to_learn.endswith("m") and [q.must_ask for q in stored.questions] == [True, True]


# The question picker --------------------------------------------------------------------------------------------


async def test_the_picker_starts_on_the_first_new_question_and_adds_every_marked_one(
    store: Store, settings_file: Path
) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(app, pilot, soon)
        await pilot.press("ctrl+b")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, QuestionPickerScreen)
        bank = picker.query_one("#bank", RecordTable)
        best = bank.cursor_key
        assert best == str(picker.ranked[0].id)
        await pilot.press("enter")  # nothing marked: the highlighted one
        await pilot.pause()
        assert [q.question_id for q in store.interviews[soon.id].questions] == [best]

        await pilot.press("ctrl+b")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, QuestionPickerScreen)
        bank = picker.query_one("#bank", RecordTable)
        assert bank.cursor_key == str(picker.ranked[1].id)  # the first one not chosen yet
        assert bank._rows[0].cells[0].startswith("✓")
        await pilot.press("space", "down", "down", "space")
        await pilot.pause()
        marked = [row.cells[0][:3] for row in bank._rows[:4]]
        assert marked == ["✓  ", "[x]", "[ ]", "[x]"]
        await pilot.press("enter")
        await pilot.pause()
        ids = [q.question_id for q in store.interviews[soon.id].questions]
        assert ids == [best, picker.ranked[1].id, picker.ranked[3].id]


# State without colour -----------------------------------------------------------------------------------------


def screen_text(app: InfoviewApp) -> str:
    """Every character on the screen as drawn, line by line."""
    return "\n".join(
        "".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()
    )


async def test_checklist_boxes_show_their_state_as_text(store: Store, settings_file: Path) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        workspace = await open_workspace(app, pilot, soon)
        assert "[ ] Researched the person" in screen_text(app)
        workspace.query_one("#check-researched_person", Checkbox).focus()
        await pilot.press("space")
        await pilot.pause()
        assert store.interviews[soon.id].checklist.researched_person
        shown = screen_text(app)
        assert "[x] Researched the person" in shown and "[ ] Researched the company" in shown


async def test_the_style_toggle_in_the_outreach_form_shows_its_state_as_text(
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
        assert "[ ] 75-word style" in screen_text(app)
        app.screen.query_one("#strict", Checkbox).focus()
        await pilot.press("space")
        await pilot.pause()
        assert "[x] 75-word style" in screen_text(app)
        app.screen.query_one("#sent-at", Input).value = "01/12 3pm"  # when it was sent: looking back
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    [logged] = store.outreach.all()
    assert logged.sent_at == datetime(2026, 1, 12, 15, 0, tzinfo=UTC)  # this January, not next December


async def test_goal_choices_show_their_state_as_text(store: Store, settings_file: Path) -> None:
    from .test_follow_up_reflect import seed as seed_conducted

    _, interview, goal = seed_conducted(store)
    store.goals.add(Goal(title="Stay in research"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        goals = app.screen.query_one("#reflection-goals", SelectionList)
        assert "[ ] Move into climate-tech data work" in screen_text(app)
        goals.focus()
        goals.highlighted = 0
        await pilot.press("space")
        await pilot.pause(0.6)
        shown = screen_text(app)
        assert "[x] Move into climate-tech data work" in shown and "[ ] Stay in research" in shown
        assert store.interviews[interview.id].reflection.goal_ids == (goal.id,)


# ctrl+home / ctrl+end -----------------------------------------------------------------------------------------


async def test_ctrl_home_and_ctrl_end_reach_both_ends_of_a_text_area(
    store: Store, settings_file: Path
) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        workspace = await open_workspace(app, pilot, soon)
        research = workspace.query_one("#research-person", TextArea)
        research.focus()
        await pilot.press(*"middle one", "enter", *"middle two")
        await pilot.press("ctrl+home", *"Start ")
        await pilot.press("ctrl+end", *" end")
        await pilot.pause(0.6)
        assert store.interviews[soon.id].research_person == "Start middle one\nmiddle two end"
        await pilot.press("ctrl+shift+home", "backspace")  # select everything back to the start, delete it
        await pilot.pause(0.6)
        assert store.interviews[soon.id].research_person == ""


async def test_edit_note_pressed_five_times_fast_on_the_call_opens_one_dialog(
    store: Store, settings_file: Path
) -> None:
    """The issue's case: letters that reached the notes list stacked five 'Edit the note' dialogs."""
    from .test_conduct import open_call
    from .test_conduct import seed as seed_call

    interview = seed_call(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot)
        await pilot.press(*"a note", "enter")
        await pilot.press("ctrl+r")  # into the notes list
        await pilot.pause()
        assert screen.query_one("#notes", RecordTable).has_focus
        for _ in range(5):
            app.simulate_key("e")
        await pilot.pause()
        await pilot.pause()
        assert dialogs(app, PromptScreen) == 1
        app.screen.query_one("#prompt-input", Input).value = "the note, edited"
        await pilot.press("enter")
        await pilot.pause()
        assert dialogs(app, PromptScreen) == 0
    assert [n.text for n in store.interviews[interview.id].notes] == ["the note, edited"]
