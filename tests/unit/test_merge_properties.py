"""Property-based tests for infoview_tui.store.merge: random edit histories on two copies of one file.

Both copies start from a common base and are edited apart (add, edit, archive, remove, add notes, reschedule,
reflect, tag), each on its own machine with its own clock (the clocks can tie). Then, three-way and two-way:
merging either way round gives the same data, merging an already merged copy changes nothing, and nothing
either side added or set is lost (it is in the record, or set aside in its `merged` list), unless the record
was removed after that side's last edit of it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infoview_tui.store.merge import is_tombstone, merge_tables

Tables = dict[str, dict[str, Any]]
START = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
FIELDS = ("title", "company", "email")
WORDS = st.sampled_from(
    ["Data lead", "Analyst", "Acme", "Globex", "x@y.test", "Zed", "", "Ana's [b]team[/b]"]
)


def base_tables() -> Tables:
    """The common ancestor: two contacts and an interview with one note."""
    stamp = {"updated_at": START.isoformat(), "updated_by": "origin-0000"}
    return {
        "meta": {"1": {"schema_version": 2}},
        "contacts": {
            "C-BASE-1": {"name": "Ana", "title": "Analyst", **stamp},
            "C-BASE-2": {"name": "Bo", "tags": ["old"], **stamp},
        },
        "interviews": {
            "I-BASE-1": {
                "contact_id": "C-BASE-1",
                "questions": [{"text": "What do you do?", "question_id": "Q-1"}],
                "notes": [{"id": "N-BASE-1", "text": "hello", "offset_s": 1.0, "question_index": 0}],
                **stamp,
            }
        },
    }


@dataclass
class Side:
    """One machine's copy and what it did to it."""

    name: str
    tables: Tables
    clock: datetime = START
    count: int = 0
    added_records: set[tuple[str, str]] = field(default_factory=set)
    added_notes: set[tuple[str, str]] = field(default_factory=set)
    added_tags: set[tuple[str, str]] = field(default_factory=set)
    set_fields: dict[tuple[str, str], Any] = field(default_factory=dict)

    def tick(self, minutes: int) -> dict[str, str]:
        self.clock += timedelta(minutes=minutes)
        return {"updated_at": self.clock.isoformat(), "updated_by": self.name}

    def new_id(self, kind: str) -> str:
        self.count += 1
        return f"{kind}-{self.name}-{self.count}"

    def live(self, table: str) -> list[str]:
        return sorted(k for k, d in self.tables.get(table, {}).items() if not is_tombstone(d))


def apply(side: Side, data: st.DataObject) -> None:
    """One random edit on `side`."""
    op = data.draw(
        st.sampled_from(["add", "edit", "archive", "remove", "note", "reschedule", "reflect", "tag"])
    )
    minutes = data.draw(st.integers(0, 90))
    contacts, interviews = side.live("contacts"), side.live("interviews")
    if op == "add" or not contacts:
        key = side.new_id("C")
        side.tables["contacts"][key] = {"name": data.draw(WORDS) or "Someone", **side.tick(minutes)}
        side.added_records.add(("contacts", key))
        if data.draw(st.booleans()):
            iv = side.new_id("I")
            side.tables["interviews"][iv] = {"contact_id": key, **side.tick(0)}
            side.added_records.add(("interviews", iv))
        return
    key = data.draw(st.sampled_from(contacts))
    doc = dict(side.tables["contacts"][key])
    if op == "edit":
        name = data.draw(st.sampled_from(FIELDS))
        doc[name] = data.draw(WORDS)
        side.set_fields[key, name] = doc[name]
    elif op == "archive":
        doc["archived"] = True
    elif op == "remove":
        side.tables["contacts"][key] = {"deleted": True, **side.tick(minutes)}
        return
    elif op == "tag":
        tag = data.draw(st.sampled_from(["data", "climate", "warm", "old"]))
        doc["tags"] = [*doc.get("tags", []), tag] if tag not in doc.get("tags", []) else doc["tags"]
        side.added_tags.add((key, tag))
    elif interviews:
        iv = data.draw(st.sampled_from(interviews))
        idoc = copy.deepcopy(side.tables["interviews"][iv])
        if op == "note":
            note = side.new_id("N")
            idoc.setdefault("notes", []).append({"id": note, "text": data.draw(WORDS), "offset_s": 5.0})
            side.added_notes.add((iv, note))
        elif op == "reschedule":
            idoc["scheduled_at"] = (START + timedelta(days=data.draw(st.integers(1, 30)))).isoformat()
        else:
            reflection = idoc.setdefault("reflection", {})
            reflection["takeaways"] = data.draw(WORDS)
            reflection.setdefault("next_steps", []).append({"text": data.draw(WORDS) or "Follow up"})
        side.tables["interviews"][iv] = {**idoc, **side.tick(minutes)}
        return
    side.tables["contacts"][key] = {**doc, **side.tick(minutes)}


def histories(data: st.DataObject) -> tuple[Tables, Side, Side]:
    base = base_tables()
    laptop = Side("laptop-3f2a", copy.deepcopy(base))
    desk = Side("desk-91c0", copy.deepcopy(base))
    for _ in range(data.draw(st.integers(0, 8))):
        apply(laptop, data)
    for _ in range(data.draw(st.integers(0, 8))):
        apply(desk, data)
    return base, laptop, desk


def shown(value: Any) -> str:
    return f"'{value}'"


def check_nothing_lost(merged: Tables, side: Side, *, fields: bool = True) -> None:
    """Everything `side` added or set is in `merged`, unless the record is removed there (a field set back
    to the common base's value is no change: three-way, the other side's change to it wins)."""
    original = base_tables()["contacts"]
    for table, key in side.added_records:
        assert key in merged[table]
    for (iv, note), doc in ((n, merged["interviews"][n[0]]) for n in side.added_notes):
        if not is_tombstone(doc) and not is_tombstone(side.tables["interviews"][iv]):
            assert note in {n["id"] for n in doc.get("notes", [])}
    for key, tag in side.added_tags if fields else ():
        doc = merged["contacts"][key]
        mine = side.tables["contacts"][key]
        if not is_tombstone(doc) and not is_tombstone(mine) and tag in mine.get("tags", []):
            assert tag in doc.get("tags", [])
    for (key, name), _first in side.set_fields.items() if fields else ():
        doc, mine = merged["contacts"][key], side.tables["contacts"][key]
        if is_tombstone(doc) or is_tombstone(mine) or not mine.get(name):
            continue
        if mine[name] == original.get(key, {}).get(name):
            continue
        value = mine[name]  # the side's last value for the field
        assert doc.get(name) == value or any(shown(value) in line for line in doc.get("merged", []))


def check_merge(base: Tables | None, a: Side, b: Side) -> None:
    one = merge_tables(base, a.tables, b.tables).tables
    assert one == merge_tables(base, b.tables, a.tables).tables  # order-independent
    assert merge_tables(base, one, a.tables).tables == one  # idempotent
    assert merge_tables(base, one, b.tables).tables == one
    assert merge_tables(base, one, one).tables == one
    check_nothing_lost(one, a)
    check_nothing_lost(one, b)


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.data())
def test_three_way_merge_of_random_histories(data: st.DataObject) -> None:
    base, laptop, desk = histories(data)
    check_merge(base, laptop, desk)


@PROPERTY
@given(st.data())
def test_two_way_merge_of_random_histories(data: st.DataObject) -> None:
    _base, laptop, desk = histories(data)
    check_merge(None, laptop, desk)


@PROPERTY
@given(st.data())
def test_merge_against_this_machines_last_write_as_the_base(data: st.DataObject) -> None:
    """The base kept by the writer is our latest state, newer than the fork: it must never revert either side."""
    _base, laptop, desk = histories(data)
    check_merge(copy.deepcopy(laptop.tables), laptop, desk)


@PROPERTY
@given(st.data())
def test_merging_a_third_copy_loses_no_record_or_note(data: st.DataObject) -> None:
    """Fields and tags are not checked here: a removal merged in from one copy rightly drops an earlier edit from
    another, and a third copy's later edit then brings back its own version only."""
    base, laptop, desk = histories(data)
    third = Side("phone-77aa", copy.deepcopy(base))
    for _ in range(data.draw(st.integers(0, 5))):
        apply(third, data)
    ab_c = merge_tables(base, merge_tables(base, laptop.tables, desk.tables).tables, third.tables).tables
    for side in (laptop, desk, third):
        check_nothing_lost(ab_c, side, fields=False)
