"""The stylesheet in two parts: the first frame parses only the Dashboard's rules, and every other screen and
dialog finds the rest in place, whether warming has parsed it yet or not."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.stylesheet import Stylesheet

from infoview_tui.store import Store
from infoview_tui.ui import app as app_module
from infoview_tui.ui.app import STYLES, STYLES_SPLIT, InfoviewApp

from .conftest import make_app, until


def selectors(stylesheet: Stylesheet) -> list[str]:
    return [rule.selectors for rule in stylesheet.rules if rule.selectors]


def our_rules(app: InfoviewApp) -> list[str]:
    """The selectors of the rules that come from app.tcss (not from the widgets' DEFAULT_CSS)."""
    ours = Stylesheet(variables=app.get_css_variables())
    for read_from, source in app.stylesheet.source.items():
        if read_from[0] == str(STYLES):
            ours.add_source(source.content, read_from=read_from)
    return selectors(ours)


def test_the_file_is_split_once_and_the_two_parts_hold_every_rule(store: Store, settings_file: Path) -> None:
    text = STYLES.read_text(encoding="utf-8")
    assert text.count(STYLES_SPLIT) == 1
    app = make_app(store, settings_file)
    whole = Stylesheet(variables=app.get_css_variables())
    whole.add_source(text, read_from=("whole", ""))
    first = our_rules(app)
    assert first and "#dashboard" in first and "HelpScreen" not in first
    app.load_all_styles()
    app.load_all_styles()  # once only
    assert our_rules(app) == selectors(whole)


@pytest.fixture
def no_warming(monkeypatch: pytest.MonkeyPatch) -> None:
    """Warming never parses the second part: only opening a screen can."""
    monkeypatch.setattr(app_module.InfoviewApp, "_warm_styles", lambda self: False)


@pytest.mark.usefixtures("no_warming")
async def test_a_dialog_opened_first_is_styled(store: Store, settings_file: Path) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.data_loaded.is_set(), "the data to load")
        assert "HelpScreen" not in our_rules(app)
        await pilot.press("question_mark")
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help screen")
        assert app.screen.styles.align_horizontal == "center"
        body = app.screen.query_one("#help-body")
        assert body.styles.border_top[0] == "thick"


@pytest.mark.usefixtures("no_warming")
async def test_a_section_visited_first_is_styled(demo_store: Store, settings_file: Path) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.data_loaded.is_set(), "the data to load")
        await pilot.press("3")
        await until(pilot, lambda: type(app.screen).__name__ == "ConductScreen", "the call screen")
        header = app.screen.query_one("#call-header")
        assert header.styles.max_height is not None and header.styles.max_height.value == 6


async def test_warming_parses_the_second_part_without_any_screen_opened(
    store: Store, settings_file: Path
) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "HelpScreen" in our_rules(app), "warming to parse the rest of the styles")
        assert type(app.screen).__name__ == "DashboardScreen"


@pytest.mark.usefixtures("no_warming")
async def test_a_saved_theme_styles_both_parts(store: Store, settings_file: Path) -> None:
    """A start with a saved theme changes the variables before the second part is added: every rule, old and
    new, must then be parsed with the theme's colours, not with the default theme's."""
    app = make_app(store, settings_file)
    app.settings.theme = "nord"
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.data_loaded.is_set(), "the data to load")
        assert app.theme == "nord"
        footer = app.screen.query_one("Footer")
        themed = footer.styles.background
        await pilot.press("question_mark")  # the second part is added on the way
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help screen")
        await pilot.press("escape")
        await until(pilot, lambda: type(app.screen).__name__ == "DashboardScreen", "the Dashboard again")
        await pilot.pause()
        assert "HelpScreen" in our_rules(app)
        assert app.screen.query_one("Footer").styles.background == themed
        whole = Stylesheet(variables=app.get_css_variables())
        whole.add_source(STYLES.read_text(encoding="utf-8"), read_from=("whole", ""))

        def colours(stylesheet: Stylesheet) -> dict[str, object]:
            """A rule of each part whose colour comes from the theme."""
            found = {rule.selectors: rule.styles for rule in stylesheet.rules}
            return {"first": found[".loading-state"].color, "second": found["#call-header"].background}

        assert colours(app.stylesheet) == colours(whole)
