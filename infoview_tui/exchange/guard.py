"""Provides the check exports run on each record, so a hand-edited value never crashes an export.

The data file is plain JSON that anyone can edit. A time in year 1 or 9999, a call length of a billion
minutes or an infinite note offset decodes fine, but converting it to a time zone or adding 24 hours to it
raises OverflowError deep inside an export. `usable(record)` walks a record before it is exported and gives
back a copy without the values that cannot be used:

- a time outside `dates.SAFE_YEARS` (or with no offset) that may be empty is left out (None); a required one
  (a call span's start, an outreach's sent time) leaves out what holds it (the span, the whole record);
- a day outside those years is left out;
- a note offset that is not a finite number of seconds under `MAX_OFFSET_S` becomes 0 (an "asked at" offset
  is left out);
- a call length outside 1 minute to 24 hours, or a calendar sequence number outside 0 to 2**31 - 1, is
  clamped into that range.

Each change is a `Problem`, one line naming the record and the field ("interview 3: scheduled_at
0001-01-01T00:00:00+05:00 is out of range; left out"), appended to `problems` so the CLI can print it on
stderr. The record in the data file is never changed. `first_problem` finds the first such value in a set of
records, for an export that must stay faithful (the JSON backup) and so refuses instead. Pure core: no
Textual, no TinyDB.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from msgspec import Struct
from msgspec.structs import fields

from infoview_tui.domain.dates import usable_day, usable_time
from infoview_tui.domain.models import Notes, replace

__all__ = [
    "MAX_OFFSET_S",
    "MINUTES_RANGE",
    "SEQUENCE_RANGE",
    "Problem",
    "first_problem",
    "record_label",
    "usable",
]

T = TypeVar("T", bound=Struct)

MAX_OFFSET_S = 10_000_000.0
"""About 115 days: far beyond any call, far inside what `timedelta` and the clock formatter can take."""
MINUTES_RANGE = (1, 24 * 60)
"""Call lengths an export can add to a start time; the forms allow 5 to 240."""
SEQUENCE_RANGE = (0, 2**31 - 1)
"""A calendar SEQUENCE is a 32-bit INTEGER in RFC 5545 (icalendar refuses more)."""
_CLAMPED_INTS = {"duration_minutes": MINUTES_RANGE, "sequence": SEQUENCE_RANGE}
_OPTIONAL_FLOATS = {"asked_offset_s"}


@dataclass(frozen=True, slots=True)
class Problem:
    """One value an export could not use, and what it did instead."""

    record: str
    """'interview 3'."""
    field: str
    """'scheduled_at', 'call.spans[0].start'."""
    value: str
    """The value as stored (ISO text for times)."""
    action: str
    """'left out', '1440 used', 'the record is left out'."""

    @property
    def what(self) -> str:
        """'interview 3: scheduled_at 0001-01-01T00:00:00+05:00 is out of range'."""
        return f"{self.record}: {self.field} {self.value} is out of range"

    def __str__(self) -> str:
        return f"{self.what}; {self.action}"


class _Unusable(Exception):
    """A required value cannot be used: the record holding it is left out."""

    def __init__(self, field: str, value: str) -> None:
        super().__init__(field, value)
        self.field = field
        self.value = value


def record_label(record: object) -> str:
    """'interview 3', 'outreach 12': how a problem names a record."""
    return f"{type(record).__name__.lower()} {getattr(record, 'id', '?')}"


def usable(record: T, problems: list[Problem] | None = None, label: str = "") -> T | None:
    """`record` without the values an export cannot use (see the module docstring), or None when a value
    it cannot do without is one of them. Each change is added to `problems`."""
    name = label or record_label(record)
    found: list[Problem] = []
    try:
        fixed: T | None = _walk(record, name, "", found)
    except _Unusable as exc:
        found.append(Problem(name, exc.field, exc.value, "the record is left out"))
        fixed = None
    if problems is not None:
        problems.extend(found)
    return fixed


def first_problem(records: Iterable[Struct]) -> Problem | None:
    """The first value in `records` that an export cannot use, or None when there is none."""
    for record in records:
        found: list[Problem] = []
        usable(record, found)
        if found:
            return found[0]
    return None


def _walk(obj: T, record: str, prefix: str, problems: list[Problem]) -> T:
    """`obj` (a record) with each field fixed; `prefix` is its path in the record ('call.spans[0].')."""
    changes: dict[str, Any] = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        new = _fix(value, f.name, f.default is None, record, prefix + f.name, problems)
        if new is not value:
            changes[f.name] = new
    return replace(obj, **changes) if changes else obj


def _fix(value: Any, name: str, optional: bool, record: str, path: str, problems: list[Problem]) -> Any:
    """One field's value, usable; raises _Unusable when it is required and cannot be used."""
    if isinstance(value, datetime):
        return value if usable_time(value) else _drop(value.isoformat(), optional, record, path, problems)
    if isinstance(value, date):
        return value if usable_day(value) else _drop(value.isoformat(), optional, record, path, problems)
    if isinstance(value, float):
        if math.isfinite(value) and abs(value) <= MAX_OFFSET_S:
            return value
        if name in _OPTIONAL_FLOATS:
            problems.append(Problem(record, path, repr(value), "left out"))
            return None
        problems.append(Problem(record, path, repr(value), "0 used"))
        return 0.0
    if isinstance(value, int) and not isinstance(value, bool) and name in _CLAMPED_INTS:
        low, high = _CLAMPED_INTS[name]
        if low <= value <= high:
            return value
        clamped = min(max(value, low), high)
        problems.append(Problem(record, path, str(value), f"{clamped} used"))
        return clamped
    if isinstance(value, (tuple, Notes)):
        return _fix_items(value, record, path, problems)
    if isinstance(value, Struct):
        return _walk(value, record, path + ".", problems)
    return value


def _fix_items(items: Sequence[Any], record: str, path: str, problems: list[Problem]) -> Sequence[Any]:
    """A tuple of records (spans, notes, questions, next steps): each fixed; one that cannot be is left
    out. Tuples of plain values (tags, ids) come back as they are."""
    kept = []
    changed = False
    for index, item in enumerate(items):
        if not isinstance(item, Struct):
            kept.append(item)
            continue
        try:
            fixed = _walk(item, record, f"{path}[{index}].", problems)
        except _Unusable as exc:
            problems.append(Problem(record, exc.field, exc.value, f"{path}[{index}] is left out"))
            changed = True
            continue
        changed = changed or fixed is not item
        kept.append(fixed)
    return tuple(kept) if changed else items


def _drop(shown: str, optional: bool, record: str, path: str, problems: list[Problem]) -> None:
    """None for an optional value (with a Problem); raises _Unusable for a required one."""
    if not optional:
        raise _Unusable(path, shown)
    problems.append(Problem(record, path, shown, "left out"))
