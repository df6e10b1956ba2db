"""Provides date helpers: a clock that tests can replace, business days, 3B7 dates and parsing typed times.

People type times the way they say them ("tue 3pm", "tomorrow 10am", "in 2 hours"). `parse_when` turns that
into an aware datetime, and questions what it cannot be sure of (a time in the past, 3 o'clock without am/pm,
03/04 as a date, 02:30 on the night a DST change skips or repeats it) instead of guessing silently. Nothing
typed reaches an OverflowError or the OS: far-away times and malformed zone names are one-line messages.
"""

from __future__ import annotations

import functools
import os
import re
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Protocol

from msgspec import Struct

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
    """The machine's zone, DST rules and all: the zoneinfo zone TZ names or /etc/localtime holds (C-fast
    offsets, no import), else dateutil's tzlocal (a POSIX TZ rule such as 'EST5EDT,M3.2.0,M11.1.0', Windows,
    no zone database), which reads the C library's view and took ~11 ms to import at every start."""
    name = os.environ.get("TZ")
    try:
        if name is None:
            with open("/etc/localtime", "rb") as file:
                return zoneinfo.ZoneInfo.from_file(file, key="localtime")
        key = name.removeprefix(":")
        # Only a zone the system's own database has: the C library reads that one too, and times shown with
        # a bare `astimezone()` must agree with the clock (zoneinfo would also find the pip tzdata package).
        if key and any(os.path.isfile(os.path.join(root, key)) for root in zoneinfo.TZPATH):
            return zoneinfo.ZoneInfo(key)
    except (OSError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        pass
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
    """The same time of day `days` business days (Monday–Friday) after `start` (`start` itself when `days` is
    0 or less). Counted from a Saturday or Sunday, the first business day is the Monday.

    Worked out in one step, not day by day: the Dashboard's plan does this twice for every waiting request.
    """
    if days <= 0:
        return start
    weekday = start.weekday()
    shift = 0
    if weekday > 4:  # a weekend counts as from its Friday: the next business day is the Monday either way
        shift, weekday = 4 - weekday, 4
    weeks, rest = divmod(days, 5)
    return start + timedelta(days=shift + 7 * weeks + rest + (2 if weekday + rest > 4 else 0))


def nudge_dates(sent_at: datetime) -> tuple[datetime, datetime]:
    """The 3B and 7B dates for a request sent at `sent_at`."""
    return (
        add_business_days(sent_at, NUDGE_OTHER_BUSINESS_DAYS),
        add_business_days(sent_at, FOLLOW_UP_BUSINESS_DAYS),
    )


class DateParseError(ValueError):
    """Typed text that is not a time we can use; the message says what to type."""


class ParsedWhen(Struct, frozen=True):
    """A parsed time and what the user should confirm about it."""

    when: datetime
    questions: tuple[str, ...] = ()
    """Non-empty when the reading is in the past or ambiguous: ask before using it."""

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.questions)


EXAMPLES = "'tue 3pm', 'tomorrow 10am', '2026-12-01 14:30' or 'in 2 hours'"

_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_UNITS = {
    "m": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "minute": "minutes",
    "minutes": "minutes",
    "h": "hours",
    "hr": "hours",
    "hrs": "hours",
    "hour": "hours",
    "hours": "hours",
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "wk": "weeks",
    "week": "weeks",
    "weeks": "weeks",
}
_IN_RE = re.compile(r"in\s+(\d+(?:\.\d+)?|an?|one|half an?)\s*([a-z]+)")
_TIME_RE = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d/.-])")
_CLOCK_RE = re.compile(r"(?<![\d/.-])(\d{1,2}):(\d{2})\b|\b(\d{1,2})\s*(am|pm)\b|\bnoon\b|\bmidnight\b")
_SLASH_DATE_RE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b")
_ALLOWED_FILLER = {"at", "on", "@", ",", "the", "of"}
MAX_INPUT = 80
MAX_YEARS_AHEAD = 10
"""A typed time or day further ahead than this is a typo (`in 9999999 days`), not a plan: refused."""
MAX_YEARS_BACK = 100
"""A typed time or day further back than this is refused too: nothing here happened a century ago."""
SAFE_YEARS = (1900, 9000)
"""Stored times outside these years (a hand-edited file) are left out of exports: arithmetic on them
(a time zone, 24 hours, seven business days) could leave the range Python can represent."""
MAX_ZONE_NAME = 64
"""The longest IANA name is about 30 characters; much longer is not a zone (and the OS refuses it)."""
_ZONE_NAME_RE = re.compile(r"[A-Za-z0-9_+\-]+(?:/[A-Za-z0-9_+\-]+)*")
_ZONE_WORD_RE = re.compile(r"[a-z]{2,6}")


# Time zones by name -----------------------------------------------------------------------------------


def zone_problem(name: str) -> str | None:
    """None when `name` is empty or an IANA time zone this machine knows; else a one-line message.

    The name is checked before it reaches the OS: a 300-character name, `../../etc/passwd`, a NUL or a folder
    such as `Europe` each get this message instead of an OSError or a path lookup.
    """
    if not name or zone_named(name) is not None:
        return None
    return f"Unknown time zone '{_shown(name)}': type a name like America/New_York or Europe/Berlin."


def zone_named(name: str) -> tzinfo | None:
    """The IANA time zone called `name`, or None (empty, malformed, unknown or unreadable)."""
    if not name or len(name) > MAX_ZONE_NAME or not _ZONE_NAME_RE.fullmatch(name):
        return None
    if any(part in (".", "..") or part.startswith("-") for part in name.split("/")):
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # a folder, a non-zone file, no database
        return None


def _shown(text: str, limit: int = 40) -> str:
    """User text quoted inside a message: one line, no control characters, cut to `limit`."""
    from infoview_tui.domain.safe_text import strip_controls

    one_line = " ".join(strip_controls(text, replacement=" ").split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


# Stored times that exports can use ------------------------------------------------------------------


def usable_time(when: datetime) -> bool:
    """True when `when` is aware and between SAFE_YEARS in UTC, so converting and adding days cannot fail."""
    try:
        utc = when.astimezone(UTC)
    except (OverflowError, ValueError):
        return False
    return when.utcoffset() is not None and SAFE_YEARS[0] <= utc.year < SAFE_YEARS[1]


def usable_day(day: date) -> bool:
    """True when `day` is between SAFE_YEARS (see `usable_time`)."""
    return SAFE_YEARS[0] <= day.year < SAFE_YEARS[1]


# Typed times --------------------------------------------------------------------------------------------


def _too_far(raw: str, past: bool = False) -> DateParseError:
    span = f"the last {MAX_YEARS_BACK} years" if past else f"the next {MAX_YEARS_AHEAD} years"
    return DateParseError(f"'{_shown(raw)}' is too far away: type a time within {span}, e.g. {EXAMPLES}.")


def _check_range(when: datetime, now: datetime, raw: str) -> None:
    """Refuse a reading more than MAX_YEARS_AHEAD ahead of `now` or MAX_YEARS_BACK behind it."""
    days = (when - now).days
    if days > MAX_YEARS_AHEAD * 366 or days < -MAX_YEARS_BACK * 366:
        raise _too_far(raw, past=days < 0)


def _parse_in(match: re.Match[str], now: datetime, raw: str) -> tuple[datetime, bool]:
    """'in 2 hours' from `now`: (the time, whether it is a wall-clock time that may need a DST question).

    Minutes and hours are elapsed time (counted in UTC, so a clock change in between does not add or drop an
    hour); days and weeks keep the time of day, as people mean them ("in 2 days" at 10:00 is 10:00).
    """
    amount_text, unit_text = match.group(1), match.group(2)
    unit = _UNITS.get(unit_text)
    if unit is None:
        raise DateParseError(
            f"'{_shown(unit_text)}' is not a unit I know: use minutes, hours, days or weeks."
        )
    if amount_text in ("a", "an", "one"):
        amount = 1.0
    elif amount_text.startswith("half"):
        amount = 0.5
    else:
        amount = float(amount_text)
    if amount > MAX_YEARS_AHEAD * 366 * 24 * 60:  # cheaper than building the timedelta, and never overflows
        raise _too_far(raw)
    delta = timedelta(**{unit: amount})
    try:
        if unit in ("minutes", "hours") and now.tzinfo is not None:
            when = (now.astimezone(UTC) + delta).astimezone(now.tzinfo)
            wall = False
        else:
            when, wall = now + delta, True
    except OverflowError:
        raise _too_far(raw) from None
    _check_range(when, now, raw)
    return when.replace(second=0, microsecond=0), wall


class WallReading(Struct, frozen=True):
    """A wall-clock time in a zone: the instant it names, and a question when it names none or two."""

    when: datetime
    question: str | None = None


def _zone_word(when: datetime) -> str:
    return (when.tzname() or "").casefold()


def _names_a_reading(word: str, naive: datetime, tz: tzinfo) -> bool:
    """True when `word` ('est') is the zone's abbreviation for one reading of `naive` (after a possible swap
    of an ambiguous date, which never moves it across a clock change on the same night)."""
    return bool(_ZONE_WORD_RE.fullmatch(word)) and any(
        word == _zone_word(r) for r in wall_time_readings(naive.replace(tzinfo=None), tz)[0]
    )


def _how_to_type(naive: datetime, reading: datetime) -> str:
    """How to type `reading` so it is the only one: '01:30 EST', or with its UTC offset."""
    name = reading.tzname() or ""
    if name.isalpha() and _ZONE_WORD_RE.fullmatch(name.casefold()):
        return f"'{naive:%H:%M} {name}'"
    return f"'{naive:%Y-%m-%d %H:%M} {_offset(reading)}'"


def _offset(when: datetime) -> str:
    """'-05:00' for a UTC offset."""
    offset = when.utcoffset() or timedelta()
    sign = "-" if offset < timedelta() else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _label(when: datetime) -> str:
    """'01:30 EDT (UTC-04:00)', or without the name when the zone has none."""
    name = when.tzname() or ""
    zone = f" {name}" if name and not name.startswith(("+", "-")) else ""
    return f"{when:%H:%M}{zone} (UTC{_offset(when)})"


def wall_time_readings(naive: datetime, tz: tzinfo) -> tuple[list[datetime], bool]:
    """The instants a wall-clock time can name in `tz`, earliest first, and whether it exists at all.

    One reading for an ordinary time; two that both show `naive` in an overlap (the clocks go back); in a gap
    (the clocks go forward) no reading shows `naive`, and the two returned are its neighbours. Found from the
    zone's offsets three hours either side, so it works for any tzinfo (zoneinfo, and dateutil's tzlocal,
    which gives one offset for both folds of a skipped time).
    """
    offsets = {
        moment.replace(tzinfo=tz).utcoffset()
        for moment in (naive - timedelta(hours=3), naive + timedelta(hours=3))
    } | {naive.replace(tzinfo=tz, fold=fold).utcoffset() for fold in (0, 1)}
    instants = sorted({(naive - offset).replace(tzinfo=UTC) for offset in offsets if offset is not None})
    readings = [instant.astimezone(tz) for instant in instants]
    valid = [r for r in readings if r.replace(tzinfo=None) == naive]
    if valid:
        return valid, True
    return [readings[0], readings[-1]], False


def _pinned(reading: datetime) -> datetime:
    """A repeated wall time with its offset fixed (`timezone(-5 h, 'EST')`).

    In the zone itself such a time compares unequal to every time in another zone (PEP 495), so a stored
    value would never match it; with a fixed offset it is an ordinary instant.
    """
    offset, name = reading.utcoffset(), reading.tzname()
    if offset is None:
        return reading
    return reading.astimezone(timezone(offset, name) if name else timezone(offset))


def resolve_wall_time(naive: datetime, tz: tzinfo, zone_word: str = "") -> WallReading:
    """The instant a wall-clock time names in `tz`, questioning a time a DST change skips or repeats.

    In a gap (02:30 on the night clocks go forward) the time does not exist: both neighbouring readings are
    named, and the later one (the clock an hour on) is used until the user says otherwise. In an overlap
    (01:30 on the night clocks go back) the time happens twice: the first is used and the question says how to
    type the second. `zone_word` is a zone abbreviation the user typed ('est'): it picks one of two readings
    without a question (the caller has checked it names one of them).
    """
    readings, exists = wall_time_readings(naive, tz)
    if len(readings) == 1:
        return WallReading(readings[0])
    earlier, later = readings[0], readings[-1]
    day = f"{naive:%a %d %b}"
    if not exists:
        return WallReading(
            later,
            f"{naive:%H:%M} does not exist on {day}: the clocks go forward then. It is either "
            f"{_label(earlier)} or {_label(later)}; I read it as {later:%H:%M}. Type the time you mean.",
        )
    for reading in readings:
        if zone_word and zone_word == _zone_word(reading):
            return WallReading(_pinned(reading))
    gap = int((later.astimezone(UTC) - earlier.astimezone(UTC)).total_seconds() // 60)
    return WallReading(
        _pinned(earlier),
        f"{naive:%H:%M} happens twice on {day}: the clocks go back then. I read it as the first, "
        f"{_label(earlier)}; the second is {gap} minutes later, {_label(later)}. "
        f"Type {_how_to_type(naive, later)} for the second.",
    )


_YEAR_RE = re.compile(r"\b\d{4}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|'\d{2}\b")
"""A year typed with the date ('2027-01-05', 'jan 5 2027', '5/1/27', "jan 5 '27"): honoured as typed."""
_ODD_YEAR_RE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-](\d|\d{3})\b")
"""A day, a month and a year of 1 or 3 digits ('2/3/4', '31.12.202'): no year we can take as typed, and
dateutil would drop it without a word (reading '2/3/4' as the next 3 February)."""


def _refuse_odd_year(s: str, shown: str) -> None:
    """DateParseError when `s` holds a date whose year has 1 or 3 digits (see `_ODD_YEAR_RE`)."""
    found = _ODD_YEAR_RE.search(s)
    if found:
        where = "" if found.group(0) == shown else f" in '{_shown(shown)}'"
        raise DateParseError(
            f"'{_shown(found.group(0))}'{where}: type the year with 2 or 4 digits ('2/3/2027') or leave it "
            "out ('2/3')."
        )


def _month_first(text: str) -> str:
    """'31/01' (only readable day first) rewritten '01/31', the order dateutil reads; other text unchanged."""
    slash = _SLASH_DATE_RE.search(text)
    if slash is None or int(slash.group(1)) <= 12 or int(slash.group(2)) > 12:
        return text
    year = f"/{slash.group(3)}" if slash.group(3) else ""
    return f"{text[: slash.start()]}{slash.group(2)}/{slash.group(1)}{year}{text[slash.end() :]}"


def _nearest(when: datetime, today: date) -> datetime:
    """The occurrence of a year-less date nearest to `today`: last year's, this year's or next year's.

    'jan 5' typed in late November is the coming 5 January (37 days ahead), not the one 320 days ago; 'nov 20'
    typed on 29 November stays 9 days ago (and is questioned as past). A tie goes to the future.
    """
    options = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            options.append(when.replace(year=year))
        except ValueError:  # 29 February in a year without one
            continue
    return min(options or [when], key=lambda d: (abs((d.date() - today).days), d.date() < today))


def _day_label(when: datetime, today: date) -> str:
    return f"{when:%d %B}" + (f" {when.year}" if when.year != today.year else "")


def _read_date(
    raw: str, parsed: datetime, today: date, *, ahead: bool, year_free: bool
) -> tuple[datetime, str | None]:
    """The reading of a typed date to use, and a question when it could be read two ways.

    One rule for `parse_when` and `parse_day`. With `ahead` (planning: a meeting, a due date, a check-in) the
    reading of '01/12' not yet passed this year is used (1 December in late November, not 12 January); a
    date typed without a year that has passed this year (both readings of '03/04', or 'jan 5' in November)
    is the occurrence nearest to today (`_nearest`), so usually next year's. Without `ahead` (a search since
    a day, when a message was sent) the year is the current one and the reading already passed is used. A
    year typed is never changed. When both readings qualify, month/day (dateutil's reading) is used. An
    ambiguous date is always questioned, naming both readings, so nothing is guessed silently.
    """
    readings = [parsed]
    slash = _SLASH_DATE_RE.search(raw)
    first, second = (int(slash.group(1)), int(slash.group(2))) if slash else (0, 0)
    ambiguous = slash is not None and first != second and first <= 12 and second <= 12
    if ambiguous:
        try:
            readings.append(parsed.replace(month=second, day=first))
        except ValueError:  # no such day in the other month
            ambiguous = False
    on_side = [r for r in readings if (r.date() >= today if ahead else r.date() <= today)]
    moved = ahead and year_free and not on_side
    if moved:
        readings = [_nearest(r, today) for r in readings]
    chosen = on_side[0] if on_side else readings[0]
    if not ambiguous:
        return chosen, None
    other = readings[1] if chosen is readings[0] else readings[0]
    note = " (both have passed this year)" if moved and chosen.year != today.year else ""
    if chosen is not readings[0]:
        note = f" ({_day_label(other, today)} {'has passed' if ahead else 'is still to come'})"
    assert slash is not None
    question = (
        f"'{slash.group(0)}' could be month/day or day/month: {_day_label(chosen, today)} or "
        f"{_day_label(other, today)}; I read it as {_day_label(chosen, today)}{note}. "
        "Type the date as 2026-12-01 to be sure."
    )
    return chosen, question


def parse_when(text: str, now: datetime, *, ahead: bool = True) -> ParsedWhen:
    """Read a date and time as people type them, relative to `now` (aware, in the user's zone).

    `ahead` (the default: scheduling) reads a date typed without a year as the occurrence nearest to today,
    and an ambiguous '03/04' as the reading not yet passed; `ahead=False` (when something was sent) keeps
    the current year and prefers the reading already passed (`_read_date`).

    Raises DateParseError (one line saying what to type) for anything it cannot read, including times more
    than MAX_YEARS_AHEAD away. Returns the reading with questions when it is in the past, an early hour
    without am/pm, a date that reads either way, or a wall-clock time a DST change skips or repeats.
    """
    raw = " ".join(text.strip().split())
    if not raw:
        raise DateParseError(f"Type a date and time, e.g. {EXAMPLES}.")
    if len(raw) > MAX_INPUT:
        raise DateParseError(f"That is too long for a date; try {EXAMPLES}.")
    s = raw.lower()
    _refuse_odd_year(s, raw)
    tz = now.tzinfo
    if s == "now":
        return ParsedWhen(now.replace(second=0, microsecond=0))
    match = _IN_RE.fullmatch(s)
    if match:
        moved, wall = _parse_in(match, now, raw)
        if not wall or tz is None:
            return ParsedWhen(moved)
        reading = resolve_wall_time(moved.replace(tzinfo=None), tz)
        return ParsedWhen(reading.when, (reading.question,) if reading.question else ())

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
        days = (_WEEKDAYS[words[1]] - today.weekday()) % 7 or 7
        base, words = today + timedelta(days=days), words[2:]
    elif words[0].rstrip(",") in _WEEKDAYS:
        days = (_WEEKDAYS[words[0].rstrip(",")] - today.weekday()) % 7
        base, words = today + timedelta(days=days), words[1:]
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
    year_free = base is None and _YEAR_RE.search(rest) is None
    rest = _month_first(rest)
    try:
        parsed, skipped = du_parser.parse(rest, default=default, fuzzy_with_tokens=True)
    except (ValueError, OverflowError) as exc:
        raise DateParseError(f"I can't read '{_shown(raw)}' as a time; try {EXAMPLES}.") from exc
    if not SAFE_YEARS[0] <= parsed.year < SAFE_YEARS[1]:
        # Before any arithmetic: it would overflow. "in …" always points ahead, whatever year it was read as.
        past = parsed.year < SAFE_YEARS[0] and not re.match(r"\s*in\b", raw, re.IGNORECASE)
        raise _too_far(raw, past=past)
    leftovers = [t.strip() for t in skipped if t.strip() and t.strip() not in _ALLOWED_FILLER]
    worded = [t for t in leftovers if re.search(r"[^\W\d_]", t)]
    zone_word = worded[0] if len(worded) == 1 and rest.endswith(worded[0]) else ""
    if zone_word and (tz is None or parsed.tzinfo is not None or not _names_a_reading(zone_word, parsed, tz)):
        zone_word = ""  # not the zone's name on that day: an unknown word after all
    if worded and not zone_word:
        raise DateParseError(
            f"I can't read '{_shown(raw)}' as a time (what is '{_shown(' '.join(leftovers))}'?); "
            f"try {EXAMPLES}."
        )
    if base is not None and parsed.date() != base:
        raise DateParseError(f"'{_shown(raw)}' names two different days; give one.")
    if not _CLOCK_RE.search(rest):
        raise DateParseError(f"Add a time of day to '{_shown(raw)}', e.g. {EXAMPLES}.")

    questions: list[str] = []
    time_match = _TIME_RE.search(rest)
    clock = _CLOCK_RE.search(rest)
    if clock and not has_meridiem and time_match and 1 <= parsed.hour <= 7:
        questions.append(
            f"{parsed:%H:%M} is early in the morning. Did you mean {parsed.hour + 12:02d}:{parsed:%M}? "
            "Add am or pm to be sure."
        )
    if parsed.tzinfo is None and base is None:
        parsed, question = _read_date(rest, parsed, today, ahead=ahead, year_free=year_free)
        if question:
            questions.append(question)
    if parsed.tzinfo is not None:  # an offset typed with the time ('01:30 -05:00'): exactly that instant
        try:
            when = parsed.astimezone(tz) if tz is not None else parsed
            if when.replace(fold=1 - when.fold).utcoffset() != when.utcoffset():
                when = _pinned(when)  # '01:30 -05:00' on the night clocks go back
        except (OverflowError, ValueError):
            raise _too_far(raw) from None
    elif tz is None:
        when = parsed.astimezone()
    else:
        reading = resolve_wall_time(parsed, tz, zone_word)
        when = reading.when
        if reading.question:
            questions.append(reading.question)
    _check_range(when, now, raw)
    if when < now - timedelta(minutes=1):
        questions.append(f"{when:%a %d %b %H:%M} is in the past.")
    return ParsedWhen(when, tuple(questions))


def parse_day(text: str, today: date, *, ahead: bool = False) -> date:
    """Read a calendar day ('2026-12-01', 'tomorrow', 'fri', 'in 2 weeks'); no time needed.

    `ahead` (a due date, a check-in) reads a date without a year as the occurrence nearest to today and an
    ambiguous '01/12' as the reading not yet passed; without it (a search filter) the year is this one and
    the reading already passed is preferred (`_read_date`, the rule `parse_when` uses too).

    Raises DateParseError for anything it cannot read, and for a day more than MAX_YEARS_AHEAD ahead or
    MAX_YEARS_BACK behind `today` (so `in 9999999 days` is a message, not an OverflowError).
    """
    s = " ".join(text.strip().lower().split())
    if not s:
        raise DateParseError("Type a date, e.g. '2026-12-01', 'fri' or 'in 2 weeks'.")
    if len(s) > MAX_INPUT:
        raise DateParseError("That is too long for a date; try '2026-12-01' or 'fri'.")
    if s == "today":
        return today
    if s == "yesterday":
        return today - timedelta(days=1)
    if s in ("tomorrow", "tmrw", "tmr"):
        return today + timedelta(days=1)
    match = _IN_RE.fullmatch(s)
    if match:
        noon = datetime.combine(today, time(12, 0))
        return _day_in_range(_parse_in(match, noon, text.strip())[0].date(), today, text)
    words = s.split(" ")
    if words[0] == "next" and len(words) == 2 and words[1] in _WEEKDAYS:
        return today + timedelta(days=(_WEEKDAYS[words[1]] - today.weekday()) % 7 or 7)
    if s in _WEEKDAYS:
        return today + timedelta(days=(_WEEKDAYS[s] - today.weekday()) % 7)
    _refuse_odd_year(s, text.strip())
    from dateutil import parser as du_parser

    unreadable = f"I can't read '{_shown(text.strip())}' as a date; try '2026-12-01' or 'fri'."
    try:
        parsed, skipped = du_parser.parse(
            _month_first(s), default=datetime.combine(today, time(0, 0)), fuzzy_with_tokens=True
        )
    except (ValueError, OverflowError) as exc:
        raise DateParseError(unreadable) from exc
    if any(re.search(r"[^\W\d_]", t) for t in skipped if t.strip() not in _ALLOWED_FILLER):
        raise DateParseError(unreadable)
    if SAFE_YEARS[0] <= parsed.year < SAFE_YEARS[1]:
        parsed, _ = _read_date(
            _month_first(s), parsed, today, ahead=ahead, year_free=_YEAR_RE.search(s) is None
        )
    return _day_in_range(parsed.date(), today, text)


def _day_in_range(day: date, today: date, text: str) -> date:
    """`day`, or a DateParseError when it is more than MAX_YEARS_AHEAD ahead or MAX_YEARS_BACK behind."""
    days = (day - today).days
    if days > MAX_YEARS_AHEAD * 366 or days < -MAX_YEARS_BACK * 366:
        span = f"the last {MAX_YEARS_BACK} years" if days < 0 else f"the next {MAX_YEARS_AHEAD} years"
        raise DateParseError(
            f"'{_shown(text.strip())}' is too far away: type a day within {span}, e.g. '2026-12-01' or 'fri'."
        )
    return day


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
    try:
        local = when.astimezone()
    except (OverflowError, ValueError):  # year 1 or 9999 from a hand-edited file: show it as stored
        return when.isoformat(timespec="minutes")
    return f"{local:%a %d %b %H:%M}" if with_day else f"{local:%H:%M}"
