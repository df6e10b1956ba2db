"""Tests for infoview_tui.domain.timing: elapsed time from spans, the ctrl+t toggle, timer states, phases, pacing."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import CallRecord, TimeSpan
from infoview_tui.domain.timing import (
    STATE_MESSAGES,
    Phase,
    SteadyClock,
    TimerState,
    TimerStatus,
    elapsed,
    end_call,
    fmt_clock,
    live_pacing,
    minutes_left,
    pacing,
    start_or_toggle,
    timer_status,
)

T0 = datetime(2026, 3, 4, 14, 0, tzinfo=timezone(timedelta(hours=1)))


def mins(m: float) -> timedelta:
    return timedelta(minutes=m)


def running_since(start: datetime) -> CallRecord:
    return CallRecord(spans=(TimeSpan(start=start),))


# --- elapsed -----------------------------------------------------------------------------------------


def test_elapsed_of_a_call_not_started_is_zero() -> None:
    assert elapsed(CallRecord(), T0) == timedelta()


def test_elapsed_of_a_running_span_counts_up_to_now() -> None:
    clock = FixedClock(T0)
    call = running_since(clock.now())
    assert elapsed(call, clock.now()) == timedelta()
    clock.advance(minutes=7, seconds=30)
    assert elapsed(call, clock.now()) == mins(7.5)


def test_elapsed_sums_spans_and_skips_pauses() -> None:
    call = CallRecord(
        spans=(
            TimeSpan(T0, T0 + mins(5)),  # 5 min
            TimeSpan(T0 + mins(10), T0 + mins(12)),  # paused 5 min, then 2 min
            TimeSpan(T0 + mins(20)),  # paused 8 min, running since
        )
    )
    assert elapsed(call, T0 + mins(20)) == mins(7)
    assert elapsed(call, T0 + mins(23)) == mins(10)


def test_elapsed_of_a_paused_call_does_not_grow() -> None:
    call = CallRecord(spans=(TimeSpan(T0, T0 + mins(4)),))
    assert elapsed(call, T0 + mins(4)) == mins(4)
    assert elapsed(call, T0 + timedelta(hours=5)) == mins(4)


def test_elapsed_stops_at_the_end_of_the_call() -> None:
    call = CallRecord(spans=(TimeSpan(T0),), ended_at=T0 + mins(25))
    assert elapsed(call, T0 + timedelta(days=1)) == mins(25)


def test_elapsed_ignores_a_span_that_ends_before_it_starts() -> None:
    call = CallRecord(spans=(TimeSpan(T0, T0 - mins(3)), TimeSpan(T0, T0 + mins(2))))
    assert elapsed(call, T0 + mins(10)) == mins(2)


def test_elapsed_is_computed_from_timestamps_not_ticks() -> None:
    """A clock that jumps (suspend, stall) still gives the right total."""
    clock = FixedClock(T0)
    call = running_since(clock.now())
    clock.advance(hours=1, minutes=2, seconds=3)
    assert elapsed(call, clock.now()) == timedelta(hours=1, minutes=2, seconds=3)


# --- start_or_toggle / end_call ----------------------------------------------------------------------


def test_start_or_toggle_starts_pauses_and_resumes() -> None:
    clock = FixedClock(T0)
    call = CallRecord()
    assert not call.running and call.started_at is None

    call = start_or_toggle(call, clock.now())  # start
    assert call.spans == (TimeSpan(T0),)
    assert call.running
    assert call.started_at == T0

    clock.advance(minutes=6)
    call = start_or_toggle(call, clock.now())  # pause
    assert call.spans == (TimeSpan(T0, T0 + mins(6)),)
    assert not call.running

    clock.advance(minutes=4)
    call = start_or_toggle(call, clock.now())  # resume
    assert call.spans == (TimeSpan(T0, T0 + mins(6)), TimeSpan(T0 + mins(10)))
    assert call.running
    assert call.started_at == T0

    clock.advance(minutes=3)
    assert elapsed(call, clock.now()) == mins(9)


def test_start_or_toggle_does_nothing_after_the_call_ended() -> None:
    ended = CallRecord(spans=(TimeSpan(T0, T0 + mins(30)),), ended_at=T0 + mins(30))
    assert start_or_toggle(ended, T0 + mins(40)) is ended


def test_start_or_toggle_does_not_mutate_its_input() -> None:
    call = CallRecord()
    start_or_toggle(call, T0)
    assert call == CallRecord()


def test_end_call_closes_the_open_span_and_stamps_the_end() -> None:
    call = running_since(T0)
    ended = end_call(call, T0 + mins(31))
    assert ended.spans == (TimeSpan(T0, T0 + mins(31)),)
    assert ended.ended_at == T0 + mins(31)
    assert not ended.running
    assert elapsed(ended, T0 + timedelta(hours=3)) == mins(31)


def test_end_call_while_paused_keeps_the_spans() -> None:
    call = CallRecord(spans=(TimeSpan(T0, T0 + mins(12)),))
    ended = end_call(call, T0 + mins(20))
    assert ended.spans == call.spans
    assert ended.ended_at == T0 + mins(20)
    assert elapsed(ended, T0 + mins(60)) == mins(12)


def test_end_call_without_start() -> None:
    ended = end_call(CallRecord(), T0)
    assert ended.spans == ()
    assert ended.ended_at == T0


# --- timer_status ------------------------------------------------------------------------------------


def status_at(call: CallRecord, minutes_in: float, allotted: int = 30) -> TimerStatus:
    return timer_status(call, allotted, T0 + mins(minutes_in))


def test_timer_ready_before_start() -> None:
    status = timer_status(CallRecord(), 30, T0)
    assert status.state is TimerState.READY
    assert status.elapsed == timedelta()
    assert status.remaining == mins(30)
    assert status.phase is Phase.SMALL_TALK
    assert "ctrl+t" in status.message


@pytest.mark.parametrize(
    ("minutes_in", "state"),
    [
        (0, TimerState.RUNNING),
        (10, TimerState.RUNNING),
        (24 + 59 / 60, TimerState.RUNNING),  # 5:01 left
        (25, TimerState.WRAP_UP),  # exactly 5 minutes left
        (29 + 59 / 60, TimerState.WRAP_UP),  # 0:01 left
        (30, TimerState.TIME_UP),  # exactly 0 left
        (30 + 59 / 60, TimerState.TIME_UP),  # 0:59 over
        (31, TimerState.OVERTIME),  # a full minute over
        (45, TimerState.OVERTIME),
    ],
)
def test_timer_state_transitions(minutes_in: float, state: TimerState) -> None:
    status = status_at(running_since(T0), minutes_in)
    assert status.state is state
    assert status.elapsed == mins(minutes_in)
    assert status.remaining == mins(30) - mins(minutes_in)


def test_timer_walks_through_every_state_with_a_fixed_clock() -> None:
    clock = FixedClock(T0)
    call = CallRecord()
    seen = [timer_status(call, 30, clock.now()).state]
    call = start_or_toggle(call, clock.now())
    seen.append(timer_status(call, 30, clock.now()).state)
    clock.advance(minutes=10)
    call = start_or_toggle(call, clock.now())  # pause at 10:00
    seen.append(timer_status(call, 30, clock.now()).state)
    clock.advance(minutes=60)  # a long pause does not count
    assert timer_status(call, 30, clock.now()).remaining == mins(20)
    call = start_or_toggle(call, clock.now())  # resume
    clock.advance(minutes=15)  # 25:00 elapsed
    seen.append(timer_status(call, 30, clock.now()).state)
    clock.advance(minutes=5)  # 30:00
    seen.append(timer_status(call, 30, clock.now()).state)
    clock.advance(minutes=1)  # 31:00
    seen.append(timer_status(call, 30, clock.now()).state)
    call = end_call(call, clock.now())
    clock.advance(minutes=10)
    final = timer_status(call, 30, clock.now())
    seen.append(final.state)
    assert seen == [
        TimerState.READY,
        TimerState.RUNNING,
        TimerState.PAUSED,
        TimerState.WRAP_UP,
        TimerState.TIME_UP,
        TimerState.OVERTIME,
        TimerState.ENDED,
    ]
    assert final.elapsed == mins(31)
    assert final.remaining == -mins(1)


def test_timer_paused_state_and_message() -> None:
    call = CallRecord(spans=(TimeSpan(T0, T0 + mins(8)),))
    status = status_at(call, 50)
    assert status.state is TimerState.PAUSED
    assert status.elapsed == mins(8)
    assert status.message == STATE_MESSAGES[TimerState.PAUSED]
    assert "resumes" in status.message


def test_timer_paused_in_the_last_five_minutes_is_paused_in_wrap_up_phase() -> None:
    call = CallRecord(spans=(TimeSpan(T0, T0 + mins(27)),))
    status = status_at(call, 40)
    assert status.state is TimerState.PAUSED
    assert status.phase is Phase.WRAP_UP


def test_timer_paused_after_time_is_up_still_says_time_up() -> None:
    call = CallRecord(spans=(TimeSpan(T0, T0 + mins(30)),))
    assert status_at(call, 40).state is TimerState.TIME_UP
    call = CallRecord(spans=(TimeSpan(T0, T0 + mins(32)),))
    assert status_at(call, 40).state is TimerState.OVERTIME


def test_timer_ended_wins_over_everything() -> None:
    ended = end_call(running_since(T0), T0 + mins(45))
    status = status_at(ended, 50)
    assert status.state is TimerState.ENDED
    assert status.message == "Call ended"
    assert status.remaining == -mins(15)


def test_timer_messages_exist_for_every_state() -> None:
    assert set(STATE_MESSAGES) == set(TimerState)
    assert "{left} left" in STATE_MESSAGES[TimerState.WRAP_UP]
    assert "who else" in STATE_MESSAGES[TimerState.WRAP_UP]
    assert "Time is up" in STATE_MESSAGES[TimerState.TIME_UP]
    assert "Over time" in STATE_MESSAGES[TimerState.OVERTIME]


def test_timer_respects_the_allotted_minutes() -> None:
    call = running_since(T0)
    assert status_at(call, 40, allotted=45).state is TimerState.WRAP_UP
    assert status_at(call, 39, allotted=45).state is TimerState.RUNNING
    assert status_at(call, 16, allotted=15).state is TimerState.OVERTIME


# --- phases ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes_in", "phase"),
    [
        (0, Phase.SMALL_TALK),
        (2 + 59 / 60, Phase.SMALL_TALK),
        (3, Phase.QUESTIONS),
        (24 + 59 / 60, Phase.QUESTIONS),
        (25, Phase.WRAP_UP),
        (40, Phase.WRAP_UP),
    ],
)
def test_phases_for_thirty_minutes(minutes_in: float, phase: Phase) -> None:
    assert status_at(running_since(T0), minutes_in).phase is phase


def test_small_talk_is_a_tenth_of_a_short_call() -> None:
    call = running_since(T0)
    assert status_at(call, 1.9, allotted=20).phase is Phase.SMALL_TALK
    assert status_at(call, 2, allotted=20).phase is Phase.QUESTIONS


def test_a_call_of_five_minutes_or_less_is_all_wrap_up() -> None:
    assert timer_status(CallRecord(), 5, T0).phase is Phase.WRAP_UP


def test_phase_cues() -> None:
    assert Phase.SMALL_TALK.cue.startswith("Small talk")
    assert Phase.QUESTIONS.cue.startswith("Questions")
    assert "who else" in Phase.WRAP_UP.cue


# --- fmt_clock ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "signed", "expected"),
    [
        (timedelta(), False, "00:00"),
        (timedelta(seconds=5), False, "00:05"),
        (timedelta(minutes=9, seconds=7), False, "09:07"),
        (timedelta(minutes=59, seconds=59), False, "59:59"),
        (timedelta(hours=1), False, "1:00:00"),
        (timedelta(hours=1, minutes=2, seconds=5), False, "1:02:05"),
        (timedelta(hours=12, minutes=30), False, "12:30:00"),
        (timedelta(seconds=59.9), False, "00:59"),  # truncates, never rounds up
        (timedelta(minutes=-1, seconds=-30), False, "01:30"),  # unsigned shows magnitude
        (timedelta(minutes=4, seconds=59), True, "+04:59"),
        (timedelta(), True, "+00:00"),
        (timedelta(minutes=-1, seconds=-30), True, "-01:30"),
        (timedelta(hours=-1, minutes=-5), True, "-1:05:00"),
        (timedelta(seconds=-0.4), True, "+00:00"),  # under a second over is not shown as negative
    ],
)
def test_fmt_clock(delta: timedelta, signed: bool, expected: str) -> None:
    assert fmt_clock(delta, signed=signed) == expected


# --- pacing --------------------------------------------------------------------------------------------


def test_pacing_eight_questions_fit_thirty_minutes() -> None:
    p = pacing(8, 30)
    assert p.fits
    assert p.capacity == 8  # (30 - 3 small talk - 3 wrap-up) / 3
    assert p.minutes_needed == 30
    assert p.minutes_allotted == 30
    assert p.summary == "8 questions ≈ 30 min of 30 (room for 8)"


def test_pacing_nine_questions_do_not_fit_thirty_minutes() -> None:
    p = pacing(9, 30)
    assert not p.fits
    assert p.minutes_needed == 33
    assert p.summary.endswith(": too many, cut or mark must-asks")
    assert p.summary.startswith("9 questions ≈ 33 min of 30 (room for 8)")


def test_pacing_edge_cases() -> None:
    assert pacing(0, 30).fits
    assert pacing(0, 5).fits
    assert pacing(0, 5).capacity == 0
    assert not pacing(1, 5).fits
    assert pacing(18, 60).fits and not pacing(19, 60).fits


@pytest.mark.parametrize(
    ("left", "words"),
    [
        (timedelta(minutes=5), "5 minutes left"),  # the moment the warning appears
        (timedelta(minutes=4, seconds=1), "5 minutes left"),
        (timedelta(minutes=4), "4 minutes left"),
        (timedelta(minutes=2, seconds=56), "3 minutes left"),  # the reported case: it said 5
        (timedelta(minutes=1), "1 minute left"),
        (timedelta(seconds=1), "1 minute left"),
    ],
)
def test_the_wrap_up_warning_says_the_minutes_really_left(left: timedelta, words: str) -> None:
    status = status_at(running_since(T0), 30 - left.total_seconds() / 60)
    assert status.state is TimerState.WRAP_UP
    assert status.message.startswith(words + ":")


@pytest.mark.parametrize(
    ("remaining", "minutes"),
    [(timedelta(seconds=-5), 0), (timedelta(), 0), (timedelta(seconds=1), 1), (timedelta(minutes=3), 3)],
)
def test_minutes_left_rounds_up_and_never_goes_negative(remaining: timedelta, minutes: int) -> None:
    assert minutes_left(remaining) == minutes


# --- live_pacing ---------------------------------------------------------------------------------------


def test_live_pacing_plain_line_when_there_is_room() -> None:
    assert live_pacing(2, 1, mins(9)) == "2 questions left, 9 minutes"
    assert live_pacing(4, 0, mins(15)) == "4 questions left, 15 minutes"


def test_live_pacing_nudges_to_must_asks_when_short_of_time() -> None:
    assert live_pacing(4, 2, mins(9)) == "4 questions left, 9 minutes: prioritise the 2 must-ask"


def test_live_pacing_keeps_the_wrap_up_minutes_free() -> None:
    # 3 questions need 9 minutes; 10 remain, but 3 of those are for the wrap-up.
    assert live_pacing(3, 1, mins(10)) == "3 questions left, 10 minutes: prioritise the 1 must-ask"
    # Exactly enough: 2 questions, 6 minutes after the wrap-up.
    assert live_pacing(2, 1, mins(9)) == "2 questions left, 9 minutes"


def test_live_pacing_nudges_to_pick_when_there_are_no_must_asks() -> None:
    assert live_pacing(4, 0, mins(9)) == "4 questions left, 9 minutes: pick the best ones"


def test_live_pacing_singular_and_rounding_up_like_the_banner() -> None:
    assert live_pacing(1, 0, timedelta(minutes=6, seconds=59)) == "1 question left, 7 minutes"
    assert live_pacing(1, 1, timedelta(seconds=30)) == "1 question left, 1 minute: prioritise the 1 must-ask"


def test_live_pacing_over_time_shows_zero_minutes() -> None:
    assert live_pacing(0, 0, -mins(3)) == "0 questions left, 0 minutes"
    assert live_pacing(3, 1, -mins(3)).startswith("3 questions left, 0 minutes: prioritise")


# --- a wall clock that steps back ------------------------------------------------------------------------


class Ticks:
    """A fake monotonic counter the test moves by hand."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


def test_steady_clock_follows_the_wall_clock_while_it_moves_forward() -> None:
    wall, ticks = FixedClock(T0), Ticks()
    steady = SteadyClock(wall, ticks)
    assert steady.now() == T0
    wall.advance(minutes=3)
    ticks.value += 1  # the monotonic counter is ignored while the wall clock is sane
    assert steady.now() == T0 + mins(3)
    wall.advance(hours=2)  # the machine slept: the call really went on
    assert steady.now() == T0 + mins(123)


def test_steady_clock_carries_on_at_the_real_pace_when_the_wall_clock_steps_back() -> None:
    wall, ticks = FixedClock(T0), Ticks()
    steady = SteadyClock(wall, ticks)
    steady.now()
    wall.advance(minutes=10)
    ticks.value += 600
    assert steady.now() == T0 + mins(10)
    wall.advance(hours=-1)  # NTP or the user sets the clock back an hour
    ticks.value += 30
    assert steady.now() == T0 + mins(10.5)
    wall.advance(minutes=1)
    ticks.value += 60
    assert steady.now() == T0 + mins(11.5)  # still counting from the monotonic counter
    wall.set(T0 + mins(20))  # the wall clock is ahead again: follow it
    ticks.value += 60
    assert steady.now() == T0 + mins(20)


def test_elapsed_never_goes_down_when_the_wall_clock_steps_back_mid_call() -> None:
    """The issue's case: a running span stamped before the step must not drop out of the total."""
    wall, ticks = FixedClock(T0), Ticks()
    steady = SteadyClock(wall, ticks)
    call = start_or_toggle(CallRecord(), steady.now())
    seen: list[timedelta] = []
    for step in range(1, 31):  # thirty seconds of ticks, with the wall clock set back an hour at 10 s
        ticks.value += 1
        wall.advance(seconds=1) if step != 10 else wall.advance(hours=-1)
        seen.append(elapsed(call, steady.now()))
    assert seen == sorted(seen), "elapsed time went down"
    assert seen[-1] == timedelta(seconds=30)
    ended = end_call(call, steady.now())
    assert ended.spans[0].end is not None and ended.spans[0].end >= ended.spans[0].start
    assert elapsed(ended, wall.now()) == timedelta(seconds=30)


def test_pausing_after_a_step_back_never_stores_a_span_that_ends_before_it_starts() -> None:
    """Across a restart there is no monotonic reading: the stored span is clamped to zero, never negative."""
    earlier = CallRecord(spans=(TimeSpan(T0, T0 + mins(5)), TimeSpan(T0 + mins(8))))
    paused = start_or_toggle(earlier, T0 - mins(30))  # the wall clock now reads before both spans
    assert paused.spans[-1].end == T0 + mins(8)
    assert elapsed(paused, T0 - mins(30)) == mins(5)  # the first span still counts
    resumed = start_or_toggle(paused, T0 - mins(29))
    assert resumed.spans[-1].start == T0 + mins(8)
    ended = end_call(resumed, T0 - mins(28))
    assert ended.ended_at == T0 + mins(8) and elapsed(ended, T0) == mins(5)
