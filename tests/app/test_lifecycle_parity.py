"""Until the screens call the lifecycle, their own copies of its pure helpers must agree with it exactly, so
wiring them changes nothing a user sees. Delete this file when the screens' copies are gone."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from infoview_tui.domain import lifecycle as lc
from infoview_tui.domain.models import (
    CallRecord,
    Interview,
    Outreach,
    OutreachStatus,
    Stage,
    TimeSpan,
)
from infoview_tui.stages.identify.outreach import nudge_state, request_label
from infoview_tui.ui.screens.conduct import pick_interview
from infoview_tui.ui.screens.follow_up import held
from infoview_tui.ui.screens.identify import NUDGE_LABELS
from infoview_tui.ui.screens.prepare import to_prepare

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def random_interviews(rng: random.Random, count: int) -> list[Interview]:
    """Interviews in every stage, with and without times, calls not started, running, paused and ended."""
    found = []
    for number in range(1, count + 1):
        when = NOW + timedelta(minutes=rng.randint(-3000, 3000)) if rng.random() < 0.9 else None
        start = NOW - timedelta(minutes=rng.randint(1, 600))
        calls = [
            CallRecord(),
            CallRecord(spans=(TimeSpan(start),)),
            CallRecord(spans=(TimeSpan(start, start + timedelta(minutes=5)),)),
            CallRecord(
                spans=(TimeSpan(start, start + timedelta(minutes=20)),),
                ended_at=start + timedelta(minutes=20),
            ),
        ]
        found.append(
            Interview(
                contact_id=rng.randint(1, 5),
                id=number,
                scheduled_at=when,
                stage=rng.choice(list(Stage)),
                call=rng.choice(calls),
                duration_minutes=rng.choice([20, 30, 45]),
            )
        )
    return found


@pytest.mark.parametrize("seed", range(20))
def test_the_section_lists_agree_with_the_screens(seed: int) -> None:
    rng = random.Random(seed)
    interviews = random_interviews(rng, 40)
    assert lc.to_prepare(interviews) == to_prepare(interviews)
    assert lc.held(interviews) == held(interviews)
    for chosen in (None, rng.randint(1, 45)):
        assert lc.pick_interview(interviews, NOW, chosen) == pick_interview(interviews, NOW, chosen)


def test_the_table_label_agrees_with_the_identify_screen() -> None:
    sent = NOW - timedelta(days=20)
    for item in (
        None,
        Outreach(contact_id=1, sent_at=NOW),
        Outreach(contact_id=1, sent_at=sent),
        Outreach(contact_id=1, sent_at=sent, nudged_at=NOW),
        *(Outreach(contact_id=1, sent_at=sent, status=status) for status in OutreachStatus),
    ):
        state = nudge_state(item, NOW)
        screen = NUDGE_LABELS.get(state) or (item.status.label if item else "")
        assert request_label(item, NOW) == screen
