"""Tests for pure rules in infoview_tui.stages.conduct.call: splitting a paste into notes, the draft, and when
starting the clock asks first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infoview_tui.domain.models import CallRecord, Interview, TimeSpan, replace
from infoview_tui.stages.conduct.call import MAX_NOTE, set_draft, split_lines, starts_off_schedule


def test_a_single_line_stays_in_the_field() -> None:
    assert split_lines("half a thought") == ([], "half a thought")


def test_each_complete_line_is_a_note_and_the_last_part_stays() -> None:
    assert split_lines("one\ntwo\nthree") == (["one", "two"], "three")
    assert split_lines("one\ntwo\n") == (["one", "two"], "")


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_every_kind_of_line_ending_splits(newline: str) -> None:
    assert split_lines(f"a{newline}b{newline}c") == (["a", "b"], "c")


def test_blank_lines_are_skipped_and_tabs_become_spaces() -> None:
    assert split_lines("a\n\n   \n\tb\n") == (["a", " b"], "")


def test_control_characters_never_reach_a_note() -> None:
    notes, rest = split_lines("clip\x1b]52;c;aGk=\x07board\nnext\x9b")
    assert notes == ["clip]52;c;aGk=board"] and rest == "next"


def test_a_long_line_is_split_at_spaces_and_nothing_is_lost() -> None:
    words = [f"w{n}" for n in range(3000)]
    notes, rest = split_lines(" ".join(words) + "\n")
    assert rest == "" and len(notes) > 1
    assert all(len(note) <= MAX_NOTE for note in notes)
    assert " ".join(notes).split() == words


def test_a_long_line_without_spaces_is_split_at_the_limit() -> None:
    notes, rest = split_lines("x" * 25, limit=10)
    assert notes == ["x" * 10, "x" * 10] and rest == "x" * 5


def test_the_draft_is_kept_exactly_but_without_controls() -> None:
    interview = Interview(contact_id="1")
    drafted = set_draft(interview, "  spaced out \x1b[31m ")
    assert drafted.note_draft == "  spaced out  [31m "
    assert set_draft(drafted, "  spaced out \x1b[31m ") is drafted  # unchanged: no write needed
    assert set_draft(drafted, "").note_draft == ""
    assert len(set_draft(interview, "y" * (MAX_NOTE + 50)).note_draft) == MAX_NOTE


# --- starting the clock far from the scheduled time ------------------------------------------------------

SCHEDULED = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def _booked(**changes: object) -> Interview:
    return replace(Interview(contact_id="1", scheduled_at=SCHEDULED), **changes)


@pytest.mark.parametrize(
    ("now", "asks"),
    [
        (SCHEDULED - timedelta(minutes=30), False),  # half an hour early is fine
        (SCHEDULED - timedelta(minutes=30, seconds=1), True),
        (SCHEDULED - timedelta(days=2), True),  # the reported case: two days early, not a word
        (SCHEDULED, False),
        (SCHEDULED + timedelta(hours=3), False),  # late on the same day
        (SCHEDULED + timedelta(days=1), True),  # the day after
    ],
)
def test_starting_far_from_the_scheduled_time_asks_first(now: datetime, asks: bool) -> None:
    assert starts_off_schedule(_booked(), now) is asks  # tests run with TZ=UTC (tests/conftest.py)


def test_no_time_set_a_started_clock_or_an_ended_call_never_asks() -> None:
    early = SCHEDULED - timedelta(days=2)
    assert not starts_off_schedule(_booked(scheduled_at=None), early)
    assert not starts_off_schedule(_booked(call=CallRecord(spans=(TimeSpan(early),))), early)
    assert not starts_off_schedule(_booked(call=CallRecord(ended_at=early)), early)
