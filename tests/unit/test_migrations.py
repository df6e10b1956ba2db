"""Tests for infoview_tui.store.migrations and opening old files through Store."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.ids import is_id
from infoview_tui.domain.models import Contact, HowKnown
from infoview_tui.store import SCHEMA_VERSION, DataFileError, Store
from infoview_tui.store.migrations import KNOWN_TABLES, MIGRATIONS, file_version, migrate
from infoview_tui.store.storage import backup_dir, base_path

T0 = datetime(2026, 3, 4, 9, 0, tzinfo=timezone(timedelta(hours=1)))

V0: dict[str, Any] = {
    "_default": {},
    "contacts": {
        "1": {"name": "Ana", "how_known": "friend of a friend", "company": "Acme"},
        "2": {"name": "Bo", "how_known": "mentor"},
        "3": {"name": "Cy"},
    },
    "outreach": {"1": {"contact_id": 1, "sent_at": "2026-02-01T10:00:00+00:00"}},
    "goals": {},
}


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "data" / "infoview.json"
    target.parent.mkdir()
    return target


def by_name(store: Store) -> dict[str, Contact]:
    return {c.name: c for c in store.contacts.all()}


# --- the migration functions -----------------------------------------------------------------------------


def test_schema_version_is_two_and_every_step_exists() -> None:
    assert SCHEMA_VERSION == 2
    assert set(MIGRATIONS) == set(range(SCHEMA_VERSION))


@pytest.mark.parametrize(
    ("tables", "version"),
    [
        ({}, 0),
        ({"contacts": {}}, 0),
        ({"meta": {}}, 0),
        ({"meta": {"1": {}}}, 0),
        ({"meta": {"1": {"schema_version": 1}}}, 1),
        ({"meta": {"1": {"schema_version": 7, "created_by": "9.0"}}}, 7),
    ],
)
def test_file_version(tables: dict[str, Any], version: int) -> None:
    assert file_version(tables) == version


@pytest.mark.parametrize("bad", ["1", -1, 1.0, None, [1]])
def test_file_version_refuses_a_bad_header(bad: Any) -> None:
    with pytest.raises(ValueError, match="schema_version"):
        file_version({"meta": {"1": {"schema_version": bad, "created_by": "x"}}})


def test_migrate_v0_to_v1() -> None:
    migrated = MIGRATIONS[0](copy.deepcopy(V0))
    assert file_version(migrated) == 1
    assert migrated["meta"]["1"]["schema_version"] == 1
    assert "_default" not in migrated
    assert migrated["contacts"]["1"] == {"name": "Ana", "how_known": "cold", "company": "Acme"}
    assert migrated["contacts"]["2"]["how_known"] == "mentor"  # a known value is kept
    assert "how_known" not in migrated["contacts"]["3"]  # missing stays missing (the default applies)
    assert migrated["outreach"] == V0["outreach"]
    assert migrated["goals"] == {}
    assert set(migrated) <= KNOWN_TABLES


def test_migrate_does_not_mutate_its_input() -> None:
    tables = copy.deepcopy(V0)
    migrate(tables)
    assert tables == V0


def test_migrate_current_version_is_a_no_op() -> None:
    tables: dict[str, dict[str, Any]] = {
        "meta": {"1": {"schema_version": 2}},
        "contacts": {"01KWHB6FG0000001DHRHD76RTN": {"name": "A", "how_known": "x"}},
    }
    migrated, start = migrate(copy.deepcopy(tables))
    assert start == 2
    assert migrated == tables


def test_migrate_refuses_a_newer_file() -> None:
    with pytest.raises(KeyError):
        migrate({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}})


def test_every_legacy_how_known_becomes_cold() -> None:
    tables = {
        "contacts": {
            str(i): {"name": "x", "how_known": v}
            for i, v in enumerate(
                ["friend of a friend", "Friend", "neighbour", "", "COLD", "linkedin"], start=1
            )
        }
    }
    migrated, _ = migrate(tables)
    assert {doc["how_known"] for doc in migrated["contacts"].values()} == {"cold"}
    for value in HowKnown:
        kept = MIGRATIONS[0]({"contacts": {"1": {"name": "x", "how_known": value.value}}})
        assert kept["contacts"]["1"]["how_known"] == value.value


# --- opening a version-0 file --------------------------------------------------------------------------


def test_v0_file_opens_migrated_in_memory_and_untouched_on_disk(path: Path, clock: FixedClock) -> None:
    raw = json.dumps(V0).encode()
    path.write_bytes(raw)
    with Store.open(path, clock=clock) as store:
        assert store.migrated_from == 0
        people = by_name(store)
        ana = people["Ana"]
        assert ana.how_known is HowKnown.COLD
        assert ana.company == "Acme"
        assert people["Bo"].how_known is HowKnown.MENTOR
        assert people["Cy"].how_known is HowKnown.COLD
        [outreach] = store.outreach.all()
        assert outreach.sent_at == datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
        assert outreach.contact_id == ana.id  # the reference followed the new id
        assert len(store.questions) == 0  # an existing file is not re-seeded
    # Nothing was written: the old file stays as it was until the first save.
    assert path.read_bytes() == raw
    assert not backup_dir(path).exists() or list(backup_dir(path).iterdir()) == []


def test_v0_file_after_a_write_is_version_2_with_a_backup(path: Path, clock: FixedClock) -> None:
    raw = json.dumps(V0).encode()
    path.write_bytes(raw)
    with Store.open(path, clock=clock) as store:
        store.contacts.add(Contact(name="New"))
        assert store.flush()

    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk["meta"]["1"]["schema_version"] == 2
    assert "_default" not in on_disk
    names = {doc["name"]: (key, doc) for key, doc in on_disk["contacts"].items()}
    # Written from its record in the compact form: `cold` is the default, so the field may be left out.
    assert names["Ana"][1].get("how_known", "cold") == "cold"
    assert all(is_id(key) for key, _doc in names.values())
    assert names["New"][0] == max(on_disk["contacts"])  # the newest id sorts last

    saved = [p for p in backup_dir(path).iterdir() if p != base_path(path)]
    assert len(saved) == 1
    assert saved[0].read_bytes() == raw  # the backup is the untouched version-0 file
    assert "schema_version" not in saved[0].read_text()

    with Store.open(path, clock=clock) as store:
        assert store.migrated_from == 2
        assert [c.name for c in store.contacts.all()] == ["Ana", "Bo", "Cy", "New"]


def test_bare_v0_file_without_default_table(path: Path, clock: FixedClock) -> None:
    path.write_text(json.dumps({"contacts": {"1": {"name": "Ana", "how_known": "friend of a friend"}}}))
    with Store.open(path, clock=clock) as store:
        assert store.migrated_from == 0
        assert store.contacts.all()[0].how_known is HowKnown.COLD


def test_v0_file_read_only_is_migrated_in_memory_only(path: Path, clock: FixedClock) -> None:
    raw = json.dumps(V0).encode()
    path.write_bytes(raw)
    with Store.open(path, clock=clock, read_only=True) as store:
        assert by_name(store)["Ana"].how_known is HowKnown.COLD
        assert store.export_dict()["schema_version"] == SCHEMA_VERSION
    assert path.read_bytes() == raw


def test_v0_file_with_a_non_empty_default_table_is_refused(path: Path, clock: FixedClock) -> None:
    raw = json.dumps({**V0, "_default": {"1": {"foo": "bar"}}}).encode()
    path.write_bytes(raw)
    with pytest.raises(DataFileError, match="not an infoview-tui data file"):
        Store.open(path, clock=clock)
    assert path.read_bytes() == raw


def test_v0_file_with_a_record_of_the_wrong_shape_is_refused(path: Path, clock: FixedClock) -> None:
    raw = json.dumps({"contacts": {"1": {"name": ["not", "a", "name"]}}}).encode()
    path.write_bytes(raw)
    with pytest.raises(DataFileError, match="does not fit"):
        Store.open(path, clock=clock)
    assert path.read_bytes() == raw
