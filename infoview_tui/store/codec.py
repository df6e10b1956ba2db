"""Provides conversion between model records (msgspec Structs) and JSON-ready documents.

Datetimes are written as ISO 8601 in UTC with an offset, dates as ISO dates, enums by value, tuples as lists.
Decoding ignores unknown keys and fills missing ones with the field's default, so older and newer minor
layouts both load. Decoders are built once per class from its type hints.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, TypeVar

import msgspec
from msgspec import NODEFAULT, Struct
from msgspec.structs import fields

from infoview_tui.domain import models
from infoview_tui.domain.ids import derived_id, is_id

T = TypeVar("T")
Decoder = Callable[[Any], Any]


class DecodeError(ValueError):
    """A document does not have the shape of its record."""


def encode(value: Any, *, compact: bool = False) -> Any:
    """Any model value to plain JSON types.

    `compact` leaves out record fields that hold their default value (the data file's form: smaller and
    faster to read); exports use the full form so every field is visible.
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored")
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (tuple, list, models.Notes)):
        return [encode(v, compact=compact) for v in value]
    if isinstance(value, Struct):
        if not compact:
            return {name: encode(getattr(value, name)) for name in value.__struct_fields__}
        defaults = _defaults(type(value))
        out = {}
        for name, default in defaults.items():
            item = getattr(value, name)
            if default is _NO_DEFAULT or item != default:
                out[name] = encode(item, compact=True)
        return out
    raise TypeError(f"cannot encode {type(value).__name__}")


_NO_DEFAULT = object()
_DEFAULTS: dict[type, dict[str, Any]] = {}


def _defaults(cls: type) -> dict[str, Any]:
    """Each field's default value (or _NO_DEFAULT), computed once per class."""
    found = _DEFAULTS.get(cls)
    if found is None:
        found = {}
        for f in fields(cls):
            if f.default is not NODEFAULT:
                found[f.name] = f.default
            elif f.default_factory is not NODEFAULT:
                found[f.name] = f.default_factory()
            else:
                found[f.name] = _NO_DEFAULT
        _DEFAULTS[cls] = found
    return found


def to_doc(record: Any) -> dict[str, Any]:
    """A top-level record as a stored document: compact, and its `id` is the document's key, not a field."""
    doc = encode(record, compact=True)
    doc.pop("id", None)
    return typing.cast(dict[str, Any], doc)


def plain_doc(value: Any) -> Any:
    """A stored value as its document: a record is encoded (`to_doc`), a document is already one.

    The store's tables hold the decoded records themselves (one copy in memory); the writer turns them
    into documents through this when it writes or merges.
    """
    return value if isinstance(value, dict) else to_doc(value)


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def field_names(cls: type) -> frozenset[str]:
    """The names a record's document may hold (its fields), computed once per class."""
    found = _FIELD_NAMES.get(cls)
    if found is None:
        found = _FIELD_NAMES[cls] = frozenset(typing.cast(type[Struct], cls).__struct_fields__)
    return found


def _decode_datetime(value: Any) -> datetime:
    if not isinstance(value, str):
        raise DecodeError(f"expected a date-time string, got {value!r}")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _decode_date(value: Any) -> date:
    if not isinstance(value, str):
        raise DecodeError(f"expected a date string, got {value!r}")
    return date.fromisoformat(value[:10])


SHARED_UP_TO = 120
"""Strings this long or shorter are decoded into one shared object per value (`sys.intern`) by the decoders
here: question texts, tags, companies and roles repeat across records. The fast path (msgspec, below) shares
only the fields that repeat (`_SHARED_FIELDS`): sharing every short string cost more time than msgspec saved."""


def _text(value: Any) -> Any:
    if type(value) is str:  # the common case, first
        return sys.intern(value) if len(value) <= SHARED_UP_TO else value
    if not isinstance(value, str):
        raise DecodeError(f"expected str, got {type(value).__name__}")
    return value


def _scalar(kind: type) -> Decoder:
    if kind is str:
        return _text

    def decode(value: Any) -> Any:
        if type(value) is kind:  # the common case, first: loading decodes hundreds of thousands of these
            return value
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise DecodeError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return decode


def _enum(kind: type[Enum]) -> Decoder:
    members = kind._value2member_map_

    def decode(value: Any) -> Any:
        try:
            return members[value]  # a dict look-up: calling the enum class costs several times more
        except (KeyError, TypeError):
            return kind(value)  # its aliases and _missing_, or its ValueError

    return decode


_DECODERS: dict[Any, Decoder] = {}


def _decoder_for(hint: Any) -> Decoder:
    cached = _DECODERS.get(hint)
    if cached is not None:
        return cached
    decoder = _build_decoder(hint)
    _DECODERS[hint] = decoder
    return decoder


def _build_decoder(hint: Any) -> Decoder:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        inner = _decoder_for(options[0])
        return lambda v: None if v is None else inner(v)
    if origin in (tuple, Sequence):
        item = _decoder_for(typing.get_args(hint)[0])

        def decode_tuple(value: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise DecodeError(f"expected a list, got {type(value).__name__}")
            return tuple(item(v) for v in value)

        return decode_tuple
    if hint is datetime:
        return _decode_datetime
    if hint is date:
        return _decode_date
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(hint)
    if isinstance(hint, type) and issubclass(hint, Struct):
        return _record_decoder(hint)
    if hint in (str, int, float, bool):
        return _scalar(hint)
    raise TypeError(f"no decoder for {hint!r}")


def _record_decoder(cls: type[T]) -> Callable[..., T]:
    hints = typing.get_type_hints(cls, vars(models))
    plan = {name: _decoder_for(hints[name]) for name in typing.cast(type[Struct], cls).__struct_fields__}
    field_decoder = plan.get

    def decode(doc: Any, **extra: Any) -> T:
        if not isinstance(doc, dict):
            raise DecodeError(f"expected an object for {cls.__name__}, got {type(doc).__name__}")
        # Walk the document's keys, not the class's fields: stored documents leave defaults out, so they
        # hold far fewer keys than their class has fields. Unknown keys are skipped.
        kwargs = {}
        for name, value in doc.items():
            decoder = field_decoder(name)
            if decoder is not None:
                kwargs[name] = decoder(value)
        kwargs.update(extra)
        try:
            return cls(**kwargs)
        except TypeError as exc:
            raise DecodeError(f"{cls.__name__}: {exc}") from exc

    return decode


def is_tombstone(doc: Any) -> bool:
    """A removed record's document: `{"deleted": true, "updated_at": ..., "updated_by": ...}`."""
    return isinstance(doc, dict) and doc.get("deleted") is True


def check_ids(cls: type, table: dict[str, Any]) -> None:
    """DecodeError when a document key is not a record id (a ULID): a hand edit or a foreign file."""
    for key in table:
        if not is_id(key):
            raise DecodeError(f"{cls.__name__} {key!r}: the key is not a record id")


_SHARED_FIELDS: dict[type, tuple[str, ...]] = {
    models.Contact: ("title", "company", "industry", "introduced_by_id", "updated_by"),
    models.Outreach: ("contact_id", "interview_id", "updated_by"),
    models.Interview: ("contact_id", "outreach_id", "location", "their_timezone", "updated_by"),
}
"""Fields of the large tables whose values repeat from record to record (references, who saved, a company
and a role shared by colleagues): the fast path keeps one string per value, as the decoders above do for every
short string. With a contact's tags and the texts and ids of an interview's chosen questions, ~6 MiB at 10,000
contacts for ~20 ms of loading (sharing every string cost ~300 ms)."""


def _share(cls: type, doc: dict[str, Any]) -> None:
    """Replace the repeating strings of `doc` (a copy of the stored document) by shared ones."""
    intern = sys.intern
    for name in _SHARED_FIELDS[cls]:
        value = doc.get(name)
        if type(value) is str:
            doc[name] = intern(value)
    if cls is models.Contact:
        tags = doc.get("tags")
        if type(tags) is list:
            doc["tags"] = [intern(t) if type(t) is str else t for t in tags]
    elif cls is models.Interview:
        questions = doc.get("questions")
        if type(questions) is list:
            doc["questions"] = [_shared_question(q) for q in questions]


def _shared_question(question: Any) -> Any:
    if type(question) is not dict:
        return question
    question = dict(question)
    for name in ("text", "question_id"):
        value = question.get(name)
        if type(value) is str:
            question[name] = sys.intern(value)
    return question


def from_doc(cls: type[T], doc: Any, doc_id: str) -> T:
    """A stored document back to its record, with `id` from the document's key."""
    record = _from_doc(cls, doc, doc_id)
    if cls is models.Interview and _has_notes_without_ids(doc):
        return typing.cast(T, _with_note_ids(typing.cast(models.Interview, record)))
    return record


def _has_notes_without_ids(doc: Any) -> bool:
    """Whether an interview's document holds a call note without an id: asked of the document, since the
    record holds its notes packed (unpacking every interview's notes to ask took ~10 ms of a 10,000 load)."""
    notes = doc.get("notes") if type(doc) is dict else None
    return type(notes) is list and any(not (type(n) is dict and n.get("id")) for n in notes)


def _with_note_ids(interview: models.Interview) -> models.Interview:
    """`interview` with an id for each call note stored without one (a hand edit, another program): a note is
    edited and deleted by its id, so notes sharing the empty id were all edited or deleted at once. The id
    is derived from the interview, the note's place and its time, so each reading of the file gives the same
    one (a save then writes it)."""
    notes = tuple(
        note
        if note.id
        else models.replace(
            note,
            id=derived_id(
                int(note.created_at.timestamp() * 1000) if note.created_at else 0,
                f"note without an id:{interview.id}:{place}",
            ),
        )
        for place, note in enumerate(interview.notes)
    )
    return models.replace(interview, notes=notes)


def _from_doc(cls: type[T], doc: Any, doc_id: str) -> T:
    if type(doc) is dict:
        copy = {**doc, "id": doc_id}
        if cls in _SHARED_FIELDS:
            _share(cls, copy)
        fast = _fast_decode(cls, copy)
        if fast is not None:
            return fast
    try:
        return _record_decoder_cached(cls)(doc, id=doc_id)
    except (ValueError, KeyError, TypeError) as exc:
        raise DecodeError(f"{cls.__name__} {doc_id}: {exc}") from exc


def decode(cls: type[T], doc: Any) -> T:
    """A nested or id-less record (the profile) from its document; DecodeError when it does not fit."""
    if type(doc) is dict:
        fast = _fast_decode(cls, doc)
        if fast is not None:
            return fast
    try:
        return _record_decoder_cached(cls)(doc)
    except (ValueError, KeyError, TypeError) as exc:
        raise DecodeError(f"{cls.__name__}: {exc}") from exc


def _record_decoder_cached(cls: type[T]) -> Callable[..., T]:
    # The cast's type as a string: `Callable[..., T]` written out is built anew on every call (once per
    # record loaded, ~10% of decoding).
    return typing.cast("Callable[..., T]", _DECODERS.get(cls) or _decoder_for(cls))


# The fast path ----------------------------------------------------------------------------------------------
# msgspec builds a record from its document about ten times faster than the decoders above, from the same type
# hints. It is stricter: whatever it refuses (a date written with a time, a bool where a number goes, a value no
# enum has) goes through the decoders above, which accept it or say what is wrong. The one thing it accepts
# differently is a date-time without an offset (a hand edit): it keeps it naive, where these decoders read it as
# UTC, so a record holding one is decoded again by them (`_holds_naive_time`).


def _fast_decode(cls: type[T], doc: dict[str, Any]) -> T | None:
    """The record `doc` describes, built by msgspec; None when msgspec refuses it or it holds a date-time
    without an offset (the decoders above then decide)."""
    try:
        record = msgspec.convert(doc, cls)
    except (msgspec.ValidationError, TypeError, ValueError):
        return None
    return None if _naive_check(cls)(record) else record


_NAIVE_CHECKS: dict[type, Callable[[Any], bool]] = {}


def _naive_check(cls: type) -> Callable[[Any], bool]:
    """A test of whether a record of `cls` holds a date-time without an offset anywhere inside it, made once
    per class from its type hints (looks only at the fields that can hold one)."""
    found = _NAIVE_CHECKS.get(cls)
    if found is not None:
        return found
    hints = typing.get_type_hints(cls, vars(models))
    times: list[str] = []
    records: list[tuple[str, type]] = []
    many: list[tuple[str, type]] = []
    for name in typing.cast(type[Struct], cls).__struct_fields__:
        hint = hints[name]
        if typing.get_origin(hint) in (typing.Union, types.UnionType):
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        if hint is datetime:
            times.append(name)
        elif typing.get_origin(hint) in (tuple, Sequence):
            inner = typing.get_args(hint)[0]
            if isinstance(inner, type) and issubclass(inner, Struct) and _can_hold_time(inner):
                many.append((name, inner))
        elif isinstance(hint, type) and issubclass(hint, Struct) and _can_hold_time(hint):
            records.append((name, hint))

    def holds_naive(record: Any) -> bool:
        for name in times:
            value = getattr(record, name)
            if value is not None and value.tzinfo is None:
                return True
        for name, kind in records:
            value = getattr(record, name)
            if value is not None and _naive_check(kind)(value):
                return True
        for name, kind in many:
            check = _naive_check(kind)
            if any(check(item) for item in getattr(record, name)):
                return True
        return False

    _NAIVE_CHECKS[cls] = holds_naive
    return holds_naive


def _can_hold_time(cls: type, seen: frozenset[type] = frozenset()) -> bool:
    """Whether a record of `cls` has a date-time field anywhere inside it."""
    if cls in seen:
        return False
    hints = typing.get_type_hints(cls, vars(models))
    for name in typing.cast(type[Struct], cls).__struct_fields__:
        for hint in (hints[name], *typing.get_args(hints[name])):
            if hint is datetime:
                return True
            if isinstance(hint, type) and issubclass(hint, Struct) and _can_hold_time(hint, seen | {cls}):
                return True
    return False
