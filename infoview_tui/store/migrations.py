"""Provides schema migrations: one step per version, applied in memory when a file is opened.

A file records `schema_version` in its `meta` table. Version 0 is a bare TinyDB file with our tables and no
meta (as made by scripts or an early build). Each step takes the tables of version N and returns version N+1.
The migrated data reaches disk on the first save, after the run's backup of the old file.

Version 2 replaced numbered ids (TinyDB's max+1, which two machines both hand out) with ULIDs; see `_v1_to_v2`
for how old numbers become ids the same way on every machine.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from infoview_tui.domain.ids import builtin_question_id, derived_id
from infoview_tui.domain.models import STARTER_QUESTIONS

Tables = dict[str, dict[str, Any]]

SCHEMA_VERSION = 2
KNOWN_TABLES = frozenset(
    {"meta", "contacts", "outreach", "interviews", "questions", "goals", "intros", "_default"}
)


def file_version(tables: Tables) -> int:
    """The schema version a file says it has (0 when it has no meta)."""
    meta = tables.get("meta", {}).get("1")
    if not meta:
        return 0
    version = meta.get("schema_version")
    if not isinstance(version, int) or version < 0:
        raise ValueError("the meta table has no valid schema_version")
    return version


def _v0_to_v1(tables: Tables) -> Tables:
    """Add meta; drop TinyDB's empty default table; turn a legacy free-text `how_known` into `cold`."""
    out = {name: dict(table) for name, table in tables.items() if name != "_default"}
    for doc_id, doc in list(out.get("contacts", {}).items()):
        if doc.get("how_known") not in (
            None,
            "friend",
            "family",
            "classmate",
            "former_colleague",
            "mentor",
            "professor",
            "introduction",
            "cold",
        ):
            out["contacts"][doc_id] = {**doc, "how_known": "cold"}
    out["meta"] = {"1": {"schema_version": 1}}
    return out


RECORD_TABLES = ("contacts", "outreach", "interviews", "questions", "goals", "intros")

_BIRTH_FIELD = {
    "contacts": "created_at",
    "interviews": "created_at",
    "goals": "created_at",
    "outreach": "sent_at",
    "intros": "asked_at",
}
"""The field whose time a migrated record's id carries (questions have none: their id is dated 0)."""


@functools.cache
def _builtin_ids() -> dict[str, str]:
    """Each starter question's fixed id by its text: made when a migration needs it, not at every start
    (the ids hash with SHA-256, and loading hashlib loads OpenSSL)."""
    return {text: builtin_question_id(i, text) for i, (_category, text) in enumerate(STARTER_QUESTIONS)}


def _ms_of(value: Any) -> int:
    """Milliseconds since the epoch of an ISO time as stored; 0 when it is missing or unreadable."""
    if not isinstance(value, str):
        return 0
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0, int(moment.timestamp() * 1000))


def _number(old: Any) -> int | None:
    """An old numbered id (an int, or a table key such as "12"); None for anything else."""
    if isinstance(old, bool):
        return None
    if isinstance(old, int):
        return old
    if isinstance(old, str) and old.isdigit():
        return int(old)
    return None


def migrated_id(table: str, old: int, ms: int = 0, extra: str = "") -> str:
    """The ULID record number `old` of `table` gets in the v1→v2 step.

    Time: the record's own time (`_BIRTH_FIELD`) or 0. Random part: the old number in its first 32 bits
    (records of the same moment keep the order they were added in), then 48 bits of SHA-256 of
    `v1:<table>:<old>:<extra>` (`extra` is a question's text, whose id has no time to tell two files'
    questions apart). Every input comes from the record, so the same file migrated on two machines, or
    two copies of it edited apart, give every record the same id, and a merge matches them up (only a
    custom question whose wording one copy changed becomes two questions: nothing is lost).
    """
    return derived_id(ms, f"v1:{table}:{old}:{extra}", prefix=old & 0xFFFFFFFF)


def dangling_id(table: str, old: int) -> str:
    """What a reference to a record that no longer exists becomes: dated 0, so it matches no record (a
    migrated record with a time never has this id) and still shows which old number it was."""
    return migrated_id(table, old)


def _v1_to_v2(tables: Tables) -> Tables:
    """Numbered ids become ULIDs (keys and every reference); documents are re-keyed in id order.

    References rewritten: a contact's `introduced_by_id`; an intro's `via_contact_id` and
    `result_contact_id`; an outreach's `contact_id` and `interview_id`; an interview's `contact_id`,
    `outreach_id`, its questions' `question_id`, its notes' `id`, its follow-up's `referral_note_ids` and its
    reflection's `goal_ids`. A reference to a record the file does not have stays dangling: it gets
    `dangling_id` (time 0), never another record's id. Builtin questions whose text is a starter question
    take that question's fixed id (`ids.builtin_question_id`).
    """
    out: Tables = {name: dict(table) for name, table in tables.items() if name not in RECORD_TABLES}
    maps: dict[str, dict[int, str]] = {}
    for name in RECORD_TABLES:
        mapping: dict[int, str] = {}
        for key, doc in tables.get(name, {}).items():
            old = _number(key)
            if old is None or not isinstance(doc, dict):
                continue  # not a numbered record: left as it is (the codec refuses what does not fit)
            if name == "questions":
                builtin = _builtin_ids().get(doc.get("text", "")) if doc.get("builtin") else None
                mapping[old] = builtin or migrated_id(name, old, 0, str(doc.get("text", "")))
            else:
                mapping[old] = migrated_id(name, old, _ms_of(doc.get(_BIRTH_FIELD[name])))
        maps[name] = mapping

    def ref(table: str, value: Any) -> Any:
        old = _number(value)
        if old is None:
            return value
        return maps[table].get(old) or dangling_id(table, old)

    def refs(doc: dict[str, Any], fields: tuple[tuple[str, str], ...]) -> dict[str, Any]:
        new = dict(doc)
        for name, table in fields:
            if new.get(name) is not None:
                new[name] = ref(table, new[name])
        return new

    for name in RECORD_TABLES:
        if name not in tables:
            continue
        rewritten: dict[str, Any] = {}
        for key, doc in tables[name].items():
            old = _number(key)
            if old is None or not isinstance(doc, dict):
                rewritten[key] = doc
                continue
            if name == "contacts":
                doc = refs(doc, (("introduced_by_id", "contacts"),))
            elif name == "intros":
                doc = refs(doc, (("via_contact_id", "contacts"), ("result_contact_id", "contacts")))
            elif name == "outreach":
                doc = refs(doc, (("contact_id", "contacts"), ("interview_id", "interviews")))
            elif name == "interviews":
                links = (("contact_id", "contacts"), ("outreach_id", "outreach"))
                doc = _interview_v2(refs(doc, links), maps[name][old], ref)
            rewritten[maps[name][old]] = doc
        out[name] = {k: rewritten[k] for k in sorted(rewritten)}
    return out


def _interview_v2(doc: dict[str, Any], interview_id: str, ref: Callable[[str, Any], Any]) -> dict[str, Any]:
    """An interview's nested references: questions' bank ids, notes' ids, referrals and goals."""
    if isinstance(doc.get("questions"), list):
        doc["questions"] = [
            {**q, "question_id": ref("questions", q["question_id"])}
            if isinstance(q, dict) and q.get("question_id") is not None
            else q
            for q in doc["questions"]
        ]
    note_ids: dict[int, str] = {}
    if isinstance(doc.get("notes"), list):
        notes = []
        for note in doc["notes"]:
            old = _number(note.get("id")) if isinstance(note, dict) else None
            if old is not None:
                note_ids[old] = _note_id(interview_id, old, note.get("created_at"))
                note = {**note, "id": note_ids[old]}
            notes.append(note)
        doc["notes"] = notes

    def note_ref(value: Any) -> Any:
        old = _number(value)
        if old is None:
            return value
        return note_ids.get(old) or _note_id(interview_id, old, None)

    follow_up = doc.get("follow_up")
    if isinstance(follow_up, dict) and isinstance(follow_up.get("referral_note_ids"), list):
        doc["follow_up"] = {
            **follow_up,
            "referral_note_ids": [note_ref(n) for n in follow_up["referral_note_ids"]],
        }
    reflection = doc.get("reflection")
    if isinstance(reflection, dict) and isinstance(reflection.get("goal_ids"), list):
        doc["reflection"] = {**reflection, "goal_ids": [ref("goals", g) for g in reflection["goal_ids"]]}
    return doc


def _note_id(interview_id: str, old: int, created_at: Any) -> str:
    """A call note's new id: dated when it was taken (or 0), derived from its interview's new id and its old
    number (notes were numbered within their interview). A referral to a note that is gone gets the id dated
    0, which no note taken at a known time has."""
    return derived_id(_ms_of(created_at), f"v1:note:{interview_id}:{old}", prefix=old & 0xFFFFFFFF)


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _v0_to_v1, 1: _v1_to_v2}
"""Step from version N to N+1."""


def migrate(tables: Tables) -> tuple[Tables, int]:
    """Bring `tables` up to SCHEMA_VERSION; returns them and the version they started at."""
    start = version = file_version(tables)
    if start > SCHEMA_VERSION:
        # A newer file: there is no step down. Store.open turns this KeyError into "upgrade to open it".
        raise KeyError(start)
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        tables.setdefault("meta", {})["1"] = {
            **tables.get("meta", {}).get("1", {}),
            "schema_version": version,
        }
    return tables, start
