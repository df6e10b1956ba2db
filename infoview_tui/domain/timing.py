"""Provides call timing: elapsed time from stored timestamps, timer states, phases and pacing.

Elapsed time is always computed from the call record's spans and the current time, never by counting ticks,
so it stays right after a stall, a suspend or a restart. Spans are stored as wall-clock timestamps (they must
survive a restart); within one run `SteadyClock` keeps those readings from going backwards when the wall clock
is stepped back (NTP, a manual change), and every span is clamped so none counts less than zero.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from enum import Enum

from msgspec import Struct

from infoview_tui.domain.dates import Clock
from infoview_tui.domain.models import CallRecord, TimeSpan, replace

WRAP_UP_WARNING = timedelta(minutes=5)
TIME_UP_GRACE = timedelta(minutes=1)
SMALL_TALK_MINUTES = 3
WRAP_UP_MINUTES = 3
MINUTES_PER_QUESTION = 3


class TimerState(str, Enum):
    """What the call clock shows."""

    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    WRAP_UP = "wrap_up"
    TIME_UP = "time_up"
    OVERTIME = "overtime"
    ENDED = "ended"


class Phase(str, Enum):
    """Where the conversation should be, by the clock."""

    SMALL_TALK = "small_talk"
    QUESTIONS = "questions"
    WRAP_UP = "wrap_up"

    @property
    def cue(self) -> str:
        return {
            "small_talk": "Small talk: thank them, re-introduce yourself, confirm how much time they have",
            "questions": "Questions: listen, take notes, stay on topic",
            "wrap_up": "Wrap-up and next steps: ask who else to talk to, thank them",
        }[self.value]


STATE_MESSAGES = {  # {left} is filled in with the minutes remaining, as `minutes_left` words them
    TimerState.READY: "Press ctrl+t to start the clock when the call begins",
    TimerState.RUNNING: "",
    TimerState.PAUSED: "Paused: ctrl+t resumes",
    TimerState.WRAP_UP: "{left} left: start wrapping up: ask who else to talk to",
    TimerState.TIME_UP: "Time is up: thank them; continue only if they offer",
    TimerState.OVERTIME: "Over time: thank them; continue only if they offer",
    TimerState.ENDED: "Call ended",
}


class SteadyClock:
    """Wall-clock readings that never go backwards within this process, for stamping and timing a call.

    While the wall clock moves forward (including a jump after the machine slept, when the call really went
    on) its reading is used as is, so stored stamps stay true wall-clock times. When it is stepped back, the
    last reading is carried forward by the monotonic counter instead, until the wall clock catches up: the
    timer keeps counting at the real pace and no span is stamped with an end before its start.
    """

    def __init__(self, wall: Clock, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._wall = wall
        self._monotonic = monotonic
        self._last: tuple[datetime, float] | None = None
        """The last reading given out and the monotonic counter at that moment."""

    def now(self) -> datetime:
        """The wall clock's time, or, if it went back, the last reading plus the monotonic time since."""
        wall, tick = self._wall.now(), self._monotonic()
        if self._last is not None:
            last, last_tick = self._last
            if wall < last:
                wall = last + timedelta(seconds=max(0.0, tick - last_tick))
        self._last = (wall, tick)
        return wall


def elapsed(call: CallRecord, now: datetime) -> timedelta:
    """Time the clock has run: the sum of its spans, the open one up to `now` (or the end).

    A span whose end reads earlier than its start (the wall clock went back between them, across a restart)
    counts as zero rather than subtracting from the others.
    """
    total = timedelta()
    for span in call.spans:
        end = span.end or call.ended_at or now
        if end > span.start:
            total += end - span.start
    return total


def _latest_stamp(call: CallRecord) -> datetime | None:
    """The latest time written into the call record so far."""
    stamps = [stamp for span in call.spans for stamp in (span.start, span.end) if stamp is not None]
    return max(stamps, default=None)


def _not_before(now: datetime, call: CallRecord) -> datetime:
    """`now`, or the call's latest stamp if the wall clock reads earlier: stored spans never run backwards."""
    latest = _latest_stamp(call)
    return latest if latest is not None and now < latest else now


def start_or_toggle(call: CallRecord, now: datetime) -> CallRecord:
    """ctrl+t: start the clock, pause it, or resume it."""
    if call.ended_at is not None:
        return call
    now = _not_before(now, call)
    if call.running:
        last = call.spans[-1]
        return replace(call, spans=call.spans[:-1] + (replace(last, end=now),))
    return replace(call, spans=call.spans + (TimeSpan(start=now),))


def end_call(call: CallRecord, now: datetime) -> CallRecord:
    """Close the open span and stamp the end."""
    now = _not_before(now, call)
    spans = call.spans
    if spans and spans[-1].end is None:
        spans = spans[:-1] + (replace(spans[-1], end=now),)
    return replace(call, spans=spans, ended_at=now)


class TimerStatus(Struct, frozen=True):
    """Everything the timer display needs at one moment."""

    elapsed: timedelta
    remaining: timedelta
    """Negative once over time."""
    state: TimerState
    phase: Phase

    @property
    def message(self) -> str:
        """The state's line; the wrap-up warning says how many minutes are really left."""
        return STATE_MESSAGES[self.state].format(left=minutes_word(minutes_left(self.remaining)))


def minutes_left(remaining: timedelta) -> int:
    """Whole minutes left, rounded up (02:56 left is 3 minutes, 00:01 is 1), never below zero.

    The one rounding for every "N minutes left" the call screen shows, so the banner and the pacing line agree.
    """
    return max(0, math.ceil(remaining.total_seconds() / 60))


def minutes_word(minutes: int) -> str:
    """'1 minute', '3 minutes'."""
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def timer_status(call: CallRecord, allotted_minutes: int, now: datetime) -> TimerStatus:
    """The clock's state against the time allotted."""
    done = elapsed(call, now)
    allotted = timedelta(minutes=allotted_minutes)
    remaining = allotted - done
    if call.ended_at is not None:
        state = TimerState.ENDED
    elif not call.spans:
        state = TimerState.READY
    elif remaining <= -TIME_UP_GRACE:
        state = TimerState.OVERTIME
    elif remaining <= timedelta():
        state = TimerState.TIME_UP
    elif not call.running:
        state = TimerState.PAUSED
    elif remaining <= WRAP_UP_WARNING:
        state = TimerState.WRAP_UP
    else:
        state = TimerState.RUNNING
    small_talk = min(timedelta(minutes=SMALL_TALK_MINUTES), allotted / 10)
    if remaining <= WRAP_UP_WARNING:
        phase = Phase.WRAP_UP
    elif done < small_talk:
        phase = Phase.SMALL_TALK
    else:
        phase = Phase.QUESTIONS
    return TimerStatus(elapsed=done, remaining=remaining, state=state, phase=phase)


def fmt_clock(delta: timedelta, signed: bool = False) -> str:
    """mm:ss (h:mm:ss past an hour); `signed` prefixes + or - ."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
    return f"{sign}{text}" if signed else text


def fmt_offset(seconds: float) -> str:
    """A note's time into the call (seconds) as mm:ss."""
    return fmt_clock(timedelta(seconds=seconds))


class Pacing(Struct, frozen=True):
    """Whether a list of questions fits the time allotted."""

    questions: int
    capacity: int
    minutes_needed: int
    minutes_allotted: int

    @property
    def fits(self) -> bool:
        return self.questions <= self.capacity

    @property
    def summary(self) -> str:
        noun = "question" if self.questions == 1 else "questions"
        text = f"{self.questions} {noun} ≈ {self.minutes_needed} min of {self.minutes_allotted} (room for {self.capacity})"
        return text if self.fits else text + ": too many, cut or mark must-asks"


def pacing(question_count: int, allotted_minutes: int) -> Pacing:
    """About 3 minutes a question after small talk and before a wrap-up."""
    usable = max(0, allotted_minutes - SMALL_TALK_MINUTES - WRAP_UP_MINUTES)
    return Pacing(
        questions=question_count,
        capacity=usable // MINUTES_PER_QUESTION,
        minutes_needed=SMALL_TALK_MINUTES + WRAP_UP_MINUTES + question_count * MINUTES_PER_QUESTION,
        minutes_allotted=allotted_minutes,
    )


def live_pacing(questions_left: int, must_ask_left: int, remaining: timedelta) -> str:
    """The in-call line: '4 questions left, 9 minutes', with a nudge to prioritise must-asks."""
    minutes = minutes_left(remaining)
    text = f"{questions_left} question{'s' if questions_left != 1 else ''} left, {minutes_word(minutes)}"
    usable = max(0, minutes - WRAP_UP_MINUTES)
    if questions_left and questions_left * MINUTES_PER_QUESTION > usable:
        text += f": prioritise the {must_ask_left} must-ask" if must_ask_left else ": pick the best ones"
    return text
