"""`export_guard.usable`: what an export does with a value a hand edit made unusable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from infoview_tui.domain.models import (
    CallRecord,
    ChosenQuestion,
    FollowUp,
    Interview,
    Note,
    Outreach,
    TimeSpan,
)
from infoview_tui.exchange.guard import Problem, first_problem, usable

T = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
PLUS5 = timezone(timedelta(hours=5))
YEAR_1 = datetime(1, 1, 1, tzinfo=PLUS5)  # decodes fine; converting it to UTC overflows
YEAR_9999 = datetime(9999, 12, 31, 23, 0, tzinfo=UTC)  # adding 24 hours overflows


def test_a_clean_record_comes_back_as_the_same_object() -> None:
    interview = Interview(
        contact_id="1",
        id="3",
        scheduled_at=T,
        call=CallRecord(spans=(TimeSpan(T, T + timedelta(minutes=5)),)),
        notes=(Note("n", 12.5, id="1"),),
        questions=(ChosenQuestion("q", asked_offset_s=30.0),),
    )
    problems: list[Problem] = []
    assert usable(interview, problems) is interview
    assert problems == []


def test_optional_times_are_left_out_and_named() -> None:
    interview = Interview(
        contact_id="1",
        id="3",
        scheduled_at=YEAR_1,
        call=CallRecord(ended_at=YEAR_9999),
        follow_up=FollowUp(next_checkin=date(9999, 12, 31)),
    )
    problems: list[Problem] = []
    fixed = usable(interview, problems)
    assert fixed is not None
    assert (fixed.scheduled_at, fixed.call.ended_at, fixed.follow_up.next_checkin) == (None, None, None)
    assert [str(p) for p in problems] == [
        "interview 3: scheduled_at 0001-01-01T00:00:00+05:00 is out of range; left out",
        "interview 3: call.ended_at 9999-12-31T23:00:00+00:00 is out of range; left out",
        "interview 3: follow_up.next_checkin 9999-12-31 is out of range; left out",
    ]
    assert interview.scheduled_at == YEAR_1  # the record itself is never changed


def test_a_span_with_an_unusable_start_is_left_out_and_the_rest_kept() -> None:
    good = TimeSpan(T, T + timedelta(minutes=5))
    interview = Interview(contact_id="1", id="4", call=CallRecord(spans=(TimeSpan(YEAR_1), good)))
    problems: list[Problem] = []
    fixed = usable(interview, problems)
    assert fixed is not None and fixed.call.spans == (good,)
    assert [str(p) for p in problems] == [
        "interview 4: call.spans[0].start 0001-01-01T00:00:00+05:00 is out of range; call.spans[0] is left out"
    ]


def test_numbers_are_clamped_or_replaced() -> None:
    interview = Interview(
        contact_id="1",
        id="5",
        duration_minutes=-3,
        notes=(Note("a", float("inf"), id="1"), Note("b", 1e12, id="2")),
        questions=(ChosenQuestion("q", asked_offset_s=float("nan")),),
    )
    problems: list[Problem] = []
    fixed = usable(interview, problems)
    assert fixed is not None
    assert fixed.duration_minutes == 1 and [n.offset_s for n in fixed.notes] == [0.0, 0.0]
    assert fixed.questions[0].asked_offset_s is None
    assert [p.action for p in problems] == ["1 used", "left out", "0 used", "0 used"]  # in field order


def test_a_record_that_needs_the_time_is_left_out_whole() -> None:
    problems: list[Problem] = []
    assert usable(Outreach(contact_id="1", id="7", sent_at=YEAR_9999), problems) is None
    assert [str(p) for p in problems] == [
        "outreach 7: sent_at 9999-12-31T23:00:00+00:00 is out of range; the record is left out"
    ]


def test_first_problem_names_the_first_bad_record() -> None:
    records = [
        Outreach(contact_id="1", id="1", sent_at=T),
        Interview(contact_id="1", id="9", scheduled_at=YEAR_1),
    ]
    found = first_problem(records)
    assert (
        found is not None
        and found.what == "interview 9: scheduled_at 0001-01-01T00:00:00+05:00 is out of range"
    )
    assert first_problem(records[:1]) is None


def test_a_calendar_sequence_beyond_32_bits_is_clamped() -> None:
    problems: list[Problem] = []
    fixed = usable(Interview(contact_id="1", id="6", sequence=10**30), problems)
    assert fixed is not None and fixed.sequence == 2**31 - 1
    assert [str(p) for p in problems] == [f"interview 6: sequence {10**30} is out of range; {2**31 - 1} used"]
