"""Scheduling checks: overlapping interviews and the long-call warning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from infoview_tui.domain.models import Interview, Stage
from infoview_tui.stages.prepare.scheduling import LONG_CALL_WARNING, duration_warning, find_overlaps

T = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def iv(iid: int, start: datetime | None, minutes: int = 30, stage: Stage = Stage.SCHEDULED) -> Interview:
    return Interview(contact_id="1", id=str(iid), scheduled_at=start, duration_minutes=minutes, stage=stage)


def ids(found: list[Interview]) -> list[int]:
    return [int(i.id) for i in found]


def test_touching_ends_do_not_overlap() -> None:
    existing = [iv(1, T)]  # 14:00–14:30
    assert find_overlaps(existing, T + timedelta(minutes=30), 30) == []  # starts as it ends
    assert find_overlaps(existing, T - timedelta(minutes=30), 30) == []  # ends as it starts


@pytest.mark.parametrize(
    ("offset", "minutes"),
    [(-15, 30), (15, 30), (0, 30), (5, 10), (-10, 60), (29, 1), (-29, 30)],
)
def test_partial_and_full_overlaps(offset: int, minutes: int) -> None:
    existing = [iv(1, T), iv(2, T + timedelta(hours=3))]
    assert ids(find_overlaps(existing, T + timedelta(minutes=offset), minutes)) == [1]


def test_several_overlaps_in_order() -> None:
    existing = [iv(1, T), iv(2, T + timedelta(minutes=20), 20), iv(3, T + timedelta(minutes=45))]
    assert ids(find_overlaps(existing, T + timedelta(minutes=10), 30)) == [1, 2]


def test_the_interview_being_rescheduled_is_excluded() -> None:
    existing = [iv(1, T), iv(2, T + timedelta(minutes=10))]
    assert ids(find_overlaps(existing, T, 30, exclude_id="1")) == [2]
    assert ids(find_overlaps(existing, T, 30, exclude_id=None)) == [1, 2]


@pytest.mark.parametrize("stage", [Stage.CANCELLED, Stage.CONDUCTED, Stage.FOLLOWED_UP, Stage.REFLECTED])
def test_cancelled_and_held_interviews_are_ignored(stage: Stage) -> None:
    assert find_overlaps([iv(1, T, stage=stage)], T, 30) == []


@pytest.mark.parametrize("stage", [Stage.IDENTIFIED, Stage.REACHED_OUT, Stage.SCHEDULED, Stage.PREPARED])
def test_interviews_still_to_come_count(stage: Stage) -> None:
    assert ids(find_overlaps([iv(1, T, stage=stage)], T, 30)) == [1]


def test_interviews_without_a_time_are_ignored() -> None:
    assert find_overlaps([iv(1, None)], T, 30) == []


def test_their_own_duration_is_used() -> None:
    long_one = iv(1, T, minutes=90)
    assert ids(find_overlaps([long_one], T + timedelta(minutes=80), 30)) == [1]
    assert find_overlaps([long_one], T + timedelta(minutes=90), 30) == []


def test_different_zones_compare_as_instants() -> None:
    from zoneinfo import ZoneInfo

    berlin = T.astimezone(ZoneInfo("Europe/Berlin"))  # 15:00 in Berlin is 14:00 UTC
    assert ids(find_overlaps([iv(1, berlin)], T + timedelta(minutes=10), 10)) == [1]


def test_duration_warning_above_30_minutes() -> None:
    assert duration_warning(20) is None
    assert duration_warning(30) is None
    assert duration_warning(31) == LONG_CALL_WARNING
    assert duration_warning(60) == LONG_CALL_WARNING
    assert "20–30" in LONG_CALL_WARNING
