"""Pilot tests for section 2, Prepare: the list, the workspace, questions, checklist and rescheduling."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, OptionList, TextArea

from infoview_tui.domain.models import Contact, Interview, Stage
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.dialogs import ConfirmScreen, PromptScreen
from infoview_tui.ui.screens.question_picker import QuestionPickerScreen
from infoview_tui.ui.screens.schedule_form import ScheduleFormScreen
from infoview_tui.ui.screens.workspace import WorkspaceScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, make_app


def seed(store: Store) -> tuple[Contact, Interview, Interview]:
    ada = store.contacts.add(
        Contact(
            name="Ada Lovelace",
            company="Analytical Engines",
            linkedin_url="https://www.linkedin.com/in/ada-example",
        )
    )
    bob = store.contacts.add(Contact(name="Bob Kahn", company="DARPA"))
    later = store.interviews.add(Interview(contact_id=bob.id, scheduled_at=NOW + timedelta(days=3)))
    soon = store.interviews.add(Interview(contact_id=ada.id, scheduled_at=NOW + timedelta(days=1)))
    store.interviews.add(
        Interview(contact_id=bob.id, scheduled_at=NOW - timedelta(days=3), stage=Stage.CANCELLED)
    )
    return ada, soon, later


async def open_workspace(app: InfoviewApp, pilot: Pilot[None], interview: Interview) -> WorkspaceScreen:
    await pilot.pause()
    await pilot.press("2")
    await pilot.pause()
    table = app.screen.query_one("#interviews", RecordTable)
    table.move_to_key(str(interview.id))
    table.focus()
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, WorkspaceScreen)
    return app.screen


async def test_the_list_shows_interviews_to_prepare_soonest_first(store: Store, settings_file: Path) -> None:
    _, soon, later = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        table = app.screen.query_one("#interviews", RecordTable)
        assert table.visible_keys == [str(soon.id), str(later.id)]  # the cancelled one is not there


async def test_research_and_hope_save_as_you_type(store: Store, settings_file: Path) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        workspace = await open_workspace(app, pilot, soon)
        await pilot.press(*"how engines think")
        workspace.query_one("#research-person", TextArea).focus()
        await pilot.press(*"Wrote the first program.")
        workspace.query_one("#research-company", TextArea).focus()
        await pilot.press(*"Makes engines")
        await pilot.pause(0.6)  # the autosave delay
        saved = store.interviews.get(soon.id)
        assert saved is not None
        assert saved.hope_to_learn == "how engines think"
        assert saved.research_person == "Wrote the first program."
        assert saved.research_company == "Makes engines"
        workspace.query_one("#research-company", TextArea).focus()
        await pilot.press(*" and more")
        await pilot.press("escape")  # leaving saves at once, no waiting
        await pilot.pause()
    assert store.interviews[soon.id].research_company == "Makes engines and more"


async def test_choose_reorder_and_mark_questions(store: Store, settings_file: Path) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        workspace = await open_workspace(app, pilot, soon)
        for _ in range(2):
            await pilot.press("ctrl+b")
            await pilot.pause()
            assert isinstance(app.screen, QuestionPickerScreen)
            bank = app.screen.query_one("#bank", RecordTable)
            first_unchosen = next(r.key for r in bank._rows if not r.cells[0].startswith("✓"))
            bank.move_to_key(first_unchosen)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"What surprised you most this year?")
        await pilot.press("enter")
        await pilot.pause()
        chosen = store.interviews[soon.id].questions
        assert len(chosen) == 3 and chosen[2].text == "What surprised you most this year?"
        assert any(
            q.text == "What surprised you most this year?" for q in store.questions.all()
        )  # joined the bank
        questions = workspace.query_one("#questions", OptionList)
        assert questions.has_focus and questions.highlighted == 2
        await pilot.press("left_square_bracket")  # move it up
        await pilot.press("m")  # must ask
        await pilot.pause()
        chosen = store.interviews[soon.id].questions
        assert chosen[1].text == "What surprised you most this year?" and chosen[1].must_ask
        await pilot.press("up", "x")  # remove the first
        await pilot.pause()
        chosen = store.interviews[soon.id].questions
        assert len(chosen) == 2 and chosen[0].text == "What surprised you most this year?"
    used = [q for q in store.questions.all() if q.times_used]
    assert len(used) == 3  # the bank remembers what was used


async def test_checklist_and_readiness_drive_the_stage(store: Store, settings_file: Path) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        workspace = await open_workspace(app, pilot, soon)
        for field in (
            "researched_person",
            "researched_company",
            "questions_chosen",
            "confirmed_time",
            "link_tested",
        ):
            workspace.query_one(f"#check-{field}", Checkbox).value = True
            await pilot.pause()
        saved = store.interviews.get(soon.id)
        assert saved is not None and saved.checklist.done_count == 5


async def test_reschedule_with_typed_time_bumps_the_sequence(store: Store, settings_file: Path) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(app, pilot, soon)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ScheduleFormScreen)
        when = app.screen.query_one("#when", Input)
        when.value = "in 2 hours"
        app.screen.query_one("#minutes", Input).value = "45"
        app.screen.query_one("#timezone", Input).value = "America/New_York"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = store.interviews.get(soon.id)
    assert saved is not None
    assert saved.scheduled_at == NOW + timedelta(hours=2)
    assert saved.duration_minutes == 45 and saved.their_timezone == "America/New_York"
    assert saved.sequence == soon.sequence + 1


async def test_an_overlap_is_questioned(store: Store, settings_file: Path) -> None:
    _, soon, later = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_workspace(app, pilot, soon)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert later.scheduled_at is not None
        app.screen.query_one("#when", Input).value = f"{later.scheduled_at:%Y-%m-%d %H:%M}"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
    assert store.interviews[soon.id].scheduled_at == soon.scheduled_at


async def test_prep_sheet_is_written_next_to_the_data(store: Store, settings_file: Path) -> None:
    _, soon, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_workspace(app, pilot, soon)
        await pilot.press(*"learn about engines")
        await pilot.press("ctrl+o")
        await app.workers.wait_for_complete()
        await pilot.pause()
    [sheet] = (store.path.parent / "prep").glob("*.md")
    text = sheet.read_text(encoding="utf-8")
    assert "Ada Lovelace" in text and "learn about engines" in text


async def test_cancel_from_the_list(store: Store, settings_file: Path) -> None:
    _, _soon, later = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        app.screen.query_one("#interviews", RecordTable).move_to_key(str(later.id))
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert store.interviews[later.id].stage is Stage.CANCELLED
