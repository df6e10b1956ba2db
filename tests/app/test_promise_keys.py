"""Pilot tests for promises in Follow up: d on an action item sets its due date (typed like any date) and it
is stored, shows on the Dashboard, and leaves it once ticked done; a date that cannot be read keeps the dialog
open with a message; f9 shows the check-in draft with the checker, and marking it sent clears the check-in."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from infoview_tui.domain.models import (
    CallRecord,
    Contact,
    FollowUp,
    Interview,
    Note,
    NoteKind,
    Profile,
    QuestionCategory,
    Stage,
    TimeSpan,
)
from infoview_tui.stages.agenda import build_agenda
from infoview_tui.store import Store
from infoview_tui.ui.screens.due_date import DueDateScreen
from infoview_tui.ui.screens.follow_up import FollowUpDetailScreen
from infoview_tui.ui.screens.outreach_form import MessageScreen

from .conftest import NOW, SIZE, make_app, until
from .test_dialogs_fit import type_text

ENDED = NOW - timedelta(days=2)
PROMISE = "send Kenji my portfolio"


def seed(store: Store, checkin: date | None = None) -> Interview:
    kenji = store.contacts.add(Contact(name="Kenji Sato", company="Northwind"))
    return store.interviews.add(
        Interview(
            contact_id=kenji.id,
            scheduled_at=ENDED - timedelta(minutes=30),
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(ENDED - timedelta(minutes=30), ENDED),), ended_at=ENDED),
            notes=(
                Note(
                    "Learn one orchestrator well before the others",
                    100.0,
                    id="01KA0000000000000000000001",
                    kind=NoteKind.NOTE,
                    tiara=QuestionCategory.ADVICE,
                ),
                Note(PROMISE, 300.0, id="01KA0000000000000000000002", kind=NoteKind.ACTION),
            ),
            follow_up=FollowUp(thank_you_draft="Hi Kenji, thanks!", next_checkin=checkin),
        )
    )


def promise_rows(store: Store) -> list[str]:
    agenda = build_agenda(store.contacts.all(), store.outreach.all(), store.interviews.all(), NOW)
    return [item.detail for item in agenda.promises]


async def open_follow_up(pilot: Pilot[None]) -> FollowUpDetailScreen:
    await pilot.press("4", "enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, FollowUpDetailScreen), "the follow-up workspace")
    screen = pilot.app.screen
    assert isinstance(screen, FollowUpDetailScreen)
    return screen


async def test_d_sets_a_due_date_that_shows_on_the_dashboard_until_done(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store)
    assert promise_rows(store) == [f"owed since Mon 23 Nov, no date set: {PROMISE}"]
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_follow_up(pilot)
        actions = screen.query_one("#actions", OptionList)
        await pilot.press("f8")
        assert screen.focused is actions
        assert "· promise  · no date" in str(actions.get_option_at_index(0).prompt)

        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, DueDateScreen), "the due-date dialog")
        await type_text(pilot, "fri")
        preview = app.screen.query_one("#due-preview", Static)
        await until(pilot, lambda: "Fri 27 Nov 2026" in str(preview.render()), "the date read back")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen, "the dialog to close")

        assert store.interviews[interview.id].notes[1].due == date(2026, 11, 27)
        assert "· due Fri 27 Nov" in str(actions.get_option_at_index(0).prompt)
        assert promise_rows(store) == [f"promised by Fri 27 Nov: {PROMISE}"]

        await pilot.press("escape")
        await pilot.press("0")
        await until(pilot, lambda: bool(app.screen.query("#agenda")), "the Dashboard")
        agenda = app.screen.query_one("#agenda", OptionList)
        lines = [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]
        assert any(line.startswith("Promises you made (1)") for line in lines)
        assert any("Kenji Sato" in line and f"promised by Fri 27 Nov: {PROMISE}" in line for line in lines)

        await pilot.press("4", "enter")
        await until(pilot, lambda: isinstance(app.screen, FollowUpDetailScreen), "the follow-up workspace")
        await pilot.press("f8", "space")  # done: off the Dashboard
        await until(pilot, lambda: store.interviews[interview.id].notes[1].done_at == NOW, "the tick stored")
    assert promise_rows(store) == []


async def test_a_date_that_cannot_be_read_says_so_and_escape_keeps_the_old_one(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_follow_up(pilot)
        await pilot.press("f8", "d")
        await until(pilot, lambda: isinstance(app.screen, DueDateScreen), "the due-date dialog")
        dialog = app.screen
        await type_text(pilot, "soonish")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # still open, with what was typed
        assert dialog.query_one("#due-input", Input).value == "soonish"
        assert "can't read 'soonish' as a date" in str(dialog.query_one("#due-preview", Static).render())
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, DueDateScreen), "the dialog to close")
    assert store.interviews[interview.id].notes[1].due is None


async def test_f9_shows_the_checkin_draft_and_marking_it_sent_clears_the_checkin(
    store: Store, settings_file: Path
) -> None:
    interview = seed(store, checkin=date(2026, 11, 26))
    store.save_profile(Profile(name="Sam Rivera"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_follow_up(pilot)
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, MessageScreen), "the check-in draft")
        message = app.screen.query_one("#message", TextArea).text
        assert message.startswith("Hi Kenji,\n\nWe spoke on Monday about your work at Northwind")
        assert "You told me: learn one orchestrator well before the others." in message
        assert "Next, I'm going to send you my portfolio." in message
        checker = app.screen.query_one("#checker", Static)
        await until(pilot, lambda: "reads well" in str(checker.render()), "the checker's verdict")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen, "the dialog to close")
        await until(
            pilot,
            lambda: store.interviews[interview.id].follow_up.next_checkin is None,
            "the check-in cleared",
        )
