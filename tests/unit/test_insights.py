"""Insights: counts and averages for the charts, and the text bars and sparklines that draw them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import (
    CallRecord,
    Channel,
    Contact,
    Goal,
    HowKnown,
    Interview,
    Outreach,
    OutreachStatus,
    Question,
    Reflection,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.stages.reflect.stats import (
    NO_GOAL,
    NO_INDUSTRY,
    bar,
    conversations_per_month,
    interest_by,
    interest_over_time,
    month_labels,
    most_useful_questions,
    referral_graph,
    response_rate_by_channel,
    sparkline,
)
from infoview_tui.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def call_on(
    iid: int, contact_id: int, when: datetime, interest: int | None = None, goals: tuple[int, ...] = ()
) -> Interview:
    end = when + timedelta(minutes=30)
    return Interview(
        contact_id=str(contact_id),
        id=str(iid),
        scheduled_at=when,
        stage=Stage.REFLECTED if interest else Stage.CONDUCTED,
        call=CallRecord(spans=(TimeSpan(when, end),), ended_at=end),
        reflection=Reflection(
            takeaways="t" if interest else "", interest=interest, goal_ids=tuple(str(g) for g in goals)
        ),
    )


def at(year: int, month: int, day: int = 10) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


CONTACTS = [
    Contact(name="Ana", id="1", industry="Climate tech"),
    Contact(name="Ben", id="2", industry="climate  TECH"),
    Contact(name="Cy", id="3", industry="Fintech"),
    Contact(name="Di", id="4"),
]
GOALS = [Goal(title="Climate PM", id="1"), Goal(title="Data engineering", id="2")]
INTERVIEWS = [
    call_on(1, 1, at(2026, 11, 2), interest=5, goals=(1,)),
    call_on(2, 2, at(2026, 11, 20), interest=4, goals=(1, 2)),
    call_on(3, 3, at(2026, 9), interest=2, goals=(2,)),
    call_on(4, 4, at(2026, 9, 12), interest=3),
    call_on(5, 1, at(2025, 12, 31)),  # a year ago: in the 12 months, unrated
    call_on(6, 1, at(2025, 11, 30)),  # outside the last 12 months
    replace(call_on(7, 2, at(2026, 11, 24)), call=CallRecord(), stage=Stage.SCHEDULED),  # not held
]


def test_month_labels_cross_the_year() -> None:
    assert month_labels(3, NOW) == ["2026-09", "2026-10", "2026-11"]
    assert month_labels(13, NOW)[0] == "2025-11"
    assert month_labels(2, datetime(2027, 1, 5, tzinfo=UTC)) == ["2026-12", "2027-01"]
    assert month_labels(0, NOW) == []


def test_conversations_per_month_with_zeros() -> None:
    rows = conversations_per_month(INTERVIEWS, 12, NOW)
    assert len(rows) == 12
    assert rows[0] == ("2025-12", 1)
    assert rows[-1] == ("2026-11", 2)
    assert dict(rows)["2026-10"] == 0 and dict(rows)["2026-09"] == 2
    assert sum(n for _, n in rows) == 5
    assert conversations_per_month(INTERVIEWS, months=3, now=NOW) == [
        ("2026-09", 2),
        ("2026-10", 0),
        ("2026-11", 2),
    ]


def test_months_follow_the_zone_of_now() -> None:
    late = call_on(1, 1, datetime(2026, 10, 31, 23, 30, tzinfo=UTC))
    tokyo = timezone(timedelta(hours=9))
    assert conversations_per_month([late], 2, NOW) == [("2026-10", 1), ("2026-11", 0)]
    assert conversations_per_month([late], 2, NOW.astimezone(tokyo)) == [("2026-10", 0), ("2026-11", 1)]


def test_interest_over_time() -> None:
    rows = interest_over_time(INTERVIEWS, 3, NOW)
    assert rows == [("2026-09", 2.5), ("2026-10", None), ("2026-11", 4.5)]


def test_interest_by_industry() -> None:
    rows = interest_by(INTERVIEWS, CONTACTS, GOALS, "industry")
    assert rows == [("Climate tech", 4.5, 2), (NO_INDUSTRY, 3.0, 1), ("Fintech", 2.0, 1)]


def test_interest_by_goal_counts_each_goal() -> None:
    rows = interest_by(INTERVIEWS, {c.id: c for c in CONTACTS}, {g.id: g for g in GOALS}, "goal")
    assert rows == [("Climate PM", 4.5, 2), ("Data engineering", 3.0, 2), (NO_GOAL, 3.0, 1)]
    with pytest.raises(ValueError):  # a kind the signature refuses, to prove the runtime check too
        interest_by(INTERVIEWS, CONTACTS, GOALS, "company")  # type: ignore[arg-type]


def test_response_rate_by_channel() -> None:
    def sent(channel: Channel, status: OutreachStatus) -> Outreach:
        return Outreach(contact_id="1", sent_at=NOW, channel=channel, status=status)

    outreach = [
        sent(Channel.LINKEDIN, OutreachStatus.SENT),
        sent(Channel.LINKEDIN, OutreachStatus.REPLIED),
        sent(Channel.LINKEDIN, OutreachStatus.NO_REPLY),
        sent(Channel.EMAIL, OutreachStatus.SCHEDULED),
        sent(Channel.EMAIL, OutreachStatus.DECLINED),
        sent(Channel.IN_PERSON, OutreachStatus.SENT),
    ]
    assert response_rate_by_channel(outreach) == [("LinkedIn", 3, 1), ("Email", 2, 2), ("In person", 1, 0)]
    assert response_rate_by_channel([]) == []


def test_most_useful_questions() -> None:
    questions = [
        Question("One five", id="1", rating_total=5, rating_count=1),
        Question("Ten fours", id="2", rating_total=40, rating_count=10),
        Question("Unrated", id="3"),
        Question("Archived", id="4", rating_total=50, rating_count=10, archived=True),
        Question("Poor", id="5", rating_total=3, rating_count=3),
    ]
    assert most_useful_questions(questions) == [
        ("Ten fours", 4.0, 10),
        ("One five", 5.0, 1),
        ("Poor", 1.0, 3),
    ]
    assert most_useful_questions(questions, limit=1) == [("Ten fours", 4.0, 10)]


def test_referral_graph() -> None:
    contacts = [
        Contact(name="Prof. Sørensen", id="1", how_known=HowKnown.PROFESSOR),
        Contact(name="Amara", id="2", how_known=HowKnown.MENTOR),
        Contact(name="Siobhán", id="3", how_known=HowKnown.INTRODUCTION, introduced_by_id="1"),
        Contact(name="Mikkel", id="4", how_known=HowKnown.INTRODUCTION, introduced_by_id="1"),
        Contact(name="José", id="5", how_known=HowKnown.INTRODUCTION, introduced_by_id="2"),
        Contact(name="Ghost", id="6", how_known=HowKnown.INTRODUCTION, introduced_by_id="99"),
        Contact(name="Typed", id="7", how_known=HowKnown.INTRODUCTION, introduced_by_name="Someone"),
    ]
    assert referral_graph(contacts) == [("Prof. Sørensen", ["Mikkel", "Siobhán"]), ("Amara", ["José"])]


def test_bar_in_eighths() -> None:
    assert bar(10, 10, 8) == "█" * 8
    assert bar(5, 10, 8) == "████"
    assert bar(1, 8, 1) == "▏"
    assert bar(7, 8, 1) == "▉"
    assert bar(3, 16, 3) == "▌"  # 3/16 of 3 cells = 4.5 eighths, rounded to 4: half a cell
    assert bar(0.001, 100, 10) == "▏"  # something is never drawn as nothing
    assert bar(0, 10, 10) == "" and bar(5, 0, 10) == "" and bar(5, 10, 0) == ""
    assert bar(50, 10, 4) == "████"  # clamped
    assert bar(-3, 10, 4) == ""
    for value in range(81):
        drawn = bar(value, 80, 10)
        assert len(drawn) <= 10 and set(drawn) <= set("█▉▊▋▌▍▎▏")


def test_sparkline() -> None:
    assert sparkline([0, 1, 2, 3, 4, 5, 6, 7]) == "▁▂▃▄▅▆▇█"
    assert sparkline([0, None, 7]) == "▁ █"
    assert sparkline([]) == ""
    assert sparkline([None, None]) == "  "
    assert sparkline([0, 0, 0]) == "▁▁▁"
    assert sparkline([3, 3]) == "██"
    assert sparkline([4.5, None, 2.5]) == "█ ▅"
    assert sparkline([-1, 1]) == "▁█"


def test_on_the_demo_data(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.json", clock=FixedClock(NOW)) as store:
        populate_demo(store, NOW, size=300)
        interviews = store.interviews.all()
        per_month = conversations_per_month(interviews, 12, NOW)
        assert sum(n for _, n in per_month) > 10
        assert sparkline([n for _, n in per_month]).count("█") >= 1
        by_industry = interest_by(interviews, store.contacts.all(), store.goals.all(), "industry")
        assert all(1 <= avg <= 5 and n >= 1 for _, avg, n in by_industry)
        assert response_rate_by_channel(store.outreach.all())
        assert most_useful_questions(store.questions.all())
        assert referral_graph(store.contacts.all())
