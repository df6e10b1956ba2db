"""Change tracking: every record says when and on which machine it last changed; removals leave tombstones;
the machine id is kept in the config folder."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.config import machine_id
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.ids import is_id
from infoview_tui.domain.models import Contact, Goal, Interview, IntroRequest, Outreach, Question
from infoview_tui.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)
MACHINE = "01JD00000000000000000MACH1"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "infoview.json"


@pytest.fixture
def store(path: Path, clock: FixedClock) -> Any:
    opened = Store.open(path, clock=clock, machine_id=MACHINE)
    yield opened
    opened.close()


def on_disk(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def one_of_each(store: Store) -> list[Any]:
    ana = store.contacts.add(Contact(name="Ana"))
    return [
        ana,
        store.outreach.add(Outreach(contact_id=ana.id, sent_at=NOW)),
        store.interviews.add(Interview(contact_id=ana.id)),
        store.questions.add(Question(text="Why?")),
        store.goals.add(Goal(title="Climate")),
        store.intros.add(IntroRequest(via_contact_id=ana.id, target="someone")),
    ]


def test_every_kind_is_stamped_with_time_and_machine_on_add_and_update(
    store: Store, clock: FixedClock, path: Path
) -> None:
    added = one_of_each(store)
    assert all((r.updated_at, r.updated_by) == (NOW, MACHINE) for r in added)
    clock.set(LATER)
    updated = [store.all_collections()[name].update(r) for name, r in zip(_names(), added, strict=True)]
    assert all((r.updated_at, r.updated_by) == (LATER, MACHINE) for r in updated)
    assert store.flush()
    tables = on_disk(path)
    for name, record in zip(_names(), updated, strict=True):
        doc = tables[name][record.id]
        assert (doc["updated_at"], doc["updated_by"]) == ("2026-11-26T14:30:00+00:00", MACHINE), name


def _names() -> list[str]:
    return ["contacts", "outreach", "interviews", "questions", "goals", "intros"]


def test_another_machine_stamps_its_own_id(path: Path, clock: FixedClock) -> None:
    with Store.open(path, clock=clock, machine_id=MACHINE) as laptop:
        ana = laptop.contacts.add(Contact(name="Ana"))
    with Store.open(path, clock=clock, machine_id="01JD00000000000000000MACH2") as desktop:
        edited = desktop.contacts.update(Contact(name="Ana Lima", id=ana.id, created_at=ana.created_at))
        assert edited.updated_by == "01JD00000000000000000MACH2"
        assert desktop.contacts[ana.id].created_at == NOW  # created stays when it was made


def test_a_removal_leaves_a_tombstone_that_is_never_listed(
    store: Store, path: Path, clock: FixedClock
) -> None:
    added = one_of_each(store)
    clock.set(LATER)
    for name, record in zip(_names(), added, strict=True):
        collection = store.all_collections()[name]
        before = len(collection)
        collection.remove(record.id)
        assert collection.get(record.id) is None and record.id not in {r.id for r in collection.all()}
        assert len(collection) == before - 1
        with pytest.raises(KeyError):
            collection[record.id]
    assert store.flush()
    tables = on_disk(path)
    for name, record in zip(_names(), added, strict=True):
        assert tables[name][record.id] == {
            "deleted": True,
            "updated_at": "2026-11-26T14:30:00+00:00",
            "updated_by": MACHINE,
        }, name
    exported = store.export_dict()
    assert all(
        record.id not in {r["id"] for r in exported[name]}
        for name, record in zip(_names(), added, strict=True)
    )


def test_a_tombstone_survives_reopening_and_its_id_is_not_reused(path: Path, clock: FixedClock) -> None:
    with Store.open(path, clock=clock, machine_id=MACHINE) as store:
        gone = store.contacts.add(Contact(name="Gone"))
        kept = store.contacts.add(Contact(name="Kept"))
        store.contacts.remove(gone.id)
    with Store.open(path, clock=clock, machine_id=MACHINE) as store:
        assert [c.name for c in store.contacts.all()] == ["Kept"]
        assert len(store.contacts) == 1 and store.contacts.get(gone.id) is None
        with pytest.raises(ValueError):
            store.contacts.add(Contact(name="Again", id=gone.id))  # the tombstone still holds the id
        store.contacts.remove(gone.id)  # removing again changes nothing
        assert store.contacts[kept.id].name == "Kept"
    assert on_disk(path)["contacts"][gone.id]["deleted"] is True


def test_a_record_added_with_its_own_id_keeps_it(store: Store) -> None:
    fixed = "01JD0000000000000000000001"
    saved = store.goals.add(Goal(title="Imported", id=fixed))
    assert saved.id == fixed and store.goals[fixed].title == "Imported"
    with pytest.raises(ValueError):
        store.goals.add(Goal(title="Twice", id=fixed))


def test_records_are_listed_in_id_order_which_is_the_order_they_were_added(
    store: Store, clock: FixedClock
) -> None:
    names = [f"Person {i}" for i in range(30)]
    for name in names:
        store.contacts.add(Contact(name=name))  # the same millisecond: ids still increase
    clock.set(LATER)
    store.contacts.add(Contact(name="Later"))
    ids = [c.id for c in store.contacts.all()]
    assert ids == sorted(ids) and all(is_id(i) for i in ids)
    assert [c.name for c in store.contacts.all()] == [*names, "Later"]


def test_machine_id_is_made_once_kept_private_and_stable(tmp_path: Path) -> None:
    target = tmp_path / "config" / "machine-id"
    first = machine_id(target)
    assert is_id(first)
    assert target.read_text(encoding="utf-8").strip() == first
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert machine_id(target) == first


def test_a_damaged_machine_id_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "machine-id"
    target.write_text("not an id\n", encoding="utf-8")
    replaced = machine_id(target)
    assert is_id(replaced) and target.read_text(encoding="utf-8").strip() == replaced


def test_the_store_uses_this_machines_id_from_the_config_folder(path: Path, clock: FixedClock) -> None:
    with Store.open(path, clock=clock) as store:  # no injected id: the config folder's (isolated by conftest)
        ana = store.contacts.add(Contact(name="Ana"))
        assert ana.updated_by == store.machine_id == machine_id()
        assert is_id(ana.updated_by)


def test_the_json_backup_carries_ids_and_change_stamps_and_no_tombstones(store: Store) -> None:
    from infoview_tui.exchange.json_backup import export_json

    added = one_of_each(store)
    store.goals.remove(added[4].id)
    backup = json.loads(export_json(store.export_dict()))
    assert backup["schema_version"] == 2
    for name in _names():
        for record in backup[name]:
            assert is_id(record["id"]) and record["updated_by"] == MACHINE, name
            assert record["updated_at"] == "2026-11-25T09:00:00+00:00", name
    assert backup["goals"] == []
    [interview] = backup["interviews"]
    [contact] = backup["contacts"]
    assert interview["contact_id"] == contact["id"]


def test_a_record_added_with_an_older_id_is_listed_where_its_id_puts_it(store: Store) -> None:
    store.goals.add(Goal(title="Newer"))
    older = store.goals.add(Goal(title="Older", id="01JD0000000000000000000001"))
    assert [g.title for g in store.goals.all()] == ["Older", "Newer"]
    assert store.goals.all()[0] == older
