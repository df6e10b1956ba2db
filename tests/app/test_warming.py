"""Warming: once the Dashboard shows the data, idle time imports each section's screen module, and a key
pressed meanwhile is handled at once and pauses warming."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from infoview_tui.stages.agenda import Section
from infoview_tui.store import Store
from infoview_tui.ui import app as app_module
from infoview_tui.ui.screens.dashboard import DashboardScreen
from infoview_tui.ui.screens.reflect import ReflectScreen

from .conftest import make_app, until

SECTION_MODULES = [
    f"infoview_tui.ui.screens.{name}" for name in ("identify", "prepare", "conduct", "follow_up", "reflect")
]


async def test_section_modules_are_imported_once_the_dashboard_is_idle(
    demo_store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in SECTION_MODULES:  # put back as they were after the test
        monkeypatch.delitem(sys.modules, name, raising=False)
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not app.warming and app._warm_timer is not None, "warming to finish")
        assert isinstance(app.screen, DashboardScreen)
        assert [name for name in SECTION_MODULES if name not in sys.modules] == []
        await pilot.press("5")
        await until(pilot, lambda: app.current_mode == Section.REFLECT.mode, "Reflect")
        assert type(app.screen).__module__ == "infoview_tui.ui.screens.reflect"


async def test_reflect_takes_the_search_index_built_while_idle(
    demo_store: Store, settings_file: Path
) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not app.warming and app._warm_timer is not None, "warming to finish")
        first = app.first_reflect_index
        assert first is not None and not first.taken
        built = first.index
        assert built.search("") or built.search("the")  # the demo's conversations are in it
        await pilot.press("5")
        await until(pilot, lambda: app.current_mode == Section.REFLECT.mode, "Reflect")
        screen = app.screen
        assert isinstance(screen, ReflectScreen)
        await until(pilot, lambda: screen.index is not None, "the index")
        assert screen.index is built and first.taken


async def test_a_key_during_warming_is_handled_at_once_and_pauses_warming(
    demo_store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "WARM_STEP", 30.0)  # no step runs on its own during the test
    monkeypatch.setattr(app_module, "WARM_QUIET", 60.0)
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.warming, "warming to start")
        left = len(app._warm_steps)
        await pilot.press("1")
        await until(pilot, lambda: app.current_mode == Section.IDENTIFY.mode, "Identify")
        app._warm_next()  # the step comes due: someone just typed, so it waits
        assert len(app._warm_steps) == left
        monkeypatch.setattr(app_module, "WARM_QUIET", 0.0)  # quiet again: warming resumes and finishes
        monkeypatch.setattr(app_module, "WARM_STEP", 0.01)
        app._warm_next()
        await until(pilot, lambda: not app.warming, "warming to finish")
        assert app.current_mode == Section.IDENTIFY.mode


async def test_a_section_first_opened_after_a_theme_change_is_drawn_in_that_theme(
    demo_store: Store, settings_file: Path
) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app._warm_timer is not None, "the data on the Dashboard")
        dark = app.screen.styles.background
        light = "textual-light" if app.theme != "textual-light" else "textual-dark"
        app.theme = light
        dashboard = app.screen
        await until(pilot, lambda: dashboard.styles.background != dark, "the Dashboard in the new theme")
        await pilot.press("2")  # Prepare: first visit, its screen is new
        await until(pilot, lambda: app.current_mode == Section.PREPARE.mode, "Prepare")
        await pilot.pause()
        assert app.screen.styles.background == dashboard.styles.background != dark


async def test_a_start_parses_the_stylesheet_once_and_a_theme_change_parses_it_again(
    demo_store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first screen's refresh restyles without re-parsing (~35 ms of every start): the variables are
    the ones the stylesheet was parsed with. New variables (a theme) still re-parse."""
    from textual.css.stylesheet import Stylesheet

    reparses: list[Stylesheet] = []
    original = Stylesheet.reparse

    def counted(self: Stylesheet) -> None:
        reparses.append(self)
        original(self)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app._warm_timer is not None, "the data on the Dashboard")
        assert reparses == []
        before = app.stylesheet._variables["background"]
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await until(pilot, lambda: len(reparses) == 1, "the stylesheet parsed with the theme's variables")
        assert app.stylesheet._variables["background"] != before


async def test_the_introduction_chains_are_built_while_idle_and_the_view_reuses_them(
    demo_store: Store, settings_file: Path
) -> None:
    from infoview_tui.ui.screens import chain_view

    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: not app.warming and app._warm_timer is not None, "warming to finish")
        kept = chain_view._BUILT.get(demo_store)
        assert kept is not None and kept[0] == demo_store.data_version and kept[1]  # the demo has chains
        assert chain_view.built_chains(demo_store) is kept[1]  # the view's first opening only draws


async def test_insights_builds_the_chains_once_painted_when_warming_has_not(
    demo_store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoview_tui.ui.screens import chain_view

    monkeypatch.setattr(app_module, "WARM_QUIET", 600.0)  # keys keep coming: warming never builds them
    app = make_app(demo_store, settings_file)
    app._last_input = float("inf")  # typed a moment ago, from the start
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: app.current_mode == Section.REFLECT.mode, "Reflect")
        assert chain_view._BUILT.get(demo_store) is None
        await pilot.press("escape", "i")
        await until(pilot, lambda: chain_view._BUILT.get(demo_store) is not None, "the chains built")
        assert type(app.screen).__name__ == "InsightsScreen"


async def test_a_due_full_garbage_collection_waits_until_nothing_was_typed_for_a_moment(
    demo_store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from infoview_tui.ui import collector

    full: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            full.append(1)

    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await until(pilot, lambda: app.current_mode == Section.IDENTIFY.mode, "Identify")
        gc.callbacks.append(note)
        try:
            with collector.paced():  # as `run()` does in a terminal
                for _ in range(collector.FULL_EVERY):
                    gc.collect(1)
                full.clear()
                app._last_input = float("inf")  # someone is typing
                app._collect_when_idle()
                assert full == [] and gc.get_count()[2] >= collector.FULL_EVERY
                app._last_input = float("-inf")  # idle: the app's own check runs it (every `IDLE_CHECK`)
                await until(pilot, lambda: bool(full), "a full collection in idle time")
        finally:
            gc.callbacks.remove(note)
