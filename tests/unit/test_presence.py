"""A notebook open on two computers: the rule (is another computer's heartbeat recent), and the Store's
heartbeat (written on open, carried by later saves at most every few minutes, removed on a clean close)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import Contact
from infoview_tui.domain.presence import (
    HEARTBEAT_EVERY,
    RECENT,
    Presence,
    heartbeat_due,
    later,
    open_elsewhere,
    read_presence,
    warning,
)
from infoview_tui.store import Store
from infoview_tui.store.merge import merge_tables

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
HERE = "aaaaaaaaaaaaaaaa"
THERE = "bbbbbbbbbbbbbbbb"


def header(machine: str, age: timedelta, name: str = "Sam-laptop") -> dict[str, object]:
    return {"schema_version": 1, "open_by": Presence(machine, name, NOW - age).encode()}


@pytest.mark.parametrize(
    ("age", "warned"),
    [
        (timedelta(minutes=3), True),
        (timedelta(0), True),
        (RECENT - timedelta(seconds=1), True),
        (RECENT, False),
        (timedelta(hours=5), False),
        (-timedelta(minutes=2), True),  # the other computer's clock is a little ahead
        (-RECENT - timedelta(minutes=1), False),  # far in the future: a broken clock, not a live app
    ],
)
def test_another_computer_counts_while_its_heartbeat_is_recent(age: timedelta, warned: bool) -> None:
    found = open_elsewhere(header(THERE, age), HERE, NOW)
    assert (found is not None) is warned
    if found is not None:
        assert (found.machine, found.name) == (THERE, "Sam-laptop")


def test_this_computer_and_no_header_never_warn() -> None:
    assert open_elsewhere(header(HERE, timedelta(minutes=1)), HERE, NOW) is None
    assert open_elsewhere({"schema_version": 1}, HERE, NOW) is None
    assert open_elsewhere(None, HERE, NOW) is None


@pytest.mark.parametrize(
    "value",
    [
        "Sam",
        {"machine": THERE},
        {"machine": THERE, "heartbeat": "yesterday"},
        {"machine": 7, "heartbeat": NOW.isoformat()},
        {"machine": "", "heartbeat": NOW.isoformat()},
    ],
)
def test_a_hand_edited_open_by_is_ignored(value: object) -> None:
    assert read_presence({"open_by": value}) is None
    assert open_elsewhere({"open_by": value}, HERE, NOW) is None


def test_a_heartbeat_without_a_zone_is_utc_and_a_missing_name_shows_the_id() -> None:
    found = read_presence({"open_by": {"machine": THERE, "heartbeat": "2026-11-25T08:58:00"}})
    assert found == Presence(THERE, THERE, NOW - timedelta(minutes=2))


def test_the_warning_names_the_computer_and_how_long_ago() -> None:
    assert warning(Presence(THERE, "Sam-laptop", NOW - timedelta(minutes=3)), NOW) == (
        "Sam-laptop has this notebook open (last seen 3 min ago)."
    )
    assert warning(Presence(THERE, "Sam-laptop", NOW - timedelta(seconds=20)), NOW).endswith(
        "(last seen just now)."
    )


def test_a_heartbeat_is_due_when_missing_someone_elses_or_old() -> None:
    assert heartbeat_due({}, HERE, NOW)
    assert heartbeat_due(header(THERE, timedelta(0)), HERE, NOW)
    assert not heartbeat_due(header(HERE, HEARTBEAT_EVERY - timedelta(seconds=1)), HERE, NOW)
    assert heartbeat_due(header(HERE, HEARTBEAT_EVERY), HERE, NOW)
    assert heartbeat_due(header(HERE, -timedelta(minutes=1)), HERE, NOW)  # our clock went back


def test_two_copies_that_both_changed_open_by_keep_the_later_one_without_a_conflict() -> None:
    old = {"meta": {"1": {"schema_version": 1}}}
    mine = {"meta": {"1": header(HERE, timedelta(minutes=4), "desk")}}
    theirs = {"meta": {"1": header(THERE, timedelta(minutes=1))}}
    for a, b in ((mine, theirs), (theirs, mine)):
        result = merge_tables(old, a, b)
        assert result.tables["meta"]["1"]["open_by"]["machine"] == THERE
        assert result.report.conflicts == []
    assert later(None, theirs["meta"]["1"]["open_by"]) == theirs["meta"]["1"]["open_by"]
    assert later(mine["meta"]["1"]["open_by"], None) == mine["meta"]["1"]["open_by"]


# The Store's heartbeat ------------------------------------------------------------------------------------


def on_disk(path: Path) -> dict[str, object]:
    header = json.loads(path.read_text())["meta"]["1"]
    assert isinstance(header, dict)
    return header


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


def test_noting_who_has_the_file_open_leaves_the_data_version_alone(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Lists built from the records (Identify's, the chains, the Dashboard's plan) are kept by
    `data_version`: the note the app writes right after loading must not make them all be built again."""
    store = Store.open(tmp_path / "infoview.json", clock=clock)
    try:
        version, data = store.version, store.data_version
        store.announce_open(HERE, "desk")
        assert store.version > version and store.data_version == data
        store.contacts.add(Contact(name="A real change"))
        assert store.data_version == data + 1
    finally:
        store.close()


def test_open_writes_the_heartbeat_saves_carry_it_and_a_clean_close_removes_it(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "infoview.json"
    store = Store.open(path, clock=clock)
    store.announce_open(HERE, "desk")
    assert store.flush()
    assert on_disk(path)["open_by"] == {
        "machine": HERE,
        "name": "desk",
        "heartbeat": "2026-11-25T09:00:00+00:00",
    }

    clock.advance(minutes=2)
    store.contacts.add(Contact(name="Within five minutes"))
    assert store.flush()
    assert on_disk(path)["open_by"]["heartbeat"] == "2026-11-25T09:00:00+00:00"  # type: ignore[index]

    clock.advance(minutes=30)  # idle: nothing is written just to say the app is alive
    version = store.version
    assert store.flush() and store.version == version

    store.contacts.add(Contact(name="Half an hour later"))
    assert store.flush()
    assert on_disk(path)["open_by"]["heartbeat"] == "2026-11-25T09:32:00+00:00"  # type: ignore[index]
    assert store.version == version + 1  # one save carried both

    assert store.close()
    assert "open_by" not in on_disk(path)
    assert on_disk(path)["computers"] == {HERE: "desk"}  # kept, so a merge can say "on desk", not an id
    with Store.open(path, read_only=True) as again:
        assert {c.name for c in again.contacts.all()} == {"Within five minutes", "Half an hour later"}


def test_a_clean_close_leaves_another_computers_open_by_alone(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "infoview.json"
    with Store.open(path, clock=clock) as store:
        store.announce_open(HERE, "desk")
        store._set_header("open_by", Presence(THERE, "Sam-laptop", NOW).encode())  # merged in from there
    assert on_disk(path)["open_by"]["machine"] == THERE  # type: ignore[index]


def test_read_only_after_open_writes_nothing_and_sets_changes_aside(
    tmp_path: Path, clock: FixedClock
) -> None:
    path = tmp_path / "infoview.json"
    with Store.open(path, clock=clock) as first:
        first.contacts.add(Contact(name="Already there"))
    before = path.read_bytes()
    store = Store.open(path, clock=clock)
    store.open_read_only()
    with Store.open(path, clock=clock) as other:  # the lock was let go
        assert len(other.contacts) == 1
    store.contacts.add(Contact(name="Typed while read-only"))
    assert [c.name for c in store.contacts.all()] == ["Already there", "Typed while read-only"]
    assert store.close()
    assert path.read_bytes() == before
    assert store.set_aside is not None and store.set_aside.parent == path.parent
    assert "Typed while read-only" in store.set_aside.read_text()


def test_read_only_with_no_changes_sets_nothing_aside(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "infoview.json"
    Store.open(path, clock=clock).close()
    store = Store.open(path, clock=clock)
    store.open_read_only()
    assert store.close()
    assert store.set_aside is None
    assert sorted(p.name for p in path.parent.iterdir() if p.is_file()) == [
        "infoview.json",
        "infoview.json.lock",
    ]


def backups(path: Path) -> list[Path]:
    folder = path.parent / "backups"
    return sorted(folder.glob("infoview-*.json")) if folder.exists() else []


def test_opening_and_closing_alone_makes_no_backup(tmp_path: Path, clock: FixedClock) -> None:
    """Noting who has the file open is not a change worth a backup: opening the app ten times to look must
    not rotate the real backups away."""
    path = tmp_path / "infoview.json"
    with Store.open(path, clock=clock) as first:
        first.contacts.add(Contact(name="Already there"))
    made = backups(path)
    store = Store.open(path, clock=clock)
    store.announce_open(HERE, "desk")
    assert store.flush() and "open_by" in on_disk(path)
    assert store.close()
    assert backups(path) == made


def test_the_first_real_change_after_opening_still_gets_its_backup(tmp_path: Path, clock: FixedClock) -> None:
    path = tmp_path / "infoview.json"
    with Store.open(path, clock=clock) as first:
        first.contacts.add(Contact(name="Already there"))
    made = backups(path)
    store = Store.open(path, clock=clock)
    store.announce_open(HERE, "desk")
    assert store.flush()
    store.contacts.add(Contact(name="Added this run"))
    assert store.close()
    new = [p for p in backups(path) if p not in made]
    assert len(new) == 1
    kept = new[0].read_text()
    assert "Already there" in kept and "Added this run" not in kept


def test_a_host_name_that_is_not_utf8_is_shown_with_a_replacement_character(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Python hands such a name over with a lone surrogate in it; written into the file's header it made every
    save fail (found by a review)."""
    import socket

    from infoview_tui.config import machine_name

    monkeypatch.setattr(socket, "gethostname", lambda: "lap\udcfftop")
    assert machine_name() == "lap\ufffdtop"
    assert machine_name().encode("utf-8")
