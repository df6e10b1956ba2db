"""Provides date helpers: a clock that tests can replace, business days, 3B7 dates and parsing typed times.

People type times the way they say them ("tue 3pm", "tomorrow 10am", "in 2 hours"). `parse_when` turns that
into an aware datetime, and questions what it cannot be sure of (a time in the past, 3 o'clock without am/pm,
03/04 as a date) instead of guessing silently.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Protocol


NUDGE_OTHER_BUSINESS_DAYS = 3
"""3B: after three business days with no reply, try another person at the same company."""
FOLLOW_UP_BUSINESS_DAYS = 7
"""7B: after seven business days with no reply, send one follow-up to the same person."""


class Clock(Protocol):
    """Anything that tells the time; the app and tests inject one."""

    def now(self) -> datetime:
        """The current time, timezone-aware, in the user's zone."""
        ...


@functools.cache
def _local_zone() -> tzinfo:
    from dateutil import tz as du_tz  # imported on first use: start-up time matters

    return du_tz.tzlocal()


class SystemClock:
    """The real clock in the machine's local zone (DST-aware, so typed times across a clock change are right)."""

    def now(self) -> datetime:
        return datetime.now(_local_zone())


class FixedClock:
    """A clock that only moves when told to: for tests and benchmarks."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when

    def advance(self, **kwargs: float) -> datetime:
        self._now = self._now + timedelta(**kwargs)
        return self._now


def add_business_days(start: datetime, days: int) -> datetime:
    """The same time of day `days` business days (Monday–Friday) after `start`."""
    current = start
    added = 0
    while added < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def nudge_dates(sent_at: datetime) -> tuple[datetime, datetime]:
    """The 3B and 7B dates for a request sent at `sent_at`."""
    return (
        add_business_days(sent_at, NUDGE_OTHER_BUSINESS_DAYS),
        add_business_days(sent_at, FOLLOW_UP_BUSINESS_DAYS),
    )


class DateParseError(ValueError):
    """Typed text that is not a time we can use; the message says what to type."""


@dataclass(frozen=True, slots=True)
class ParsedWhen:
    """A parsed time and what the user should confirm about it."""

    when: datetime
    questions: tuple[str, ...] = ()
    """Non-empty when the reading is in the past or ambiguous: ask before using it."""

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.questions)


EXAMPLES = "'tue 3pm', 'tomorrow 10am', '2026-12-01 14:30' or 'in 2 hours'"

_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip
_UNITS = {
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days", "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
}  # fmt: skip
_IN_RE = re.compile(r"in\s+(\d+(?:\.\d+)?|an?|one|half an?)\s*([a-z]+)")
_TIME_RE = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d/.-])")
_CLOCK_RE = re.compile(r"(?<![\d/.-])(\d{1,2}):(\d{2})\b|\b(\d{1,2})\s*(am|pm)\b|\bnoon\b|\bmidnight\b")
_SLASH_DATE_RE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b")
_ALLOWED_FILLER = {"at", "on", "@", ",", "the", "of"}
MAX_INPUT = 80


def _localize(naive: datetime, tz: tzinfo | None) -> datetime:
    """Attach the user's zone to a wall-clock time (DST-aware for real zones)."""
    if tz is None:
        return naive.astimezone()
    return naive.replace(tzinfo=tz)


def _parse_in(match: re.Match[str], now: datetime) -> datetime:
    amount_text, unit_text = match.group(1), match.group(2)
    unit = _UNITS.get(unit_text)
    if unit is None:
        raise DateParseError(f"'{unit_text}' is not a unit I know: use minutes, hours, days or weeks.")
    if amount_text in ("a", "an", "one"):
        amount = 1.0
    elif amount_text.startswith("half"):
        amount = 0.5
    else:
        amount = float(amount_text)
    when = now + timedelta(**{unit: amount})
    return when.replace(second=0, microsecond=0)


def parse_when(text: str, now: datetime) -> ParsedWhen:
    """Read a date and time as people type them, relative to `now` (aware, in the user's zone)."""
    raw = " ".join(text.strip().split())
    if not raw:
        raise DateParseError(f"Type a date and time, e.g. {EXAMPLES}.")
    if len(raw) > MAX_INPUT:
        raise DateParseError(f"That is too long for a date; try {EXAMPLES}.")
    s = raw.lower()
    if s == "now":
        return ParsedWhen(now.replace(second=0, microsecond=0))
    match = _IN_RE.fullmatch(s)
    if match:
        return ParsedWhen(_parse_in(match, now))

    tz = now.tzinfo
    today = now.date()
    base: date | None = None
    words = s.split(" ")
    if words[0] in ("today", "tonight"):
        base, words = today, words[1:]
    elif words[0] in ("tomorrow", "tmrw", "tmr"):
        base, words = today + timedelta(days=1), words[1:]
    elif words[0] == "yesterday":
        base, words = today - timedelta(days=1), words[1:]
    elif words[0] == "next" and len(words) > 1 and words[1] in _WEEKDAYS:
        ahead = (_WEEKDAYS[words[1]] - today.weekday()) % 7 or 7
        base, words = today + timedelta(days=ahead), words[2:]
    elif words[0].rstrip(",") in _WEEKDAYS:
        ahead = (_WEEKDAYS[words[0].rstrip(",")] - today.weekday()) % 7
        base, words = today + timedelta(days=ahead), words[1:]
    rest = " ".join(w for w in words if w not in ("at", "@"))
    if not rest:
        raise DateParseError(f"Add a time, e.g. {EXAMPLES}.")
    if s.startswith("tonight") and not re.search(r"am|pm|:", rest):
        rest += "pm"
    if base is not None and re.fullmatch(r"\d{1,2}", rest):
        rest += ":00"  # "tue 3": an hour, not the 3rd of the month
    has_meridiem = bool(re.search(r"\d\s*(am|pm|a\.m\.|p\.m\.)|noon|midnight", rest))
    rest = re.sub(r"\bnoon\b", "12:00", re.sub(r"\bmidnight\b", "00:00", rest))

    from dateutil import parser as du_parser  # imported on first use: it is slow to load at start-up

    default = datetime.combine(base or today, time(0, 0))
    try:
        parsed, skipped = du_parser.parse(rest, default=default, fuzzy_with_tokens=True)  # type: ignore[misc]
    except (ValueError, OverflowError) as exc:
        raise DateParseError(f"I can't read '{raw}' as a time; try {EXAMPLES}.") from exc
    leftovers = [t.strip() for t in skipped if t.strip() and t.strip() not in _ALLOWED_FILLER]
    if any(re.search(r"[^\W\d_]", t) for t in leftovers):
        raise DateParseError(f"I can't read '{raw}' as a time (what is '{' '.join(leftovers)}'?); try {EXAMPLES}.")
    if base is not None and parsed.date() != base:
        raise DateParseError(f"'{raw}' names two different days; give one.")
    if not _CLOCK_RE.search(rest):
        raise DateParseError(f"Add a time of day to '{raw}', e.g. {EXAMPLES}.")

    questions: list[str] = []
    time_match = _TIME_RE.search(rest)
    clock = _CLOCK_RE.search(rest)
    if clock and not has_meridiem and time_match and 1 <= parsed.hour <= 7:
        questions.append(
            f"{parsed:%H:%M} is early in the morning. Did you mean {parsed.hour + 12:02d}:{parsed:%M}? "
            "Add am or pm to be sure."
        )
    slash = _SLASH_DATE_RE.search(rest)
    if slash:
        first, second = int(slash.group(1)), int(slash.group(2))
        if first != second and first <= 12 and second <= 12:
            questions.append(
                f"'{slash.group(0)}' could be month/day or day/month; I read it as {parsed:%d %B}. "
                "Type the date as 2026-12-01 to be sure."
            )
    when = _localize(parsed, tz)
    if when < now - timedelta(minutes=1):
        questions.append(f"{when:%a %d %b %H:%M} is in the past.")
    return ParsedWhen(when, tuple(questions))


def parse_day(text: str, today: date) -> date:
    """Read a calendar day ('2026-12-01', 'tomorrow', 'fri', 'in 2 weeks'); no time needed."""
    s = " ".join(text.strip().lower().split())
    if not s:
        raise DateParseError("Type a date, e.g. '2026-12-01', 'fri' or 'in 2 weeks'.")
    if s == "today":
        return today
    if s == "yesterday":
        return today - timedelta(days=1)
    if s in ("tomorrow", "tmrw", "tmr"):
        return today + timedelta(days=1)
    match = _IN_RE.fullmatch(s)
    if match:
        noon = datetime.combine(today, time(12, 0))
        return _parse_in(match, noon).date()
    words = s.split(" ")
    if words[0] == "next" and len(words) == 2 and words[1] in _WEEKDAYS:
        return today + timedelta(days=(_WEEKDAYS[words[1]] - today.weekday()) % 7 or 7)
    if s in _WEEKDAYS:
        return today + timedelta(days=(_WEEKDAYS[s] - today.weekday()) % 7)
    from dateutil import parser as du_parser

    try:
        parsed, skipped = du_parser.parse(s, default=datetime.combine(today, time(0, 0)), fuzzy_with_tokens=True)  # type: ignore[misc]
    except (ValueError, OverflowError) as exc:
        raise DateParseError(f"I can't read '{text.strip()}' as a date; try '2026-12-01' or 'fri'.") from exc
    if any(re.search(r"[^\W\d_]", t) for t in skipped if t.strip() not in _ALLOWED_FILLER):
        raise DateParseError(f"I can't read '{text.strip()}' as a date; try '2026-12-01' or 'fri'.")
    return parsed.date()


def humanize_delta(delta: timedelta) -> str:
    """'in 2 h 5 min', '3 days ago' and the like, for lists and the Dashboard."""
    seconds = int(delta.total_seconds())
    future = seconds >= 0
    seconds = abs(seconds)
    if seconds < 60:
        text = "under a minute"
    elif seconds < 3600:
        text = f"{seconds // 60} min"
    elif seconds < 86400:
        hours, minutes = divmod(seconds // 60, 60)
        text = f"{hours} h {minutes} min" if minutes and hours < 3 else f"{hours} h"
    else:
        days = seconds // 86400
        text = f"{days} day" + ("s" if days != 1 else "")
    return f"in {text}" if future else f"{text} ago"


def fmt_local(when: datetime | None, with_day: bool = True) -> str:
    """A stored time in the user's zone, short."""
    if when is None:
        return "—"
    local = when.astimezone()
    return f"{local:%a %d %b %H:%M}" if with_day else f"{local:%H:%M}"
