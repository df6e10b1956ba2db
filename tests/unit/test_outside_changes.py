"""The store when another program changes the data file while it is open: detected before each write,
merged record by record, reported, taken into memory (`adopt_outside_changes`) and never overwritten."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.ids import new_id
from infoview_tui.domain.models import Contact, Outreach, replace
from infoview_tui.store import Store
from infoview_tui.store.storage import AtomicStorage, OutsideChange, backup_dir

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "infoview.json"


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    opened = Store.open(path, clock=FixedClock(T0))
    opened.contacts.add(Contact(name="Ana Ours"))
    assert opened.flush()
    yield opened
    opened.close()


def heard(store: Store) -> list[OutsideChange | None]:
    """Collect what the writer reports (as the app would, but on the writer thread)."""
    found: list[OutsideChange | None] = []
    store.set_change_handler(found.append)
    return found


def on_disk(path: Path) -> dict[str, Any]:
    tables: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return tables


def names_on_disk(path: Path) -> list[str]:
    return sorted(doc["name"] for doc in on_disk(path)["contacts"].values())


def replace_outside(path: Path, change: Any) -> bytes:
    """Do what a sync tool does: write a new version beside the file and rename it over; returns its bytes."""
    tables = on_disk(path)
    change(tables)
    raw = json.dumps(tables, indent=1).encode("utf-8")
    tmp = path.with_name("incoming.tmp")
    tmp.write_bytes(raw)
    os.replace(tmp, path)
    return raw


def add_theirs(name: str, doc_id: str = "01KZZZZZZZZZZZZZZZZZZZZZZZ") -> Any:
    return lambda tables: tables["contacts"].__setitem__(doc_id, {"name": name})


def test_an_unchanged_file_is_only_stat_ed_before_a_write(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_read(self: AtomicStorage) -> None:
        raise AssertionError("the common path must not re-read the file")

    monkeypatch.setattr(AtomicStorage, "_read_current", no_read)
    for n in range(3):
        store.contacts.add(Contact(name=f"Quick {n}"))
        assert store.flush()
    assert len(names_on_disk(store.path)) == 4


def test_the_same_bytes_touched_by_another_program_are_not_a_change(store: Store, path: Path) -> None:
    changes = heard(store)
    os.utime(path, ns=(1, 1))  # a new mtime, the same content (a sync tool re-delivering it)
    store.contacts.add(Contact(name="Bo Ours"))
    assert store.flush()
    assert changes == [] and not store.merge_pending
    assert names_on_disk(path) == ["Ana Ours", "Bo Ours"]


def test_a_replaced_file_is_merged_reported_and_backed_up(store: Store, path: Path) -> None:
    changes = heard(store)
    theirs = replace_outside(path, add_theirs("Omar Theirs"))
    store.contacts.add(Contact(name="Bo Ours"))
    assert store.flush()
    assert names_on_disk(path) == ["Ana Ours", "Bo Ours", "Omar Theirs"]
    [change] = [c for c in changes if c is not None]
    assert (
        "merged" in change.message
        and "1 record added" in change.message
        and "nothing was lost" in change.message
    )
    assert change.conflict_copy is None and change.severity == "information"
    assert store.changes == [change]
    assert theirs in [b.read_bytes() for b in backup_dir(path).iterdir()]  # their copy is in backups/ too


def test_a_merge_not_yet_taken_into_memory_survives_every_later_save(store: Store, path: Path) -> None:
    """The race: the app keeps saving from data that lacks their record until it adopts the merge."""
    replace_outside(path, add_theirs("Omar Theirs"))
    store.contacts.add(Contact(name="Bo Ours"))
    assert store.flush()
    for name in ("Cy Ours", "Di Ours"):
        store.contacts.add(Contact(name=name))
        assert store.flush()
        assert "Omar Theirs" in names_on_disk(path)
    assert store.merge_pending
    assert "Omar Theirs" not in [c.name for c in store.contacts.all()]
    adoption = store.adopt_outside_changes()
    assert adoption is not None and adoption.report.added == 1
    assert not store.merge_pending
    assert sorted(c.name for c in store.contacts.all()) == [
        "Ana Ours",
        "Bo Ours",
        "Cy Ours",
        "Di Ours",
        "Omar Theirs",
    ]
    assert store.flush()
    assert names_on_disk(path) == ["Ana Ours", "Bo Ours", "Cy Ours", "Di Ours", "Omar Theirs"]
    assert store.adopt_outside_changes() is None  # nothing more to take


def test_adoption_keeps_changes_made_after_the_merge_and_ids_stay_unique(store: Store, path: Path) -> None:
    theirs_id = new_id(T0)  # made on the other machine: it never equals an id this one makes
    replace_outside(path, add_theirs("Omar Theirs", doc_id=theirs_id))
    store.contacts.add(Contact(name="Bo Ours"))  # written merged with theirs
    assert store.flush()
    late = store.contacts.add(Contact(name="Late Ours"))
    assert store.flush()
    store.adopt_outside_changes()
    contacts = {c.name: c.id for c in store.contacts.all()}
    assert set(contacts) == {"Ana Ours", "Bo Ours", "Late Ours", "Omar Theirs"}
    assert len(set(contacts.values())) == 4 and contacts["Late Ours"] == late.id
    assert contacts["Omar Theirs"] == theirs_id
    fresh = store.contacts.add(Contact(name="After Adoption"))
    assert fresh.id not in contacts.values()
    assert store.flush()
    assert names_on_disk(path) == ["After Adoption", "Ana Ours", "Bo Ours", "Late Ours", "Omar Theirs"]
    disk_ids = {doc["name"]: k for k, doc in on_disk(path)["contacts"].items()}
    assert disk_ids == {**contacts, "After Adoption": fresh.id}
    assert [c.name for c in store.contacts.all()] == sorted(contacts, key=contacts.__getitem__) + [
        "After Adoption"
    ]  # listed in id (time) order, the other copy's record where its time puts it


def test_records_the_other_copy_added_keep_their_ids_and_references(store: Store, path: Path) -> None:
    omar_id, outreach_id = new_id(T0), new_id(T0)

    def theirs(tables: dict[str, Any]) -> None:
        tables["contacts"][omar_id] = {"name": "Omar Theirs"}
        tables["outreach"] = {outreach_id: {"contact_id": omar_id, "sent_at": "2026-11-20T09:00:00+00:00"}}

    replace_outside(path, theirs)
    ours = store.contacts.add(Contact(name="Bo Ours"))
    assert store.flush()
    store.adopt_outside_changes()
    omar = next(c for c in store.contacts.all() if c.name == "Omar Theirs")
    assert omar.id == omar_id and ours.id != omar_id
    [outreach] = store.outreach.all()
    assert (outreach.id, outreach.contact_id) == (outreach_id, omar.id)
    store.outreach.add(Outreach(contact_id=ours.id, sent_at=T0))
    assert len({o.id for o in store.outreach.all()}) == 2


def test_a_field_changed_in_both_takes_the_later_change_and_notes_the_other_on_the_record(
    store: Store, path: Path
) -> None:
    changes = heard(store)
    ana = store.contacts.all()[0]
    later = "2026-11-25T10:00:00+00:00"  # theirs was changed an hour after ours
    replace_outside(path, lambda t: t["contacts"][ana.id].update(company="Globex", updated_at=later))
    store.contacts.update(replace(ana, company="Initech"))
    assert store.flush()
    stored = on_disk(path)["contacts"][ana.id]
    assert stored["company"] == "Globex"
    [line] = stored["merged"]
    assert line.startswith("Company") and line.endswith(": 'Initech' (kept 'Globex' from 2026-11-25 10:00)")
    [change] = [c for c in changes if c is not None]
    assert change.conflict_copy is None  # the value set aside is on the record: no whole copy needed
    assert not list(path.parent.glob("infoview.conflict-*.json"))
    assert f"contacts {ana.id}: company" in change.message and change.severity == "warning"
    store.adopt_outside_changes()
    assert store.contacts.all()[0].merged == tuple(stored["merged"])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{broken json", "not valid JSON"),
        (b'{"name": "package.json", "version": "1.0.0"}', "not an infoview-tui data file"),
        (b'{"meta": {"1": {"schema_version": 99}}}', "newer infoview-tui"),
        (b'{"meta": {"1": {"schema_version": 1}}, "contacts": {"1": {"name": 42}}}', "does not fit"),
        (b'{"contacts": {"1": {"name": "A"}, "1": {"name": "B"}}}', "occurs twice"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
    ids=["damaged", "foreign", "newer", "bad-record", "duplicate-ids", "nested"],
)
def test_a_copy_that_cannot_be_merged_is_saved_whole_and_ours_written_back(
    store: Store, path: Path, content: bytes, reason: str
) -> None:
    changes = heard(store)
    path.with_name("incoming.tmp").write_bytes(content)
    os.replace(path.with_name("incoming.tmp"), path)
    store.contacts.add(Contact(name="Bo Ours"))
    assert store.flush()
    assert names_on_disk(path) == ["Ana Ours", "Bo Ours"]
    [change] = [c for c in changes if c is not None]
    assert change.severity == "error" and reason in change.message and "cannot be merged" in change.message
    assert change.conflict_copy is not None and change.conflict_copy.read_bytes() == content
    assert change.conflict_copy.parent == path.parent and str(change.conflict_copy) in change.message
    assert stat.S_IMODE(change.conflict_copy.stat().st_mode) == 0o600


def test_a_deleted_file_is_written_again_from_memory(store: Store, path: Path) -> None:
    changes = heard(store)
    path.unlink()
    store.contacts.add(Contact(name="Bo Ours"))
    assert store.flush()
    assert names_on_disk(path) == ["Ana Ours", "Bo Ours"]
    [change] = [c for c in changes if c is not None]
    assert "deleted or moved" in change.message


def test_a_file_edited_in_place_is_noticed(store: Store, path: Path) -> None:
    """An editor that rewrites the same inode (no rename): the size and mtime change."""
    tables = on_disk(path)
    tables["contacts"][new_id(T0)] = {"name": "Edited In"}
    with open(path, "r+b") as handle:
        handle.write(json.dumps(tables).encode())
        handle.truncate()
    store.contacts.add(Contact(name="Bo Ours"))
    assert store.flush()
    assert names_on_disk(path) == ["Ana Ours", "Bo Ours", "Edited In"]


def test_a_stale_copy_saved_after_adoption_keeps_their_changes(store: Store, path: Path) -> None:
    """A form that read a contact before the merge saves its copy: their new email is not reverted."""
    stale = store.contacts.all()[0]
    replace_outside(path, lambda t: t["contacts"][stale.id].update(email="ana@new.test"))
    store.contacts.add(Contact(name="Bo Ours"))
    assert store.flush()
    store.adopt_outside_changes()
    assert store.contacts[stale.id].email == "ana@new.test"
    saved = store.contacts.update(replace(stale, notes="typed in the form"))
    assert (saved.email, saved.notes) == ("ana@new.test", "typed in the form")
    assert store.flush()
    assert on_disk(path)["contacts"][stale.id]["email"] == "ana@new.test"


def test_the_handler_is_told_to_adopt_until_it_does(store: Store, path: Path) -> None:
    changes = heard(store)
    replace_outside(path, add_theirs("Omar Theirs"))
    store.contacts.add(Contact(name="Bo Ours"))
    assert store.flush()
    store.contacts.add(Contact(name="Cy Ours"))
    assert store.flush()
    assert len(changes) == 2 and changes[0] is not None and changes[1] is None  # "still waiting to be taken"
    store.adopt_outside_changes()
    assert store.flush()
    store.contacts.add(Contact(name="Di Ours"))
    assert store.flush()
    assert len(changes) == 2


def test_a_file_created_by_someone_else_before_our_first_write_is_merged(tmp_path: Path) -> None:
    path = tmp_path / "infoview.json"
    storage = AtomicStorage(path, {}, clock=lambda: T0)  # there was no file when the app started
    try:
        path.write_text(json.dumps({"contacts": {"7": {"name": "Early Bird"}}}), encoding="utf-8")
        storage.write({"contacts": {"1": {"name": "Us"}}})
        assert storage.flush()
        assert on_disk(path) == {"contacts": {"1": {"name": "Us"}, "7": {"name": "Early Bird"}}}
    finally:
        storage.close()


def test_a_save_retried_after_a_failure_sets_the_same_copy_aside_once_and_backs_it_up_once(
    store: Store, path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from infoview_tui.store import storage

    os.replace(path, path.with_name("moved.json"))
    path.write_bytes(b"{half a file")
    errors: list[BaseException] = []
    store.set_error_handler(errors.append)
    real_write = storage.write_atomic

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(storage, "write_atomic", failing)
    store.contacts.add(Contact(name="Bo Ours"))
    for _ in range(3):
        assert not store.flush(timeout=5)  # each flush asks for one more attempt
    assert errors
    monkeypatch.setattr(storage, "write_atomic", real_write)
    assert store.flush(timeout=5)
    assert len(list(path.parent.glob("infoview.conflict-*.json"))) == 1
    assert len(list(backup_dir(path).iterdir())) <= 2  # the run's backup, and none for the damaged copy
    assert names_on_disk(path) == ["Ana Ours", "Bo Ours"]


def test_a_profile_the_other_copy_changed_in_the_header_is_kept_by_the_next_save(
    store: Store, path: Path
) -> None:
    """The header is no record (a merge does not count it), but what the other copy put there is written."""
    replace_outside(path, lambda t: t["meta"]["1"].update(profile={"name": "Sam Other"}))
    store.contacts.add(Contact(name="Bo Ours"))
    assert store.flush()
    stored = on_disk(path)
    assert stored["meta"]["1"]["profile"] == {"name": "Sam Other"}
    assert sorted(doc["name"] for doc in stored["contacts"].values()) == ["Ana Ours", "Bo Ours"]
