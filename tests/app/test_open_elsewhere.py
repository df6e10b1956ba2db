"""Opening a notebook another computer has open: the app asks first, and each answer does what it says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import Contact
from infoview_tui.domain.presence import Presence
from infoview_tui.store import Store
from infoview_tui.ui.screens.open_elsewhere import OpenElsewhereScreen
from infoview_tui.ui.widgets import SectionBar

from .conftest import NOW, make_app, until

HERE = ("aaaaaaaaaaaaaaaa", "desk")
THERE = "bbbbbbbbbbbbbbbb"
SMALL = (80, 24)


def left_open_by(path: Path, machine: str, name: str, age: timedelta) -> bytes:
    """A data file another computer has open (its app is running there): one contact, and its open_by."""
    with Store.open(path, clock=FixedClock(NOW)) as store:
        store.contacts.add(Contact(name="Ravi Shankar"))
    tables = json.loads(path.read_text())
    tables["meta"]["1"]["open_by"] = Presence(machine, name, NOW - age).encode()
    path.write_text(json.dumps(tables))
    return path.read_bytes()


def header_on_disk(path: Path) -> dict[str, object]:
    header = json.loads(path.read_text())["meta"]["1"]
    assert isinstance(header, dict)
    return header


def open_by_machine(path: Path) -> object:
    value = header_on_disk(path).get("open_by")
    return value.get("machine") if isinstance(value, dict) else None


@pytest.fixture
def opened(data_path: Path, clock: FixedClock) -> Iterator[tuple[Store, bytes]]:
    before = left_open_by(data_path, THERE, "Sam-laptop", timedelta(minutes=3))
    store = Store.open(data_path, clock=clock)
    yield store, before
    store.close()


async def the_question(pilot: Pilot[None]) -> OpenElsewhereScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, OpenElsewhereScreen), "the question")
    screen = pilot.app.screen
    assert isinstance(screen, OpenElsewhereScreen)
    return screen


async def test_read_only_writes_nothing_says_so_and_sets_changes_aside(
    opened: tuple[Store, bytes], data_path: Path, settings_file: Path
) -> None:
    store, before = opened
    app = make_app(store, settings_file)
    app._machine = HERE
    async with app.run_test(size=SMALL) as pilot:
        screen = await the_question(pilot)
        assert screen.warning == "Sam-laptop has this notebook open (last seen 3 min ago)."
        await pilot.press("r")
        await until(
            pilot, lambda: not isinstance(pilot.app.screen, OpenElsewhereScreen), "the question to close"
        )
        assert store.holding
        assert all(bar.read_only for bar in pilot.app.screen.query(SectionBar))
        assert "READ-ONLY" in str(pilot.app.screen.query_one(SectionBar).render())
        await pilot.press("1")  # a section opened later says it too
        await until(pilot, lambda: bool(pilot.app.screen.query("#contacts")), "Identify")
        assert pilot.app.screen.query_one(SectionBar).read_only
        store.contacts.add(Contact(name="Typed while read-only"))
    assert store.close()
    assert data_path.read_bytes() == before
    assert store.set_aside is not None and "Typed while read-only" in store.set_aside.read_text()


async def test_escape_is_read_only_too(
    opened: tuple[Store, bytes], data_path: Path, settings_file: Path
) -> None:
    store, before = opened
    app = make_app(store, settings_file)
    app._machine = HERE
    async with app.run_test(size=SMALL) as pilot:
        await the_question(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: store.holding, "read-only")
    assert store.close()
    assert data_path.read_bytes() == before


async def test_open_anyway_says_this_computer_has_it_open(
    opened: tuple[Store, bytes], data_path: Path, settings_file: Path
) -> None:
    store, _before = opened
    app = make_app(store, settings_file)
    app._machine = HERE
    async with app.run_test(size=SMALL) as pilot:
        await the_question(pilot)
        await pilot.press("a")
        await until(
            pilot, lambda: not isinstance(pilot.app.screen, OpenElsewhereScreen), "the question to close"
        )
        assert store.flush() and not store.holding
        assert header_on_disk(data_path)["open_by"] == {
            "machine": HERE[0],
            "name": "desk",
            "heartbeat": "2026-11-25T09:00:00+00:00",
        }
    assert store.close()
    assert "open_by" not in header_on_disk(data_path)  # a clean exit says so


async def test_quit_leaves_the_file_as_it_was(
    opened: tuple[Store, bytes], data_path: Path, settings_file: Path
) -> None:
    store, before = opened
    app = make_app(store, settings_file)
    app._machine = HERE
    async with app.run_test(size=SMALL) as pilot:
        await the_question(pilot)
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running, "the app to end")
    assert store.close()
    assert data_path.read_bytes() == before


@pytest.mark.parametrize(
    ("machine", "age"),
    [(THERE, timedelta(minutes=40)), (HERE[0], timedelta(minutes=1))],
    ids=["stale", "this"],
)
async def test_no_question_for_an_old_heartbeat_or_this_computer(
    data_path: Path, clock: FixedClock, settings_file: Path, machine: str, age: timedelta
) -> None:
    left_open_by(data_path, machine, "Sam-laptop", age)
    store = Store.open(data_path, clock=clock)
    app = make_app(store, settings_file)
    app._machine = HERE
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, lambda: open_by_machine(data_path) == HERE[0], "this computer's heartbeat")
        assert not isinstance(pilot.app.screen, OpenElsewhereScreen)
    assert store.close()
    assert "open_by" not in header_on_disk(data_path)


@pytest.mark.parametrize("answer", ["r", "a"])
async def test_conflict_copies_are_offered_only_once_the_file_may_be_written(
    data_path: Path, clock: FixedClock, settings_file: Path, answer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge offer writes the file, so it waits for the question: not while it is asked (both used to be
    stacked, and merging from the offer on top wrote the file before "read-only" could be chosen), not after
    read-only, and after "open anyway"."""
    from infoview_tui.ui.screens import merge_offer

    before = left_open_by(data_path, THERE, "Sam-laptop", timedelta(minutes=3))
    tables = json.loads(before)
    tables["contacts"]["01JDQ00000000000000000Z0E1"] = {"name": "Zoe From Laptop"}
    data_path.with_name("infoview (Sam's conflicted copy 2026-11-29).json").write_text(json.dumps(tables))
    looked: list[bool] = []
    offer = merge_offer.offer_conflict_copies

    def counted(app: object) -> None:
        looked.append(True)
        offer(app)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_offer, "offer_conflict_copies", counted)
    store = Store.open(data_path, clock=clock)
    app = make_app(store, settings_file)
    app._machine = HERE
    try:
        async with app.run_test(size=SMALL) as pilot:
            await the_question(pilot)
            await pilot.pause()
            assert looked == []
            await pilot.press(answer)
            if answer == "a":
                await until(pilot, lambda: isinstance(app.screen, merge_offer.MergeCopyScreen), "the offer")
            else:
                await until(pilot, lambda: store.holding, "read-only")
                await pilot.pause()
                assert not any(isinstance(s, merge_offer.MergeCopyScreen) for s in app.screen_stack)
    finally:
        store.close()
    if answer == "r":
        assert data_path.read_bytes() == before
