"""The interview's lifecycle: stages derived from records, the moves allowed, and every use case, with a fixed
clock and no Textual. Each use case is checked for what it asks to store and for what it refuses."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Generic, TypedDict, TypeVar, Unpack, cast

import pytest
from msgspec import Struct

from infoview_tui.domain import lifecycle as lc
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.ids import id_time_ms, is_id
from infoview_tui.domain.lifecycle import (
    Change,
    Event,
    LifecycleError,
    NotFoundError,
    Slot,
    Status,
    TransitionError,
)
from infoview_tui.domain.models import (
    Action,
    CallRecord,
    Channel,
    Checklist,
    ChosenQuestion,
    Contact,
    FollowUp,
    Goal,
    HowKnown,
    Interview,
    IntroRequest,
    Medium,
    Note,
    NoteKind,
    Outreach,
    OutreachStatus,
    Question,
    QuestionCategory,
    Record,
    RecordId,
    Reflection,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.stages.follow_up.drafts import thank_you_draft
from infoview_tui.stages.identify.nudges import NudgeState, nudge_state
from infoview_tui.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
"""A Wednesday morning: every use case here runs at this moment unless it says otherwise."""
LATER = NOW + timedelta(minutes=25)
ADA = Contact(name="Ada Lovelace", id="1", company="Engines", linkedin_url="https://www.linkedin.com/in/ada")
BOB = Contact(name="Bob Stone", id="2", company="Bridges")
"""Bob has no LinkedIn profile: a sent thank-you is all his follow-up needs."""
ALL_DONE = Checklist(True, True, True, True, True)
QUESTIONS = (
    ChosenQuestion("What led you here?", question_id="1", category=QuestionCategory.STARTER),
    ChosenQuestion("What trends matter?", question_id="4", category=QuestionCategory.TRENDS, must_ask=True),
    ChosenQuestion("What should I read?", question_id="10", category=QuestionCategory.RESOURCES),
)


class InterviewChanges(TypedDict, total=False):
    """Fields a test sets on an interview, typed as `Interview` declares them."""

    contact_id: RecordId
    id: RecordId
    outreach_id: RecordId | None
    scheduled_at: datetime | None
    duration_minutes: int
    medium: Medium
    location: str
    their_timezone: str
    stage: Stage
    hope_to_learn: str
    research_person: str
    research_company: str
    questions: tuple[ChosenQuestion, ...]
    call: CallRecord
    notes: tuple[Note, ...]
    note_draft: str
    follow_up: FollowUp
    reflection: Reflection
    checklist: Checklist
    sequence: int
    created_at: datetime | None
    updated_at: datetime | None


class OutreachChanges(TypedDict, total=False):
    """Fields a test sets on an outreach request, typed as `Outreach` declares them."""

    contact_id: RecordId
    sent_at: datetime
    id: RecordId
    channel: Channel
    message: str
    status: OutreachStatus
    responded_at: datetime | None
    nudged_at: datetime | None
    interview_id: RecordId | None


def scheduled(**changes: Unpack[InterviewChanges]) -> Interview:
    base = Interview(contact_id=ADA.id, id="10", scheduled_at=NOW + timedelta(days=1), stage=Stage.SCHEDULED)
    return replace(base, **changes)


def in_call(running: bool = True, **changes: Unpack[InterviewChanges]) -> Interview:
    start = NOW - timedelta(minutes=10)
    spans = (TimeSpan(start),) if running else (TimeSpan(start, NOW - timedelta(minutes=2)),)
    base = scheduled(scheduled_at=start, call=CallRecord(spans=spans), questions=QUESTIONS)
    return replace(base, **changes)


def conducted(stage: Stage = Stage.CONDUCTED, /, **changes: Unpack[InterviewChanges]) -> Interview:
    start = NOW - timedelta(hours=3)
    end = start + timedelta(minutes=25)
    call = CallRecord(spans=(TimeSpan(start, end),), ended_at=end)
    base = scheduled(scheduled_at=start, call=call, stage=stage, questions=QUESTIONS)
    return replace(base, **changes)


def cancelled(**changes: Unpack[InterviewChanges]) -> Interview:
    return replace(scheduled(stage=Stage.CANCELLED), **changes)


def only(change: Change) -> Interview:
    """The one interview a change updates."""
    assert not change.add and change.then is None and len(change.update) == 1
    found = change.interview
    assert found is not None
    return found


def request(**changes: Unpack[OutreachChanges]) -> Outreach:
    base = Outreach(contact_id=ADA.id, id="5", sent_at=NOW - timedelta(days=4))
    return replace(base, **changes)


R = TypeVar("R", bound=Record)


class MemoryCollection(Generic[R]):
    """A collection that hands out ids as the store does, and counts its writes."""

    def __init__(self) -> None:
        self.records: dict[RecordId, R] = {}
        self.writes = 0

    def add(self, record: R) -> R:
        saved = cast(R, replace(cast(Struct, record), id=str(len(self.records) + 1)))
        self.records[saved.id] = saved
        self.writes += 1
        return saved

    def update_many(self, records: Iterable[R]) -> list[R]:
        items = list(records)
        for record in items:
            assert record.id in self.records
            self.records[record.id] = record
        self.writes += 1
        return items


class MemoryStore:
    """Everything `lifecycle.apply` needs from a store, in memory."""

    def __init__(self) -> None:
        self.contacts: MemoryCollection[Contact] = MemoryCollection()
        self.outreach: MemoryCollection[Outreach] = MemoryCollection()
        self.interviews: MemoryCollection[Interview] = MemoryCollection()
        self.questions: MemoryCollection[Question] = MemoryCollection()
        self.goals: MemoryCollection[Goal] = MemoryCollection()
        self.intros: MemoryCollection[IntroRequest] = MemoryCollection()


# Stages -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interview", "expected"),
    [
        (scheduled(), Status.SCHEDULED),
        (scheduled(stage=Stage.IDENTIFIED), Status.SCHEDULED),
        (scheduled(stage=Stage.REACHED_OUT), Status.SCHEDULED),
        (scheduled(stage=Stage.PREPARED), Status.PREPARED),
        (in_call(), Status.IN_CALL),
        (in_call(running=False), Status.IN_CALL),
        (in_call(stage=Stage.PREPARED), Status.IN_CALL),
        (conducted(), Status.CONDUCTED),
        (conducted(Stage.SCHEDULED), Status.CONDUCTED),  # the call ended: that is what "conducted" means
        (conducted(Stage.FOLLOWED_UP), Status.FOLLOWED_UP),
        (conducted(Stage.REFLECTED), Status.REFLECTED),
        (scheduled(stage=Stage.REFLECTED), Status.SCHEDULED),  # no call held, whatever the stage says
        (cancelled(), Status.CANCELLED),
        (in_call(stage=Stage.CANCELLED), Status.CANCELLED),
    ],
)
def test_the_status_is_derived_from_the_stored_stage_and_the_call(
    interview: Interview, expected: Status
) -> None:
    assert lc.status_of(interview) is expected


def test_conducted_means_the_call_ended_and_in_call_means_it_started_and_did_not() -> None:
    assert lc.is_conducted(conducted()) and not lc.is_in_call(conducted())
    assert lc.is_in_call(in_call()) and lc.is_in_call(in_call(running=False))
    assert not lc.is_conducted(in_call()) and not lc.is_in_call(scheduled())


def test_the_stage_graph_never_goes_back_after_the_call_and_ends_in_reflected_or_cancelled() -> None:
    assert set(lc.TRANSITIONS) == set(Status)
    assert lc.TRANSITIONS[Status.REFLECTED] == lc.TRANSITIONS[Status.CANCELLED] == frozenset()
    after_call = {Status.CONDUCTED, Status.FOLLOWED_UP, Status.REFLECTED}
    for source in after_call:
        assert lc.TRANSITIONS[source] <= after_call
    assert Status.CANCELLED not in lc.TRANSITIONS[Status.CONDUCTED]
    # Every stage can be reached from SCHEDULED.
    reached, frontier = {Status.SCHEDULED}, [Status.SCHEDULED]
    while frontier:
        for target in lc.TRANSITIONS[frontier.pop()] - reached:
            reached.add(target)
            frontier.append(target)
    assert reached == set(Status)


SAMPLES = {
    Status.SCHEDULED: scheduled(),
    Status.PREPARED: scheduled(stage=Stage.PREPARED, checklist=ALL_DONE),
    Status.IN_CALL: in_call(),
    Status.CONDUCTED: conducted(),
    Status.FOLLOWED_UP: conducted(Stage.FOLLOWED_UP),
    Status.REFLECTED: conducted(Stage.REFLECTED),
    Status.CANCELLED: cancelled(),
}
USE_CASES: dict[Event, Callable[[Interview], Change]] = {
    Event.RESCHEDULE: lambda iv: lc.reschedule(iv, Slot(NOW + timedelta(days=2), 30)),
    Event.CANCEL: lc.cancel,
    Event.START_CALL: lambda iv: lc.start_call(iv, NOW),
    Event.PAUSE_CALL: lambda iv: lc.pause_call(iv, NOW),
    Event.RESUME_CALL: lambda iv: lc.resume_call(iv, NOW),
    Event.END_CALL: lambda iv: lc.finish_call(iv, ADA, NOW),
    Event.FOLLOW_UP: lambda iv: lc.mark_thank_you_sent(iv, ADA, NOW),
}
EXPECTED_ALLOWED = {
    Event.RESCHEDULE: {Status.SCHEDULED, Status.PREPARED},
    Event.CANCEL: {Status.SCHEDULED, Status.PREPARED},
    Event.START_CALL: {Status.SCHEDULED, Status.PREPARED},
    Event.PAUSE_CALL: {Status.IN_CALL},  # the sample's clock is running
    Event.RESUME_CALL: set(),  # … so it cannot be resumed
    Event.END_CALL: {Status.IN_CALL},
    Event.FOLLOW_UP: {Status.CONDUCTED, Status.FOLLOWED_UP, Status.REFLECTED},
}


def test_the_samples_are_in_the_stage_they_stand_for() -> None:
    assert {lc.status_of(iv) for iv in SAMPLES.values()} == set(SAMPLES)
    assert set(Status) == set(SAMPLES)


@pytest.mark.parametrize("event", list(Event))
@pytest.mark.parametrize("current", list(Status))
def test_every_refused_move_raises_a_transition_error_and_allowed_says_so_first(
    event: Event, current: Status
) -> None:
    interview = SAMPLES[current]
    expected = current in EXPECTED_ALLOWED[event]
    assert lc.allowed(interview, event) is expected
    if expected:
        change = USE_CASES[event](interview)
        after = change.interview
        assert after is not None
        assert lc.status_of(after) is current or lc.status_of(after) in lc.TRANSITIONS[current]
    else:
        with pytest.raises(TransitionError) as refused:
            USE_CASES[event](interview)
        assert refused.value.event is event and refused.value.status is current
        assert "\n" not in str(refused.value) and str(refused.value).startswith(f"Can't {event.value}: ")


def test_a_paused_call_resumes_and_cannot_be_paused_again() -> None:
    paused = in_call(running=False)
    assert lc.allowed(paused, Event.RESUME_CALL) and not lc.allowed(paused, Event.PAUSE_CALL)
    with pytest.raises(TransitionError, match="Can't pause the call"):
        lc.pause_call(paused, NOW)


def test_refusals_say_why_in_words_a_screen_can_show() -> None:
    with pytest.raises(TransitionError, match=r"^Can't end the call: the call hasn't started\.$"):
        lc.finish_call(scheduled(), ADA, NOW)
    with pytest.raises(TransitionError, match=r"^Can't start the call: the call has ended\.$"):
        lc.toggle_call_clock(conducted(), NOW)
    with pytest.raises(TransitionError, match=r"^Can't reschedule: the interview was cancelled\.$"):
        lc.reschedule(cancelled(), Slot(NOW, 30))
    assert issubclass(TransitionError, LifecycleError) and issubclass(NotFoundError, LifecycleError)


def test_a_random_walk_of_use_cases_only_makes_moves_the_graph_allows() -> None:
    """Two thousand steps of use cases picked at random from random stages: every change stored moves the
    stage along `TRANSITIONS` (or keeps it), and every refusal is a LifecycleError, never anything else."""
    rng = random.Random(12)
    steps: list[Callable[[Interview, datetime], Change]] = [
        lambda iv, now: lc.toggle_call_clock(iv, now),
        lambda iv, now: lc.finish_call(iv, ADA, now),
        lambda iv, now: lc.cancel(iv),
        lambda iv, now: lc.reschedule(iv, Slot(now + timedelta(days=1), 30)),
        lambda iv, now: lc.set_checklist_item(iv, "confirmed_time", rng.random() < 0.5),
        lambda iv, now: lc.save_preparation(replace(iv, checklist=ALL_DONE)),
        lambda iv, now: lc.take_note(iv, rng.choice(["@ talk to Maya Okafor", "! read the book", "hm"]), now),
        lambda iv, now: lc.mark_question_asked(iv, now),
        lambda iv, now: lc.mark_thank_you_sent(iv, rng.choice([ADA, BOB]), now, sent=rng.random() < 0.7),
        lambda iv, now: lc.mark_connected(iv, ADA, now),
        lambda iv, now: lc.add_referral_as_contact(iv, ADA),
        lambda iv, now: lc.save_reflection(
            iv,
            [],
            now,
            takeaways=rng.choice(["", "Data teams ship weekly"]),
            surprises="",
            goal_ids=(),
            changed_direction=None,
            next_steps=(),
            interest=None,
        ),
    ]
    seen: set[tuple[Status, Status]] = set()
    for _ in range(100):
        interview = rng.choice(list(SAMPLES.values()))
        now = NOW
        for _ in range(20):
            now += timedelta(minutes=rng.randint(1, 30))
            before = lc.status_of(interview)
            try:
                change = rng.choice(steps)(interview, now)
            except LifecycleError:
                continue
            if change.interview is not None:
                interview = change.interview
            after = lc.status_of(interview)
            assert after is before or after in lc.TRANSITIONS[before], (before, after)
            seen.add((before, after))
    # The walk really moved through the graph, not just around one stage.
    assert {(Status.SCHEDULED, Status.IN_CALL), (Status.IN_CALL, Status.CONDUCTED)} <= seen
    assert {(Status.CONDUCTED, Status.FOLLOWED_UP), (Status.FOLLOWED_UP, Status.REFLECTED)} <= seen


# Applying a change ---------------------------------------------------------------------------------------


def test_apply_adds_then_updates_once_per_kind_then_follows_on_with_the_new_ids() -> None:
    store = MemoryStore()
    stored_request = store.outreach.add(request(id="0"))
    change = lc.schedule(ADA, [stored_request], Slot(NOW + timedelta(days=2), 30), NOW)
    applied = lc.apply(store, change)
    new = applied.interview
    assert new is not None and new.id == "1" and store.interviews.records["1"] == new
    assert store.outreach.records[stored_request.id].interview_id == new.id
    assert store.outreach.writes == 2 and store.interviews.writes == 1  # the add, then one update
    assert applied.updated == (store.outreach.records[stored_request.id],)


def test_apply_routes_every_kind_of_record_to_its_collection() -> None:
    store = MemoryStore()
    records = (
        ADA,
        request(),
        scheduled(),
        Question("Why?"),
        Goal("Climate data"),
        IntroRequest("1", "someone"),
    )
    applied = lc.apply(store, Change(add=records))
    assert [type(r) for r in applied.added] == [type(r) for r in records]
    for collection in (
        store.contacts,
        store.outreach,
        store.interviews,
        store.questions,
        store.goals,
        store.intros,
    ):
        assert len(collection.records) == 1
    updated = tuple(replace(r, id="1") for r in records)
    lc.apply(store, Change(update=updated))
    assert store.goals.records["1"] == updated[4]
    assert Change().empty and not Change(update=(ADA,)).empty


def test_the_real_store_is_a_lifecycle_store(tmp_path: Path) -> None:
    """Scheduling through `apply` on the store: what Identify's `s` does, in one call."""
    with Store.open(tmp_path / "data.json", clock=FixedClock(NOW)) as store:
        ada = store.contacts.add(Contact(name="Ada Lovelace"))
        sent = store.outreach.add(Outreach(contact_id=ada.id, sent_at=NOW - timedelta(days=5)))
        slot = Slot(NOW + timedelta(days=1), 25, Medium.PHONE, "+44 20 7946 0000", "Europe/London")
        applied = lc.apply(store, lc.schedule(ada, store.outreach.all(), slot, NOW))
        assert applied.interview is not None
        stored = store.interviews.get(applied.interview.id)
        assert stored is not None and stored.outreach_id == sent.id and stored.duration_minutes == 25
        linked = store.outreach.get(sent.id)
        assert linked is not None and linked.status is OutreachStatus.SCHEDULED
        assert linked.interview_id == stored.id and linked.responded_at == NOW


# Identify: replies and the one follow-up ---------------------------------------------------------------


def test_a_reply_or_a_decline_closes_the_latest_waiting_request() -> None:
    older = request(id="4", sent_at=NOW - timedelta(days=20))
    newer = request(id="5")
    replied = lc.record_reply([older, newer, request(id="6", contact_id="2")], ADA, NOW, replied=True).update
    assert replied == (replace(newer, status=OutreachStatus.REPLIED, responded_at=NOW),)
    declined = lc.record_reply([newer], ADA, NOW, replied=False).update[0]
    assert isinstance(declined, Outreach) and declined.status is OutreachStatus.DECLINED
    assert nudge_state(declined, NOW + timedelta(days=30)) is NudgeState.CLOSED  # the nudges are cleared


def test_the_one_follow_up_is_recorded_on_the_waiting_request() -> None:
    nudged = lc.record_follow_up_sent([request()], ADA, NOW).update[0]
    assert isinstance(nudged, Outreach) and nudged.nudged_at == NOW
    assert nudge_state(nudged, NOW + timedelta(days=30)) is NudgeState.FOLLOWED_UP


def test_nothing_waiting_is_refused_with_the_persons_name() -> None:
    answered = request(status=OutreachStatus.REPLIED)
    with pytest.raises(LifecycleError, match="No request to Ada Lovelace is waiting for an answer"):
        lc.record_reply([answered], ADA, NOW, replied=True)
    with pytest.raises(LifecycleError):
        lc.record_follow_up_sent([], ADA, NOW)


def test_open_and_latest_request() -> None:
    waiting, answered = request(id="1"), request(id="2", sent_at=NOW, status=OutreachStatus.DECLINED)
    assert lc.open_request([waiting, answered], ADA.id) == waiting
    assert lc.latest_request([waiting, answered], ADA.id) == answered
    assert lc.open_request([answered], ADA.id) is None and lc.latest_request([], ADA.id) is None


# Scheduling ----------------------------------------------------------------------------------------------

SLOT = Slot(NOW + timedelta(days=6, hours=5), 25, Medium.IN_PERSON, "Cafe Nero, Bank", "America/New_York")


def test_schedule_creates_the_interview_and_links_the_waiting_request() -> None:
    waiting = request()
    change = lc.schedule(ADA, [waiting], SLOT, NOW)
    assert change.update == () and len(change.add) == 1
    interview = change.add[0]
    assert interview == Interview(
        contact_id=ADA.id,
        outreach_id=waiting.id,
        scheduled_at=SLOT.when,
        duration_minutes=25,
        medium=Medium.IN_PERSON,
        location="Cafe Nero, Bank",
        their_timezone="America/New_York",
        stage=Stage.SCHEDULED,
    )
    assert change.then is not None
    linked = change.then((replace(interview, id="42"),))
    assert linked.update == (
        replace(waiting, status=OutreachStatus.SCHEDULED, interview_id="42", responded_at=NOW),
    )


def test_schedule_after_a_reply_keeps_when_they_replied() -> None:
    replied = request(status=OutreachStatus.REPLIED, responded_at=NOW - timedelta(days=1))
    change = lc.schedule(ADA, [replied], SLOT, NOW)
    (interview,) = change.add
    assert isinstance(interview, Interview) and interview.outreach_id is None  # nothing was waiting
    assert change.then is not None
    linked = change.then((replace(interview, id="3"),)).update[0]
    assert isinstance(linked, Outreach) and linked.responded_at == NOW - timedelta(days=1)
    assert linked.status is OutreachStatus.SCHEDULED and linked.interview_id == "3"


@pytest.mark.parametrize(
    "outreach", [[], [request(status=OutreachStatus.DECLINED)], [request(contact_id="2")]]
)
def test_schedule_without_a_request_to_update_only_adds_the_interview(outreach: list[Outreach]) -> None:
    change = lc.schedule(ADA, outreach, SLOT, NOW)
    assert len(change.add) == 1 and change.then is None and change.update == ()


def test_schedule_refuses_a_time_without_a_zone_or_without_minutes() -> None:
    with pytest.raises(LifecycleError, match="time zone"):
        lc.schedule(ADA, [], Slot(datetime(2026, 12, 1, 14, 0), 30), NOW)
    with pytest.raises(LifecycleError, match="minute"):
        lc.schedule(ADA, [], Slot(NOW, 0), NOW)


def test_overlap_warnings_name_the_other_person_and_time() -> None:
    other = scheduled(id="11", contact_id=BOB.id, scheduled_at=NOW + timedelta(days=1, minutes=15))
    mine = scheduled(id="10")
    gone = [
        replace(other, id="12", stage=Stage.CANCELLED),
        replace(other, id="13", stage=Stage.CONDUCTED),
    ]
    interviews = [mine, other, *gone]
    warnings = lc.overlap_warnings(interviews, [ADA, BOB], NOW + timedelta(days=1), 30, exclude_id=mine.id)
    assert warnings == ["It overlaps your interview with Bob Stone at Thu 26 Nov 09:15."]
    assert lc.overlap_warnings(interviews, [ADA, BOB], NOW + timedelta(days=1, minutes=45), 30, mine.id) == []
    unknown = lc.overlap_warnings([other], [], NOW + timedelta(days=1), 30)
    assert unknown == ["It overlaps your interview with ? at Thu 26 Nov 09:15."]


def test_a_moved_time_bumps_the_sequence_and_unconfirms_the_time_so_prepared_drops() -> None:
    prepared = scheduled(stage=Stage.PREPARED, checklist=ALL_DONE, sequence=2)
    moved = only(lc.reschedule(prepared, dataclasses.replace(SLOT, minutes=30)))
    assert moved.scheduled_at == SLOT.when and moved.sequence == 3
    assert not moved.checklist.confirmed_time and moved.stage is Stage.SCHEDULED
    assert (moved.medium, moved.location, moved.their_timezone) == (
        Medium.IN_PERSON,
        "Cafe Nero, Bank",
        "America/New_York",
    )
    assert prepared.scheduled_at is not None
    longer = only(lc.reschedule(prepared, Slot(prepared.scheduled_at, 45)))
    assert longer.sequence == 3 and not longer.checklist.confirmed_time


def test_a_new_place_alone_keeps_the_sequence_and_the_confirmation() -> None:
    prepared = scheduled(stage=Stage.PREPARED, checklist=ALL_DONE, sequence=2)
    assert prepared.scheduled_at is not None
    same_time = only(lc.reschedule(prepared, Slot(prepared.scheduled_at, 30, Medium.PHONE, "+1 555 0100")))
    assert same_time.sequence == 2 and same_time.checklist == ALL_DONE and same_time.stage is Stage.PREPARED
    assert same_time.medium is Medium.PHONE


@pytest.mark.parametrize("start", [scheduled(), scheduled(stage=Stage.PREPARED)])
def test_cancel_keeps_the_interview_as_cancelled(start: Interview) -> None:
    assert only(lc.cancel(start)) == replace(start, stage=Stage.CANCELLED)


def test_a_call_that_has_started_is_ended_not_cancelled() -> None:
    with pytest.raises(TransitionError, match=r"^Can't cancel: the call is under way\.$"):
        lc.cancel(in_call(running=False))


# Prepare ---------------------------------------------------------------------------------------------------


def test_typed_preparation_is_cleaned_and_readiness_drives_the_stage() -> None:
    ready = scheduled(checklist=Checklist(confirmed_time=True, link_tested=True), questions=QUESTIONS)
    edited = only(
        lc.edit_preparation(
            ready, hope_to_learn="  how\x1b[31m data   teams ", research_person="Led\r\nthe team"
        )
    )
    assert edited.hope_to_learn == "how [31m data teams" and edited.research_person == "Led\nthe team"
    assert edited.stage is Stage.SCHEDULED  # the company is not researched yet
    prepared = only(lc.edit_preparation(edited, research_company="Engines builds analytical engines"))
    assert prepared.stage is Stage.PREPARED
    assert lc.edit_preparation(prepared, research_company="Engines builds analytical engines").empty
    unscheduled = replace(prepared, scheduled_at=None, stage=Stage.SCHEDULED)
    assert only(lc.save_preparation(unscheduled)).stage is Stage.SCHEDULED  # no time, not prepared


def test_the_hope_to_learn_line_is_capped() -> None:
    assert (
        len(only(lc.edit_preparation(scheduled(), hope_to_learn="x" * 5000)).hope_to_learn) == lc.HOPE_LIMIT
    )


def test_preparation_saves_after_the_call_without_moving_the_stage() -> None:
    """A workspace left open under the call screen still saves what is typed there."""
    held = conducted(Stage.FOLLOWED_UP)
    saved = only(lc.edit_preparation(held, research_person="Twenty years at Engines"))
    assert saved.research_person == "Twenty years at Engines" and saved.stage is Stage.FOLLOWED_UP


def test_checklist_items_tick_and_untick() -> None:
    almost = scheduled(checklist=replace(ALL_DONE, link_tested=False))
    ticked = only(lc.set_checklist_item(almost, "link_tested", True))
    assert ticked.checklist == ALL_DONE and ticked.stage is Stage.PREPARED
    assert lc.set_checklist_item(ticked, "link_tested", True).empty
    assert only(lc.set_checklist_item(ticked, "confirmed_time", False)).stage is Stage.SCHEDULED
    with pytest.raises(NotFoundError, match="checklist"):
        lc.set_checklist_item(ticked, "done_count", True)


def test_choosing_a_bank_question_counts_its_use_once() -> None:
    question = Question("What does a typical week look like?", id="7", times_used=2)
    change = lc.choose_question(scheduled(), question)
    interview, bank = change.update
    assert isinstance(interview, Interview) and interview.questions[-1].question_id == "7"
    assert bank == replace(question, times_used=3)
    assert lc.choose_question(interview, question).empty  # already chosen


def test_a_question_of_your_own_joins_the_bank_and_the_interview() -> None:
    store = MemoryStore()
    interview = store.interviews.add(scheduled())
    applied = lc.apply(store, lc.add_own_question(interview, "  What surprised you most this year? "))
    (question,) = store.questions.records.values()
    assert question == Question("What surprised you most this year?", id="1", times_used=1)
    saved = store.interviews.records[interview.id]
    assert saved.questions[-1] == ChosenQuestion("What surprised you most this year?", question_id="1")
    assert applied.interview == saved
    with pytest.raises(LifecycleError, match="needs some text"):
        lc.add_own_question(interview, " \x07 ")


# Conduct: the clock ----------------------------------------------------------------------------------------


def test_start_pause_resume_and_end_the_call() -> None:
    started = only(lc.start_call(scheduled(stage=Stage.PREPARED), NOW))
    assert lc.status_of(started) is Status.IN_CALL and started.call.spans == (TimeSpan(NOW),)
    assert started.stage is Stage.PREPARED  # the stored stage waits for the end of the call
    paused = only(lc.pause_call(started, NOW + timedelta(minutes=10)))
    assert not paused.call.running
    resumed = only(lc.resume_call(paused, NOW + timedelta(minutes=12)))
    assert resumed.call.running and len(resumed.call.spans) == 2
    ended = only(lc.finish_call(resumed, ADA, LATER))
    assert ended.call.ended_at == LATER and ended.call.spans[-1].end == LATER
    assert ended.stage is Stage.CONDUCTED and lc.status_of(ended) is Status.CONDUCTED
    assert ended.thank_you_due == LATER + timedelta(hours=24)


def test_the_clock_key_starts_pauses_and_resumes_in_turn() -> None:
    interview = scheduled()
    states = []
    for minute in range(4):
        interview = only(lc.toggle_call_clock(interview, NOW + timedelta(minutes=minute)))
        states.append(interview.call.running)
    assert states == [True, False, True, False]
    with pytest.raises(TransitionError, match="interview was cancelled"):
        lc.toggle_call_clock(cancelled(), NOW)


def test_ending_the_call_drafts_the_thank_you_from_the_notes() -> None:
    noted = in_call(notes=(Note("Data teams ship weekly", 60.0, id="1", kind=NoteKind.INSIGHT),))
    ended = only(lc.finish_call(noted, ADA, LATER))
    expected = thank_you_draft(replace(ended, follow_up=FollowUp()), ADA, now=LATER)
    assert ended.follow_up.thank_you_draft == expected
    assert "Hi Ada," in expected and "data teams ship weekly" in expected


def test_a_call_ends_only_once_and_only_after_it_started() -> None:
    with pytest.raises(TransitionError, match="the call has ended"):
        lc.finish_call(conducted(), ADA, NOW)
    with pytest.raises(TransitionError, match="hasn't started"):
        lc.finish_call(scheduled(), ADA, NOW)
    with pytest.raises(TransitionError, match="under way"):
        lc.start_call(in_call(), NOW)


# Conduct: notes and questions ----------------------------------------------------------------------------


def test_a_note_is_stamped_with_time_question_kind_and_tiara() -> None:
    call = in_call(running=True)  # the clock started 10 minutes ago
    noted = only(lc.take_note(call, "* They hire from bootcamps", NOW))
    note = noted.notes[-1]
    assert (note.text, note.kind, note.offset_s, note.question_index) == (
        "They hire from bootcamps",
        NoteKind.INSIGHT,
        600.0,
        0,
    )
    assert is_id(note.id) and id_time_ms(note.id) >= int(NOW.timestamp() * 1000)  # a ULID, made when taken
    assert note.created_at == NOW and note.tiara is None  # a starter question has no TIARA tag
    on_trends = only(lc.take_note(noted, "AI everywhere", NOW, chosen_question=1)).notes[-1]
    assert on_trends.question_index == 1 and on_trends.tiara is QuestionCategory.TRENDS
    assert on_trends.id > note.id  # ids of one call sort in the order the notes were taken
    marked = lc.take_note(noted, "x", NOW, kind=NoteKind.REFERRAL, tiara=QuestionCategory.ADVICE)
    tagged = only(marked).notes[-1]
    assert tagged.kind is NoteKind.REFERRAL and tagged.tiara is QuestionCategory.ADVICE


def test_a_note_before_the_clock_starts_is_at_zero_and_blank_lines_store_nothing() -> None:
    assert only(lc.take_note(scheduled(), "They asked to move it", NOW)).notes[0].offset_s == 0.0
    assert lc.take_note(in_call(), "   ", NOW).empty
    assert lc.take_note(in_call(), "!", NOW).empty  # a marker alone is not a note


@pytest.mark.parametrize("interview", [conducted(), cancelled(), in_call(stage=Stage.CANCELLED)])
def test_notes_are_never_refused(interview: Interview) -> None:
    """Whatever the stage, what was typed is kept."""
    assert only(lc.take_note(interview, "remember this", LATER)).notes[-1].text == "remember this"


def test_reword_and_remove_notes() -> None:
    noted = only(lc.take_note(in_call(), "talk to Maya", NOW))
    first = noted.notes[0].id
    reworded = only(lc.reword_note(noted, first, "@ talk to Maya Okafor"))
    assert reworded.notes[0].text == "talk to Maya Okafor" and reworded.notes[0].kind is NoteKind.REFERRAL
    assert lc.reword_note(reworded, first, "@ talk to Maya Okafor").empty
    assert only(lc.remove_note(reworded, first)).notes == ()
    with pytest.raises(NotFoundError):
        lc.remove_note(reworded, "99")
    with pytest.raises(NotFoundError):
        lc.reword_note(reworded, "99", "x")
    with pytest.raises(LifecycleError, match="delete it instead"):
        lc.reword_note(reworded, first, " @ \x1b ")


def test_mark_the_question_in_play_asked() -> None:
    call = in_call()
    first = only(lc.mark_question_asked(call, NOW))
    assert first.questions[0].asked and first.questions[0].asked_offset_s == 600.0
    jumped = only(lc.mark_question_asked(first, NOW, chosen_question=2))
    assert jumped.questions[2].asked and not jumped.questions[1].asked
    done = only(lc.mark_question_asked(jumped, NOW))
    with pytest.raises(NotFoundError, match="All prepared questions are asked"):
        lc.mark_question_asked(done, NOW)


def test_a_question_asked_that_was_not_prepared() -> None:
    added = only(lc.add_unprepared_question(in_call(), "  How did you get your first role? "))
    assert added.questions[-1] == ChosenQuestion("How did you get your first role?")
    with pytest.raises(LifecycleError):
        lc.add_unprepared_question(in_call(), "   ")


# Follow up -------------------------------------------------------------------------------------------------


def test_a_sent_thank_you_is_the_whole_follow_up_when_they_have_no_linkedin() -> None:
    sent = only(lc.mark_thank_you_sent(conducted(contact_id=BOB.id), BOB, NOW))
    assert sent.follow_up.thank_you_sent_at == NOW and sent.stage is Stage.FOLLOWED_UP
    assert sent.thank_you_due is None
    assert lc.mark_thank_you_sent(sent, BOB, LATER).empty  # already sent: the first time stays


def test_with_linkedin_the_follow_up_also_needs_the_connection() -> None:
    sent = only(lc.mark_thank_you_sent(conducted(), ADA, NOW))
    assert sent.stage is Stage.CONDUCTED
    connected = only(lc.mark_connected(sent, ADA, LATER))
    assert connected.follow_up.linkedin_connected_at == LATER and connected.stage is Stage.FOLLOWED_UP
    assert lc.mark_connected(connected, ADA, LATER).empty
    # Taking either back does not move the stage back.
    unsent = only(lc.mark_thank_you_sent(connected, ADA, LATER, sent=False))
    assert unsent.follow_up.thank_you_sent_at is None and unsent.stage is Stage.FOLLOWED_UP
    disconnected = only(lc.mark_connected(unsent, ADA, LATER, connected=False))
    assert disconnected.follow_up.linkedin_connected_at is None and disconnected.stage is Stage.FOLLOWED_UP


def test_follow_up_after_a_reflection_keeps_reflected() -> None:
    reflected = conducted(Stage.REFLECTED, contact_id=BOB.id)
    assert only(lc.mark_thank_you_sent(reflected, BOB, NOW)).stage is Stage.REFLECTED


def test_a_referral_becomes_a_contact_introduced_by_this_person() -> None:
    notes = (
        Note("talk to Maya Okafor at Northwind", 60.0, id="1", kind=NoteKind.REFERRAL),
        Note("ask Grace Hopper (Navy)", 90.0, id="2", kind=NoteKind.REFERRAL),
        Note("an insight", 95.0, id="3", kind=NoteKind.INSIGHT),
    )
    held = conducted(notes=notes)
    change = lc.add_referral_as_contact(held, ADA)
    (person,) = change.add
    assert person == Contact(
        name="Maya Okafor",
        company="Northwind",
        how_known=HowKnown.INTRODUCTION,
        introduced_by_id=ADA.id,
        introduced_by_name="Ada Lovelace",
        notes="Referred during a call: talk to Maya Okafor at Northwind",
    )
    ticked = change.interview
    assert ticked is not None and ticked.follow_up.referral_note_ids == ("1",)
    chosen = lc.add_referral_as_contact(held, ADA, note_id="2").add[0]
    assert isinstance(chosen, Contact) and chosen.name == "Grace Hopper"
    # A highlighted referral that is already added falls back to the first still open.
    second = lc.add_referral_as_contact(ticked, ADA, note_id="1")
    assert isinstance(second.add[0], Contact) and second.add[0].name == "Grace Hopper"
    assert second.interview is not None
    with pytest.raises(NotFoundError, match="No referral left to add"):
        lc.add_referral_as_contact(second.interview, ADA)
    anonymous = lc.add_referral_as_contact(held, None).add[0]
    assert isinstance(anonymous, Contact) and anonymous.introduced_by_id is None


def test_set_and_clear_the_check_in() -> None:
    day = date(2026, 12, 16)
    planned = only(lc.set_checkin(conducted(), ADA, day))
    assert planned.follow_up.next_checkin == day
    assert lc.set_checkin(planned, ADA, day).empty
    assert only(lc.set_checkin(planned, ADA, None)).follow_up.next_checkin is None


@pytest.mark.parametrize("before", [scheduled(), in_call(), cancelled()])
def test_follow_up_before_the_call_is_held_is_refused(before: Interview) -> None:
    uses: list[Callable[[], Change]] = [
        lambda: lc.mark_thank_you_sent(before, ADA, NOW),
        lambda: lc.mark_connected(before, ADA, NOW),
        lambda: lc.add_referral_as_contact(before, ADA),
        lambda: lc.set_checkin(before, ADA, date(2026, 12, 16)),
    ]
    for use in uses:
        with pytest.raises(TransitionError, match=r"^Can't follow up: "):
            use()


def test_follow_up_text_is_cleaned_and_never_refused() -> None:
    saved = only(
        lc.save_follow_up_text(
            cancelled(),
            ADA,
            thank_you="Hi Ada,\r\n\r\nThanks!\x1b]0;x\x07",
            linkedin_note="n" * 400,
            checkin_note="  tell them \n how it went ",
        )
    )
    assert saved.follow_up.thank_you_draft == "Hi Ada,\n\nThanks!]0;x"
    assert (
        len(saved.follow_up.linkedin_note) == 300 and saved.follow_up.checkin_note == "tell them how it went"
    )
    assert lc.save_follow_up_text(saved, ADA, checkin_note="tell them how it went").empty


def test_saving_follow_up_text_keeps_the_stage_in_step() -> None:
    sent = conducted(contact_id=BOB.id, follow_up=FollowUp(thank_you_sent_at=NOW))  # e.g. an older file
    assert only(lc.save_follow_up_text(sent, BOB, thank_you="Thanks again")).stage is Stage.FOLLOWED_UP


# Reflect ---------------------------------------------------------------------------------------------------


def test_next_steps_are_one_per_line_with_optional_due_dates() -> None:
    previous = (Action("Read the dbt book", done=True),)
    steps, problems = lc.parse_steps(
        "Read the dbt book | fri\n\n  Email Maya \nCall Bob | someday", previous, NOW.date()
    )
    assert steps == (
        Action("Read the dbt book", due=date(2026, 11, 27), done=True),
        Action("Email Maya"),
        Action("Call Bob | someday"),  # not a date: the words are kept, with a message
    )
    assert problems == ["'someday' is not a date (try 'fri' or '2026-12-01')"]


class ReflectionFields(TypedDict, total=False):
    """What the reflection form sends `save_reflection`; a test gives only the fields it is about."""

    takeaways: str
    surprises: str
    goal_ids: Iterable[RecordId]
    changed_direction: bool | None
    next_steps: tuple[Action, ...]
    interest: int | None
    usefulness: Mapping[int, int | None] | None


def reflect(
    interview: Interview,
    bank: Iterable[Question] = (),
    when: datetime = NOW,
    **fields: Unpack[ReflectionFields],
) -> Change:
    return lc.save_reflection(
        interview,
        bank,
        when,
        takeaways=fields.get("takeaways", ""),
        surprises=fields.get("surprises", ""),
        goal_ids=fields.get("goal_ids", ()),
        changed_direction=fields.get("changed_direction"),
        next_steps=fields.get("next_steps", ()),
        interest=fields.get("interest"),
        usefulness=fields.get("usefulness"),
    )


@pytest.mark.parametrize("stage", [Stage.CONDUCTED, Stage.FOLLOWED_UP, Stage.REFLECTED])
def test_writing_a_reflection_makes_a_held_interview_reflected(stage: Stage) -> None:
    written = only(
        reflect(
            conducted(stage),
            takeaways=" Data teams ship weekly \x1b",
            goal_ids=["3", "1"],
            changed_direction=True,
            interest=4,
            next_steps=(Action("Email Maya"),),
        )
    )
    reflection = written.reflection
    assert reflection == Reflection(
        takeaways="Data teams ship weekly",
        goal_ids=("3", "1"),
        changed_direction=True,
        interest=4,
        next_steps=(Action("Email Maya"),),
        written_at=NOW,
        updated_at=NOW,
    )
    assert written.stage is Stage.REFLECTED
    again = only(
        reflect(
            written,
            when=LATER,
            takeaways="Data teams ship daily",
            goal_ids=["3", "1"],
            changed_direction=True,
            interest=4,
            next_steps=(Action("Email Maya"),),
        )
    )
    assert again.reflection.written_at == NOW and again.reflection.updated_at == LATER


def test_a_blank_reflection_is_saved_without_moving_the_stage() -> None:
    rated_only = only(reflect(conducted(), interest=3))
    assert rated_only.stage is Stage.CONDUCTED and rated_only.reflection.written_at is None
    assert rated_only.reflection.interest == 3
    assert reflect(conducted(), interest=0).empty  # 0 is "not set": nothing changed


def test_clearing_a_reflection_keeps_reflected() -> None:
    written = conducted(Stage.REFLECTED, reflection=Reflection(takeaways="x", written_at=NOW))
    cleared = only(reflect(written))
    assert cleared.reflection.takeaways == "" and cleared.stage is Stage.REFLECTED


def test_a_reflection_is_saved_but_never_moves_a_cancelled_interview() -> None:
    saved = only(reflect(cancelled(), takeaways="They cancelled; I read their blog instead"))
    assert saved.stage is Stage.CANCELLED and saved.reflection.takeaways.startswith("They cancelled")


def test_question_ratings_feed_the_bank_once() -> None:
    bank = [
        Question("What led you here?", id="1", rating_total=8, rating_count=2),
        Question("Trends?", id="4"),
    ]
    change = reflect(conducted(), bank, takeaways="x", usefulness={0: 5, 1: 0, 7: 4})
    interview, *rated = change.update
    assert isinstance(interview, Interview)
    assert [q.usefulness for q in interview.questions] == [5, None, None]
    assert rated == [replace(bank[0], rating_total=13, rating_count=3)]
    rebank = [replace(bank[0], rating_total=13, rating_count=3), bank[1]]
    changed = reflect(interview, rebank, takeaways="x", usefulness={0: 3})
    assert changed.update[1:] == (replace(bank[0], rating_total=11, rating_count=3),)  # 5 became 3


def test_an_interest_outside_one_to_five_is_refused() -> None:
    with pytest.raises(LifecycleError, match="1 to 5"):
        reflect(conducted(), interest=9)


def test_complete_and_reopen_a_next_step() -> None:
    steps = (Action("Email Maya"), Action("Read the dbt book", due=date(2026, 11, 27)))
    written = conducted(
        Stage.REFLECTED, reflection=Reflection(takeaways="x", next_steps=steps, updated_at=NOW)
    )
    done = only(lc.complete_action(written, 1, LATER))
    assert [s.done for s in done.reflection.next_steps] == [False, True]
    assert done.reflection.updated_at == LATER and done.stage is Stage.REFLECTED
    assert lc.complete_action(done, 1, LATER).empty
    reopened = only(lc.reopen_action(done, 1, LATER))
    assert not reopened.reflection.next_steps[1].done
    with pytest.raises(NotFoundError, match="next step"):
        lc.complete_action(written, 2, LATER)
    with pytest.raises(NotFoundError):
        lc.reopen_action(written, -1, LATER)


# Which interviews each section shows ---------------------------------------------------------------------


def test_to_prepare_lists_interviews_not_held_soonest_first_unscheduled_last() -> None:
    soon = scheduled(id="1", scheduled_at=NOW + timedelta(hours=2))
    later = scheduled(id="2", scheduled_at=NOW + timedelta(days=3))
    unscheduled = scheduled(id="3", scheduled_at=None)
    live = in_call(id="4")
    gone = [
        cancelled(id="5"),
        conducted(id="6"),
        conducted(Stage.REFLECTED, id="7"),
        conducted(Stage.SCHEDULED, id="8"),
    ]
    assert [iv.id for iv in lc.to_prepare([unscheduled, later, *gone, live, soon])] == ["4", "1", "2", "3"]


def test_held_lists_conducted_interviews_newest_first_without_cancelled() -> None:
    old = conducted(id="1")
    new = replace(conducted(id="2"), call=CallRecord((TimeSpan(NOW, LATER),), ended_at=LATER))
    ended_then_cancelled = conducted(Stage.CANCELLED, id="3")
    assert [iv.id for iv in lc.held([old, in_call(id="4"), new, ended_then_cancelled])] == ["2", "1"]


def test_the_call_screen_opens_on_the_chosen_then_the_live_then_the_next_interview() -> None:
    next_one = scheduled(id="1", scheduled_at=NOW + timedelta(hours=1))
    after = scheduled(id="2", scheduled_at=NOW + timedelta(days=1))
    running_late = scheduled(id="3", scheduled_at=NOW - timedelta(minutes=20))  # still within its 30 minutes
    over = scheduled(id="4", scheduled_at=NOW - timedelta(hours=2))
    live = in_call(id="5")
    assert lc.pick_interview([after, next_one, over], NOW) == next_one
    assert lc.pick_interview([after, next_one, running_late], NOW) == running_late
    assert lc.pick_interview([after, live, next_one], NOW) == live
    assert lc.pick_interview([after, live], NOW, chosen="2") == after
    assert lc.pick_interview([after, live], NOW, chosen="99") == live
    assert lc.pick_interview([over, conducted(id="6"), cancelled(id="7")], NOW) is None


def test_a_next_step_due_date_without_a_year_is_the_coming_one() -> None:
    """'| 01/12' typed in late November is due 1 December, not last 12 January (issue 13)."""
    steps, problems = lc.parse_steps("Send the deck | 01/12\nRead the report | jan 5", (), date(2026, 11, 29))
    assert problems == []
    assert [s.due for s in steps] == [date(2026, 12, 1), date(2027, 1, 5)]


def test_completing_a_next_step_stores_when_and_reopening_clears_it() -> None:
    written = conducted(
        Stage.REFLECTED, reflection=Reflection(takeaways="x", next_steps=(Action("Email Maya"),))
    )
    done = only(lc.complete_action(written, 0, LATER))
    assert done.reflection.next_steps[0] == Action("Email Maya", done=True, done_at=LATER)
    reopened = only(lc.reopen_action(done, 0, LATER + timedelta(days=1)))
    assert reopened.reflection.next_steps[0] == Action("Email Maya")


def test_a_retyped_reflection_keeps_when_a_step_was_done() -> None:
    ticked = (Action("Email Maya", done=True, done_at=LATER), Action("Read the book"))
    steps, problems = lc.parse_steps("Email Maya | fri\nRead the book\nNew one", ticked, NOW.date())
    assert problems == []
    assert [(s.text, s.done, s.done_at) for s in steps] == [
        ("Email Maya", True, LATER),
        ("Read the book", False, None),
        ("New one", False, None),
    ]


def test_complete_and_reopen_an_action_note() -> None:
    notes = (
        Note("read Menabrea's paper", 300.0, id="1", kind=NoteKind.ACTION),
        Note("she likes engines", 400.0, id="2"),
    )
    held_iv = conducted(notes=notes)
    done = only(lc.complete_action_note(held_iv, "1", LATER))
    assert done.notes[0].done_at == LATER and done.notes[1] == notes[1]
    assert lc.complete_action_note(done, "1", LATER + timedelta(hours=1)).empty  # the first date is kept
    reopened = only(lc.reopen_action_note(done, "1", LATER))
    assert reopened.notes[0].done_at is None
    assert lc.reopen_action_note(reopened, "1", LATER).empty
    with pytest.raises(LifecycleError, match="action item"):
        lc.complete_action_note(held_iv, "2", LATER)
    with pytest.raises(NotFoundError):
        lc.complete_action_note(held_iv, "9", LATER)


def test_set_action_item_done_reaches_notes_and_steps() -> None:
    from infoview_tui.stages.follow_up.drafts import action_items

    iv = conducted(
        notes=(Note("send the deck", 10.0, id="1", kind=NoteKind.ACTION),),
        reflection=Reflection(takeaways="x", next_steps=(Action("Email Maya", due=date(2026, 11, 27)),)),
    )
    note_item, step_item = action_items(iv)
    assert (note_item.note_id, step_item.step_index, step_item.due) == ("1", 0, date(2026, 11, 27))
    iv = only(lc.set_action_item_done(iv, note_item, LATER))
    iv = only(lc.set_action_item_done(iv, step_item, LATER))
    assert [(i.done, i.done_at) for i in action_items(iv)] == [(True, LATER), (True, LATER)]
    iv = only(lc.set_action_item_done(iv, step_item, LATER, done=False))
    assert [i.done for i in action_items(iv)] == [True, False]
    edited = replace(iv, reflection=Reflection(takeaways="x", next_steps=(Action("Other"),)))
    with pytest.raises(NotFoundError, match="edited"):
        lc.set_action_item_done(edited, step_item, LATER)
