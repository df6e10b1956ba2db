"""Words typed in a dialog that was never saved outlive the app: ctrl+q or a signal with a dialog open keeps
them in a user-only file beside the data file, and the next start says where they are (once)."""

from __future__ import annotations

import stat
from pathlib import Path

from textual.pilot import Pilot

from infoview_tui.domain.models import Contact
from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.screens.contact_form import ContactFormScreen

from .conftest import SIZE, make_app, until


async def open_add_contact(app: InfoviewApp, pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.press("1")
    await until(pilot, lambda: bool(app.screen.query("#contacts")))
    await pilot.press("a")
    await until(pilot, lambda: isinstance(app.screen, ContactFormScreen))
    await pilot.pause()


def unsaved_files(data_path: Path) -> list[Path]:
    return sorted(data_path.parent.glob(f"{data_path.name}.unsaved-*.txt"))


async def test_ctrl_q_with_a_dialog_open_keeps_what_was_typed_in_it(
    store: Store, data_path: Path, settings_file: Path
) -> None:
    store.contacts.add(Contact(name="Ada Lovelace"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_add_contact(app, pilot)
        await pilot.press(*"Grace Hopper")
        app.screen.query_one("#notes").focus()
        await pilot.press(*"met at the meetup")
        await pilot.press("ctrl+q")
    [kept] = unsaved_files(data_path)
    text = kept.read_text(encoding="utf-8")
    assert "Grace Hopper" in text and "met at the meetup" in text
    assert "Add a contact" in text
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert [c.name for c in store.contacts.all()] == ["Ada Lovelace"]  # nothing was saved as a record

    again = make_app(store, settings_file)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in again._notifications]
    assert unsaved_files(data_path) == []
    moved = data_path.parent / "backups" / kept.name
    assert moved.read_text(encoding="utf-8") == text
    assert any(str(moved) in str(m) for m in messages), messages


async def test_a_signal_with_a_dialog_open_keeps_what_was_typed(
    store: Store, data_path: Path, settings_file: Path
) -> None:
    store.contacts.add(Contact(name="Ada Lovelace"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await open_add_contact(app, pilot)
        await pilot.press(*"Katherine Johnson")
        app.save_and_exit()  # what SIGHUP, SIGTERM and SIGINT call
        await pilot.pause()
    [kept] = unsaved_files(data_path)
    assert "Katherine Johnson" in kept.read_text(encoding="utf-8")


async def test_a_dialog_left_as_it_opened_leaves_no_file(
    store: Store, data_path: Path, settings_file: Path
) -> None:
    ada = store.contacts.add(Contact(name="Ada Lovelace", notes="pioneer"))
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await until(pilot, lambda: bool(app.screen.query("#contacts")))
        await pilot.press("e")  # edit: the fields open filled, nothing is changed
        await until(pilot, lambda: isinstance(app.screen, ContactFormScreen))
        await pilot.pause()
        await pilot.press("ctrl+q")
    assert unsaved_files(data_path) == []
    assert store.contacts.get(ada.id) == ada
