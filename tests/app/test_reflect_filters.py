"""Pilot test for Reflect's tiara: and kind: search filters: they narrow the list to conversations with such
a call note, and a value that names nothing says what the filter takes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static

from infoview_tui.domain.models import (
    CallRecord,
    Contact,
    Goal,
    Interview,
    Note,
    NoteKind,
    QuestionCategory,
    Reflection,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.reflect import ReflectScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, make_app, until


def held(store: Store, name: str, days_ago: int, *notes: Note) -> Interview:
    contact = store.contacts.add(Contact(name=name))
    end = NOW - timedelta(days=days_ago)
    return store.interviews.add(
        Interview(
            contact_id=contact.id,
            scheduled_at=end - timedelta(minutes=30),
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(end - timedelta(minutes=30), end),), ended_at=end),
            notes=notes,
        )
    )


async def open_reflect(
    pilot: Pilot[None], app: InfoviewApp, rows: int
) -> tuple[Screen[Any], RecordTable, Input]:
    """Reflect opened with its key, once its list shows `rows` conversations: the screen, list and search box."""
    await pilot.press("5")
    await until(pilot, lambda: isinstance(app.screen, ReflectScreen), "Reflect")
    screen = app.screen
    table = screen.query_one("#reflections", RecordTable)
    await until(pilot, lambda: table.row_count == rows, f"{rows} conversations")
    return screen, table, screen.query_one("#reflect-search", Input)


async def test_tiara_and_kind_filters_in_the_search_box(store: Store, settings_file: Path) -> None:
    trends = held(
        store, "Ada Lovelace", 2, Note("AI audits are coming", 60.0, id="1", tiara=QuestionCategory.TRENDS)
    )
    action = held(store, "Grace Hopper", 1, Note("send the COBOL notes", 60.0, id="1", kind=NoteKind.ACTION))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        screen, table, search = await open_reflect(pilot, app, rows=2)

        await pilot.press("slash", *"TIARA:tr")
        await until(pilot, lambda: table.visible_keys == [str(trends.id)], "only the trends conversation")
        assert search.value == "TIARA:tr"

        search.value = ""
        await pilot.press(*"kind:actions")
        await until(pilot, lambda: table.visible_keys == [str(action.id)], "only the one with an action")

        search.value = ""
        await pilot.press(*"tiara:xyz")
        summary = screen.query_one("#reflect-summary", Static)
        await until(pilot, lambda: "tiara:xyz is not one of" in str(summary.render()), "the message")


async def test_a_renamed_goal_is_searched_by_its_new_title(store: Store, settings_file: Path) -> None:
    """A conversation tied to a goal is found by the goal's title; after the goal is renamed, by the new title
    only (the index had kept the old words of every conversation whose own record had not changed)."""
    goal = store.goals.add(Goal(title="Pricing strategy"))
    tied = held(store, "Ada Lovelace", 2, Note("margins and bundles", 60.0, id="1"))
    tied = store.interviews.update(replace(tied, reflection=Reflection(goal_ids=(goal.id,))))
    held(store, "Grace Hopper", 1, Note("compilers", 60.0, id="1"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        _, table, search = await open_reflect(pilot, app, rows=2)
        await pilot.press("slash", *"strategy")
        await until(pilot, lambda: table.visible_keys == [str(tied.id)], "the conversation tied to the goal")

        store.goals.update(replace(goal, title="Brand voice"))
        search.value = ""
        await pilot.press(*"voice")
        await until(pilot, lambda: table.visible_keys == [str(tied.id)], "found by the new title")
        search.value = ""
        await pilot.press(*"strategy")
        await until(pilot, lambda: table.row_count == 0, "not by the old one")
