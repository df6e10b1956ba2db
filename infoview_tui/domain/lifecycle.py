"""Provides the interview's lifecycle: its stages, the moves allowed between them, and every use case that
changes records, from scheduling to the reflection.

Each use case is a function of records (and `now` where time matters) that returns a `Change`: the records to
add and to update. It never touches the store, so it is tested without one; a screen turns a key into one
call, hands the result to `apply` (or its own store) and redraws. A move the interview's stage does not
allow raises `TransitionError`; other refusals raise `LifecycleError`; both carry a one-line message for the
user. Text the user typed is never refused by a stage rule (notes, research, follow-up text and the
reflection always save), so nothing typed is lost.

The stage (`Status`) is derived from the record: the stored `Interview.stage` plus the call record, which
alone tells an interview whose call is under way. The rules shared with the rest of the core are defined
once elsewhere and used as they are: "conducted" (`call.is_conducted`), the 3B7 clock (`stages.identify.nudges`)
and the overlap check (`overlap_warnings` below, over `scheduling.find_overlaps`).

Pure core: no Textual and no TinyDB import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Protocol, TypeVar

from infoview_tui.domain.dates import DateParseError, fmt_local, parse_day
from infoview_tui.domain.models import (
    Action,
    Checklist,
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
    RecordId,
    Stage,
    replace,
)
from infoview_tui.domain.timing import end_call, start_or_toggle
from infoview_tui.domain.validation import MAX_NAME, clean_block, clean_line
from infoview_tui.stages.conduct import call
from infoview_tui.stages.conduct.call import is_conducted
from infoview_tui.stages.follow_up.drafts import (
    LINKEDIN_NOTE_LIMIT,
    ActionItem,
    referral_company,
    referral_name,
    thank_you_draft,
)
from infoview_tui.stages.prepare import question_bank
from infoview_tui.stages.prepare.scheduling import find_overlaps

__all__ = [
    "TRANSITIONS",
    "Applied",
    "Change",
    "Event",
    "LifecycleError",
    "NotFoundError",
    "Records",
    "Slot",
    "Status",
    "TransitionError",
    "add_own_question",
    "add_referral_as_contact",
    "add_unprepared_question",
    "allowed",
    "apply",
    "cancel",
    "choose_question",
    "complete_action",
    "complete_action_note",
    "edit_preparation",
    "finish_call",
    "held",
    "is_conducted",
    "is_in_call",
    "latest_request",
    "mark_connected",
    "mark_question_asked",
    "mark_thank_you_sent",
    "open_request",
    "overlap_warnings",
    "parse_steps",
    "pause_call",
    "pick_interview",
    "record_follow_up_sent",
    "record_reply",
    "remove_note",
    "reopen_action",
    "reopen_action_note",
    "reschedule",
    "resume_call",
    "reword_note",
    "save_follow_up_text",
    "save_preparation",
    "save_reflection",
    "schedule",
    "set_action_item_done",
    "set_action_item_due",
    "set_checkin",
    "set_checklist_item",
    "start_call",
    "status_of",
    "take_note",
    "to_prepare",
    "toggle_call_clock",
]

HOPE_LIMIT = 600
"""Characters kept of "What I hope to learn" (one line)."""
QUESTION_LIMIT = 300
"""Characters kept of a question typed by the user."""
CHECKIN_NOTE_LIMIT = 200
STEP_LIMIT = 300
"""Characters kept of one next step in a reflection."""

# Stages ----------------------------------------------------------------------------------------------------


class Status(str, Enum):
    """Where one interview is in its life, derived from the record (see `status_of`)."""

    SCHEDULED = "scheduled"
    PREPARED = "prepared"
    """Every readiness item done and a time set."""
    IN_CALL = "in_call"
    """The call clock has started and the call has not ended (running or paused)."""
    CONDUCTED = "conducted"
    FOLLOWED_UP = "followed_up"
    """The thank-you is sent and, when they have a LinkedIn profile, you are connected."""
    REFLECTED = "reflected"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """'In call', 'Followed up': as the stage labels read."""
        return self.value.replace("_", " ").capitalize()


TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    Status.SCHEDULED: frozenset({Status.PREPARED, Status.IN_CALL, Status.CANCELLED}),
    Status.PREPARED: frozenset({Status.SCHEDULED, Status.IN_CALL, Status.CANCELLED}),
    Status.IN_CALL: frozenset({Status.CONDUCTED}),
    Status.CONDUCTED: frozenset({Status.FOLLOWED_UP, Status.REFLECTED}),
    Status.FOLLOWED_UP: frozenset({Status.REFLECTED}),
    Status.REFLECTED: frozenset(),
    Status.CANCELLED: frozenset(),
}
"""The moves between stages. PREPARED falls back to SCHEDULED when readiness drops (a moved time is no longer
confirmed); a call that has started is ended, not cancelled (a cancelled interview's clock could never stop);
nothing moves back once the call has ended; CANCELLED and REFLECTED are final."""


def is_in_call(interview: Interview) -> bool:
    """The call clock has started and the call has not ended (it may be paused)."""
    return bool(interview.call.spans) and not is_conducted(interview)


def status_of(interview: Interview) -> Status:
    """The interview's stage, from its stored stage and its call record.

    CANCELLED wins over everything. A held call is CONDUCTED, or FOLLOWED_UP / REFLECTED when the stored
    stage says so; a started call that has not ended is IN_CALL; before that PREPARED or SCHEDULED (the
    stored IDENTIFIED and REACHED_OUT, and a stored after-call stage without an ended call, count as
    SCHEDULED: the call has not happened).
    """
    stage = interview.stage
    if stage is Stage.CANCELLED:
        return Status.CANCELLED
    if is_conducted(interview):
        if stage is Stage.REFLECTED:
            return Status.REFLECTED
        if stage is Stage.FOLLOWED_UP:
            return Status.FOLLOWED_UP
        return Status.CONDUCTED
    if interview.call.spans:
        return Status.IN_CALL
    return Status.PREPARED if stage is Stage.PREPARED else Status.SCHEDULED


class Event(str, Enum):
    """The use cases that depend on the stage; `allowed` says whether one may happen now."""

    RESCHEDULE = "reschedule"
    CANCEL = "cancel"
    START_CALL = "start the call"
    PAUSE_CALL = "pause the call"
    RESUME_CALL = "resume the call"
    END_CALL = "end the call"
    FOLLOW_UP = "follow up"
    """Mark the thank-you sent, mark connected, add a referral, set a check-in."""


_BEFORE_CALL = frozenset({Status.SCHEDULED, Status.PREPARED})
_REQUIRES: Mapping[Event, frozenset[Status]] = {
    Event.RESCHEDULE: _BEFORE_CALL,
    Event.CANCEL: _BEFORE_CALL,
    Event.START_CALL: _BEFORE_CALL,
    Event.PAUSE_CALL: frozenset({Status.IN_CALL}),
    Event.RESUME_CALL: frozenset({Status.IN_CALL}),
    Event.END_CALL: frozenset({Status.IN_CALL}),
    Event.FOLLOW_UP: frozenset({Status.CONDUCTED, Status.FOLLOWED_UP, Status.REFLECTED}),
}


def allowed(interview: Interview, event: Event) -> bool:
    """Whether `event` may happen to the interview now (a screen can use it to disable a key)."""
    if status_of(interview) not in _REQUIRES[event]:
        return False
    if event is Event.PAUSE_CALL:
        return interview.call.running
    if event is Event.RESUME_CALL:
        return not interview.call.running
    return True


class LifecycleError(ValueError):
    """A use case refused; the message says why in one line a screen can show as it is."""


class NotFoundError(LifecycleError):
    """The note, question, referral or next step named is not on the interview."""


class TransitionError(LifecycleError):
    """The interview's stage does not allow this use case."""

    def __init__(self, event: Event, current: Status) -> None:
        self.event = event
        self.status = current
        super().__init__(f"Can't {event.value}: {_WHY[current]}.")


_WHY = {
    Status.SCHEDULED: "the call hasn't started",
    Status.PREPARED: "the call hasn't started",
    Status.IN_CALL: "the call is under way",
    Status.CONDUCTED: "the call has ended",
    Status.FOLLOWED_UP: "the call has ended",
    Status.REFLECTED: "the call has ended",
    Status.CANCELLED: "the interview was cancelled",
}


def _require(interview: Interview, event: Event) -> None:
    if not allowed(interview, event):
        raise TransitionError(event, status_of(interview))


def _moved(before: Interview, after: Interview) -> Interview:
    """`after`, checked against the stage graph: a use case never makes a move `TRANSITIONS` forbids."""
    source, target = status_of(before), status_of(after)
    if source is not target and target not in TRANSITIONS[source]:
        raise AssertionError(f"lifecycle bug: {source.value} -> {target.value}")
    return after


# What to store ---------------------------------------------------------------------------------------------

Record = Contact | Outreach | Interview | Question | Goal | IntroRequest
"""Anything a use case may ask to store."""


@dataclass(frozen=True, slots=True)
class Change:
    """What a use case asks to store: records to add, records to update, and what follows from the ids the
    store gives the added ones (scheduling links the request to the new interview)."""

    add: tuple[Record, ...] = ()
    update: tuple[Record, ...] = ()
    then: Callable[[tuple[Record, ...]], Change] | None = field(default=None, compare=False)
    """Given the added records as stored (with their ids), the further change to store."""

    @property
    def empty(self) -> bool:
        """Nothing to store (the use case found nothing to do)."""
        return not self.add and not self.update and self.then is None

    @property
    def interview(self) -> Interview | None:
        """The interview this change updates, if any (what a screen redraws)."""
        return next((r for r in self.update if isinstance(r, Interview)), None)


def _update(*records: Record) -> Change:
    return Change(update=records)


def _unchanged(before: Interview, after: Interview) -> Change:
    """Nothing to store when the use case left the interview as it was."""
    return Change() if after == before else _update(after)


R = TypeVar("R")


class Writer(Protocol[R]):
    """One kind of record in a store: `infoview_tui.store.Collection` is one."""

    def add(self, record: R, /) -> R: ...

    def update_many(self, records: Iterable[R], /) -> list[R]: ...


class Records(Protocol):
    """A store with a collection per kind of record: `infoview_tui.store.Store` is one."""

    @property
    def contacts(self) -> Writer[Contact]: ...

    @property
    def outreach(self) -> Writer[Outreach]: ...

    @property
    def interviews(self) -> Writer[Interview]: ...

    @property
    def questions(self) -> Writer[Question]: ...

    @property
    def goals(self) -> Writer[Goal]: ...

    @property
    def intros(self) -> Writer[IntroRequest]: ...


@dataclass(frozen=True, slots=True)
class Applied:
    """The records `apply` stored, as the store returned them (added ones with their ids)."""

    added: tuple[Record, ...] = ()
    updated: tuple[Record, ...] = ()

    @property
    def interview(self) -> Interview | None:
        """The interview added or updated, if any (after `schedule`, the new one with its id)."""
        return next((r for r in (*self.added, *self.updated) if isinstance(r, Interview)), None)


def _add(store: Records, record: Record) -> Record:
    if isinstance(record, Contact):
        return store.contacts.add(record)
    if isinstance(record, Outreach):
        return store.outreach.add(record)
    if isinstance(record, Interview):
        return store.interviews.add(record)
    if isinstance(record, Question):
        return store.questions.add(record)
    if isinstance(record, Goal):
        return store.goals.add(record)
    return store.intros.add(record)


def _update_kind(writer: Writer[R], kind: type[R], records: Iterable[Record]) -> list[R]:
    """The records of one kind, updated in one write (no write when there are none)."""
    chosen = [r for r in records if isinstance(r, kind)]
    return writer.update_many(chosen) if chosen else []


def apply(store: Records, change: Change) -> Applied:
    """Store a change: each added record, the updates (one write per kind of record), then what follows."""
    added = tuple(_add(store, record) for record in change.add)
    updates = change.update
    updated: tuple[Record, ...] = (
        *_update_kind(store.contacts, Contact, updates),
        *_update_kind(store.outreach, Outreach, updates),
        *_update_kind(store.interviews, Interview, updates),
        *_update_kind(store.questions, Question, updates),
        *_update_kind(store.goals, Goal, updates),
        *_update_kind(store.intros, IntroRequest, updates),
    )
    if change.then is None:
        return Applied(added, updated)
    more = apply(store, change.then(added))
    return Applied(added + more.added, updated + more.updated)


# Identify: requests and their answers --------------------------------------------------------------------


def open_request(outreach: Iterable[Outreach], contact_id: RecordId) -> Outreach | None:
    """The contact's latest request still waiting for an answer (SENT), if any."""
    waiting = [o for o in outreach if o.contact_id == contact_id and o.status is OutreachStatus.SENT]
    return max(waiting, key=lambda o: o.sent_at, default=None)


def latest_request(outreach: Iterable[Outreach], contact_id: RecordId) -> Outreach | None:
    """The contact's latest request, whatever its status."""
    return max((o for o in outreach if o.contact_id == contact_id), key=lambda o: o.sent_at, default=None)


def _waiting(outreach: Iterable[Outreach], contact: Contact) -> Outreach:
    found = open_request(outreach, contact.id)
    if found is None:
        raise LifecycleError(f"No request to {contact.name} is waiting for an answer.")
    return found


def record_reply(outreach: Iterable[Outreach], contact: Contact, now: datetime, *, replied: bool) -> Change:
    """They replied (yes) or declined: the waiting request is closed, which clears its 3B7 nudges."""
    waiting = _waiting(outreach, contact)
    answer = OutreachStatus.REPLIED if replied else OutreachStatus.DECLINED
    return _update(replace(waiting, status=answer, responded_at=now))


def record_follow_up_sent(outreach: Iterable[Outreach], contact: Contact, now: datetime) -> Change:
    """You sent the one 7B follow-up to the waiting request."""
    return _update(replace(_waiting(outreach, contact), nudged_at=now))


# Scheduling ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Slot:
    """When and how a conversation happens, as the schedule form returns it."""

    when: datetime
    minutes: int
    medium: Medium = Medium.VIDEO
    location: str = ""
    their_timezone: str = ""


def _check_slot(slot: Slot) -> None:
    if slot.when.tzinfo is None:
        raise LifecycleError("The time needs a time zone.")
    if slot.minutes < 1:
        raise LifecycleError("An interview needs at least a minute.")


def overlap_warnings(
    interviews: Iterable[Interview],
    contacts: Iterable[Contact],
    when: datetime,
    minutes: int,
    exclude_id: RecordId | None = None,
) -> list[str]:
    """One sentence per interview still to come that overlaps [when, when + minutes): what the schedule form
    asks about before it saves (an overlap is questioned, not refused)."""
    names = {c.id: c.name for c in contacts}
    return [
        f"It overlaps your interview with {names.get(iv.contact_id, '?')} at {fmt_local(iv.scheduled_at)}."
        for iv in find_overlaps(interviews, when, minutes, exclude_id)
    ]


def schedule(contact: Contact, outreach: Iterable[Outreach], slot: Slot, now: datetime) -> Change:
    """A new interview with the contact, and their latest request marked scheduled and linked to it.

    The interview points at the request still waiting, if any. The request updated is that one, else the
    latest request; only a SENT or REPLIED one becomes SCHEDULED (a declined request stays declined), and its
    answer time is kept, or set to `now` when it had none.
    """
    _check_slot(slot)
    requests = list(outreach)
    waiting = open_request(requests, contact.id)
    interview = Interview(
        contact_id=contact.id,
        outreach_id=waiting.id if waiting else None,
        scheduled_at=slot.when,
        duration_minutes=slot.minutes,
        medium=slot.medium,
        location=slot.location,
        their_timezone=slot.their_timezone,
        stage=Stage.SCHEDULED,
    )
    latest = waiting or latest_request(requests, contact.id)
    if latest is None or latest.status not in (OutreachStatus.SENT, OutreachStatus.REPLIED):
        return Change(add=(interview,))
    request = latest

    def link(added: tuple[Record, ...]) -> Change:
        new = next(r for r in added if isinstance(r, Interview))
        return _update(
            replace(
                request,
                status=OutreachStatus.SCHEDULED,
                interview_id=new.id,
                responded_at=request.responded_at or now,
            )
        )

    return Change(add=(interview,), then=link)


def _in_step(interview: Interview) -> Interview:
    """Before the call, the stage follows readiness: PREPARED when every item is done and a time is set,
    else SCHEDULED. Later stages are left alone."""
    if interview.stage not in (Stage.SCHEDULED, Stage.PREPARED, Stage.IDENTIFIED, Stage.REACHED_OUT):
        return interview
    done, total, _ = question_bank.readiness(interview)
    stage = Stage.PREPARED if done == total and interview.scheduled_at else Stage.SCHEDULED
    return replace(interview, stage=stage)


def reschedule(interview: Interview, slot: Slot) -> Change:
    """A new time, length, medium, place or zone. A moved time (or length) bumps the calendar SEQUENCE and
    un-confirms the time, so readiness (and PREPARED) drops until it is confirmed again. Overlaps are asked
    about by the form (`overlap_warnings`), not refused here."""
    _require(interview, Event.RESCHEDULE)
    _check_slot(slot)
    moved = slot.when != interview.scheduled_at or slot.minutes != interview.duration_minutes
    unconfirmed = replace(interview.checklist, confirmed_time=False)
    updated = replace(
        interview,
        scheduled_at=slot.when,
        duration_minutes=slot.minutes,
        medium=slot.medium,
        location=slot.location,
        their_timezone=slot.their_timezone,
        sequence=interview.sequence + 1 if moved else interview.sequence,
        checklist=unconfirmed if moved else interview.checklist,
    )
    return _update(_moved(interview, _in_step(updated)))


def cancel(interview: Interview) -> Change:
    """Cancel an interview whose call has not started; it stays in the history as cancelled."""
    _require(interview, Event.CANCEL)
    return _update(_moved(interview, replace(interview, stage=Stage.CANCELLED)))


# Prepare ---------------------------------------------------------------------------------------------------


def save_preparation(interview: Interview) -> Change:
    """Store an interview edited while preparing (its questions reordered, marked, reworded or removed with
    `question_bank`), its stage kept in step with how ready it is. Never refused: nothing typed is lost."""
    return _update(_in_step(interview))


def edit_preparation(
    interview: Interview,
    *,
    hope_to_learn: str | None = None,
    research_person: str | None = None,
    research_company: str | None = None,
) -> Change:
    """What you hope to learn and the research notes, as typed (cleaned); nothing to store when unchanged."""
    updated = interview
    if hope_to_learn is not None:
        updated = replace(updated, hope_to_learn=clean_line(hope_to_learn, HOPE_LIMIT))
    if research_person is not None:
        updated = replace(updated, research_person=clean_block(research_person))
    if research_company is not None:
        updated = replace(updated, research_company=clean_block(research_company))
    return Change() if updated == interview else save_preparation(updated)


_CHECKLIST_ITEMS = frozenset(Checklist.__struct_fields__)


def set_checklist_item(interview: Interview, item: str, value: bool) -> Change:
    """Tick or untick one readiness item (`researched_person`, `confirmed_time`, …)."""
    if item not in _CHECKLIST_ITEMS:
        raise NotFoundError(f"There is no checklist item called {item!r}.")
    if getattr(interview.checklist, item) == value:
        return Change()
    checklist = replace(interview.checklist, **{item: value})
    return save_preparation(replace(interview, checklist=checklist))


def choose_question(interview: Interview, question: Question) -> Change:
    """Add a bank question to the interview, and count the use in the bank; nothing when already chosen."""
    updated = question_bank.choose(interview, question)
    if updated is interview:
        return Change()
    return _update(*save_preparation(updated).update, question_bank.used(question))


def add_own_question(interview: Interview, text: str) -> Change:
    """A question of your own: it joins the bank (used once) and the interview's list."""
    body = clean_line(text, QUESTION_LIMIT)
    if not body:
        raise LifecycleError("A question needs some text.")

    def choose(added: tuple[Record, ...]) -> Change:
        saved = next(r for r in added if isinstance(r, Question))
        return save_preparation(question_bank.choose(interview, saved))

    return Change(add=(Question(text=body, times_used=1),), then=choose)


# Conduct: the call clock --------------------------------------------------------------------------------


def start_call(interview: Interview, now: datetime) -> Change:
    """The call begins: the clock starts."""
    _require(interview, Event.START_CALL)
    return _update(_moved(interview, replace(interview, call=start_or_toggle(interview.call, now))))


def pause_call(interview: Interview, now: datetime) -> Change:
    """Pause the running clock (elapsed time stops counting)."""
    _require(interview, Event.PAUSE_CALL)
    return _update(replace(interview, call=start_or_toggle(interview.call, now)))


def resume_call(interview: Interview, now: datetime) -> Change:
    """Resume the paused clock."""
    _require(interview, Event.RESUME_CALL)
    return _update(replace(interview, call=start_or_toggle(interview.call, now)))


def toggle_call_clock(interview: Interview, now: datetime) -> Change:
    """The one key for the clock: start it, pause it or resume it."""
    current = status_of(interview)
    if current in _BEFORE_CALL:
        return start_call(interview, now)
    if current is Status.IN_CALL:
        return pause_call(interview, now) if interview.call.running else resume_call(interview, now)
    raise TransitionError(Event.START_CALL, current)


def finish_call(
    interview: Interview, contact: Contact | None, now: datetime, sender_name: str = ""
) -> Change:
    """The call is over: the clock stops, the interview is CONDUCTED and its thank-you is drafted from the
    notes (due 24 hours from now)."""
    _require(interview, Event.END_CALL)
    ended = replace(interview, call=end_call(interview.call, now), stage=Stage.CONDUCTED)
    draft = thank_you_draft(ended, contact, sender_name, now=now)
    ended = replace(ended, follow_up=replace(ended.follow_up, thank_you_draft=draft))
    return _update(_moved(interview, ended))


# Conduct: notes and questions ----------------------------------------------------------------------------


def take_note(
    interview: Interview,
    text: str,
    now: datetime,
    *,
    kind: NoteKind = NoteKind.NOTE,
    chosen_question: int | None = None,
    tiara: QuestionCategory | None = None,
) -> Change:
    """A note stamped with the time into the call and the question in play (the one jumped to, else the
    first not asked). A leading ! @ * sets its kind. Nothing to store for a blank line. Taken in any stage:
    a note is never refused."""
    if not text.strip():
        return Change()
    question = call.current_question(interview, chosen_question)
    updated = call.add_note(interview, text, now, kind=kind, question_index=question, tiara=tiara)
    return _unchanged(interview, updated)


def _note(interview: Interview, note_id: RecordId) -> Note:
    found = next((n for n in interview.notes if n.id == note_id), None)
    if found is None:
        raise NotFoundError("That note is no longer there.")
    return found


def reword_note(interview: Interview, note_id: RecordId, text: str) -> Change:
    """Reword a note (a leading ! @ * changes its kind); a blank edit is refused: delete the note instead."""
    _note(interview, note_id)
    if not clean_line(call.parse_note(text)[1]):
        raise LifecycleError("A note needs some text; delete it instead.")
    return _unchanged(interview, call.edit_note(interview, note_id, text))


def remove_note(interview: Interview, note_id: RecordId) -> Change:
    _note(interview, note_id)
    return _update(call.delete_note(interview, note_id))


def mark_question_asked(interview: Interview, now: datetime, chosen_question: int | None = None) -> Change:
    """The question in play (the one jumped to, else the first not asked) was asked now."""
    index = call.current_question(interview, chosen_question)
    if index is None:
        raise NotFoundError("All prepared questions are asked.")
    return _update(call.mark_asked(interview, index, now))


def add_unprepared_question(interview: Interview, text: str) -> Change:
    """A question you asked that wasn't prepared (this interview only)."""
    updated = call.add_question(interview, text)
    if updated is interview:
        raise LifecycleError("A question needs some text.")
    return _update(updated)


# Follow up -------------------------------------------------------------------------------------------------


def _followed_up(interview: Interview, contact: Contact | None) -> Interview:
    """A conducted interview is FOLLOWED_UP once the thank-you is sent and you are connected on LinkedIn
    (or they have no LinkedIn profile). It never moves back."""
    follow = interview.follow_up
    done = follow.thank_you_sent_at is not None and (
        follow.linkedin_connected_at is not None or not (contact and contact.linkedin_url)
    )
    if interview.stage is Stage.CONDUCTED and done:
        return replace(interview, stage=Stage.FOLLOWED_UP)
    return interview


def _follow_up(interview: Interview, contact: Contact | None, follow: FollowUp) -> Change:
    """Store the interview with this follow-up, its stage kept in step with it; nothing when unchanged."""
    if follow == interview.follow_up:
        return Change()
    updated = replace(interview, follow_up=follow)
    return _update(_moved(interview, _followed_up(updated, contact)))


def save_follow_up_text(
    interview: Interview,
    contact: Contact | None,
    *,
    thank_you: str | None = None,
    linkedin_note: str | None = None,
    checkin_note: str | None = None,
) -> Change:
    """The thank-you, the LinkedIn note and the check-in note as typed (cleaned); never refused."""
    follow = interview.follow_up
    if thank_you is not None:
        follow = replace(follow, thank_you_draft=clean_block(thank_you))
    if linkedin_note is not None:
        follow = replace(follow, linkedin_note=clean_line(linkedin_note, LINKEDIN_NOTE_LIMIT))
    if checkin_note is not None:
        follow = replace(follow, checkin_note=clean_line(checkin_note, CHECKIN_NOTE_LIMIT))
    return _follow_up(interview, contact, follow)


def mark_thank_you_sent(
    interview: Interview, contact: Contact | None, now: datetime, *, sent: bool = True
) -> Change:
    """The thank-you went out now (or, with `sent=False`, it did not after all). Marking it sent again keeps
    the first time."""
    _require(interview, Event.FOLLOW_UP)
    if (interview.follow_up.thank_you_sent_at is not None) == sent:
        return Change()
    when = now if sent else None
    return _follow_up(interview, contact, replace(interview.follow_up, thank_you_sent_at=when))


def mark_connected(
    interview: Interview, contact: Contact | None, now: datetime, *, connected: bool = True
) -> Change:
    """You are connected on LinkedIn now (or, with `connected=False`, not after all)."""
    _require(interview, Event.FOLLOW_UP)
    if (interview.follow_up.linkedin_connected_at is not None) == connected:
        return Change()
    when = now if connected else None
    return _follow_up(interview, contact, replace(interview.follow_up, linkedin_connected_at=when))


def add_referral_as_contact(
    interview: Interview, introducer: Contact | None, note_id: RecordId | None = None
) -> Change:
    """A referral noted during the call becomes a contact introduced by this person, and is ticked off.

    `note_id` names the referral (the highlighted one); without it, or when it is already added, the first
    one still open is taken.
    """
    _require(interview, Event.FOLLOW_UP)
    done = set(interview.follow_up.referral_note_ids)
    pending = [n for n in interview.notes if n.kind is NoteKind.REFERRAL and n.id not in done]
    note = next((n for n in pending if n.id == note_id), pending[0] if pending else None)
    if note is None:
        raise NotFoundError("No referral left to add.")
    person = Contact(  # cleaned like typed text: a note can hold control characters pasted in the call
        name=clean_line(referral_name(note.text), MAX_NAME),
        company=clean_line(referral_company(note.text)),
        how_known=HowKnown.INTRODUCTION,
        introduced_by_id=introducer.id if introducer else None,
        introduced_by_name=introducer.name if introducer else "",
        notes=clean_block(f"Referred during a call: {note.text}"),
    )
    ticked = interview.follow_up.referral_note_ids + (note.id,)
    follow = replace(interview.follow_up, referral_note_ids=ticked)
    return Change(add=(person,), update=_follow_up(interview, introducer, follow).update)


def set_checkin(interview: Interview, contact: Contact | None, day: date | None) -> Change:
    """The day to check in with them again (None clears it); it shows on the Dashboard."""
    _require(interview, Event.FOLLOW_UP)
    return _follow_up(interview, contact, replace(interview.follow_up, next_checkin=day))


# Reflect ---------------------------------------------------------------------------------------------------


def parse_steps(text: str, previous: tuple[Action, ...], today: date) -> tuple[tuple[Action, ...], list[str]]:
    """One next step per line; 'text | fri' gives it a due date (after the last '|'). Done flags (and when
    they were ticked) carry over.

    Returns the steps and one message per due date that could not be read. Such a line is kept whole as the
    step's text: no word typed (or read from the file) is ever dropped.
    """
    done = {clean_line(a.text, STEP_LIMIT): a for a in previous}
    steps: list[Action] = []
    problems: list[str] = []
    for line in text.splitlines():
        body, separator, due_text = line.rpartition("|")
        if not separator:
            body, due_text = line, ""
        due = None
        if due_text.strip():
            try:
                due = parse_day(due_text, today, ahead=True)
            except DateParseError:
                problems.append(f"'{due_text.strip()}' is not a date (try 'fri' or '2026-12-01')")
                body = line
        body = clean_line(body, STEP_LIMIT)
        if not body:
            continue
        before = done.get(body)
        steps.append(
            Action(text=body, due=due, done=before.done, done_at=before.done_at)
            if before is not None
            else Action(text=body, due=due)
        )
    return tuple(steps), problems


def save_reflection(
    interview: Interview,
    bank: Iterable[Question],
    now: datetime,
    *,
    takeaways: str,
    surprises: str,
    goal_ids: Iterable[RecordId],
    changed_direction: bool | None,
    next_steps: tuple[Action, ...],
    interest: int | None,
    usefulness: Mapping[int, int | None] | None = None,
) -> Change:
    """The reflection as it stands, and the bank questions its ratings change. Never refused.

    `usefulness` maps a question's index to its 1–5 rating (None or 0: not rated); questions not named keep
    theirs. Once anything is written the reflection is stamped and a held interview becomes REFLECTED; it
    stays REFLECTED if the text is later cleared. Nothing to store when nothing changed.
    """
    if interest is not None and not 0 <= interest <= 5:
        raise LifecycleError("Interest is from 1 to 5.")
    reflection = replace(
        interview.reflection,
        takeaways=clean_block(takeaways),
        surprises=clean_block(surprises),
        goal_ids=tuple(goal_ids),
        changed_direction=changed_direction,
        next_steps=next_steps,
        interest=interest or None,
    )
    questions = list(interview.questions)
    for index, rating in (usefulness or {}).items():
        if 0 <= index < len(questions):
            questions[index] = replace(questions[index], usefulness=rating or None)
    after = replace(interview, reflection=reflection, questions=tuple(questions))
    if after == interview:
        return Change()
    if reflection.is_written:
        held_stages = (Stage.CONDUCTED, Stage.FOLLOWED_UP, Stage.REFLECTED)
        after = replace(
            after,
            reflection=replace(reflection, written_at=reflection.written_at or now, updated_at=now),
            stage=Stage.REFLECTED if interview.stage in held_stages else interview.stage,
        )
    rated = question_bank.rate({q.id: q for q in bank}, after, previous=interview)
    return _update(_moved(interview, after), *rated)


def _step(interview: Interview, index: int) -> Action:
    steps = interview.reflection.next_steps
    if not 0 <= index < len(steps):
        raise NotFoundError("That next step is no longer there.")
    return steps[index]


def _set_done(interview: Interview, index: int, done: bool, now: datetime) -> Change:
    step = _step(interview, index)
    if step.done == done:
        return Change()
    steps = list(interview.reflection.next_steps)
    steps[index] = replace(step, done=done, done_at=now if done else None)
    reflection = replace(interview.reflection, next_steps=tuple(steps), updated_at=now)
    return _update(replace(interview, reflection=reflection))


def complete_action(interview: Interview, index: int, now: datetime) -> Change:
    """Next step `index` of the reflection is done now (it leaves the Dashboard and what is owed)."""
    return _set_done(interview, index, True, now)


def reopen_action(interview: Interview, index: int, now: datetime) -> Change:
    """Next step `index` is not done after all: owed again, its done date cleared."""
    return _set_done(interview, index, False, now)


def _set_note_done(interview: Interview, note_id: RecordId, done: bool, now: datetime) -> Change:
    note = _note(interview, note_id)
    if note.kind is not NoteKind.ACTION:
        raise LifecycleError("Only an action item (a note starting with !) can be marked done.")
    if (note.done_at is not None) == done:
        return Change()
    marked = replace(note, done_at=now if done else None)
    notes = tuple(marked if n.id == note_id else n for n in interview.notes)
    return _update(replace(interview, notes=notes))


def complete_action_note(interview: Interview, note_id: RecordId, now: datetime) -> Change:
    """The action item noted during the call (`note_id`) is done now; marking it again keeps the first date."""
    return _set_note_done(interview, note_id, True, now)


def reopen_action_note(interview: Interview, note_id: RecordId, now: datetime) -> Change:
    """The action item noted during the call is not done after all: owed again."""
    return _set_note_done(interview, note_id, False, now)


def set_action_item_done(
    interview: Interview, item: ActionItem, now: datetime, *, done: bool = True
) -> Change:
    """Mark one of `action_items(interview)` done (or, with `done=False`, owed again), stamped with `now`."""
    if item.note_id is not None:
        return _set_note_done(interview, item.note_id, done, now)
    if item.step_index is not None:
        step = _step(interview, item.step_index)
        if step.text != item.text:
            raise NotFoundError("That next step was edited meanwhile; look again.")
        return _set_done(interview, item.step_index, done, now)
    raise NotFoundError("That action item is no longer there.")


def set_action_item_due(interview: Interview, item: ActionItem, day: date | None) -> Change:
    """The day one of `action_items(interview)` is to be done by (None clears it): a call's action note keeps
    it in `Note.due`, a next step in `Action.due`. Nothing to store when it is already that day."""
    if item.note_id is not None:
        note = _note(interview, item.note_id)
        if note.kind is not NoteKind.ACTION:
            raise LifecycleError("Only an action item (a note starting with !) can have a due date.")
        dated = replace(note, due=day)
        notes = tuple(dated if n.id == note.id else n for n in interview.notes)
        return _unchanged(interview, replace(interview, notes=notes))
    if item.step_index is not None:
        step = _step(interview, item.step_index)
        if step.text != item.text:
            raise NotFoundError("That next step was edited meanwhile; look again.")
        steps = list(interview.reflection.next_steps)
        steps[item.step_index] = replace(step, due=day)
        reflection = replace(interview.reflection, next_steps=tuple(steps))
        return _unchanged(interview, replace(interview, reflection=reflection))
    raise NotFoundError("That action item is no longer there.")


# Which interviews each section shows ---------------------------------------------------------------------


def to_prepare(interviews: Iterable[Interview]) -> list[Interview]:
    """Interviews not yet held and not cancelled, soonest first (unscheduled last)."""
    pending = [iv for iv in interviews if iv.stage.before_call and not is_conducted(iv)]
    return sorted(pending, key=lambda iv: (iv.scheduled_at is None, iv.scheduled_at or datetime.min, iv.id))


def held(interviews: Iterable[Interview]) -> list[Interview]:
    """Conducted interviews, not cancelled, newest call first."""
    done = [iv for iv in interviews if is_conducted(iv) and iv.stage is not Stage.CANCELLED]
    return sorted(done, key=lambda iv: iv.call.ended_at or datetime.min, reverse=True)


def pick_interview(
    interviews: Iterable[Interview], now: datetime, chosen: RecordId | None = None
) -> Interview | None:
    """The interview the call screen opens on: the chosen one, else one whose call is under way, else the
    next one scheduled that has not ended."""
    items = list(interviews)
    by_id = {iv.id: iv for iv in items}
    if chosen is not None and chosen in by_id:
        return by_id[chosen]
    live = [iv for iv in items if is_in_call(iv)]
    if live:
        return live[0]
    upcoming = [
        iv
        for iv in items
        if iv.stage.before_call and iv.scheduled_at is not None and (iv.ends_at or iv.scheduled_at) >= now
    ]
    return min(upcoming, key=lambda iv: iv.scheduled_at or now, default=None)
