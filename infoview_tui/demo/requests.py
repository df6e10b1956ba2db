"""Provides the curated demo outreach: requests waiting, nudged, replied, declined and scheduled."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from infoview_tui.domain.models import (
    Channel,
    Contact,
    Interview,
    Outreach,
    OutreachStatus,
)

if TYPE_CHECKING:
    pass
from infoview_tui.demo.builder import Builder, business_days_before


def curated_outreach(b: Builder, c: dict[str, Contact], iv: dict[str, Interview]) -> list[Outreach]:
    """Outreach for the curated contacts; scheduled ones carry their interview's id."""
    return [*_scheduled_requests(b, c, iv), *_open_requests(b, c)]


def _sent_bd_ago(b: Builder, days: int, hour: int, minute: int) -> datetime:
    """`days` business days before now, at hour:minute."""
    return business_days_before(b.now, days).replace(hour=hour, minute=minute, second=0)


def _scheduled(
    b: Builder,
    c: dict[str, Contact],
    iv: dict[str, Interview],
    key: str,
    channel: Channel,
    days_before: int,
    message: str,
) -> Outreach:
    """The request that led to `iv[key]`: sent a few days before it was scheduled, answered two hours before."""
    interview = iv[key]
    created = interview.created_at or b.now
    sent = b.cap(created - timedelta(days=days_before, hours=3))
    return Outreach(
        contact_id=c[key].id,
        sent_at=sent,
        channel=channel,
        message=message,
        status=OutreachStatus.SCHEDULED,
        responded_at=b.cap(created - timedelta(hours=2)),
    )


def _scheduled_requests(b: Builder, c: dict[str, Contact], iv: dict[str, Interview]) -> list[Outreach]:
    """The requests that became the curated interviews."""
    return [
        _scheduled(
            b,
            c,
            iv,
            "kenji",
            Channel.LINKEDIN,
            2,
            "Hi Kenji, I loved your PyData talk on demand forecasting. I'm an "
            "analyst exploring data science roles in mobility; could I ask you a few questions over 30 "
            "minutes sometime?",
        ),
        _scheduled(
            b,
            c,
            iv,
            "jose",
            Channel.EMAIL,
            3,
            "Hi José, Amara Okafor suggested I get in touch. I'm exploring product "
            "roles in energy storage and would value 30 minutes of your perspective.",
        ),
        _scheduled(
            b,
            c,
            iv,
            "zoe",
            Channel.OTHER,
            1,
            "Zoë! Coffee this week? I want to pick your brain about UX research.",
        ),
        _scheduled(
            b,
            c,
            iv,
            "aisha",
            Channel.ANGELLIST,
            2,
            "Hi Aisha, Carbonly's approach to hourly scope 1 data is "
            "fascinating. Would you have 30 minutes to talk about product work at a seed-stage climate "
            "startup? Not looking for a job, just advice.",
        ),
        _scheduled(
            b,
            c,
            iv,
            "lukasz",
            Channel.EMAIL,
            1,
            "Hey Łukasz, long time! I'm weighing DE vs DS and you're the first "
            "person I thought of. Lunch call next week?",
        ),
        _scheduled(
            b,
            c,
            iv,
            "siobhan",
            Channel.EMAIL,
            4,
            "Dear Siobhán, Prof. Sørensen kindly suggested I contact you. I'm "
            "considering a move into climate policy and would be grateful for 30–45 minutes of your time.",
        ),
        _scheduled(
            b,
            c,
            iv,
            "daniel",
            Channel.LINKEDIN,
            3,
            "Hi Daniel, I read about your team's move to streaming and I'm "
            "trying to decide between data science and data engineering. Could I ask you about it?",
        ),
        _scheduled(
            b,
            c,
            iv,
            "chloe",
            Channel.TWITTER,
            2,
            "Hi Chloé, big fan of your Nimbus API threads. Would you be up "
            "for a 20-minute chat about developer advocacy?",
        ),
    ]


def _open_requests(b: Builder, c: dict[str, Contact]) -> list[Outreach]:
    """Requests still waiting (fresh, past the 3B and 7B dates), replied or declined."""
    return [
        Outreach(
            contact_id=c["ravi"].id,
            sent_at=b.cap(_sent_bd_ago(b, 1, 10, 20)),
            channel=Channel.QUORA,
            message="Hi Ravi, your answer on moving from analytics into ESG consulting was the clearest I've read. "
            "Could I ask you a few follow-up questions on a short call?",
        ),
        Outreach(
            contact_id=c["fatima"].id,
            sent_at=_sent_bd_ago(b, 4, 9, 40),
            channel=Channel.EMAIL,
            message="Hi Fatima, I saw Harbor & Rail's senior analyst posting on Indeed. Before applying I'd love to "
            "understand how the operations analytics team works; would you have 20 minutes?",
        ),
        Outreach(
            contact_id=c["noah"].id,
            sent_at=_sent_bd_ago(b, 9, 14, 15),
            channel=Channel.LINKEDIN,
            message="Hi Noah, I'm exploring analytics roles in fintech and your path from risk to analytics "
            "caught my eye. Would you be open to a 20-minute conversation?",
        ),
        Outreach(
            contact_id=c["henrik"].id,
            sent_at=_sent_bd_ago(b, 3, 16, 0),
            channel=Channel.EMAIL,
            message="Dear Henrik, could we talk about what an academic career in environmental economics looks "
            "like today? I'm still weighing the PhD question.",
            status=OutreachStatus.REPLIED,
            responded_at=b.cap(b.now - timedelta(hours=20)),
        ),
        Outreach(
            contact_id=c["mei"].id,
            sent_at=_sent_bd_ago(b, 12, 11, 30),
            channel=Channel.LINKEDIN,
            message="Hi Mei Lin, I'm exploring product roles in renewables; would you have time for a short chat "
            "about how product works at Solstice?",
            status=OutreachStatus.DECLINED,
            responded_at=_sent_bd_ago(b, 10, 18, 5),
        ),
    ]
