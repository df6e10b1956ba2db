"""Provides the merge of two copies of the data file, record by record, so nothing either side typed is lost.

Used when the file changed on disk while the app had it open (`storage.py`), by `infoview-tui merge` (another
copy, a sync tool's conflict copy) and by git as a merge driver. Pure: works on the stored document dicts
(`{table: {id: document}}`), imports neither TinyDB nor Textual, never mutates its inputs (unchanged
documents are shared, so callers can compare by identity). Both sides must be at the same schema (callers
run `migrations.migrate` on each first).

Record ids are unique across machines, so the same id on both sides is the same record. Every document
carries `updated_at` and `updated_by` (its stamp); a removal leaves a tombstone `{"deleted": true, ...}`.

**Which base.** A three-way merge needs a common ancestor to tell "only one side changed this" from "both
did". The writer keeps the last state this machine wrote (`backups/<name>.base.json`, see
`storage.write_base`); git's merge driver gets a true one from git. A copy made from an older state (a
sync tool's conflict copy forked before our last save) does not descend from it, and taking "their"
version of a field only they seem to have changed would then silently revert ours. So the base is checked:
it is used only when both copies hold its newest edits as it has them (or edited again later on the same
machine), and per record only when both versions descend from its version (the same, or stamped later).
Otherwise the merge is two-way: every difference counts as a conflict, which the stamps settle and whose
other value is kept in `merged`, so nothing is lost; a good base only spares needless notes.

The rules, each symmetric so that merging A into B gives the same data as B into A, and idempotent (merging
a copy already merged in changes nothing):

- A record only one side has is kept.
- A record only one side changed since the base takes that side's version.
- A tombstone wins over an edit made before (or at) the removal; an edit made after it revives the record.
- A record both sides changed is merged field by field. A field only one side changed takes that change. A
  field both changed takes the later change (the document's `updated_at`; a tie goes to the greater
  `updated_by`, then to the greater value): the other value is kept in the record's `merged` list as a
  short line (`Title on laptop-3f2a: 'Data lead' (kept 'Analytics lead' from 2026-11-28 14:02)`).
- Lists are unioned item by item: items with an `id` (notes) by id, chosen questions by `question_id` or
  text, other items by text, plain values by value. An item one side removed stays removed if the other
  side left it as the base had it. An interview's notes keep pointing at the same question.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from datetime import UTC, datetime
from typing import Any

import msgspec
from msgspec import Struct

from infoview_tui.domain import presence

__all__ = ["MergeReport", "MergeResult", "is_tombstone", "merge_document", "merge_tables"]

Tables = dict[str, dict[str, Any]]
Doc = dict[str, Any]

COMPUTERS = "computers"
"""The header's map of machine id → host name (each app adds its own on open), to name computers readably."""


class _Missing:
    """A key a document does not have (compact documents leave out default values)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
STAMP_KEYS = frozenset({"updated_at", "updated_by", "merged"})
"""Fields merged by their own rule, not as data."""
NAMES_KEPT = 3
"""How many record names a report keeps per kind of change (for the CLI's summary)."""
SINGULAR = {"notes": "note", "questions": "question", "next_steps": "next step", "tags": "tag"}


class MergeReport(Struct):
    """What a merge took from the other copy, in numbers and a few names a person can read."""

    added: int = 0
    """Records only the other copy had."""
    updated: int = 0
    """Records only the other copy changed: its version was taken."""
    combined: int = 0
    """Records both copies changed, combined field by field."""
    revived: int = 0
    """Records this copy had removed that the other copy edited after the removal: they are back."""
    removed: int = 0
    """Records the other copy removed after this copy's last edit of them: they stay removed."""
    conflicts: list[str] = msgspec.field(default_factory=list)
    """`"<table> <id>: <field>"` for each field both copies set differently (one value set aside)."""
    set_aside: list[str] = msgspec.field(default_factory=list)
    """The lines added to records' `merged` lists, in order."""
    names: dict[str, list[str]] = msgspec.field(default_factory=dict)
    """A few names of the records per change (`added`, `updated`, `combined`, `revived`, `removed`)."""
    computers: dict[str, str] = msgspec.field(default_factory=dict)
    """Machine id → the computer's name, from both copies' headers (`computers`), for the `merged` lines."""

    def computer(self, machine: str) -> str:
        """A readable name for the computer with this id: its host name when a header knows it."""
        known = self.computers.get(machine)
        if known:
            return known
        return machine if len(machine) <= 12 else f"computer …{machine[-5:]}"  # a 26-letter id says little

    header_changed: bool = False
    """The other copy brought something to the header (its profile, a computer's name): not a record, so not
    counted above, but the merged data differs from ours."""

    @property
    def changed(self) -> bool:
        """True when the merged data differs from ours."""
        return bool(
            self.added or self.updated or self.combined or self.revived or self.removed or self.header_changed
        )

    def note(self, kind: str, name: str) -> None:
        """Count one record under `kind` and keep its name if there is room."""
        setattr(self, kind, getattr(self, kind) + 1)
        kept = self.names.setdefault(kind, [])
        if len(kept) < NAMES_KEPT and name:
            kept.append(name)

    def summary(self) -> str:
        """`2 records added, 1 updated, 1 combined from both copies`, or `no new records`."""
        parts = []
        if self.added:
            parts.append(f"{self.added} record{'s' if self.added != 1 else ''} added")
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.combined:
            parts.append(f"{self.combined} combined from both copies")
        if self.revived:
            parts.append(f"{self.revived} brought back (edited after the removal)")
        if self.removed:
            parts.append(f"{self.removed} removed")
        if self.set_aside:
            parts.append(f"{len(self.set_aside)} value{'s' if len(self.set_aside) != 1 else ''} set aside")
        return ", ".join(parts) if parts else "no new records"

    def lines(self, *, done: bool, shown: int = 5) -> list[str]:
        """What a merge does (`done=False`, for a dry run or an offer) or did: one line per kind of change
        with a few names, then the values set aside (the first `shown` of them)."""
        out = []
        for kind, (will, did) in VERBS.items():
            count = getattr(self, kind)
            if not count:
                continue
            kept = self.names.get(kind, [])
            names = ", ".join(kept) + (" …" if count > len(kept) else "")
            noun = "record" if count == 1 else "records"
            out.append(f"  {did if done else will}: {count} {noun}" + (f": {names}" if kept else ""))
        if self.set_aside:
            noun = "value" if len(self.set_aside) == 1 else "values"
            out.append(
                f"  set aside: {len(self.set_aside)} {noun} changed in both copies (the later change is kept, "
                "the other is noted on the record under 'merged')"
            )
            out += [f"    {line}" for line in self.set_aside[:shown]]
            if len(self.set_aside) > shown:
                out.append(f"    … and {len(self.set_aside) - shown} more")
        return out or ["  nothing new: everything in it is already here"]


VERBS = {
    "added": ("add", "added"),
    "updated": ("update", "updated"),
    "combined": ("combine (changed in both copies)", "combined (changed in both copies)"),
    "revived": (
        "bring back (edited there after the removal here)",
        "brought back (edited there after the removal here)",
    ),
    "removed": (
        "remove (removed there after the last edit here)",
        "removed (removed there after the last edit here)",
    ),
}
"""Each kind of change, as a dry run says it and as a merge reports it."""


class MergeResult(Struct, frozen=True):
    """The merged tables and what happened."""

    tables: Tables
    report: MergeReport


def is_tombstone(doc: Any) -> bool:
    """True for what a removal leaves under the record's key."""
    return isinstance(doc, dict) and doc.get("deleted") is True


def _same(a: Any, b: Any) -> bool:
    return a is b or a == b


def _stable(value: Any) -> str:
    """A total, deterministic order over any JSON value (MISSING first)."""
    if value is MISSING:
        return ""
    return "\x01" + json.dumps(value, sort_keys=True, ensure_ascii=False)


def _time(doc: Any) -> datetime:
    value = doc.get("updated_at") if isinstance(doc, dict) else None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return datetime.min.replace(tzinfo=UTC)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return datetime.min.replace(tzinfo=UTC)


def _stamp(doc: Any) -> tuple[datetime, str]:
    """When and where a document last changed: the order conflicts are settled by."""
    by = doc.get("updated_by") if isinstance(doc, dict) else None
    return _time(doc), by if isinstance(by, str) else ""


def _descends(doc: Any, base: Any) -> bool:
    """True when `doc` may be `base` or a later edit of it: the same, later, or stamped at the same moment on
    the same machine (a clock that did not move). An older version, or another machine's edit stamped the
    same moment, is not: the record is merged two-way."""
    if _same(doc, base):
        return True
    doc_time, base_time = _time(doc), _time(base)
    return doc_time > base_time or (doc_time == base_time and _stamp(doc)[1] == _stamp(base)[1])


def _has_seen(base: Tables, side: Tables) -> bool:
    """True when `side` holds the newest edits of `base` (the records with its latest `updated_at`) as base
    has them, or edited again later by the same machine: then `side` descends from `base`. A copy that
    forked earlier (a sync tool's conflict copy made before our last save) has not, and base is no ancestor
    of it: the merge is two-way, which never reverts a change. A base with no records is no help either."""
    newest: list[tuple[str, str, Any]] = []
    latest = None
    for name, table in base.items():
        if name == "meta":
            continue
        for key, doc in table.items():
            when = _time(doc)
            if latest is None or when > latest:
                latest, newest = when, [(name, key, doc)]
            elif when == latest:
                newest.append((name, key, doc))
    if not newest:
        return False
    for name, key, doc in newest:
        other = side.get(name, {}).get(key, MISSING)
        if other is MISSING:
            return False
        if not _same(other, doc) and not (_time(other) >= _time(doc) and _stamp(other)[1] == _stamp(doc)[1]):
            return False
    return True


def merge_tables(base: Tables | None, ours: Tables, theirs: Tables) -> MergeResult:
    """Merge `theirs` into `ours`; three-way with `base` (the last state this machine wrote), two-way when
    it is None or shares no records with `theirs`. See the module docstring for the rules."""
    report = MergeReport()
    for side in (theirs, ours):  # ours last: its name for a computer wins
        known = side.get("meta", {}).get("1", {}).get(COMPUTERS)
        if isinstance(known, dict):
            report.computers.update({k: v for k, v in known.items() if isinstance(v, str) and v})
    if base is not None and not (_has_seen(base, ours) and _has_seen(base, theirs)):
        base = None
    merged: Tables = {}
    for name in [*ours, *(n for n in theirs if n not in ours)]:
        o_table = ours.get(name, {})
        t_table = theirs.get(name, {})
        if o_table is t_table:
            merged[name] = o_table
            continue
        b_table = base.get(name, {}) if base is not None else None
        out: dict[str, Any] = {}
        # The header is no record: what it brings is not counted as added or combined, only the values a
        # merge had to set aside there (the profile changed on both computers) are reported.
        counts = report if name != "meta" else MergeReport(computers=report.computers)
        for key in [*o_table, *(k for k in t_table if k not in o_table)]:
            b_doc = b_table.get(key, MISSING) if b_table is not None else MISSING
            doc = _merge_record(
                name, key, b_doc, o_table.get(key, MISSING), t_table.get(key, MISSING), counts
            )
            if doc is not MISSING:
                out[key] = doc
        merged[name] = out
        if counts is not report:
            report.header_changed = not _same(out, o_table)
            report.set_aside += counts.set_aside
            report.conflicts += counts.conflicts if counts.set_aside else []
    _name_interviews(merged, report)
    return MergeResult(merged, report)


def merge_document(table: str, base: Any, ours: Doc, theirs: Doc) -> tuple[Doc, list[str]]:
    """One record both sides changed (a stale save after an outside merge): merged field by field; returns
    it and the fields where a value was set aside."""
    report = MergeReport()
    doc = _merge_live(table, "", base if isinstance(base, dict) else MISSING, ours, theirs, report)
    return doc, [c.split(": ", 1)[1] for c in report.conflicts]


# Records ---------------------------------------------------------------------------------------------


def _display_name(table: str, key: str, doc: Any) -> str:
    if isinstance(doc, dict):
        for name in ("name", "title", "target", "text"):
            value = doc.get(name)
            if isinstance(value, str) and value.strip():
                return value.strip()[:40]
    return f"{table} {key}"


def _name_interviews(tables: Tables, report: MergeReport) -> None:
    """Interviews are named by their contact (`interview with Ana`), looked up once the merge is done."""
    contacts = tables.get("contacts", {})
    for names in report.names.values():
        for i, name in enumerate(names):
            if name.startswith("\x00interview "):
                contact = contacts.get(name.removeprefix("\x00interview "))
                person = contact.get("name") if isinstance(contact, dict) else None
                names[i] = f"interview with {person}" if isinstance(person, str) else "an interview"


def _report_name(table: str, key: str, doc: Any) -> str:
    if table == "interviews" and isinstance(doc, dict):
        return f"\x00interview {doc.get('contact_id')}"
    return _display_name(table, key, doc)


def _merge_record(table: str, key: str, b: Any, o: Any, t: Any, report: MergeReport) -> Any:
    if t is MISSING or _same(o, t):
        return o
    if o is MISSING:
        report.note("added", _report_name(table, key, t))
        return t
    # The base counts only if both sides descend from it (else a side older than it would revert it).
    usable = b is not MISSING and _descends(o, b) and _descends(t, b)
    if usable and _same(t, b):
        return o
    if usable and _same(o, b):
        report.note("removed" if is_tombstone(t) else "updated", _report_name(table, key, o))
        return t
    o_dead, t_dead = is_tombstone(o), is_tombstone(t)
    if o_dead and t_dead:
        return o if (_stamp(o), _stable(o)) >= (_stamp(t), _stable(t)) else t
    if o_dead or t_dead:
        dead, live = (o, t) if o_dead else (t, o)
        if _time(live) > _time(dead):
            if o_dead:
                report.note("revived", _report_name(table, key, t))
            return live
        if t_dead:
            report.note("removed", _report_name(table, key, o))
        return dead
    report.note("combined", _report_name(table, key, o))
    return _merge_live(table, key, b if usable else MISSING, o, t, report)


def _dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}


def _with_field(doc: Doc, name: str, value: Any) -> Doc:
    """A copy of `doc` with `name` set (None: left out)."""
    out = {k: v for k, v in doc.items() if k != name}
    if value is not None:
        out[name] = value
    return out


class _Conflicts:
    """Settles the fields both sides changed in one record and writes down what was set aside."""

    def __init__(self, table: str, key: str, o: Doc, t: Doc, report: MergeReport) -> None:
        self.table, self.key, self.report = table, key, report
        self.o_stamp, self.t_stamp = _stamp(o), _stamp(t)
        self.lines: list[str] = []

    def settle(self, label: str, o: Any, t: Any) -> Any:
        """The value that wins (the later side, then the greater value); the other is set aside."""
        if self.o_stamp != self.t_stamp:
            ours_wins = self.o_stamp > self.t_stamp
        else:
            ours_wins = _stable(o) > _stable(t)
        winner, loser = (o, t) if ours_wins else (t, o)
        loser_stamp, winner_stamp = (
            (self.t_stamp, self.o_stamp) if ours_wins else (self.o_stamp, self.t_stamp)
        )
        self.report.conflicts.append(f"{self.table} {self.key}: {label}")
        if _is_empty(loser):
            return winner
        where = f" on {self.report.computer(loser_stamp[1])}" if loser_stamp[1] else ""
        when = winner_stamp[0]
        kept = f"kept {_show(winner)}" + (f" from {when:%Y-%m-%d %H:%M}" if when.year > 1 else "")
        line = f"{label[:1].upper()}{label[1:]}{where}: {_show(loser)} ({kept})"
        self.lines.append(line)
        self.report.set_aside.append(line)
        return winner


def _is_empty(value: Any) -> bool:
    return value is MISSING or value is None or value is False or value in ("", [], {})


def _show(value: Any) -> str:
    """A value as a short quoted string for a `merged` line."""
    if value is MISSING or value is None:
        return "nothing"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = " ".join(text.split())
    return "'" + (text if len(text) <= 60 else text[:59] + "…") + "'"


def _merge_live(table: str, key: str, b: Any, o: Doc, t: Doc, report: MergeReport) -> Doc:
    """Two live versions of one record, merged field by field (see the module docstring)."""
    conflicts = _Conflicts(table, key, o, t, report)
    has_base = isinstance(b, dict)
    base: Any = b if has_base else MISSING
    if table == "interviews":
        o, t = _resolve_question_refs(o), _resolve_question_refs(t)
        base = _resolve_question_refs(base) if has_base else MISSING
    if table == "meta" and not _same(o.get(presence.FIELD), t.get(presence.FIELD)):
        # Which computer has the file open is never a conflict: the later heartbeat is kept.
        beat = presence.later(o.get(presence.FIELD), t.get(presence.FIELD))
        o, t = _with_field(o, presence.FIELD, beat), _with_field(t, presence.FIELD, beat)
    if table == "meta" and not _same(o.get(COMPUTERS), t.get(COMPUTERS)):
        # The computers' names are a union (a name both changed: the later copy's), never a conflict.
        known = {**_dict(t.get(COMPUTERS)), **_dict(o.get(COMPUTERS))}
        if conflicts.t_stamp > conflicts.o_stamp:
            known.update(_dict(t.get(COMPUTERS)))
        o, t = _with_field(o, COMPUTERS, known), _with_field(t, COMPUTERS, known)
    doc = _merge_dict(base, o, t, [], conflicts, has_base)
    if table == "interviews":
        doc = _restore_question_refs(doc)
    winner = o if conflicts.o_stamp >= conflicts.t_stamp else t
    for name in ("updated_at", "updated_by"):
        if name in winner:
            doc[name] = winner[name]
    merged = _merge_list(
        base.get("merged", MISSING) if has_base else MISSING,
        o.get("merged", MISSING),
        t.get("merged", MISSING),
        ["merged"],
        conflicts,
        has_base,
    )
    for line in sorted(conflicts.lines):  # sorted: the fields were visited in ours' order
        if line not in merged:
            merged.append(line)
    if merged:
        doc["merged"] = merged
    return doc


def _merge_dict(b: Any, o: Any, t: Any, path: list[str], conflicts: _Conflicts, has_base: bool) -> Doc:
    o = o if isinstance(o, dict) else {}
    t = t if isinstance(t, dict) else {}
    b = b if isinstance(b, dict) else {}
    out: Doc = {}
    for name in [*o, *(k for k in t if k not in o)]:
        if not path and name in STAMP_KEYS:
            continue
        value = _merge_value(
            b.get(name, MISSING),
            o.get(name, MISSING),
            t.get(name, MISSING),
            [*path, name],
            conflicts,
            has_base,
        )
        if value is not MISSING:
            out[name] = value
    return out


def _merge_value(b: Any, o: Any, t: Any, path: list[str], conflicts: _Conflicts, has_base: bool) -> Any:
    if _same(o, t):
        return o
    if has_base and _same(t, b):
        return o
    if has_base and _same(o, b):
        return t
    if isinstance(o, dict | _Missing) and isinstance(t, dict | _Missing):
        return _merge_dict(b, o, t, path, conflicts, has_base) or MISSING
    if isinstance(o, list | _Missing) and isinstance(t, list | _Missing):
        return _merge_list(b, o, t, path, conflicts, has_base) or MISSING
    return conflicts.settle(" ".join(p.replace("_", " ") for p in path), o, t)


def _item_key(item: Any) -> Hashable:
    """What identifies an item of a list across copies."""
    if isinstance(item, dict):
        if "id" in item:
            return ("id", _stable(item["id"]))
        if item.get("question_id") is not None:
            return ("question", _stable(item["question_id"]))
        if "text" in item:
            return ("text", _stable(item["text"]))
    return ("value", _stable(item))


def _keyed(items: Any) -> dict[Hashable, Any]:
    """Items by key, in order; the n-th item under a key that repeats gets its own key."""
    out: dict[Hashable, Any] = {}
    if not isinstance(items, list):
        return out
    for item in items:
        key = _item_key(item)
        count = 0
        while (key, count) in out:
            count += 1
        out[key, count] = item
    return out


def _merge_list(b: Any, o: Any, t: Any, path: list[str], conflicts: _Conflicts, has_base: bool) -> list[Any]:
    """Two versions of a list, item by item; the order is one side's (see `_order`)."""
    b_items, o_items, t_items = _keyed(b), _keyed(o), _keyed(t)
    label = SINGULAR.get(path[-1], path[-1]) if path else "item"
    values: dict[Hashable, Any] = {}
    for key in [*o_items, *(k for k in t_items if k not in o_items)]:
        in_o, in_t, in_b = key in o_items, key in t_items, has_base and key in b_items
        if in_o and in_t:
            values[key] = _merge_value(
                b_items.get(key, MISSING), o_items[key], t_items[key], [*path[:-1], label], conflicts, in_b
            )
        elif in_o:
            if not (in_b and _same(o_items[key], b_items[key])):  # else theirs removed it, ours left it
                values[key] = o_items[key]
        elif not (in_b and _same(t_items[key], b_items[key])):
            values[key] = t_items[key]
    return [values[key] for key in _order(list(o_items), list(t_items), values, conflicts)]


def _order(
    o_keys: list[Hashable], t_keys: list[Hashable], kept: dict[Hashable, Any], c: _Conflicts
) -> list[Any]:
    """The merged list's order: a side that holds every kept item gives it (the later side if both do);
    otherwise the later side's order, then the other side's extra items in their order."""
    o_seq = [k for k in o_keys if k in kept]
    t_seq = [k for k in t_keys if k in kept]
    o_all, t_all = len(o_seq) == len(kept), len(t_seq) == len(kept)
    if o_all != t_all:
        return o_seq if o_all else t_seq
    if c.o_stamp != c.t_stamp:
        first, second = (o_seq, t_seq) if c.o_stamp > c.t_stamp else (t_seq, o_seq)
    else:
        o_text = _stable([kept[k] for k in o_seq])
        first, second = (o_seq, t_seq) if o_text >= _stable([kept[k] for k in t_seq]) else (t_seq, o_seq)
    seen = set(first)
    return first + [k for k in second if k not in seen]


# An interview's notes point at its questions by position: merged by what they point at -------------------

_QREF = "\x00question "


def _resolve_question_refs(doc: Any) -> Any:
    """The interview with each note's `question_index` replaced by its question's key (merge-only form)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("notes"), list):
        return doc
    questions = doc.get("questions") if isinstance(doc.get("questions"), list) else []
    keys = list(_keyed(questions))
    notes = []
    changed = False
    for note in doc["notes"]:
        index = note.get("question_index") if isinstance(note, dict) else None
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(keys):
            note = {**note, "question_index": _QREF + json.dumps(keys[index])}
            changed = True
        notes.append(note)
    return {**doc, "notes": notes} if changed else doc


def _restore_question_refs(doc: Doc) -> Doc:
    """Back from the merge-only form: each note's question key as a position in the merged questions."""
    notes = doc.get("notes")
    if not isinstance(notes, list):
        return doc
    keys = [json.dumps(k) for k in _keyed(doc.get("questions"))]
    position = {k: i for i, k in enumerate(keys)}
    restored = []
    for note in notes:
        ref = note.get("question_index") if isinstance(note, dict) else None
        if isinstance(ref, str) and ref.startswith(_QREF):
            index = position.get(ref.removeprefix(_QREF))
            note = (
                {**note, "question_index": index} if index is not None else _without(note, "question_index")
            )
        restored.append(note)
    return {**doc, "notes": restored}


def _without(doc: Doc, name: str) -> Doc:
    return {k: v for k, v in doc.items() if k != name}
