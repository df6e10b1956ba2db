"""Fault suite: the data file is replaced underneath a running app (a sync tool delivering another machine's
copy). Both sides' records end up in the file and in the app, and the app says what happened; once through
Pilot, once in a real terminal with the installed command."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from infoview_tui.store import Store
from infoview_tui.ui.app import InfoviewApp
from infoview_tui.ui.widgets import RecordTable
from tests.app.conftest import SIZE, make_app
from tests.e2e.conftest import Terminal, installed_command

OTHER_LAPTOP_ID = "01KZ0000000000000000000050"
"""A contact the other computer made: its own ULID, which this one never makes."""


def replace_like_a_sync_tool(path: Path, change: Callable[[dict[str, Any]], None]) -> bytes:
    """Write another version beside the file and rename it over the data file, as Dropbox does."""
    tables = json.loads(path.read_text(encoding="utf-8"))
    change(tables)
    raw = json.dumps(tables, ensure_ascii=False, indent=1).encode("utf-8")
    incoming = path.with_name(".incoming")
    incoming.write_bytes(raw)
    os.replace(incoming, path)
    return raw


def names_on_disk(path: Path) -> list[str]:
    return sorted(doc["name"] for doc in json.loads(path.read_text(encoding="utf-8"))["contacts"].values())


async def add_contact(app: InfoviewApp, pilot: Pilot[None], name: str) -> None:
    """Identify → `a` → type the name → ctrl+s, as a user would."""
    await pilot.press("a")
    await pilot.pause()
    field = app.screen.query_one("#name", Input)
    field.focus()
    await pilot.press(*name)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def wait_until(
    pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = 10.0
) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def messages(app: InfoviewApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_a_file_replaced_underneath_the_app_loses_nothing_and_the_app_says_so(
    store: Store, settings_file: Path
) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await add_contact(app, pilot, "Ana Here")
        await wait_until(
            pilot, lambda: "Ana Here" in store.path.read_text(encoding="utf-8"), "the first save"
        )

        replace_like_a_sync_tool(
            store.path, lambda t: t["contacts"].__setitem__(OTHER_LAPTOP_ID, {"name": "Omar Other Laptop"})
        )

        await add_contact(app, pilot, "Bea Here")
        await wait_until(pilot, lambda: any("merged" in m for m in messages(app)), "the app to be told")
        await wait_until(pilot, lambda: not store.merge_pending, "the merge to be taken into memory")
        table = app.screen.query_one("#contacts", RecordTable)
        await wait_until(pilot, lambda: table.row_count == 3, "the merged contact to show")
        assert sorted(c.name for c in store.contacts.all()) == ["Ana Here", "Bea Here", "Omar Other Laptop"]
        [told] = [m for m in messages(app) if "merged" in m]
        assert "changed by another program" in told and "nothing was lost" in told

        await add_contact(app, pilot, "Cy After")  # a save after the merge keeps it
        await wait_until(pilot, lambda: "Cy After" in store.path.read_text(encoding="utf-8"), "the last save")
    assert store.close()
    assert names_on_disk(store.path) == ["Ana Here", "Bea Here", "Cy After", "Omar Other Laptop"]


async def test_a_copy_that_cannot_be_merged_is_set_aside_and_the_app_names_it(
    store: Store, settings_file: Path
) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await add_contact(app, pilot, "Ana Here")
        await wait_until(
            pilot, lambda: "Ana Here" in store.path.read_text(encoding="utf-8"), "the first save"
        )
        half_synced = store.path.read_bytes()[:300]
        store.path.with_name(".incoming").write_bytes(half_synced)
        os.replace(store.path.with_name(".incoming"), store.path)

        await add_contact(app, pilot, "Bea Here")
        await wait_until(
            pilot, lambda: any("cannot be merged" in m for m in messages(app)), "the app to be told"
        )
        [told] = [m for m in messages(app) if "cannot be merged" in m]
        [copy] = store.path.parent.glob("infoview.conflict-*.json")
        assert str(copy) in told and copy.read_bytes() == half_synced
        assert (copy.stat().st_mode & 0o777) == 0o600
    assert store.close()
    assert names_on_disk(store.path) == ["Ana Here", "Bea Here"]


@pytest.mark.e2e
def test_a_file_replaced_underneath_the_app_in_a_real_terminal(
    tmp_path: Path, terminal_env: dict[str, str], terminals: list[Terminal]
) -> None:
    command = installed_command()
    data = tmp_path / "synced" / "infoview.json"
    t = Terminal([*command, "--data", str(data)], terminal_env)
    terminals.append(t)
    t.wait_for("Welcome to infoview-tui")
    t.send("1")
    t.wait_for("No contacts yet")
    for name in ("Ana Here",):
        t.send("a")
        t.wait_for("Add a contact")
        t.type(name)
        t.wait_for(name)
        t.send("C-s")
        t.wait_for(f"Added {name}")
    deadline = time.monotonic() + 10
    while "Ana Here" not in data.read_text(encoding="utf-8"):
        assert time.monotonic() < deadline, "the first save never reached the disk"
        time.sleep(0.05)

    replace_like_a_sync_tool(
        data, lambda tables: tables["contacts"].__setitem__(OTHER_LAPTOP_ID, {"name": "Omar Other Laptop"})
    )

    t.send("a")
    t.wait_for("Add a contact")
    t.type("Bea Here")
    t.wait_for("Bea Here")
    t.send("C-s")
    t.wait_for("Data file changed outside")  # the notification's title
    t.wait_for("Omar Other Laptop")  # the Identify table shows their record
    t.send("C-q")
    t.wait_for("EXITED:0")
    assert names_on_disk(data) == ["Ana Here", "Bea Here", "Omar Other Laptop"]
