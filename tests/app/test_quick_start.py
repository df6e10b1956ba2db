"""Start-up from the Dashboard's snapshot: the user's data shows before the file is decoded, equal to what
the full load shows, and keys typed meanwhile are handled once the records are there."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.store import Store
from infoview_tui.store.dashboard_cache import QuickStart, remember
from infoview_tui.ui.app import InfoviewApp
from tests.app.conftest import NOW, SIZE, make_app, until


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


def _demo_with_snapshot(data_path: Path, cache: Path) -> None:
    with Store.open(data_path, clock=FixedClock(NOW)) as store:
        populate_demo(store, NOW)
    assert remember(store, cache) is not None


def _held_back(store: Store) -> threading.Event:
    """The background load waits until the returned event is set (a large file still being decoded)."""
    go_on = threading.Event()
    load_all = store.load_all

    def slow_load_all(**kwargs: bool) -> None:
        assert go_on.wait(20)
        load_all(**kwargs)

    store.load_all = slow_load_all  # type: ignore[method-assign]
    return go_on


def _first_row(app: InfoviewApp) -> str:
    """The Dashboard's first row, or "" while another section (or no row) is on screen."""
    rows = _rows(app) if app.screen.query("#agenda") else []
    return rows[0] if rows else ""


def _rows(app: InfoviewApp) -> list[str]:
    agenda = app.screen.query_one("#agenda", OptionList)
    return [str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count)]


@pytest.mark.parametrize("later", [timedelta(0), timedelta(days=1, hours=2), timedelta(days=7)])
async def test_the_dashboard_from_the_snapshot_is_the_dashboard_of_the_loaded_file(
    data_path: Path, settings_file: Path, tmp_path: Path, later: timedelta
) -> None:
    cache = tmp_path / "cache"
    _demo_with_snapshot(data_path, cache)
    clock = FixedClock(NOW + later)  # today, tomorrow, next week
    store = Store.open(data_path, clock=clock, preload=False)
    go_on = _held_back(store)
    app = InfoviewApp(store, settings_file=settings_file, quick=QuickStart(data_path, cache))
    app.settings.profile_asked = True
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not store.loaded
            quick_rows = _rows(app)
            assert "Upcoming interviews (" in quick_rows[0]
            go_on.set()
            await app.data_loaded.wait()
            await pilot.pause()
            assert store.loaded
            assert _rows(app) == quick_rows
    finally:
        go_on.set()
        store.close()


async def test_keys_typed_while_the_file_loads_are_handled_with_the_full_data(
    data_path: Path, settings_file: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    _demo_with_snapshot(data_path, cache)
    with Store.open(data_path, clock=FixedClock(NOW), read_only=True) as full:
        contacts = len([c for c in full.contacts.all() if not c.archived])
    store = Store.open(data_path, clock=FixedClock(NOW), preload=False)
    go_on = _held_back(store)
    app = make_app(store, settings_file)
    app._quick_start = QuickStart(data_path, cache)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            agenda = app.screen.query_one("#agenda", OptionList)
            before = agenda.highlighted
            await pilot.press("down")  # moves through the snapshot's rows at once
            assert agenda.highlighted != before
            await pilot.press("1")  # Identify needs every contact: it waits for them, never shows a part
            await pilot.pause()
            assert app.current_mode == "identify"
            assert app.screen.query(".loading-state"), "Identify showed a list before the contacts were read"
            go_on.set()
            await app.data_loaded.wait()
            await until(pilot, lambda: bool(app.screen.query("#identify-summary")), "Identify's list")
            text = str(app.screen.query_one("#identify-summary").render())
            assert f"{contacts} contacts" in text
            await pilot.press("0")
            await until(pilot, lambda: "Upcoming interviews (" in _first_row(app), "the Dashboard's rows")
    finally:
        go_on.set()
        store.close()


async def test_conduct_opened_while_the_file_loads_shows_the_call_once_loaded(
    data_path: Path, settings_file: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    _demo_with_snapshot(data_path, cache)
    store = Store.open(data_path, clock=FixedClock(NOW), preload=False)
    go_on = _held_back(store)
    app = make_app(store, settings_file)
    app._quick_start = QuickStart(data_path, cache)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("3")  # the call screen before its records are read: a loading line, no crash
            await pilot.pause()
            assert app.current_mode == "conduct" and app.screen.query(".loading-state")
            go_on.set()
            await app.data_loaded.wait()
            await until(pilot, lambda: bool(app.screen.query("#note")), "the call screen's note field")
            assert app.screen.query_one("#call-questions", OptionList).option_count > 0
            focused = app.screen.focused
            assert focused is not None and focused.id == "note"
    finally:
        go_on.set()
        store.close()


async def test_the_loaded_dashboard_keeps_the_snapshot_until_the_data_changes(
    data_path: Path, settings_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Planning the Dashboard from every record took ~240 ms of the UI thread at 10,000 contacts right after
    loading, in front of the first key. The snapshot is the Dashboard of exactly the bytes decoded, so it
    stays until the data changes; then the Dashboard plans once, and redraws at the same data reuse that."""
    from infoview_tui.domain.models import Contact, Outreach
    from infoview_tui.stages import agenda as agenda_module
    from infoview_tui.stages.agenda import build_agenda
    from infoview_tui.ui.screens import dashboard

    plans: list[object] = []
    real_plan = agenda_module.plan_agenda

    def counted(*args: object, **kwargs: object) -> object:
        plans.append(args)
        return real_plan(*args, **kwargs)  # type: ignore[arg-type]

    cache = tmp_path / "cache"
    _demo_with_snapshot(data_path, cache)
    # Wherever the Dashboard plans from (build_agenda plans too).
    monkeypatch.setattr(agenda_module, "plan_agenda", counted)
    monkeypatch.setattr(dashboard, "plan_agenda", counted, raising=False)
    clock = FixedClock(NOW)
    store = Store.open(data_path, clock=clock, preload=False)
    app = make_app(store, settings_file)
    app._quick_start = QuickStart(data_path, cache)

    def expected_first_group() -> str:
        agenda = build_agenda(store.contacts.all(), store.outreach.all(), store.interviews.all(), clock.now())
        title, items = next(iter(agenda.groups().items()))
        return f"{title} ({len(items)})"

    try:
        async with app.run_test(size=SIZE) as pilot:
            await app.data_loaded.wait()
            await until(pilot, lambda: "Upcoming interviews (" in _first_row(app), "the Dashboard's rows")
            await pilot.pause()
            assert plans == [], "the loaded data was planned again although the snapshot is its Dashboard"
            waiting_before = next(r for r in _rows(app) if r.startswith("Waiting for a reply ("))

            ana = store.contacts.add(Contact(name="Ana Newcomer", company="Fresh Co"))
            store.outreach.add(Outreach(contact_id=ana.id, sent_at=NOW - timedelta(days=1)))
            await pilot.press("1")
            await until(pilot, lambda: app.current_mode == "identify", "Identify")
            await pilot.press("0")
            await until(pilot, lambda: any("Ana Newcomer" in r for r in _rows(app)), "the new request listed")
            assert len(plans) == 1
            waiting_after = next(r for r in _rows(app) if r.startswith("Waiting for a reply ("))
            assert waiting_after != waiting_before

            clock.advance(minutes=3)  # a redraw at the same data: the plan is read, not made again
            await pilot.press("1")
            await until(pilot, lambda: app.current_mode == "identify", "Identify")
            await pilot.press("0")
            await until(pilot, lambda: app.current_mode == "dashboard", "the Dashboard")
            await pilot.pause()
            assert len(plans) == 1
            assert _first_row(app) == expected_first_group()
    finally:
        store.close()


async def test_identify_s_list_is_ready_when_the_records_are(
    data_path: Path, settings_file: Path, tmp_path: Path
) -> None:
    """A key for Identify pressed during the load (before any idle second for warming) finds the contact
    list built on the loading thread, not built then (~100 ms at 10,000 contacts)."""
    from infoview_tui.ui.screens import identify

    _demo_with_snapshot(data_path, tmp_path / "cache")
    store = Store.open(data_path, clock=FixedClock(NOW), preload=False)
    app = make_app(store, settings_file)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await app.data_loaded.wait()
            kept = identify._LISTINGS.get(store)
            assert kept is not None and kept[0][0] == store.data_version
            await pilot.press("1")
            await until(pilot, lambda: bool(app.screen.query("#identify-summary")), "Identify's list")
            assert identify._LISTINGS.get(store) is kept  # drawn from it, not built again
    finally:
        store.close()


async def test_a_failure_building_identify_s_list_ahead_never_fails_the_load(
    data_path: Path, settings_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list built on the loading thread is only a head start (a change made meanwhile could disturb
    it): if it fails, the file still loads and Identify builds its list when shown."""
    from infoview_tui.ui.screens import identify

    _demo_with_snapshot(data_path, tmp_path / "cache")
    store = Store.open(data_path, clock=FixedClock(NOW), preload=False)
    app = make_app(store, settings_file)
    real = identify.listing_for
    calls = 0

    def failing_once(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("dictionary changed size during iteration")
        return real(*args, **kwargs)

    monkeypatch.setattr(identify, "listing_for", failing_once)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.data_loaded.is_set() or app.load_error is not None, "the load")
            assert app.load_error is None and store.loaded
            await pilot.press("1")
            await until(pilot, lambda: bool(app.screen.query("#identify-summary")), "Identify's list")
    finally:
        store.close()


async def test_a_file_replaced_after_start_up_read_it_shows_its_own_dashboard_once_loaded(
    data_path: Path, settings_file: Path, tmp_path: Path
) -> None:
    """The snapshot is the Dashboard of the bytes start-up fingerprinted. When a sync replaces the file
    before the store decodes it, the loaded Dashboard is planned from what was decoded, not kept."""
    cache = tmp_path / "cache"
    _demo_with_snapshot(data_path, cache)
    quick = QuickStart(data_path, cache)
    assert quick.result(NOW) is not None  # start-up found the snapshot of the file as it was
    with Store.open(data_path, clock=FixedClock(NOW)) as other:  # another computer's edit arrives
        for interview in other.interviews.all():
            other.interviews.remove(interview.id)
    store = Store.open(data_path, clock=FixedClock(NOW), preload=False)
    app = make_app(store, settings_file)
    app._quick_start = quick
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: app.data_loaded.is_set() or app.load_error is not None, "the load")
            assert store.interviews.all() == []
            await until(
                pilot,
                lambda: _first_row(app).startswith("Upcoming interviews (0)"),
                "the decoded file's rows",
            )
    finally:
        store.close()
