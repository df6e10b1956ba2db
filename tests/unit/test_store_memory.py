"""The store holds each record once: decoded records stand in the tables in place of their documents, a file
in the writer's layout is read a line at a time, and a save copies unchanged documents from the previous file
instead of keeping their text in memory. Checked structurally (what is held, what is encoded), not by timing.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.ids import new_id
from infoview_tui.domain.models import Contact, Interview, Note, Outreach, replace
from infoview_tui.fileio import content_digest
from infoview_tui.store import DataFileError, Store
from infoview_tui.store.storage import (
    Fingerprint,
    Layout,
    parse_tables,
    read_data_file,
    write_atomic,
)

CLOCK = FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "infoview.json"
    with Store.open(path, clock=CLOCK) as store:
        contacts = store.contacts.add_many(Contact(name=f"Person {n}", company="Acme") for n in range(40))
        store.outreach.add_many(Outreach(contact_id=c.id, sent_at=CLOCK.now()) for c in contacts[:10])
        store.interviews.add(
            Interview(
                contact_id=contacts[0].id, notes=(Note(id="n1", text="Zoë said [b]ship[/b]", offset_s=5.0),)
            )
        )
    return path


def by_name(store: Store, name: str) -> Contact:
    return next(c for c in store.contacts.all() if c.name == name)


def assert_held_once(store: Store) -> None:
    """Every stored value of a record table is the very record the collection serves (no document beside it)."""
    tables = store.storage.read()
    for name, collection in store.all_collections().items():
        table = tables.get(name, {})
        assert len(table) == len(collection)
        for key, value in table.items():
            assert not isinstance(value, dict), f"{name} {key} is still a document"
            assert value is collection.get(key)


def test_after_open_every_record_is_held_once(path: Path) -> None:
    with Store.open(path, clock=CLOCK) as store:
        assert store.storage._layout is not None, "the writer's own file is read in its layout"
        assert_held_once(store)


def test_an_id_is_one_string_however_many_records_name_it(path: Path) -> None:
    """A record's id, the key it is stored under and every reference to it from other records are one string
    object once the file is read (not one per record that names it)."""
    with Store.open(path, clock=CLOCK) as store:
        contact = store.contacts.all()[0]
        keys = {key: key for key in store.storage.read()["contacts"]}
        assert keys[contact.id] is contact.id
        outreach = next(o for o in store.outreach.all() if o.contact_id == contact.id)
        interview = store.interviews.all()[0]
        assert outreach.contact_id is contact.id
        assert interview.contact_id is contact.id


def test_records_added_and_changed_are_held_once_too(path: Path) -> None:
    with Store.open(path, clock=CLOCK) as store:
        ana = store.contacts.add(Contact(name="Ana"))
        store.contacts.update(replace(ana, company="Globex"))
        store.outreach.add_many([Outreach(contact_id=ana.id, sent_at=CLOCK.now())])
        assert store.flush()
        assert_held_once(store)
    with Store.open(path, clock=CLOCK) as store:
        assert store.contacts[ana.id].company == "Globex"


def test_a_file_that_was_parsed_whole_is_held_once_after_decoding(path: Path) -> None:
    tables = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(tables, indent=2), encoding="utf-8")  # an editor's layout: parsed whole
    with Store.open(path, clock=CLOCK) as store:
        assert store.storage._layout is None
        assert_held_once(store)


def test_a_document_with_keys_this_version_does_not_know_keeps_them(path: Path) -> None:
    raw = path.read_text(encoding="utf-8").replace(
        '"name": "Person 3"', '"name": "Person 3", "future": [1, 2]'
    )
    path.write_text(raw, encoding="utf-8")
    with Store.open(path, clock=CLOCK) as store:
        person = by_name(store, "Person 3")
        store.contacts.add(Contact(name="Saved After"))  # a save of another record
        assert store.flush()
    assert json.loads(path.read_text(encoding="utf-8"))["contacts"][person.id]["future"] == [1, 2]


def test_reading_in_the_writers_layout_gives_what_a_whole_parse_gives(path: Path) -> None:
    loaded = read_data_file(path)
    assert loaded is not None and loaded.layout is not None
    assert loaded.tables == parse_tables(path.read_bytes())
    raw = path.read_bytes()
    for name, (table, offsets) in loaded.layout.tables.items():
        for n, (key, doc) in enumerate(table.items()):
            assert (
                json.loads(raw[offsets[2 * n] : offsets[2 * n + 1]].decode()[len(json.dumps(key)) + 2 :])
                == doc
            ), name


def _with_line(path: Path, change: Any) -> bytes:
    """The file with the line of contact 2 (in the middle of its table) changed."""
    lines = path.read_bytes().split(b"\n")
    index = next(
        n for n, line in enumerate(lines) if line.startswith(b'  "') and b'{"name": "Person 1",' in line
    )
    lines[index] = change(lines[index])
    return b"\n".join(lines)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda p: p.read_bytes().replace(b"}\n}\n", b"},\n}\n"), "damaged"),  # a trailing comma
        (lambda p: _with_line(p, lambda line: line + b"\n" + line), "occurs twice"),  # an id twice
        (
            lambda p: _with_line(p, lambda line: line.replace(b"{", b'{"name": "x", ', 1)),
            "same field twice",
        ),
        (lambda p: p.read_bytes()[:-3] + b"\n", "damaged"),  # cut short
        (lambda p: _with_line(p, lambda line: line[:20] + b"\xff" + line[20:]), "not a text file"),
    ],
    ids=["trailing-comma", "duplicate-id", "duplicate-field", "cut-short", "not-utf8"],
)
def test_a_near_miss_of_the_layout_is_refused_as_a_whole_parse_would(
    path: Path, edit: Any, message: str
) -> None:
    path.write_bytes(edit(path))
    with pytest.raises(DataFileError, match=message):
        Store.open(path, clock=CLOCK)


@pytest.mark.parametrize(
    "variant",
    [
        lambda raw: raw.replace(b"\n", b"\r\n"),
        lambda raw: b"\xef\xbb\xbf" + raw,
        lambda raw: raw.rstrip(b"\n"),
        lambda raw: json.dumps(json.loads(raw)).encode(),
    ],
    ids=["crlf", "bom", "no-final-newline", "one-line"],
)
def test_other_layouts_of_the_same_data_read_the_same(path: Path, variant: Any) -> None:
    raw = path.read_bytes()
    expected = parse_tables(raw)
    path.write_bytes(variant(raw))
    loaded = read_data_file(path)
    assert loaded is not None and loaded.tables == expected


class Counting:
    """An encoder that counts what it had to serialize."""

    def __init__(self) -> None:
        self.seen: list[Any] = []

    def __call__(self, value: Any) -> Any:
        self.seen.append(value)
        return value


def test_a_save_serializes_only_what_changed_and_copies_the_rest(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    tables: dict[str, dict[str, Any]] = {
        "meta": {"1": {"schema_version": 1}},
        "contacts": {str(n): {"name": f"Person {n}", "tags": ["ä", "x"]} for n in range(1, 200)},
        "goals": {},
    }
    first = Layout()
    write_atomic(target, tables, layout=first)
    changed = {"name": "Zoë Changed"}
    added = {"name": "New"}
    contacts = {**tables["contacts"], "7": changed, "300": added}
    del contacts["150"]
    second = {**tables, "contacts": contacts}
    counting = Counting()
    layout = Layout()
    write_atomic(target, second, encode=counting, previous=first, layout=layout)
    assert counting.seen == [changed, added]  # every other document's bytes came from the previous file
    assert target.read_bytes() == _written_whole(tmp_path, second)
    again = Counting()
    write_atomic(target, second, encode=again, previous=layout)  # the new layout is right too
    assert again.seen == []
    assert target.read_bytes() == _written_whole(tmp_path, second)


def _written_whole(tmp_path: Path, tables: dict[str, dict[str, Any]]) -> bytes:
    whole = tmp_path / "whole.json"
    write_atomic(whole, tables)
    return whole.read_bytes()


def test_a_file_changed_since_it_was_written_is_not_copied_from(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    tables = {"contacts": {str(n): {"name": f"Person {n}"} for n in range(1, 50)}}
    layout = Layout()
    write_atomic(target, tables, layout=layout)
    raw = target.read_bytes()
    with open(target, "r+b") as handle:  # rewritten in place: same inode, same size, other bytes
        handle.write(raw.replace(b"Person", b"Garbled"))
    os.utime(target, ns=(1, 1))
    counting = Counting()
    write_atomic(target, tables, encode=counting, previous=layout)
    assert len(counting.seen) == 49
    assert target.read_bytes() == raw


def test_the_first_save_after_opening_copies_the_loaded_file(path: Path) -> None:
    with Store.open(path, clock=CLOCK) as store:
        contact = by_name(store, "Person 5")
        store.contacts.update(replace(contact, company="Initech"))
        assert store.flush()
        assert_held_once(store)
        layout = store.storage._layout
        assert layout is not None and layout.stamp is not None
    tables = parse_tables(path.read_bytes())
    assert tables["contacts"][contact.id]["company"] == "Initech"
    assert next(iter(tables["interviews"].values()))["notes"][0]["text"] == "Zoë said [b]ship[/b]"
    with Store.open(path, clock=CLOCK) as store:
        assert [c.name for c in store.contacts.all()][:3] == ["Person 0", "Person 1", "Person 2"]


def test_a_copy_that_cannot_be_made_starts_over_and_the_fingerprint_is_the_files(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    tables = {"contacts": {str(n): {"name": f"Person {n}"} for n in range(1, 50)}}
    layout = Layout()
    write_atomic(target, tables, layout=layout)
    _table, offsets = layout.tables["contacts"]
    offsets[-1] += 10_000  # as if the file had been cut short under the writer: the copy comes up short
    fingerprint = Fingerprint()
    counting = Counting()
    write_atomic(target, tables, encode=counting, previous=layout, digest=fingerprint)
    assert len(counting.seen) == 49  # written again without copying
    assert parse_tables(target.read_bytes()) == tables
    assert fingerprint.digest() == content_digest_of(target.read_bytes())


def test_records_an_outside_merge_brought_are_held_once(path: Path) -> None:
    with Store.open(path, clock=CLOCK) as store:
        tables = json.loads(path.read_text(encoding="utf-8"))
        person = by_name(store, "Person 3")
        tables["contacts"][person.id]["company"] = "Changed Elsewhere"
        added = new_id(CLOCK.now())
        tables["contacts"][added] = {"name": "Added Elsewhere"}
        path.with_name("incoming.tmp").write_text(json.dumps(tables), encoding="utf-8")
        os.replace(path.with_name("incoming.tmp"), path)
        store.contacts.add(Contact(name="Ours"))
        assert store.flush()
        assert store.adopt_outside_changes() is not None
        assert store.contacts[person.id].company == "Changed Elsewhere"
        assert store.contacts[added].name == "Added Elsewhere"
        assert_held_once(store)


def content_digest_of(data: bytes) -> bytes:
    digest = content_digest()
    digest.update(data)
    return digest.digest()
