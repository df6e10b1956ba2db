"""Provides scheduling checks: overlapping interviews and the time-allotted warning."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from infoview_tui.domain.models import DEFAULT_DURATION_MINUTES, Interview, RecordId

LONG_CALL_WARNING = (
    "Over 30 minutes: most people offer 20–30. Ask for less and do not go over the time allotted."
)


def find_overlaps(
    interviews: Iterable[Interview], start: datetime, minutes: int, exclude_id: RecordId | None = None
) -> list[Interview]:
    """Interviews still to come whose time overlaps [start, start + minutes)."""
    end = start + timedelta(minutes=minutes)
    found = []
    for iv in interviews:
        if iv.id == exclude_id or iv.scheduled_at is None or not iv.stage.before_call:
            continue
        other_end = iv.scheduled_at + timedelta(minutes=iv.duration_minutes)
        if iv.scheduled_at < end and start < other_end:
            found.append(iv)
    return found


def duration_warning(minutes: int) -> str | None:
    """A gentle warning above the usual 30 minutes."""
    return LONG_CALL_WARNING if minutes > DEFAULT_DURATION_MINUTES else None
