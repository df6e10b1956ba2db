"""Start-up finds the conflict copies sync tools left beside the data file, offers each, and merges one
(the stored data has what only it had; the copy moves to backups/), or never offers it again."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from infoview_tui.domain.models import replace
from infoview_tui.store import Store
from infoview_tui.store.conflict_copies import ignored_copies
from infoview_tui.ui.screens.merge_offer import MergeCopyScreen

from .conftest import make_app, until

DROPBOX = "infoview (Sam's conflicted copy 2026-11-29).json"
SYNCTHING = "infoview.sync-conflict-20261129-101500-ABCDEFG.json"
ZOE, YURI = "01JDQ00000000000000000Z0E1", "01JDQ0000000000000000Y0R11"
"""Contacts the other computers made (ids this one never makes)."""


def write_copy(store: Store, name: str, change: Callable[[dict[str, Any]], None]) -> Path:
    """Another computer's copy of the stored data, changed by `change`, under a conflict-copy name."""
    assert store.flush()
    tables = json.loads(store.path.read_text(encoding="utf-8"))
    change(tables)
    target = store.path.with_name(name)
    target.write_text(json.dumps(tables), encoding="utf-8")
    return target


def add_contact(name: str, key: str) -> Callable[[dict[str, Any]], None]:
    return lambda tables: tables["contacts"].__setitem__(
        key, {"name": name, "updated_at": "2026-11-29T10:00:00+00:00"}
    )


def offer_text(pilot: Pilot[None]) -> str:
    screen = pilot.app.screen
    return (
        str(screen.query_one("#merge-offer-text", Static).render())
        if isinstance(screen, MergeCopyScreen)
        else ""
    )


async def test_start_up_offers_each_copy_merges_one_and_never_offers_the_other_again(
    demo_store: Store, settings_file: Path
) -> None:
    dropbox = write_copy(demo_store, DROPBOX, add_contact("Zoe From Laptop", ZOE))
    syncthing = write_copy(demo_store, SYNCTHING, add_contact("Yuri From Phone", YURI))
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Zoe From Laptop" in offer_text(pilot), "the offer for the Dropbox copy")
        assert "Dropbox left a copy" in offer_text(pilot) and "add: 1 record" in offer_text(pilot)
        await pilot.press("m")
        await until(pilot, lambda: "Yuri From Phone" in offer_text(pilot), "the offer for the Syncthing copy")
        assert "Syncthing left a copy" in offer_text(pilot)
        await pilot.press("v")
        await until(pilot, lambda: not isinstance(pilot.app.screen, MergeCopyScreen), "the offers to end")
        assert demo_store.flush()
    names = {c.name for c in demo_store.contacts.all()}
    assert "Zoe From Laptop" in names and "Yuri From Phone" not in names
    stored = json.loads(demo_store.path.read_text(encoding="utf-8"))
    assert stored["contacts"][ZOE]["name"] == "Zoe From Laptop"  # on disk, not only in memory
    backups = demo_store.path.parent / "backups"
    assert not dropbox.exists() and (backups / DROPBOX).exists()
    assert syncthing.exists() and ignored_copies(demo_store.path) == {SYNCTHING}


async def test_not_now_leaves_the_copy_and_the_data_alone(demo_store: Store, settings_file: Path) -> None:
    copy = write_copy(demo_store, "infoview-LAPTOP.json", add_contact("Zoe From Laptop", ZOE))
    before = demo_store.path.read_bytes()
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "OneDrive left a copy" in offer_text(pilot), "the offer")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(pilot.app.screen, MergeCopyScreen), "the offer to close")
        assert demo_store.flush()
    assert copy.exists() and not ignored_copies(demo_store.path)
    after = json.loads(demo_store.path.read_bytes())
    after["meta"] = json.loads(before)["meta"]  # the header says this computer has the file open
    assert after == json.loads(before)
    assert "Zoe From Laptop" not in {c.name for c in demo_store.contacts.all()}


async def test_a_copy_that_cannot_be_merged_is_named_and_left_alone(
    demo_store: Store, settings_file: Path
) -> None:
    broken = demo_store.path.with_name(SYNCTHING)
    broken.write_text("{half a file", encoding="utf-8")
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await until(
            pilot,
            lambda: any("cannot be merged" in str(n.message) for n in pilot.app._notifications),
            "the notification naming the broken copy",
        )
        assert not isinstance(pilot.app.screen, MergeCopyScreen)
    assert broken.read_text(encoding="utf-8") == "{half a file"


SET_ASIDE = "Title on laptop-3f2a: '[b]Data[/b] lead' (kept 'Analytics lead' from 2026-11-28 14:02)"


async def test_values_set_aside_by_a_merge_show_as_plain_text_on_the_contact_and_the_workspace(
    demo_store: Store, settings_file: Path
) -> None:
    from infoview_tui.ui.screens.workspace import WorkspaceScreen

    from .test_dialogs_fit import contact_named, on_identify

    fatima = contact_named(demo_store, "Fatima Al-Sayed")
    demo_store.contacts.update(replace(fatima, merged=(SET_ASIDE,)))
    demo_store.interviews.update_many(
        replace(iv, merged=(SET_ASIDE, "Location on desk: 'Room 4' (kept 'Zoom')"))
        for iv in demo_store.interviews.all()
    )
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await on_identify(pilot, demo_store, "Fatima Al-Sayed")
        await pilot.press("enter")
        await until(pilot, lambda: bool(pilot.app.screen.query("#detail-text")), "the contact's details")
        text = str(pilot.app.screen.query_one("#detail-text", Static).render())
        assert "Merged from another copy" in text and SET_ASIDE in text  # brackets shown as typed
        await pilot.press("escape")
        await pilot.press("2")
        await until(pilot, lambda: bool(pilot.app.screen.query("#interviews")), "the Prepare table")
        await pilot.pause()
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, WorkspaceScreen), "the workspace")
        header = str(pilot.app.screen.query_one("#workspace-header", Static).render())
        assert f"Merged from another copy: {SET_ASIDE} (+1 more)" in header
