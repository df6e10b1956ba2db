"""Provides the 3B7 clock: where a request for an informational interview stands while it waits for a reply.

Three business days (3B) without a reply: try someone else at the same company. Seven business days (7B): send
the one follow-up to the same person. This module is the one place the rule is written (`nudge`, and
`waiting_state` for a request still waiting); the Dashboard's plan keeps a waiting request's dates as a
`Waiting` so a redraw does not count business days again.

Kept apart from `outreach` (templates and the message checker) so the Dashboard, drawn before anything else at
start-up, imports only this small module.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from msgspec import Struct

from infoview_tui.domain.dates import nudge_dates
from infoview_tui.domain.models import Outreach, OutreachStatus


class NudgeState(str, Enum):
    """Where a request stands on the 3B7 clock."""

    NONE = "none"
    """No request yet."""
    WAITING = "waiting"
    """Sent, under 3 business days ago."""
    TRY_COLLEAGUE = "try_colleague"
    """3B: no reply after 3 business days; try someone else at the same company."""
    FOLLOW_UP = "follow_up"
    """7B: no reply after 7 business days; send one follow-up to the same person."""
    FOLLOWED_UP = "followed_up"
    """The one follow-up was sent; nothing more to do but wait."""
    CLOSED = "closed"
    """Replied, declined, scheduled or given up on."""

    @property
    def label(self) -> str:
        """The words the contact table shows; a closed request shows its own status instead (`request_label`)."""
        return {
            "none": "not contacted",
            "waiting": "awaiting reply",
            "try_colleague": "3B: try a colleague",
            "follow_up": "7B: follow up once",
            "followed_up": "followed up",
            "closed": "closed",
        }[self.value]

    @property
    def due(self) -> bool:
        return self in (NudgeState.TRY_COLLEAGUE, NudgeState.FOLLOW_UP)


class Nudge(Struct, frozen=True):
    """One request on the 3B7 clock: where it stands at a moment, and its two dates."""

    state: NudgeState
    three_b: datetime
    """Three business days after sending: try someone else at the company."""
    seven_b: datetime
    """Seven business days after sending: send the one follow-up."""
    at: datetime
    """The moment `state` describes."""

    @property
    def past_three_b(self) -> bool:
        """3B has come, whatever happened since (the contact's details then list colleagues to try)."""
        return self.at >= self.three_b


class Waiting(Struct, frozen=True):
    """A request still waiting for a reply (SENT) with its 3B7 dates worked out: what the Dashboard's plan
    keeps of it, so a redraw does not count business days again for each of a thousand requests."""

    sent_at: datetime
    nudged_at: datetime | None
    three_b: datetime
    seven_b: datetime

    @classmethod
    def of(cls, outreach: Outreach) -> Waiting:
        three_b, seven_b = nudge_dates(outreach.sent_at)
        return cls(outreach.sent_at, outreach.nudged_at, three_b, seven_b)


def nudge(outreach: Outreach, now: datetime) -> Nudge:
    """The request's 3B7 state at `now` (both aware) and its dates (the states of a waiting one: `waiting_state`).

    The boundaries are inclusive: at exactly 3B the request is due for a colleague, at exactly 7B for a
    follow-up. Only a request still waiting (SENT) with no follow-up sent is ever due.
    """
    if outreach.status is not OutreachStatus.SENT:
        three_b, seven_b = nudge_dates(outreach.sent_at)
        return Nudge(NudgeState.CLOSED, three_b, seven_b, now)
    return waiting_nudge(Waiting.of(outreach), now)


def waiting_nudge(request: Waiting, now: datetime) -> Nudge:
    """`nudge` for a request still waiting, its dates already worked out."""
    return Nudge(waiting_state(request, now), request.three_b, request.seven_b, now)


def waiting_state(request: Waiting, now: datetime) -> NudgeState:
    """`waiting_nudge`'s state alone: the Dashboard reads it for every waiting request at each redraw."""
    if request.nudged_at is not None:
        return NudgeState.FOLLOWED_UP
    if now >= request.seven_b:
        return NudgeState.FOLLOW_UP
    if now >= request.three_b:
        return NudgeState.TRY_COLLEAGUE
    return NudgeState.WAITING


def nudge_state(outreach: Outreach | None, now: datetime) -> NudgeState:
    """The request's 3B7 state at `now` (both aware); NONE when there is no request."""
    return NudgeState.NONE if outreach is None else nudge(outreach, now).state
