"""The Dashboard's snapshot: its plan is the Dashboard at every moment it covers, and it is only ever read
for the exact bytes it was made from."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.stages.agenda import HORIZON, build_agenda, plan_agenda
from infoview_tui.store import Store
from infoview_tui.store.dashboard_cache import (
    VALID_FOR,
    QuickDashboard,
    QuickStart,
    fingerprint_file,
    load,
    remember,
    save,
)

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
LATER = [
    timedelta(0),
    timedelta(hours=5, minutes=17),  # later today
    timedelta(days=1),  # tomorrow
    timedelta(days=7),  # next week
    timedelta(days=8, hours=3),
    timedelta(days=29, hours=23),
]


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "infoview.json"
    with Store.open(path, clock=FixedClock(NOW)) as store:
        populate_demo(store, NOW)
    return path


def test_the_plan_is_the_dashboard_at_every_moment_it_covers(demo_file: Path) -> None:
    with Store.open(demo_file, clock=FixedClock(NOW), read_only=True) as store:
        records = (store.contacts.all(), store.outreach.all(), store.interviews.all())
    plan = plan_agenda(*records, NOW, HORIZON + VALID_FOR)
    for step in LATER:
        now = NOW + step
        assert plan.covers(now)
        full = build_agenda(*records, now)
        assert plan.at(now) == full, f"differs at {now}"
        assert any(full.groups().values())  # the demo data shows something at each of these moments
    assert not plan.covers(NOW + VALID_FOR + timedelta(minutes=1))
    assert not plan.covers(NOW - timedelta(minutes=1))


def test_a_saved_snapshot_reads_back_as_the_same_dashboard(demo_file: Path, tmp_path: Path) -> None:
    with Store.open(demo_file, clock=FixedClock(NOW), read_only=True) as store:
        records = (store.contacts.all(), store.outreach.all(), store.interviews.all())
    plan = plan_agenda(*records, NOW, HORIZON + VALID_FOR)
    digest = fingerprint_file(demo_file)
    save(tmp_path / "cache", digest, QuickDashboard(plan, empty=False))
    for step in LATER:
        quick = load(tmp_path / "cache", digest, NOW + step)
        assert quick is not None and not quick.empty
        assert quick.plan.at(NOW + step) == build_agenda(*records, NOW + step)


def test_closing_the_app_keeps_a_snapshot_of_exactly_the_file_on_disk(
    demo_file: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    store = Store.open(demo_file, clock=FixedClock(NOW))
    contact = store.contacts.all()[0]
    from infoview_tui.domain.models import replace

    store.contacts.update(replace(contact, notes="met at the fair"))  # a save during the session
    assert store.close()
    assert store.storage.disk is not None
    assert store.storage.disk.digest == fingerprint_file(demo_file)
    kept = remember(store, cache)
    assert kept is not None and kept.name == f"{fingerprint_file(demo_file).hex()}.json"
    quick = QuickStart(demo_file, cache).result(NOW + timedelta(days=1))
    with Store.open(demo_file, clock=FixedClock(NOW), read_only=True) as reread:
        full = build_agenda(
            reread.contacts.all(), reread.outreach.all(), reread.interviews.all(), NOW + timedelta(days=1)
        )
    assert quick is not None and quick.plan.at(NOW + timedelta(days=1)) == full


def test_an_edited_file_never_shows_the_old_snapshot(demo_file: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with Store.open(demo_file, clock=FixedClock(NOW)) as store:
        pass
    assert remember(store, cache) is not None
    assert QuickStart(demo_file, cache).result(NOW) is not None
    text = demo_file.read_text(encoding="utf-8")
    demo_file.write_text(
        text.replace('"scheduled_at": "2026-11-2', '"scheduled_at": "2026-12-2', 1), encoding="utf-8"
    )
    assert QuickStart(demo_file, cache).result(NOW) is None
    # A forged snapshot: the old one under the edited file's name still names the old bytes inside.
    old = next(cache.glob("*.json"))
    old.rename(cache / f"{fingerprint_file(demo_file).hex()}.json")
    assert QuickStart(demo_file, cache).result(NOW) is None


def test_no_snapshot_outside_its_span_nor_for_a_missing_or_damaged_one(
    demo_file: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    with Store.open(demo_file, clock=FixedClock(NOW)) as store:
        pass
    kept = remember(store, cache)
    assert kept is not None
    assert QuickStart(demo_file, cache).result(NOW + VALID_FOR + timedelta(hours=1)) is None
    assert QuickStart(demo_file, cache).result(NOW - timedelta(hours=1)) is None  # a clock set back
    kept.write_text('{"format": 1, "digest": "', encoding="utf-8")
    assert QuickStart(demo_file, cache).result(NOW) is None
    assert QuickStart(tmp_path / "nothing.json", cache).result(NOW) is None


def test_nothing_is_kept_while_changes_are_unsaved_or_records_not_loaded(
    demo_file: Path, tmp_path: Path
) -> None:
    store = Store.open(demo_file, clock=FixedClock(NOW), preload=False)
    store.close()
    assert remember(store, tmp_path / "cache") is None  # never decoded: nothing known about the records
    assert not (tmp_path / "cache").exists()


def test_the_file_is_fingerprinted_a_block_at_a_time_as_the_store_does(
    demo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoview_tui.store import dashboard_cache

    monkeypatch.setattr(dashboard_cache, "READ_BLOCK", 4099)  # many blocks, the last a partial one
    with Store.open(demo_file, clock=FixedClock(NOW), read_only=True) as store:
        assert store.storage.disk is not None
        assert fingerprint_file(demo_file) == store.storage.disk.digest == whole_file_blake2b(demo_file)


def test_start_up_never_holds_the_whole_file_in_memory(tmp_path: Path) -> None:
    """The fingerprint is read in blocks: a 20 MB file costs about a block, not a copy of it."""
    import tracemalloc

    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 20_000_000)
    tracemalloc.start()
    try:
        assert QuickStart(big, tmp_path / "cache").result(NOW) is None  # no snapshot of it
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4_000_000, f"peak {peak / 1e6:.1f} MB"


@pytest.mark.parametrize("damaged", [["2026-11-20T09:00:00+00:00"], {"sent": "x"}, [1, None, 2, 3], "req"])
def test_a_waiting_request_written_wrong_in_the_snapshot_means_no_snapshot(
    demo_file: Path, tmp_path: Path, damaged: object
) -> None:
    """A snapshot edited or cut short never reaches the Dashboard half-read: the normal start is taken."""
    import json

    cache = tmp_path / "cache"
    with Store.open(demo_file, clock=FixedClock(NOW)) as store:
        pass
    kept = remember(store, cache)
    assert kept is not None and QuickStart(demo_file, cache).result(NOW) is not None
    doc = json.loads(kept.read_text(encoding="utf-8"))
    assert doc["waiting"], "the demo has requests waiting for a reply"
    doc["waiting"][0]["req"] = damaged
    kept.write_text(json.dumps(doc), encoding="utf-8")
    assert QuickStart(demo_file, cache).result(NOW) is None


def whole_file_blake2b(path: Path) -> bytes:
    """The fingerprint worked out another way: hashlib's BLAKE2b of the whole file at once."""
    import hashlib

    return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
