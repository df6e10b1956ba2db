"""Provides the three-way merge of two copies of the data file, record by record, so nothing is lost.

Used when the file changed on disk while the app had it open (a sync tool delivering another machine's
edits, an editor): `base` is the last state both copies are known to share, `ours` the app's, `theirs` the
file's. Pure: works on the stored document dicts (`{table: {id: document}}`), imports neither TinyDB nor
Textual, and never mutates its inputs (unchanged documents are shared, so callers can compare by identity).

The rules, chosen so that no one's words disappear:

- A record only one side has is kept. A record the app deleted stays deleted only if the other copy left
  it as it was; a record missing from the other copy is always kept (an old copy synced back must not
  delete what was added since).
- A record only one side changed takes that side's version.
- A record both sides added under the same id is kept twice: theirs gets the next free id, and theirs'
  references to it (an outreach's contact, an interview's outreach, …) follow.
- A record both sides changed is merged field by field; lists that can be combined are unioned: an
  interview's notes (by offset and text) and questions (by text), a reflection's next steps (by text), and
  lists of plain values such as tags. A field both sides set to different values keeps ours and is
  reported as a conflict, so the caller can set theirs aside (`MergeReport.conflicts`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MergeReport", "MergeResult", "merge_document", "merge_tables"]

Tables = dict[str, dict[str, Any]]
Doc = dict[str, Any]


class _Missing:
    """A key a document does not have (compact documents leave out default values)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "contacts": (("introduced_by_id", "contacts"),),
    "intros": (("via_contact_id", "contacts"), ("result_contact_id", "contacts")),
    "outreach": (("contact_id", "contacts"), ("interview_id", "interviews")),
    "interviews": (("contact_id", "contacts"), ("outreach_id", "outreach")),
}
"""Top-level fields holding another record's id, and the table it lives in (see models.py)."""


@dataclass(slots=True)
class MergeReport:
    """What a merge took from the other copy, in numbers a person can read."""

    added: int = 0
    """Records only the other copy had (or had changed after this copy deleted them)."""
    updated: int = 0
    """Records only the other copy changed: its version was taken."""
    combined: int = 0
    """Records both copies changed, combined field by field."""
    renumbered: int = 0
    """New records both copies made under the same id: the other copy's got a new id."""
    conflicts: list[str] = field(default_factory=list)
    """`"<table> <id>: <field>"` for each field both copies set differently (ours was kept)."""

    @property
    def changed(self) -> bool:
        """True when the merged data differs from ours."""
        return bool(self.added or self.updated or self.combined or self.renumbered)

    def summary(self) -> str:
        """`2 records added, 1 updated, 1 combined from both copies`, or `no new records`."""
        parts = []
        if self.added:
            parts.append(f"{self.added} record{'s' if self.added != 1 else ''} added")
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.combined:
            parts.append(f"{self.combined} combined from both copies")
        if self.renumbered:
            parts.append(f"{self.renumbered} given a new number")
        return ", ".join(parts) if parts else "no new records"


@dataclass(frozen=True, slots=True)
class MergeResult:
    """The merged tables and what happened."""

    tables: Tables
    report: MergeReport


def _same(a: Any, b: Any) -> bool:
    return a is b or a == b


def merge_tables(base: Tables, ours: Tables, theirs: Tables) -> MergeResult:
    """Merge `theirs` into `ours`, with `base` as the common ancestor; see the module docstring for rules."""
    report = MergeReport()
    theirs, report.renumbered = _renumber_theirs(base, ours, theirs)
    merged: Tables = {}
    for name in [*ours, *(n for n in theirs if n not in ours)]:
        o_table = ours.get(name, {})
        t_table = theirs.get(name, {})
        b_table = base.get(name, {})
        if o_table is t_table:
            merged[name] = o_table
            continue
        out: dict[str, Any] = {}
        for key, o_doc in o_table.items():
            t_doc = t_table.get(key, MISSING)
            if t_doc is MISSING or _same(o_doc, t_doc):
                out[key] = o_doc
                continue
            b_doc = b_table.get(key, MISSING)
            if b_doc is not MISSING and _same(t_doc, b_doc):
                out[key] = o_doc  # only ours changed it
            elif b_doc is not MISSING and _same(o_doc, b_doc):
                out[key] = t_doc  # only theirs changed it
                report.updated += 1
            else:
                doc, conflicts = merge_document(name, b_doc, o_doc, t_doc)
                out[key] = doc
                report.combined += 1
                report.conflicts += [f"{name} {key}: {where}" for where in conflicts]
        for key, t_doc in t_table.items():
            if key in o_table:
                continue
            b_doc = b_table.get(key, MISSING)
            if b_doc is not MISSING and _same(t_doc, b_doc):
                continue  # we deleted it and they left it as it was: it stays deleted
            out[key] = t_doc
            report.added += 1
        merged[name] = out
    return MergeResult(merged, report)


def merge_document(table: str, base: Any, ours: Doc, theirs: Doc) -> tuple[Doc, list[str]]:
    """One record both sides changed: merged field by field; returns it and the fields where ours won."""
    if table == "interviews":
        theirs = _align_interview(base if isinstance(base, dict) else {}, ours, theirs)
    return _merge_dict(base if isinstance(base, dict) else {}, ours, theirs, table, "")


# Records both sides created under one id ---------------------------------------------------------------


def _int_keys(*tables: dict[str, Any]) -> list[int]:
    found = []
    for table in tables:
        for key in table:
            try:
                found.append(int(key))
            except ValueError:
                continue
    return found


def _renumber_theirs(base: Tables, ours: Tables, theirs: Tables) -> tuple[Tables, int]:
    """Give theirs' new records a free id where ours made a different record under the same id."""
    remaps: dict[str, dict[int, int]] = {}
    for name, t_table in theirs.items():
        o_table = ours.get(name, {})
        b_table = base.get(name, {})
        clashes = [
            key
            for key, doc in t_table.items()
            if key not in b_table and key in o_table and not _same(o_table[key], doc)
        ]
        if not clashes:
            continue
        next_id = max(_int_keys(o_table, t_table, b_table), default=0) + 1
        remap: dict[int, int] = {}
        for key in clashes:
            try:
                remap[int(key)] = next_id
            except ValueError:
                continue
            next_id += 1
        if remap:
            remaps[name] = remap
    if not remaps:
        return theirs, 0
    renumbered: Tables = {}
    for name, t_table in theirs.items():
        remap = remaps.get(name, {})
        table: dict[str, Any] = {}
        for key, doc in t_table.items():
            new_key = str(remap[int(key)]) if key.isdigit() and int(key) in remap else key
            table[new_key] = _remap_references(name, doc, remaps)
        renumbered[name] = table
    return renumbered, sum(len(r) for r in remaps.values())


def _remap_references(table: str, doc: Any, remaps: dict[str, dict[int, int]]) -> Any:
    """`doc` with its references to renumbered records updated (the same object when none changed)."""
    if not isinstance(doc, dict):
        return doc
    changes: dict[str, Any] = {}
    for name, target in REFERENCES.get(table, ()):
        value = doc.get(name)
        if isinstance(value, int) and value in remaps.get(target, {}):
            changes[name] = remaps[target][value]
    if table == "interviews":
        questions = doc.get("questions")
        if isinstance(questions, list) and "questions" in remaps:
            new_questions = [_remap_field(q, "question_id", remaps["questions"]) for q in questions]
            if any(a is not b for a, b in zip(new_questions, questions, strict=True)):
                changes["questions"] = new_questions
        reflection = doc.get("reflection")
        goal_ids = reflection.get("goal_ids") if isinstance(reflection, dict) else None
        if isinstance(reflection, dict) and "goals" in remaps and isinstance(goal_ids, list):
            goals = remaps["goals"]
            ids = [goals.get(g, g) if isinstance(g, int) else g for g in reflection["goal_ids"]]
            if ids != reflection["goal_ids"]:
                changes["reflection"] = {**reflection, "goal_ids": ids}
    return {**doc, **changes} if changes else doc


def _remap_field(item: Any, name: str, remap: dict[int, int]) -> Any:
    if isinstance(item, dict) and isinstance(item.get(name), int) and item[name] in remap:
        return {**item, name: remap[item[name]]}
    return item


# Records both sides changed --------------------------------------------------------------------------


def _stable(item: Any) -> Hashable:
    """A hashable stand-in for any JSON value."""
    return item if isinstance(item, (str, int, float, bool, type(None))) else json.dumps(item, sort_keys=True)


def _note_key(item: Any) -> Hashable:
    return (item.get("offset_s"), item.get("text")) if isinstance(item, dict) else _stable(item)


def _text_key(item: Any) -> Hashable:
    return item.get("text") if isinstance(item, dict) else _stable(item)


LIST_KEYS: dict[str, Callable[[Any], Hashable]] = {
    "notes": _note_key,
    "questions": _text_key,
    "reflection.next_steps": _text_key,
}
"""Lists of records merged item by item, and what identifies an item (stable ids come in a later issue)."""


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _merge_items(base: Any, ours: Any, theirs: Any, key: Callable[[Any], Hashable]) -> list[Any]:
    """Ours in order, each item updated where only theirs changed it, then items only theirs has.

    An item ours removed stays removed if theirs still has it unchanged; nothing else is dropped.
    """
    base_by = {key(item): item for item in _as_list(base)}
    theirs_by = {key(item): item for item in _as_list(theirs)}
    out = []
    ours_keys = set()
    for item in _as_list(ours):
        k = key(item)
        ours_keys.add(k)
        other = theirs_by.get(k, MISSING)
        if other is not MISSING and not _same(other, item) and k in base_by and _same(item, base_by[k]):
            out.append(other)
        else:
            out.append(item)
    for item in _as_list(theirs):
        k = key(item)
        if k in ours_keys or (k in base_by and _same(item, base_by[k])):
            continue
        ours_keys.add(k)
        out.append(item)
    return out


def _is_plain_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, (str, int, float, bool)) for v in value)


def _merge_dict(base: Doc, ours: Doc, theirs: Doc, table: str, path: str) -> tuple[Doc, list[str]]:
    out: Doc = {}
    conflicts: list[str] = []
    for name in [*ours, *(k for k in theirs if k not in ours)]:
        mine = ours.get(name, MISSING)
        other = theirs.get(name, MISSING)
        was = base.get(name, MISSING)
        where = path + name
        if _same(mine, other):
            value = mine
        elif table == "interviews" and where in LIST_KEYS:
            # Always item by item, even when one side alone changed the list: note question indexes are
            # only right against a question list in ours' order with theirs' additions after it.
            value = _merge_items(was, mine, other, LIST_KEYS[where])
        elif _same(other, was):
            value = mine
        elif _same(mine, was):
            value = other
        elif isinstance(mine, dict) and isinstance(other, dict):
            value, deeper = _merge_dict(was if isinstance(was, dict) else {}, mine, other, table, where + ".")
            conflicts += deeper
        elif _is_plain_list(mine) and _is_plain_list(other):
            value = _merge_items(was, mine, other, _stable)
        elif name == "updated_at" and isinstance(mine, str) and isinstance(other, str):
            value = max(mine, other)  # ISO 8601 in UTC: the later change
        else:
            value = mine
            conflicts.append(where)
        if value is not MISSING:
            out[name] = value
    return out, conflicts


def _align_interview(base: Doc, ours: Doc, theirs: Doc) -> Doc:
    """Theirs' interview in ours' numbering: note ids that clash get new ones, and note question indexes
    and referral note ids point where they will point after the merge."""
    questions = _merge_items(base.get("questions"), ours.get("questions"), theirs.get("questions"), _text_key)
    position = {_text_key(q): i for i, q in enumerate(questions)}
    their_questions = _as_list(theirs.get("questions"))
    index_map = {i: position.get(_text_key(q)) for i, q in enumerate(their_questions)}

    our_notes = _as_list(ours.get("notes"))
    our_ids = {n.get("id", 0) for n in our_notes if isinstance(n, dict)}
    our_keys = {_note_key(n) for n in our_notes}
    their_notes = _as_list(theirs.get("notes"))
    # Only numbered notes (schema 1) can clash: a ULID note id (schema 2) names one note on every machine.
    numbers = [
        i for i in (*our_ids, *(n.get("id", 0) for n in their_notes if isinstance(n, dict))) if type(i) is int
    ]
    next_id = max([*numbers, 0]) + 1
    note_ids: dict[int, int] = {}
    notes = []
    for note in their_notes:
        if not isinstance(note, dict):
            notes.append(note)
            continue
        changes: Doc = {}
        note_id = note.get("id", 0)
        if _note_key(note) not in our_keys and note_id in our_ids and type(note_id) is int:
            note_ids[note_id] = next_id
            changes["id"] = next_id
            next_id += 1
        index = note.get("question_index")
        if isinstance(index, int) and index_map.get(index, index) != index:
            changes["question_index"] = index_map.get(index)
        notes.append({**note, **changes} if changes else note)
    if not note_ids and all(a is b for a, b in zip(notes, their_notes, strict=True)):
        return theirs
    aligned = {**theirs, "notes": notes}
    follow_up = theirs.get("follow_up")
    if note_ids and isinstance(follow_up, dict) and isinstance(follow_up.get("referral_note_ids"), list):
        ids = [note_ids.get(i, i) if isinstance(i, int) else i for i in follow_up["referral_note_ids"]]
        aligned["follow_up"] = {**follow_up, "referral_note_ids": ids}
    return aligned
