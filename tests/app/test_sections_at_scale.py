"""Sections that stay quick with a lot of data: Reflect lists its conversations before its search index is
built and only the search waits for it; Identify builds only the rows it draws; keys typed right after `/`
land in the field, however fast they come."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Static

from infoview_tui.domain.models import CallRecord, Contact, Interview, Note, Reflection, Stage, TimeSpan
from infoview_tui.stages.reflect.search import IndexBuilder
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens import reflect
from infoview_tui.ui.screens.identify import IdentifyScreen
from infoview_tui.ui.screens.reflect import ReflectScreen
from infoview_tui.ui.widgets import LazyRows, RecordTable

from .conftest import NOW, SIZE, make_app, until


def burst(app: InfoviewApp, keys: str) -> None:
    """Queue every key before any is handled, as a fast typist or a loaded machine delivers them."""
    for char in keys:
        key = events.Key("slash" if char == "/" else char, char)
        key.set_sender(app)
        app.post_message(key)


def summary(app: InfoviewApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def held(store: Store, name: str, days_ago: int, note: str, *, written: bool = True) -> Interview:
    contact = store.contacts.add(Contact(name=name))
    end = NOW - timedelta(days=days_ago)
    return store.interviews.add(
        Interview(
            contact_id=contact.id,
            scheduled_at=end - timedelta(minutes=30),
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(end - timedelta(minutes=30), end),), ended_at=end),
            notes=(Note(note, 60.0, id="1"),),
            reflection=Reflection(takeaways=f"Learned from {name}" if written else ""),
        )
    )


class HeldBuilder(IndexBuilder):
    """An index build that makes no progress until the test lets it."""

    released = False

    def advance(self, budget: float) -> bool:
        if not HeldBuilder.released:
            time.sleep(0.002)  # as if building: the loop goes on between slices
            return False
        return super().advance(budget)


async def test_reflect_lists_every_conversation_before_its_index_and_searches_once_it_is_ready(
    store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ada = held(store, "Ada Lovelace", 3, "analytical engines")
    grace = held(store, "Grace Hopper", 2, "COBOL and compilers")
    alan = held(store, "Alan Turing", 1, "morphogenesis", written=False)
    HeldBuilder.released = False
    monkeypatch.setattr(reflect, "IndexBuilder", HeldBuilder)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: isinstance(app.screen, ReflectScreen), "Reflect")
        screen = app.screen
        assert isinstance(screen, ReflectScreen)
        table = screen.query_one("#reflections", RecordTable)
        # The list is there while the index is held back: the one waiting for a reflection first, then newest.
        await until(pilot, lambda: table.row_count == 3, "the list")
        assert table.visible_keys == [str(alan.id), str(grace.id), str(ada.id)]
        assert summary(app, "#reflect-summary").startswith("3 conversations")
        assert screen.index is None

        await pilot.press("slash", *"cobol")
        search = screen.query_one("#reflect-search", Input)
        await until(pilot, lambda: "Search is getting ready" in summary(app, "#reflect-summary"), "the wait")
        assert search.value == "cobol"  # every key typed is in the box
        assert table.row_count == 3  # the list stays meanwhile, said to be the whole list

        HeldBuilder.released = True
        await until(pilot, lambda: table.visible_keys == [str(grace.id)], "the result")
        assert summary(app, "#reflect-summary").startswith("1 conversation ")
        assert search.value == "cobol"

        await pilot.press(*["backspace"] * 5)  # no query: the whole list again, from the index now built
        await until(pilot, lambda: table.row_count == 3, "the whole list")


async def test_reflect_builds_the_rows_it_draws_only(store: Store, settings_file: Path) -> None:
    for n in range(200):
        held(store, f"Person {n:03}", 200 - n, "notes")
    app = make_app(store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: isinstance(app.screen, ReflectScreen), "Reflect")
        table = app.screen.query_one("#reflections", RecordTable)
        await until(pilot, lambda: table.row_count == 200, "the list")
        rows = table._rows
        assert isinstance(rows, LazyRows)
        assert 0 < len(rows._built) < 40  # a screenful at 80x24, not 200
        await pilot.press("end")
        await until(pilot, lambda: table.cursor_key == table.visible_keys[-1], "the last row")
        assert "Person 000" in str(table.render_line(table.scrollable_content_region.height - 1).text)


async def test_keys_typed_right_after_slash_land_in_the_identify_filter(
    store: Store, settings_file: Path
) -> None:
    store.contacts.add(Contact(name="Ada Lovelace", company="Analytical Engines"))
    store.contacts.add(Contact(name="Grace Hopper", company="Navy"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await until(pilot, lambda: isinstance(app.screen, IdentifyScreen), "Identify")
        table = app.screen.query_one("#contacts", RecordTable)
        await until(pilot, lambda: table.row_count == 2 and table.has_focus, "the list")
        # "a" on the list would open the Add form and "e" Edit: every letter must reach the filter instead.
        burst(app, "/ada")
        field = app.screen.query_one("#contact-filter", Input)
        await until(pilot, lambda: field.value == "ada", "the filter")
        assert isinstance(app.screen, IdentifyScreen)  # no form opened
        await until(pilot, lambda: table.row_count == 1, "one match")
        assert summary(app, "#identify-summary").startswith("1 of 2 contacts")
    assert len(store.contacts.all()) == 2  # nothing added by a stray "a"


async def test_keys_typed_right_after_slash_land_in_the_reflect_search(
    store: Store, settings_file: Path
) -> None:
    held(store, "Ada Lovelace", 3, "analytical engines")
    grace = held(store, "Grace Hopper", 2, "goals and compilers")
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: isinstance(app.screen, ReflectScreen), "Reflect")
        table = app.screen.query_one("#reflections", RecordTable)
        await until(pilot, lambda: table.row_count == 2 and table.has_focus, "the list")
        burst(app, "/goals")  # "g" on the list opens Goals
        field = app.screen.query_one("#reflect-search", Input)
        await until(pilot, lambda: field.value == "goals", "the search box")
        assert isinstance(app.screen, ReflectScreen)
        await until(pilot, lambda: table.visible_keys == [str(grace.id)], "the result")
