"""Tests for the demo data: coverage of every stage and route, consistency, determinism and the big size."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
import pytest

from infoview_tui.demo import COLD_CHANNELS, DemoSummary, is_populated, populate_demo
from infoview_tui.domain.dates import FixedClock, add_business_days, nudge_dates
from infoview_tui.domain.models import (
    Channel,
    Contact,
    HowKnown,
    Interview,
    IntroStatus,
    NoteKind,
    OutreachStatus,
    QuestionCategory,
    Stage,
)
from infoview_tui.domain.timing import elapsed
from infoview_tui.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday
TIARA = {
    QuestionCategory.TRENDS,
    QuestionCategory.INSIGHTS,
    QuestionCategory.ADVICE,
    QuestionCategory.RESOURCES,
    QuestionCategory.ASSIGNMENTS,
}


def open_store(path: Path, now: datetime = NOW) -> Store:
    return Store.open(path, clock=FixedClock(now))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    store = open_store(tmp_path_factory.mktemp("demo") / "d.json")
    summary = populate_demo(store, NOW)
    yield store, summary
    store.close()


def by_name(store: Store) -> dict[str, Contact]:
    return {c.name: c for c in store.contacts.all()}


def interviews_in(store: Store, stage: Stage) -> list[Interview]:
    return [i for i in store.interviews.all() if i.stage is stage]


def walk_datetimes(value: Any) -> Iterator[datetime]:
    if isinstance(value, datetime):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from walk_datetimes(item)
    elif isinstance(value, msgspec.Struct):
        for f in msgspec.structs.fields(value):
            yield from walk_datetimes(getattr(value, f.name))


def test_summary_and_is_populated(tmp_path: Path) -> None:
    store = open_store(tmp_path / "d.json")
    try:
        assert not is_populated(store)
        summary = populate_demo(store, NOW)
        assert is_populated(store)
        assert summary.contacts == len(store.contacts)
        assert summary.outreach == len(store.outreach)
        assert summary.interviews == len(store.interviews)
        assert summary.goals == len(store.goals) == 3
        assert 12 <= summary.contacts <= 20
        assert dataclasses.is_dataclass(summary)
        with pytest.raises(dataclasses.FrozenInstanceError):
            summary.contacts = 0  # type: ignore[misc]  # the assignment mypy refuses is the point
    finally:
        store.close()


def test_naive_now_is_refused(tmp_path: Path) -> None:
    store = open_store(tmp_path / "d.json")
    try:
        with pytest.raises(ValueError):
            populate_demo(store, datetime(2026, 11, 25, 9, 0))
    finally:
        store.close()


def test_every_stage_after_identification_appears(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    stages = {i.stage for i in store.interviews.all()}
    assert stages == set(Stage) - {Stage.IDENTIFIED, Stage.REACHED_OUT}
    assert len(interviews_in(store, Stage.REFLECTED)) == 3  # with Kenji's first call, for the brief


def test_known_introduced_and_cold_routes(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    contacts = store.contacts.all()
    ids = {c.id: c for c in contacts}
    assert {c.how_known for c in contacts} == set(HowKnown)
    assert set(COLD_CHANNELS) <= {c.channel for c in contacts if c.how_known is HowKnown.COLD}
    assert set(COLD_CHANNELS) == {
        Channel.LINKEDIN,
        Channel.INDEED,
        Channel.GLASSDOOR,
        Channel.ANGELLIST,
        Channel.QUORA,
        Channel.TWITTER,
    }
    introduced = [c for c in contacts if c.how_known is HowKnown.INTRODUCTION]
    assert introduced and all(c.introduced_by_id in ids for c in introduced)
    introducer_kinds = {ids[c.introduced_by_id].how_known for c in introduced if c.introduced_by_id}
    assert {HowKnown.MENTOR, HowKnown.PROFESSOR} <= introducer_kinds
    names = by_name(store)
    for name in ("José Álvarez", "Zoë Chen", "Łukasz Nowak"):
        assert name in names
    for contact in contacts:
        assert contact.linkedin_url.startswith("https://www.linkedin.com/in/")
        assert contact.linkedin_url.endswith("-example")
        assert contact.email.count("@") == 1 and contact.email.isascii()
        assert contact.company and contact.title and contact.industry


def test_intro_requests(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    ids = {c.id: c for c in store.contacts.all()}
    intros = store.intros.all()
    asked = [r for r in intros if r.status is IntroStatus.ASKED]
    done = [r for r in intros if r.status is IntroStatus.INTRODUCED]
    assert asked and all(r.result_contact_id is None for r in asked)
    assert done
    for request in intros:
        assert ids[request.via_contact_id].how_known in (HowKnown.MENTOR, HowKnown.PROFESSOR)
        assert request.asked_at is not None and request.asked_at < NOW
    for request in done:
        assert request.result_contact_id is not None
        result = ids[request.result_contact_id]
        assert result.how_known is HowKnown.INTRODUCTION
        assert result.introduced_by_id == request.via_contact_id


def test_outreach_covers_the_3b7_states(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    outreach = store.outreach.all()
    statuses = {o.status for o in outreach}
    assert {
        OutreachStatus.SENT,
        OutreachStatus.REPLIED,
        OutreachStatus.DECLINED,
        OutreachStatus.SCHEDULED,
    } <= statuses
    waiting = [o for o in outreach if o.status.is_open]
    fresh = [o for o in waiting if NOW - timedelta(days=4) < o.sent_at and nudge_dates(o.sent_at)[0] > NOW]
    assert any(add_business_days(o.sent_at, 1).date() <= NOW.date() for o in fresh)
    past_3b = [o for o in waiting if nudge_dates(o.sent_at)[0] < NOW < nudge_dates(o.sent_at)[1]]
    past_7b = [o for o in waiting if nudge_dates(o.sent_at)[1] < NOW and o.nudged_at is None]
    assert fresh and past_3b and past_7b
    for o in outreach:
        assert o.sent_at < NOW
        assert o.status is OutreachStatus.SENT or o.responded_at is not None
        if o.responded_at is not None:
            assert o.sent_at < o.responded_at <= NOW


def test_another_person_at_the_3b_company(demo: tuple[Store, DemoSummary]) -> None:
    """3B: try someone else at the same company; the demo has that someone, not yet contacted."""
    store, _ = demo
    ids = {c.id: c for c in store.contacts.all()}
    contacted = {o.contact_id for o in store.outreach.all()}
    waiting = [o for o in store.outreach.all() if o.status.is_open]
    past_3b = [o for o in waiting if nudge_dates(o.sent_at)[0] < NOW < nudge_dates(o.sent_at)[1]]
    company = ids[past_3b[0].contact_id].company
    assert any(c.company == company and c.id not in contacted for c in ids.values())


def test_scheduled_outreach_and_interviews_point_at_each_other(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    for o in store.outreach.all():
        if o.status is OutreachStatus.SCHEDULED:
            interview = store.interviews.get(o.interview_id)
            assert interview is not None
            assert interview.contact_id == o.contact_id and interview.outreach_id == o.id
        else:
            assert o.interview_id is None
    for interview in store.interviews.all():
        assert store.contacts.get(interview.contact_id) is not None
        if interview.outreach_id is not None:
            assert store.outreach[interview.outreach_id].interview_id == interview.id


def test_interview_within_the_hour_is_prepared(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    soon = [
        i
        for i in store.interviews.all()
        if i.scheduled_at and NOW <= i.scheduled_at <= NOW + timedelta(hours=1)
    ]
    assert len(soon) == 1
    interview = soon[0]
    assert interview.stage is Stage.PREPARED
    assert interview.research_person and interview.research_company and interview.hope_to_learn
    assert len(interview.questions) >= 4 and any(q.must_ask for q in interview.questions)
    assert not any(q.asked for q in interview.questions)
    assert 0 < interview.checklist.done_count < 5
    assert not interview.call.spans and interview.call.ended_at is None and not interview.notes


def test_interview_later_this_week_is_partly_prepared(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    scheduled = interviews_in(store, Stage.SCHEDULED)
    assert scheduled
    interview = scheduled[0]
    assert interview.scheduled_at is not None
    assert NOW + timedelta(hours=1) < interview.scheduled_at < NOW + timedelta(days=7)
    assert interview.hope_to_learn and interview.questions
    assert 0 < interview.checklist.done_count < 5


def test_conducted_calls_have_consistent_notes(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    after = [i for i in store.interviews.all() if i.stage.after_call]
    assert len(after) == 6
    kinds: set[NoteKind] = set()
    tiara: set[QuestionCategory] = set()
    paused = 0
    for interview in after:
        call = interview.call
        assert call.ended_at is not None and call.ended_at < NOW
        assert interview.scheduled_at is not None and call.started_at is not None
        assert interview.scheduled_at <= call.started_at < interview.scheduled_at + timedelta(minutes=10)
        for first, second in zip(call.spans, call.spans[1:], strict=False):
            assert first.end is not None and first.end < second.start
        assert call.spans[-1].end == call.ended_at
        paused += len(call.spans) > 1
        ran = elapsed(call, NOW).total_seconds()
        assert ran > 15 * 60
        assert len(interview.notes) >= 10
        assert len({n.id for n in interview.notes}) == len(interview.notes)
        offsets = [n.offset_s for n in interview.notes]
        assert offsets == sorted(offsets)
        for note in interview.notes:
            assert 0 <= note.offset_s <= ran
            assert note.created_at is not None and call.started_at <= note.created_at <= call.ended_at
            if note.question_index is not None:
                question = interview.questions[note.question_index]
                assert question.asked and question.asked_offset_s is not None
                assert question.asked_offset_s <= note.offset_s
                assert note.tiara == (question.category if question.category in TIARA else None)
            kinds.add(note.kind)
            if note.tiara:
                tiara.add(note.tiara)
        asked = [q for q in interview.questions if q.asked]
        assert asked
        for q in asked:
            assert q.asked_offset_s is not None and 0 <= q.asked_offset_s <= ran
        assert interview.checklist.done_count == 5
    assert kinds == set(NoteKind)
    assert tiara == TIARA
    assert paused >= 1
    for interview in store.interviews.all():
        if not interview.stage.after_call:
            assert interview.call.ended_at is None and not interview.notes


def test_thank_you_due_overdue_and_followed_up(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    conducted = interviews_in(store, Stage.CONDUCTED)
    due = [i for i in conducted if i.thank_you_due and i.thank_you_due > NOW]
    overdue = [i for i in conducted if i.thank_you_due and i.thank_you_due < NOW]
    assert len(due) == 1 and len(overdue) == 1
    ended = due[0].call.ended_at
    assert ended is not None and NOW - timedelta(hours=4) < ended <= NOW - timedelta(hours=3)
    late = overdue[0]
    assert late.follow_up.thank_you_draft and late.follow_up.thank_you_sent_at is None
    assert late.call.ended_at is not None and NOW - timedelta(days=3) < late.call.ended_at < NOW - timedelta(
        days=1
    )
    (followed,) = interviews_in(store, Stage.FOLLOWED_UP)
    follow = followed.follow_up
    assert follow.thank_you_sent_at is not None and followed.call.ended_at is not None
    assert followed.call.ended_at < follow.thank_you_sent_at < NOW
    assert follow.linkedin_connected_at is not None and follow.linkedin_connected_at < NOW
    assert follow.next_checkin is not None and NOW.date() <= follow.next_checkin <= NOW.date() + timedelta(
        days=7
    )
    referral_ids = {n.id for n in followed.notes if n.kind is NoteKind.REFERRAL}
    assert follow.referral_note_ids and set(follow.referral_note_ids) <= referral_ids


def test_reflections_tie_to_goals(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    goals = store.goals.all()
    assert len(goals) == 3 and sum(not g.active for g in goals) == 1
    goal_ids = {g.id for g in goals}
    reflected = interviews_in(store, Stage.REFLECTED)
    for interview in reflected:
        reflection = interview.reflection
        assert reflection.is_written and reflection.takeaways
        assert reflection.goal_ids and set(reflection.goal_ids) <= goal_ids
        assert reflection.interest is not None and 1 <= reflection.interest <= 5
        assert reflection.next_steps
        assert interview.follow_up.thank_you_sent_at is not None
        assert reflection.written_at is not None and interview.call.ended_at is not None
        assert interview.call.ended_at < reflection.written_at < NOW
        rated = [q.usefulness for q in interview.questions if q.usefulness is not None]
        assert rated and all(1 <= r <= 5 for r in rated)
        assert all(q.asked for q in interview.questions if q.usefulness is not None)
    assert {g for i in reflected for g in i.reflection.goal_ids} >= {g.id for g in goals if g.active}
    for interview in store.interviews.all():
        if interview.stage is not Stage.REFLECTED:
            assert not interview.reflection.is_written


def test_question_bank_counts_match_the_interviews(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    used: dict[str, int] = {}
    total: dict[str, int] = {}
    count: dict[str, int] = {}
    for interview in store.interviews.all():
        for q in interview.questions:
            if q.question_id is None:
                assert q.category is QuestionCategory.OTHER
                continue
            bank = store.questions.get(q.question_id)
            assert bank is not None and bank.text == q.text and bank.category is q.category
            used[q.question_id] = used.get(q.question_id, 0) + 1
            if q.usefulness is not None:
                total[q.question_id] = total.get(q.question_id, 0) + q.usefulness
                count[q.question_id] = count.get(q.question_id, 0) + 1
    assert used
    for question in store.questions.all():
        assert question.times_used == used.get(question.id, 0)
        assert question.rating_total == total.get(question.id, 0)
        assert question.rating_count == count.get(question.id, 0)


def test_every_timestamp_is_aware(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    seen = 0
    for collection in store.all_collections().values():
        for record in collection.all():
            for moment in walk_datetimes(record):
                assert moment.tzinfo is not None and moment.utcoffset() is not None
                seen += 1
    assert seen > 100


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    exports = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        store = open_store(tmp_path / f"{name}.json")
        try:
            populate_demo(store, NOW, seed=seed)
            exports.append(store.export_dict())
        finally:
            store.close()
    assert exports[0] == exports[1]
    assert exports[0] != exports[2]


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 28, 23, 30, tzinfo=UTC),  # Saturday night
        datetime(2026, 11, 30, 0, 15, tzinfo=ZoneInfo("Europe/Copenhagen")),  # Monday just after midnight
        datetime(2026, 3, 9, 8, 0, tzinfo=ZoneInfo("America/New_York")),  # Monday after the DST change
    ],
)
def test_key_moments_hold_for_any_now(tmp_path: Path, now: datetime) -> None:
    store = open_store(tmp_path / "d.json", now)
    try:
        populate_demo(store, now)
        interviews = store.interviews.all()
        assert any(i.scheduled_at and now <= i.scheduled_at <= now + timedelta(hours=1) for i in interviews)
        waiting = [o for o in store.outreach.all() if o.status.is_open]
        assert any(nudge_dates(o.sent_at)[0] < now < nudge_dates(o.sent_at)[1] for o in waiting)
        assert any(nudge_dates(o.sent_at)[1] < now for o in waiting)
        assert any(nudge_dates(o.sent_at)[0] > now for o in waiting)
        for interview in interviews:
            if interview.stage.after_call:
                assert interview.call.ended_at is not None and interview.call.ended_at < now
            elif interview.stage is not Stage.CANCELLED:
                assert interview.scheduled_at is not None and interview.scheduled_at > now
        due = [when for i in interviews if (when := i.thank_you_due) is not None]
        assert any(when > now for when in due)
        assert any(when < now for when in due)
        checkins = [i.follow_up.next_checkin for i in interviews if i.stage is Stage.FOLLOWED_UP]
        assert any(d is not None and now.date() <= d <= now.date() + timedelta(days=7) for d in checkins)
    finally:
        store.close()


def test_size_pads_contacts_with_generated_records_and_reloads(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    store = open_store(path)
    summary = populate_demo(store, NOW, size=2000)
    try:
        assert summary.contacts == len(store.contacts) == 2000
        assert 380 <= summary.interviews == len(store.interviews) <= 420
        assert 800 <= summary.outreach == len(store.outreach) <= 1200
        assert 3 <= summary.goals == len(store.goals) <= 8
        names = by_name(store)
        assert "José Álvarez" in names and "Zoë Chen" in names and "Łukasz Nowak" in names
        interviews = store.interviews.all()
        conducted = [i for i in interviews if i.stage.after_call]
        assert len(conducted) > len(interviews) / 2
        notes = [len(i.notes) for i in conducted]
        assert sum(15 <= n <= 25 for n in notes) >= len(notes) - 6  # all but the curated ones
        goal_ids = {g.id for g in store.goals.all()}
        contact_ids = {c.id for c in store.contacts.all()}
        for interview in interviews:
            assert interview.contact_id in contact_ids
            assert set(interview.reflection.goal_ids) <= goal_ids
            if interview.stage.after_call:
                ran = elapsed(interview.call, NOW).total_seconds()
                assert all(0 <= n.offset_s <= ran for n in interview.notes)
                assert interview.call.ended_at is not None and interview.call.ended_at < NOW
        for c in store.contacts.all():
            if c.introduced_by_id is not None:
                assert c.introduced_by_id in contact_ids
        sent = [o.sent_at for o in store.outreach.all()]
        assert min(sent) < NOW - timedelta(days=60) and max(sent) < NOW
        assert {o.status for o in store.outreach.all()} == set(OutreachStatus)
        assert store.flush(30)
        counts = {name: len(c) for name, c in store.all_collections().items()}
        export = store.export_dict()
    finally:
        store.close()
    reopened = Store.open(path, clock=FixedClock(NOW))
    try:
        assert {name: len(c) for name, c in reopened.all_collections().items()} == counts
        assert reopened.export_dict() == export
    finally:
        reopened.close()


def test_small_size_keeps_the_curated_set(tmp_path: Path) -> None:
    store = open_store(tmp_path / "d.json")
    try:
        summary = populate_demo(store, NOW, size=5)
        assert summary.contacts == len(store.contacts) >= 12
        assert {i.stage for i in store.interviews.all()} == set(Stage) - {Stage.IDENTIFIED, Stage.REACHED_OUT}
    finally:
        store.close()


def test_demo_module_does_not_import_textual() -> None:
    code = "import sys, infoview_tui.demo; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_dates_in_plain_fields_are_dates(demo: tuple[Store, DemoSummary]) -> None:
    store, _ = demo
    for interview in store.interviews.all():
        checkin = interview.follow_up.next_checkin
        assert checkin is None or (isinstance(checkin, date) and not isinstance(checkin, datetime))
        for step in interview.reflection.next_steps:
            assert step.due is None or not isinstance(step.due, datetime)
