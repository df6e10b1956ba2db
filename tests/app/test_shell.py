"""Pilot tests for the app shell: section keys, the Dashboard, Enter opens an item, help, palette, theme."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from infoview_tui.domain.models import Contact, Interview, Stage
from infoview_tui.stages.agenda import Section
from infoview_tui.store import Store
from infoview_tui.ui.screens.dashboard import DashboardScreen
from infoview_tui.ui.screens.help import HelpScreen
from infoview_tui.ui.screens.identify import IdentifyScreen
from infoview_tui.ui.screens.workspace import WorkspaceScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, make_app


def _static_text(widget: Static) -> str:
    return str(widget.render())


async def test_section_keys_switch_modes_and_show_the_current_section(
    store: Store, settings_file: Path
) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_mode == "dashboard"
        for section in (
            Section.IDENTIFY,
            Section.PREPARE,
            Section.CONDUCT,
            Section.FOLLOW_UP,
            Section.REFLECT,
        ):
            await pilot.press(str(section.value))
            await pilot.pause()
            assert app.current_mode == section.mode
            assert app.screen.query_one("SectionBar").current is section  # type: ignore[attr-defined]
        await pilot.press("0")
        await pilot.pause()
        assert app.current_mode == "dashboard"
        assert isinstance(app.screen, DashboardScreen)


async def test_empty_file_shows_a_welcome_that_says_what_to_press(store: Store, settings_file: Path) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        welcome = app.screen.query_one("#welcome", Static)
        assert welcome.display and app.screen.has_class("-empty")
        assert "Press 1" in _static_text(welcome)
        assert not app.screen.query_one("#agenda", OptionList).display
        await pilot.press("1")
        await pilot.pause()
        empty = app.screen.query_one("#empty", Static)
        assert empty.display and "No contacts yet" in _static_text(empty)


async def test_dashboard_lists_what_is_due_from_demo_data(demo_store: Store, settings_file: Path) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        agenda = app.screen.query_one("#agenda", OptionList)
        lines = [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]
        text = "\n".join(lines)
        for heading in (
            "Upcoming interviews",
            "Waiting for a reply",
            "Thank-you notes owed",
            "Reflections to write",
            "Check-ins and next steps",
        ):
            assert heading in text
        assert "(10 min early)" in text  # an interview within the hour
        assert "3B:" in text and "7B:" in text  # outreach nudges
        assert "thank-you due" in text
        summary = _static_text(app.screen.query_one("#dashboard-summary", Static))
        assert "to do now" in summary and "Conducted" in summary
        asked = len({item.contact_id for item in demo_store.outreach.all()})
        # people asked, not a stage no interview is stored at
        assert asked > 0 and f"Reached out {asked} " in summary


async def test_enter_on_a_dashboard_item_opens_it_in_its_section(store: Store, settings_file: Path) -> None:
    person = store.contacts.add(Contact(name="Grace Hopper", company="Navy"))
    interview = store.interviews.add(
        Interview(contact_id=person.id, scheduled_at=NOW.replace(day=27, hour=15), stage=Stage.SCHEDULED)
    )
    for filler in range(5):
        store.interviews.add(
            Interview(
                contact_id=person.id,
                scheduled_at=NOW.replace(day=28, hour=10 + filler),
                stage=Stage.SCHEDULED,
            )
        )
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        agenda = app.screen.query_one("#agenda", OptionList)
        assert agenda.has_focus
        await pilot.press("down")  # the first selectable line: the soonest interview
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "prepare"
        assert isinstance(app.screen, WorkspaceScreen)  # the interview's preparation workspace
        assert app.screen.interview_id == interview.id


async def test_help_lists_keys_and_the_data_file(store: Store, settings_file: Path) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = _static_text(app.screen.query_one("#help-text", Static))
        assert str(store.path) in text
        assert "ctrl+q" in text and "ctrl+p" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_palette_goes_to_a_section_and_opens_a_contact(store: Store, settings_file: Path) -> None:
    ada = store.contacts.add(Contact(name="Ada Lovelace", company="Analytical Engines"))
    store.contacts.add(Contact(name="Charles Babbage"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to: 2")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.current_mode == "prepare"

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"lovelace")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.current_mode == "identify"
        assert isinstance(app.screen, IdentifyScreen)
        assert app.screen.query_one("#contacts", RecordTable).cursor_key == str(ada.id)


async def test_theme_is_remembered_between_runs(store: Store, settings_file: Path) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert json.loads(settings_file.read_text())["theme"] == "nord"
    second = make_app(store, settings_file)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert second.theme == "nord"


async def test_unknown_saved_theme_falls_back_quietly(store: Store, settings_file: Path) -> None:
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text('{"theme": "no-such-theme"}')
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme in app.available_themes


async def test_palette_export_writes_a_json_backup(demo_store: Store, settings_file: Path) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.action_export_json()
        await app.workers.wait_for_complete()
        await pilot.pause()
    exports = list((demo_store.path.parent / "exports").glob("*.json"))
    assert len(exports) == 1
    data = json.loads(exports[0].read_text(encoding="utf-8"))
    assert len(data["contacts"]) == len(demo_store.contacts)


async def test_a_failed_save_is_reported_not_raised(
    store: Store, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoview_tui.store import storage

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    assert store.flush()  # the new file's first write is done before the disk "fills up"
    monkeypatch.setattr(storage, "write_atomic", broken)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        store.contacts.add(Contact(name="Kept In Memory"))
        for _ in range(20):
            await pilot.pause(0.05)
            if app._notifications:
                break
        messages = [n.message for n in app._notifications]
        assert any("No space left" in m and "kept" in m for m in messages)
    monkeypatch.undo()
    assert store.flush(timeout=5) or store.flush(timeout=5)
    assert "Kept In Memory" in store.path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("read_only", "note", "flags"),
    [(False, "", []), (True, "", ["READ-ONLY"]), (False, "DEMO DATA", ["DEMO DATA"])],
)
async def test_the_section_bar_keeps_every_section_and_its_flag_at_80_columns(
    read_only: bool, note: str, flags: list[str]
) -> None:
    """READ-ONLY pushed "5 Reflect" off an 80-column screen, and the DEMO DATA note after it never showed:
    the brand gives way first, then the flag's padding."""
    from textual.app import App, ComposeResult

    from infoview_tui.stages.agenda import Section
    from infoview_tui.ui.widgets import SectionBar

    class Bar(App[None]):
        def compose(self) -> ComposeResult:
            yield SectionBar(Section.IDENTIFY, note=note, read_only=read_only)

    app = Bar()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = "".join(s.text for s in app.screen._compositor.render_strips()[0]).rstrip()
    assert all(f"{s.value} {s.title}" in line for s in Section), line
    assert all(flag in line for flag in flags), line
    assert ("infoview" in line) == (not flags)  # the brand only where nothing else needs its room
