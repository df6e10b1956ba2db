"""Pilot tests for ticking off action items in Follow up: stored with the date, dropped from what is still
owed and from the Dashboard, and owed again when un-ticked."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import OptionList, Static

from infoview_tui.domain.models import (
    Action,
    CallRecord,
    Contact,
    Interview,
    Note,
    NoteKind,
    Reflection,
    Stage,
    TimeSpan,
)
from infoview_tui.stages.agenda import build_agenda
from infoview_tui.stages.follow_up.drafts import owed
from infoview_tui.store import Store
from infoview_tui.ui.screens.follow_up import FollowUpDetailScreen

from .conftest import NOW, SIZE, make_app

ENDED = NOW - timedelta(days=2)


def seed(store: Store) -> Interview:
    ada = store.contacts.add(Contact(name="Ada Lovelace", company="Analytical Engines"))
    return store.interviews.add(
        Interview(
            contact_id=ada.id,
            scheduled_at=ENDED - timedelta(minutes=30),
            stage=Stage.REFLECTED,
            call=CallRecord(spans=(TimeSpan(ENDED - timedelta(minutes=28), ENDED),), ended_at=ENDED),
            notes=(Note("read Menabrea's paper", 300.0, id="1", kind=NoteKind.ACTION),),
            reflection=Reflection(
                takeaways="Patience",
                next_steps=(Action("Email Charles the notes", due=date(2026, 11, 26)),),
                written_at=ENDED,
            ),
        )
    )


def dashboard_steps(store: Store) -> list[str]:
    agenda = build_agenda(store.contacts.all(), store.outreach.all(), store.interviews.all(), NOW)
    return [item.title for item in agenda.checkins]


async def test_space_ticks_an_action_item_done_and_back(store: Store, settings_file: Path) -> None:
    interview = seed(store)
    assert "2 action items" in owed(interview, NOW)
    assert dashboard_steps(store) == ["Email Charles the notes"]
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FollowUpDetailScreen)
        await pilot.press("f8")
        actions = screen.query_one("#actions", OptionList)
        assert screen.focused is actions
        await pilot.press("down", "space")  # the next step, second in the list
        await pilot.pause()
        saved = store.interviews[interview.id]
        assert saved.reflection.next_steps[0].done and saved.reflection.next_steps[0].done_at == NOW
        assert "[x] Email Charles the notes  · done Wed 25 Nov" in str(actions.get_option_at_index(1).prompt)
        assert dashboard_steps(store) == []
        assert "1 action item" in owed(saved, NOW)

        await pilot.press("up", "space")  # the call's action note
        await pilot.pause()
        saved = store.interviews[interview.id]
        assert saved.notes[0].done_at == NOW
        assert not any("action item" in line for line in owed(saved, NOW))

        header = str(screen.query_one("#follow-header", Static).render())
        assert "still owed:" in header and "action item" not in header

        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f8", "down", "space")  # un-tick the next step: owed again, back on the Dashboard
        await pilot.pause()
    saved = store.interviews[interview.id]
    assert not saved.reflection.next_steps[0].done and saved.reflection.next_steps[0].done_at is None
    assert saved.notes[0].done_at == NOW
    assert "1 action item" in owed(saved, NOW)
    assert dashboard_steps(store) == ["Email Charles the notes"]
