"""The Footer every screen uses: Textual's compact Footer, with each key compact from birth (no restyle of its
own as it mounts), showing the same keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from infoview_tui.store import Store
from infoview_tui.ui.widgets.footer import Footer


class _Keys(App[None]):
    BINDINGS = [
        Binding("f2", "add", "Add"),
        Binding("f3", "edit", "Edit"),
        Binding("f4", "hidden", "Hidden", show=False),
    ]

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self._footer = footer

    def action_add(self) -> None: ...

    def action_edit(self) -> None: ...

    def action_hidden(self) -> None: ...

    def compose(self) -> ComposeResult:
        yield Input()
        yield self._footer


@pytest.fixture
def restyled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of every FooterKey that restyled itself, in order."""
    seen: list[str] = []
    update = FooterKey.update_node_styles

    def counting(self: FooterKey, *args: Any, **kwargs: Any) -> None:
        seen.append(self.key)
        update(self, *args, **kwargs)

    monkeypatch.setattr(FooterKey, "update_node_styles", counting)
    return seen


async def test_keys_are_compact_from_birth_and_never_restyle_for_it(restyled: list[str]) -> None:
    app = _Keys(Footer())
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):  # the Footer draws its keys once the screen's bindings are known
            if len(app.query(FooterKey)) >= 3:
                break
            await pilot.pause()
        keys = list(app.query(FooterKey))
        assert [k.key for k in keys if k.description] == ["f2", "f3", "ctrl+p"]
        bound = [k for k in keys if not k.has_class("-command-palette")]  # Textual keeps that one compact
        assert all(k.has_class("-compact") and k.compact for k in bound)
        app.query_one(Input).blur()  # the Footer builds its keys again as the bindings change
        await pilot.pause()
        await pilot.pause()
        again = [k for k in app.query(FooterKey) if not k.has_class("-command-palette")]
        assert again and all(k.has_class("-compact") for k in again)
    assert restyled == []  # no key restyled itself for the class (the screen's own restyle is not counted)


class _Toggle(App[None]):
    """f2 is enabled while `allowed`; the Footer must follow it, and nothing else."""

    BINDINGS = [Binding("f2", "add", "Add"), Binding("f3", "edit", "Edit")]

    def __init__(self) -> None:
        super().__init__()
        self.allowed = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return (True if self.allowed else None) if action == "add" else True  # None: shown, disabled

    def action_add(self) -> None: ...

    def action_edit(self) -> None: ...

    def compose(self) -> ComposeResult:
        yield Input(id="one")
        yield Input(id="two")
        yield Footer()


async def footer_settled(pilot: Pilot[None], footer: Footer) -> None:
    """Let planned rebuilds run: a few refreshes after the last change."""
    for _ in range(5):
        await pilot.pause()
    for _ in range(200):
        if not footer._rebuild_planned:
            return
        await pilot.pause()


async def test_the_keys_are_built_again_only_when_what_they_show_changes() -> None:
    app = _Toggle()
    async with app.run_test(size=(80, 24)) as pilot:
        footer = app.query_one(Footer)
        for _ in range(200):
            if len(app.query(FooterKey)) >= 3:
                break
            await pilot.pause()
        await footer_settled(pilot, footer)
        builds = footer.builds
        add = next(k for k in app.query(FooterKey) if k.key == "f2")
        assert not add.has_class("-disabled")

        for _ in range(5):  # a burst of "bindings may have changed" with nothing changed
            app.screen.refresh_bindings()
        await pilot.press("tab")  # focus moves between two inputs: the same keys
        await footer_settled(pilot, footer)
        assert footer.builds == builds

        app.allowed = False  # now f2 is disabled: the Footer shows it so, after one rebuild
        app.screen.refresh_bindings()
        app.screen.refresh_bindings()
        await footer_settled(pilot, footer)
        assert footer.builds == builds + 1
        add = next(k for k in app.query(FooterKey) if k.key == "f2")
        assert add.has_class("-disabled") and add.has_class("-compact")


@pytest.mark.parametrize("section", ["1", "2", "3", "4", "5"])
async def test_at_80_columns_every_section_shows_help_first(
    demo_store: Store, settings_file: Path, section: str
) -> None:
    """Identify and Conduct have more keys than 80 columns hold, and the Footer cuts the end of its line: `? Help`
    came last there and was cut off. It comes first now, on every section, and is on the screen."""
    from .conftest import make_app, until

    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(app.screen.query(FooterKey)), "the Dashboard's keys")
        await pilot.press("escape", section)

        def keys() -> list[FooterKey]:
            shown = [key for key in app.screen.query(FooterKey) if not key.has_class("-command-palette")]
            return shown if len(shown) > 1 or section in "24" else []  # the section's own keys are drawn

        await until(
            pilot, lambda: type(app.screen).__name__ != "DashboardScreen" and bool(keys()), "its keys"
        )
        first = keys()[0]
        assert (first.key_display, first.description) == ("?", "Help")
        assert first.region.x == 0 and first.region.right <= 80

        def bottom_line() -> str:
            strips = app.screen._compositor.render_strips()
            return "".join(segment.text for segment in strips[-1])

        # Drawn, at the start of the bottom line: waited for, since the keys are laid out a moment before they
        # are drawn (on a busy machine the bottom line was still blank when it was read).
        await until(pilot, lambda: bottom_line().startswith("? Help"), "'? Help' drawn at the bottom left")


class _Grouped(App[None]):
    """Two keys in one shown group: Textual draws them inside a key group, under one label."""

    ARROWS = Binding.Group("Move")
    BINDINGS = [
        Binding("f5", "left", "Left", group=ARROWS),
        Binding("f6", "right", "Right", group=ARROWS),
        Binding("f1", "help", "Help"),
    ]

    def action_left(self) -> None: ...

    def action_right(self) -> None: ...

    def action_help(self) -> None: ...

    def compose(self) -> ComposeResult:
        yield Input()
        yield Footer()


async def test_keys_in_a_group_are_compact_from_birth_and_help_still_comes_first(restyled: list[str]) -> None:
    from textual.widgets._footer import KeyGroup

    app = _Grouped()
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if app.query(KeyGroup) and len(app.query(FooterKey)) >= 4:
                break
            await pilot.pause()
        footer = app.query_one(Footer)
        grouped = list(app.query_one(KeyGroup).query(FooterKey))
        assert [k.key for k in grouped] == ["f5", "f6"]  # the group kept its keys
        assert all(k.has_class("-compact") for k in grouped)
        first = next(iter(footer.children))
        assert isinstance(first, FooterKey) and first.key == "f1"  # help first, before the group
    assert restyled == []


async def test_a_contacts_details_has_help_first_and_opens_it(demo_store: Store, settings_file: Path) -> None:
    """The contact details are a dialog, where the app's ? did not reach: ? and F1 did nothing and the Footer
    had no `? Help`. It has its own now, shown first, and it lists that screen's keys."""
    from infoview_tui.ui.screens.contact_detail import ContactDetailScreen
    from infoview_tui.ui.screens.help import HelpScreen

    from .conftest import make_app, until

    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await until(pilot, lambda: bool(app.screen.query("#contacts")), "Identify")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ContactDetailScreen), "the details")
        await until(pilot, lambda: bool(app.screen.query(FooterKey)), "its keys")
        first = next(key for key in app.screen.query(FooterKey) if not key.has_class("-command-palette"))
        assert (first.key_display, first.description) == ("?", "Help")
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        text = str(app.screen.query_one("#help-text").render())
        assert "Log intro made" in text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ContactDetailScreen), "back to the details")
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help by F1")
