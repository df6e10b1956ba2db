"""Pilot tests for where keys land (issue 13): section digits outside a field, dialogs opened once by fast
repeated keys, question keys from anywhere in the workspace, the question picker, checkbox marks, and
ctrl+home/ctrl+end in text areas. Each test checks what the store holds afterwards."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from infoview_tui.domain.models import Goal
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.dialogs import PromptScreen
from infoview_tui.ui.screens.goals import GoalsScreen
from infoview_tui.ui.screens.question_picker import QuestionPickerScreen
from infoview_tui.ui.screens.schedule_form import ScheduleFormScreen
from infoview_tui.ui.screens.workspace import WorkspaceScreen

from .conftest import SIZE, make_app
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
        await pilot.press(*"Move into climate data", "enter")
        await pilot.pause()
        assert [g.title for g in store.goals.all()] == ["Move into climate data"]
        assert dialogs(app, PromptScreen) == 0
