"""SteadyOptionList: drawn options are kept through a resize that keeps the width, and drawn again at a new
width; the Dashboard's first frame draws each visible option once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from infoview_tui.store import Store
from infoview_tui.ui.widgets.steady_option_list import SteadyOptionList

from .conftest import make_app, until


class ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield SteadyOptionList(*(Option(f"option number {i}", id=str(i)) for i in range(40)), id="list")


def drawn(widget: OptionList) -> dict[Any, list[Strip] | None]:
    cache = widget._option_render_cache
    return {key: cache.get(key) for key in list(cache.keys())}


def widths(widget: OptionList) -> set[int]:
    return {strip.cell_length for strips in drawn(widget).values() for strip in strips or ()}


async def test_a_resize_that_keeps_the_width_keeps_the_drawn_options() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 20)) as pilot:
        widget = app.query_one("#list", SteadyOptionList)
        await until(pilot, lambda: bool(drawn(widget)), "the options to be drawn")
        before = drawn(widget)
        await pilot.resize_terminal(60, 30)  # taller: more options show, the drawn ones stay
        await until(pilot, lambda: widget.size.height > 20, "the list to grow")
        await pilot.pause()
        after = drawn(widget)
        assert all(after.get(key) is strips for key, strips in before.items())
        assert len(after) > len(before)


async def test_a_new_width_draws_the_options_again_at_that_width() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 20)) as pilot:
        widget = app.query_one("#list", SteadyOptionList)
        await until(pilot, lambda: bool(drawn(widget)), "the options to be drawn")
        assert widths(widget) == {widget.scrollable_content_region.width} == {54}
        await pilot.resize_terminal(44, 20)
        await until(
            pilot,
            lambda: bool(drawn(widget)) and widths(widget) == {38},
            "every drawn option to be drawn again at the new width",
        )
        assert widget.scrollable_content_region.width == 38


async def test_changed_options_are_drawn_afresh() -> None:
    app = ListApp()
    async with app.run_test(size=(60, 20)) as pilot:
        widget = app.query_one("#list", SteadyOptionList)
        await until(pilot, lambda: bool(drawn(widget)), "the options to be drawn")
        await pilot.resize_terminal(60, 22)  # a resize that keeps the width, then a change of options
        await pilot.pause()
        widget.set_options([Option("only one", id="x")])
        await pilot.pause()
        assert widget.option_count == 1
        assert all(key[0].id == "x" for key in drawn(widget))


async def test_the_dashboards_first_frame_draws_each_option_once(
    demo_store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawings: list[Option] = []
    original = OptionList._get_option_render

    def counting(self: OptionList, option: Option, style: Any) -> list[Strip]:
        key = (option, style, self.get_component_styles("option-list--option").padding)
        if self.id == "agenda" and key not in self._option_render_cache:
            drawings.append(option)
        return original(self, option, style)

    monkeypatch.setattr(OptionList, "_get_option_render", counting)
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: len(drawings) > 5, "the Dashboard's options to be drawn")
        await pilot.pause()
        assert drawings and len(drawings) == len(set(map(id, drawings)))
