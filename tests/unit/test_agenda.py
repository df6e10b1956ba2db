"""The Dashboard's queries: what is due today and in the next 7 days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from infoview_tui.domain.models import (
    Action,
    CallRecord,
    Contact,
    FollowUp,
    Interview,
    Outreach,
    OutreachStatus,
    Reflection,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.stages.agenda import ItemKind, Section, build_agenda, plan_agenda

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday
ADA = Contact(name="Ada", company="Engines", id="1")
BOB = Contact(name="Bob", id="2")


def held(
    ended: datetime,
    *,
    id: str = "10",
    stage: Stage = Stage.CONDUCTED,
    follow_up: FollowUp | None = None,
    reflection: Reflection | None = None,
) -> Interview:
    """An interview with Ada whose 30-minute call ended at `ended`."""
    call = CallRecord(spans=(TimeSpan(ended - timedelta(minutes=30), ended),), ended_at=ended)
    return Interview(
        contact_id="1",
        id=id,
        call=call,
        stage=stage,
        follow_up=FollowUp() if follow_up is None else follow_up,
        reflection=Reflection() if reflection is None else reflection,
    )


def test_upcoming_interviews_in_the_next_7_days_soonest_first_with_join_time() -> None:
    soon = Interview(contact_id="1", id="1", scheduled_at=NOW + timedelta(minutes=40), stage=Stage.PREPARED)
    later = Interview(contact_id="2", id="2", scheduled_at=NOW + timedelta(days=3), stage=Stage.SCHEDULED)
    too_far = Interview(contact_id="2", id="3", scheduled_at=NOW + timedelta(days=9))
    past = Interview(contact_id="2", id="4", scheduled_at=NOW - timedelta(hours=2))
    cancelled = Interview(
        contact_id="2", id="5", scheduled_at=NOW + timedelta(hours=3), stage=Stage.CANCELLED
    )
    agenda = build_agenda([ADA, BOB], [], [later, too_far, soon, past, cancelled], NOW)
    assert [i.record_id for i in agenda.upcoming] == ["1", "2"]
    first = agenda.upcoming[0]
    assert first.due and first.section is Section.CONDUCT  # within the hour: straight to the call screen
    assert "join Wed 09:30" in first.detail and first.title == "Ada (Engines)"
    assert not agenda.upcoming[1].due and agenda.upcoming[1].section is Section.PREPARE


def test_a_call_in_progress_stays_listed_until_its_end_time() -> None:
    running = Interview(
        contact_id="1", id="1", scheduled_at=NOW - timedelta(minutes=10), stage=Stage.PREPARED
    )
    assert [i.record_id for i in build_agenda([ADA], [], [running], NOW).upcoming] == ["1"]


def test_outreach_3b_and_7b_nudges_and_what_clears_them() -> None:
    fresh = Outreach(contact_id="1", id="1", sent_at=NOW - timedelta(days=1))
    three_b = Outreach(contact_id="1", id="2", sent_at=datetime(2026, 11, 19, 9, 0, tzinfo=UTC))  # Thu
    seven_b = Outreach(contact_id="2", id="3", sent_at=datetime(2026, 11, 13, 9, 0, tzinfo=UTC))  # Fri
    replied = Outreach(
        contact_id="2", id="4", sent_at=NOW - timedelta(days=20), status=OutreachStatus.REPLIED
    )
    declined = Outreach(
        contact_id="2", id="5", sent_at=NOW - timedelta(days=20), status=OutreachStatus.DECLINED
    )
    nudged = Outreach(
        contact_id="2", id="6", sent_at=NOW - timedelta(days=20), nudged_at=NOW - timedelta(days=5)
    )
    agenda = build_agenda([ADA, BOB], [fresh, three_b, seven_b, replied, declined, nudged], [], NOW)
    details = [i.detail for i in agenda.waiting]
    assert len(agenda.waiting) == 4  # replied and declined are cleared
    assert {details[0][:2], details[1][:2]} == {"7B", "3B"}  # due ones first
    assert [i.due for i in agenda.waiting] == [True, True, False, False]
    assert all(i.kind is ItemKind.OUTREACH and i.section is Section.IDENTIFY for i in agenda.waiting)
    assert any("that is normal" in d for d in details)


def test_thank_you_due_24h_after_the_call_and_overdue_after() -> None:
    recent = held(NOW - timedelta(hours=3), id="1")
    late = held(NOW - timedelta(hours=30), id="2")
    sent = held(
        NOW - timedelta(hours=30), id="3", follow_up=FollowUp(thank_you_sent_at=NOW - timedelta(hours=20))
    )
    agenda = build_agenda([ADA], [], [recent, late, sent], NOW)
    assert [(i.record_id, i.overdue) for i in agenda.thank_yous] == [("2", True), ("1", False)]
    assert all(i.section is Section.FOLLOW_UP for i in agenda.thank_yous)


def test_reflections_owed_until_written() -> None:
    unwritten = held(NOW - timedelta(days=1), id="1")
    written = held(NOW - timedelta(days=1), id="2", reflection=Reflection(takeaways="Learned a lot"))
    agenda = build_agenda([ADA], [], [unwritten, written], NOW)
    assert [i.record_id for i in agenda.reflections] == ["1"]
    assert agenda.reflections[0].section is Section.REFLECT


def test_checkins_and_next_steps_in_the_window() -> None:
    checkin = held(
        NOW - timedelta(days=10),
        id="1",
        stage=Stage.FOLLOWED_UP,
        follow_up=FollowUp(
            thank_you_sent_at=NOW, next_checkin=date(2026, 11, 27), checkin_note="Tell them how it went"
        ),
    )
    far = held(
        NOW - timedelta(days=10),
        id="2",
        stage=Stage.FOLLOWED_UP,
        follow_up=FollowUp(thank_you_sent_at=NOW, next_checkin=date(2027, 1, 5)),
    )
    steps = held(
        NOW - timedelta(days=10),
        id="3",
        stage=Stage.REFLECTED,
        follow_up=FollowUp(thank_you_sent_at=NOW),
        reflection=Reflection(
            takeaways="x",
            next_steps=(
                Action("Read the book", due=date(2026, 11, 24)),
                Action("Done already", due=date(2026, 11, 24), done=True),
            ),
        ),
    )
    agenda = build_agenda([ADA], [], [checkin, far, steps], NOW)
    kinds = [(i.kind, i.record_id, i.overdue) for i in agenda.checkins]
    assert kinds == [(ItemKind.ACTION, "3", True), (ItemKind.CHECKIN, "1", False)]
    assert "Tell them how it went" in agenda.checkins[1].detail
    assert agenda.checkins[0].section is Section.FOLLOW_UP  # where a next step is ticked off


def test_a_next_step_done_leaves_the_agenda_and_comes_back_when_reopened() -> None:
    from infoview_tui.domain import lifecycle as lc

    step = Action("Read the book", due=date(2026, 11, 26))
    iv = held(
        NOW - timedelta(days=10),
        id="3",
        stage=Stage.REFLECTED,
        follow_up=FollowUp(thank_you_sent_at=NOW),
        reflection=Reflection(takeaways="x", next_steps=(step,)),
    )
    assert [i.title for i in build_agenda([ADA], [], [iv], NOW).checkins] == ["Read the book"]
    [done] = lc.complete_action(iv, 0, NOW).update
    assert isinstance(done, Interview)
    assert build_agenda([ADA], [], [done], NOW).checkins == []
    [reopened] = lc.reopen_action(done, 0, NOW).update
    assert isinstance(reopened, Interview)
    assert [i.title for i in build_agenda([ADA], [], [reopened], NOW).checkins] == ["Read the book"]


def test_stage_counts_and_due_count() -> None:
    interviews = [
        Interview(contact_id="1", id="1", stage=Stage.SCHEDULED, scheduled_at=NOW + timedelta(minutes=20)),
        held(NOW - timedelta(hours=30), id="2"),
        Interview(contact_id="1", id="3", stage=Stage.CANCELLED),
    ]
    agenda = build_agenda([ADA], [], interviews, NOW)
    assert agenda.stage_counts == {Stage.SCHEDULED: 1, Stage.CONDUCTED: 1, Stage.CANCELLED: 1}
    # the call within the hour, the overdue thank-you, the unwritten reflection
    assert agenda.due_count == 3


def test_an_unknown_contact_does_not_break_the_dashboard() -> None:
    orphan = Interview(contact_id="99", id="1", scheduled_at=NOW + timedelta(hours=1))
    assert build_agenda([], [], [orphan], NOW).upcoming[0].title == "(unknown contact)"


def test_the_funnel_counts_every_contact_reached_out_whatever_happened_next() -> None:
    """'Reached out' is the contacts with a request sent, so it is never below the waiting list."""
    carol = Contact(name="Carol", id="3")
    dan = Contact(name="Dan", id="4")
    sent = NOW - timedelta(days=2)
    requests = [
        Outreach(contact_id="1", id="1", sent_at=sent),
        Outreach(contact_id="2", id="2", sent_at=sent),
        Outreach(contact_id="3", id="3", sent_at=sent, status=OutreachStatus.DECLINED),
        Outreach(contact_id="4", id="4", sent_at=sent, status=OutreachStatus.SCHEDULED, interview_id="7"),
        Outreach(contact_id="4", id="5", sent_at=sent - timedelta(days=20), status=OutreachStatus.NO_REPLY),
    ]
    interview = Interview(contact_id="4", id="7", stage=Stage.SCHEDULED, scheduled_at=NOW + timedelta(days=1))
    agenda = build_agenda([ADA, BOB, carol, dan], requests, [interview], NOW)
    assert len(agenda.waiting) == 2
    assert agenda.reached_out == 4  # Ada and Bob waiting, Carol declined, Dan scheduled (asked twice)
    assert agenda.reached_out >= len({item.record_id for item in agenda.waiting})
    assert build_agenda([ADA], [], [], NOW).reached_out == 0


def test_a_started_call_is_listed_first_as_in_progress_not_as_upcoming() -> None:
    started = NOW - timedelta(minutes=12, seconds=30)
    running = Interview(
        contact_id="1",
        id="1",
        scheduled_at=NOW - timedelta(minutes=15),
        stage=Stage.PREPARED,
        call=CallRecord(spans=(TimeSpan(started),)),
    )
    paused = Interview(
        contact_id="2",
        id="2",
        scheduled_at=NOW - timedelta(hours=2),
        stage=Stage.PREPARED,
        call=CallRecord(spans=(TimeSpan(NOW - timedelta(hours=2), NOW - timedelta(hours=1, minutes=40)),)),
    )
    agenda = build_agenda([ADA, BOB], [], [running, paused], NOW)
    assert agenda.upcoming == []
    assert next(iter(agenda.groups())) == "Call in progress"
    live = {i.record_id: i for i in agenda.in_call}
    assert live.keys() == {"1", "2"}
    assert all(i.kind is ItemKind.CALL and i.section is Section.CONDUCT and i.due for i in live.values())
    assert live["1"].detail == "running, 12:30 of 30 min · started Wed 08:47"
    assert live["2"].detail.startswith("paused, 20:00 of 30 min")
    assert "Call in progress" in agenda.due_by(NOW, NOW)  # `infoview-tui agenda` shows it too


def test_no_call_in_progress_means_no_heading_for_it() -> None:
    ended = Interview(contact_id="1", id="1", call=CallRecord(spans=(TimeSpan(NOW, NOW),), ended_at=NOW))
    assert "Call in progress" not in build_agenda([ADA], [], [ended], NOW).groups()


@pytest.fixture
def worded(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """Every moment the agenda puts into words (`agenda._day_words`), in order."""
    from infoview_tui.stages import agenda as agenda_module

    seen: list[datetime] = []
    real = agenda_module._day_words

    def counting(moment: datetime) -> str:
        seen.append(moment)
        return real(moment)

    monkeypatch.setattr(agenda_module, "_day_words", counting)
    return seen


def test_a_plan_words_each_request_s_dates_once_and_reads_the_same_at_any_moment(
    worded: list[datetime],
) -> None:
    """The Dashboard reads its plan at every redraw, and a thousand waiting requests at 10,000 contacts made
    turning their dates into words most of that work: it is done at the first reading, and later readings at
    other moments give what a fresh plan gives."""
    sent = [
        Outreach(contact_id="1", id=str(n), sent_at=NOW - timedelta(days=n), nudged_at=None)
        for n in range(1, 13)
    ]
    sent.append(
        Outreach(contact_id="2", id="99", sent_at=NOW - timedelta(days=20), nudged_at=NOW - timedelta(days=9))
    )
    plan = plan_agenda([ADA, BOB], sent, [], NOW, timedelta(days=30))
    first = plan.at(NOW)
    assert len(worded) == 12 * 3 + 4  # sent, 3B and 7B for each; the follow-up's day too for the nudged one
    for later in (NOW + timedelta(days=2), NOW + timedelta(days=9)):
        again = plan.at(later)
        assert again == plan_agenda([ADA, BOB], sent, [], later, timedelta(days=30)).at(later)
    assert len(worded) == 40 + 2 * 40  # only the two fresh plans worded theirs
    assert plan.at(NOW) == first
    details = [i.detail for i in first.waiting]
    assert any(d.startswith("sent ") for d in details) and any(d.startswith("followed up ") for d in details)


def test_a_plan_words_its_requests_again_when_they_or_the_local_zone_change(
    worded: list[datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept words belong to the requests and the zone they were made for: a request put in another's place
    (the same number of lines) or a change of the process's zone makes them again."""
    import time

    window = timedelta(days=30)
    sent = [Outreach(contact_id="1", id=str(n), sent_at=NOW - timedelta(days=n)) for n in (1, 2)]
    plan = plan_agenda([ADA], sent, [], NOW, window)
    plan.at(NOW)
    moved = replace(sent[0], sent_at=NOW - timedelta(days=6))
    plan.waiting[0] = plan_agenda([ADA], [moved], [], NOW, window).waiting[0]
    worded.clear()
    details = [i.detail for i in plan.at(NOW).waiting]
    assert len(worded) == 6  # both requests worded again (three dates each)
    assert details == [
        i.detail for i in plan_agenda([ADA], [moved, sent[1]], [], NOW, window).at(NOW).waiting
    ]

    plan.at(NOW)
    worded.clear()
    monkeypatch.setenv("TZ", "Pacific/Honolulu" if time.timezone != 10 * 3600 else "Asia/Tokyo")
    time.tzset()
    try:
        elsewhere = [i.detail for i in plan.at(NOW).waiting]
        assert len(worded) == 6
        assert elsewhere == [
            i.detail for i in plan_agenda([ADA], [moved, sent[1]], [], NOW, window).at(NOW).waiting
        ]
    finally:
        monkeypatch.undo()
        time.tzset()
