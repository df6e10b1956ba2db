"""Provides the domain model: contacts, outreach, interviews, questions, notes, reflections and goals.

Every record is a frozen `msgspec.Struct` (or an enum) with no Textual or TinyDB import, so the core can be
used and tested on its own. Collections inside records are tuples; edit a record with `replace` (re-exported
here from `msgspec.structs`). Structs rather than dataclasses: their classes are made in C (the models
imported ~20 ms faster at every start), msgspec builds them from a document ~4× faster (a 10,000-contact file:
~70 ms instead of ~280 ms), and with `gc=False` they are 16 bytes smaller and never walked by the garbage
collector (records hold no reference cycles: only text, numbers, dates, tuples and other records).
Datetimes are timezone-aware (stored in UTC, shown in local time); plain dates are `datetime.date`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from enum import Enum
from functools import cache
from typing import Any, ClassVar, Protocol, overload

import msgspec
from msgspec import Struct, field
from msgspec.structs import astuple, force_setattr
from msgspec.structs import replace as replace

from infoview_tui.domain.ids import builtin_question_id
from infoview_tui.domain.safe_text import without_lone_surrogates

DEFAULT_DURATION_MINUTES = 30
THANK_YOU_DUE = timedelta(hours=24)
JOIN_EARLY = timedelta(minutes=10)

RecordId = str
"""A record's id: a ULID string (see `domain.ids`), "" until the store saves the record. Every reference to
another record (a contact's introducer, an interview's contact, a chosen question's bank entry, …) is one."""


class Record(Protocol):
    """What a collection stores: a record with a string id ("" until the store hands one out).

    Typing a collection's records with this lets `replace(record, id=...)` and `record.id` type-check without
    knowing which kind of record it holds.
    """

    __struct_fields__: ClassVar[tuple[str, ...]]

    @property
    def id(self) -> RecordId: ...


class Route(str, Enum):
    """The seed's three ways of finding someone to talk to."""

    KNOWN = "known"
    INTRODUCTION = "introduction"
    COLD = "cold"

    @property
    def label(self) -> str:
        return {"known": "Someone you know", "introduction": "Introduction", "cold": "Cold outreach"}[
            self.value
        ]


class HowKnown(str, Enum):
    """How you know a contact; each maps to one of the three routes."""

    FRIEND = "friend"
    FAMILY = "family"
    CLASSMATE = "classmate"
    FORMER_COLLEAGUE = "former_colleague"
    MENTOR = "mentor"
    PROFESSOR = "professor"
    INTRODUCTION = "introduction"
    COLD = "cold"

    @property
    def route(self) -> Route:
        if self is HowKnown.INTRODUCTION:
            return Route.INTRODUCTION
        if self is HowKnown.COLD:
            return Route.COLD
        return Route.KNOWN

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Channel(str, Enum):
    """Where a contact was found or reached."""

    LINKEDIN = "linkedin"
    INDEED = "indeed"
    GLASSDOOR = "glassdoor"
    ANGELLIST = "angellist"
    QUORA = "quora"
    TWITTER = "twitter"
    EMAIL = "email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    OTHER = "other"

    @property
    def label(self) -> str:
        names = {
            "linkedin": "LinkedIn",
            "angellist": "AngelList",
            "in_person": "In person",
        }
        return names.get(self.value, self.value.capitalize())


class OutreachStatus(str, Enum):
    """Where a request for an informational interview stands."""

    SENT = "sent"
    REPLIED = "replied"
    DECLINED = "declined"
    NO_REPLY = "no_reply"
    SCHEDULED = "scheduled"

    @property
    def is_open(self) -> bool:
        """True while we are still waiting on the person (3B7 nudges apply)."""
        return self is OutreachStatus.SENT

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Stage(str, Enum):
    """The life of one interview, in the seed's order."""

    IDENTIFIED = "identified"
    REACHED_OUT = "reached_out"
    SCHEDULED = "scheduled"
    PREPARED = "prepared"
    CONDUCTED = "conducted"
    FOLLOWED_UP = "followed_up"
    REFLECTED = "reflected"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def before_call(self) -> bool:
        return self in (Stage.IDENTIFIED, Stage.REACHED_OUT, Stage.SCHEDULED, Stage.PREPARED)

    @property
    def after_call(self) -> bool:
        return self in (Stage.CONDUCTED, Stage.FOLLOWED_UP, Stage.REFLECTED)


class Medium(str, Enum):
    """How the conversation happens."""

    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"

    @property
    def label(self) -> str:
        return {"phone": "Phone", "video": "Video", "in_person": "In person"}[self.value]


class NoteKind(str, Enum):
    """What a note taken during a call is."""

    NOTE = "note"
    ACTION = "action"
    REFERRAL = "referral"
    INSIGHT = "insight"


class QuestionCategory(str, Enum):
    """The seed's starter questions and the TIARA set."""

    STARTER = "starter"
    TRENDS = "trends"
    INSIGHTS = "insights"
    ADVICE = "advice"
    RESOURCES = "resources"
    ASSIGNMENTS = "assignments"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class IntroStatus(str, Enum):
    """An introduction you asked a mentor or professor for."""

    ASKED = "asked"
    INTRODUCED = "introduced"
    DECLINED = "declined"


class Contact(Struct, frozen=True, gc=False):
    """A professional you might talk to."""

    name: str
    id: RecordId = ""
    """Assigned by the store (a ULID); "" until saved."""
    title: str = ""
    company: str = ""
    industry: str = ""
    email: str = ""
    linkedin_url: str = ""
    how_known: HowKnown = HowKnown.COLD
    introduced_by_id: RecordId | None = None
    """The contact who introduced you, when they are in your contacts."""
    introduced_by_name: str = ""
    """Who introduced you, as typed, when they are not a contact."""
    channel: Channel | None = None
    """For cold outreach: where you found them."""
    connected_on: date | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    priority: int = 2
    """1 high, 2 normal, 3 low."""
    archived: bool = False
    chain_thanked_at: datetime | None = None
    """When you told the person who started the introduction chain that reached this contact that it led to a
    conversation (the chain view suggests that thank-you until then; see `stages.identify.chains`)."""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""
    """The machine id of the copy that last changed it (stamped by the store)."""
    merged: tuple[str, ...] = ()
    """Values another copy of the file had for a field both copies changed, set aside by a merge (one short
    line each: which field, on which machine, what was kept)."""

    @property
    def route(self) -> Route:
        return self.how_known.route

    @property
    def how_known_label(self) -> str:
        if self.how_known is HowKnown.COLD and self.channel is not None:
            return f"Cold via {self.channel.label}"
        if self.how_known is HowKnown.INTRODUCTION and self.introduced_by_name:
            return f"Intro by {self.introduced_by_name}"
        return self.how_known.label


class IntroRequest(Struct, frozen=True, gc=False):
    """An introduction you asked a mentor or professor to make."""

    via_contact_id: RecordId
    target: str
    """Whom you asked to be introduced to (a name, a role or a company)."""
    id: RecordId = ""
    asked_at: datetime | None = None
    status: IntroStatus = IntroStatus.ASKED
    result_contact_id: RecordId | None = None
    note: str = ""
    updated_at: datetime | None = None
    """When it last changed (stamped by the store)."""
    updated_by: str = ""
    """The machine id of the copy that last changed it (stamped by the store)."""


class Outreach(Struct, frozen=True, gc=False):
    """One request for an informational interview."""

    contact_id: RecordId
    sent_at: datetime
    id: RecordId = ""
    channel: Channel = Channel.EMAIL
    message: str = ""
    status: OutreachStatus = OutreachStatus.SENT
    responded_at: datetime | None = None
    nudged_at: datetime | None = None
    """When the one 7B follow-up to the same person was sent."""
    interview_id: RecordId | None = None
    updated_at: datetime | None = None
    """When it last changed (stamped by the store)."""
    updated_by: str = ""
    """The machine id of the copy that last changed it (stamped by the store)."""


class ChosenQuestion(Struct, frozen=True, gc=False):
    """A question chosen for one interview, in order."""

    text: str
    question_id: RecordId | None = None
    category: QuestionCategory = QuestionCategory.OTHER
    must_ask: bool = False
    asked: bool = False
    asked_offset_s: float | None = None
    usefulness: int | None = None
    """1–5, rated in the reflection; feeds the question bank."""


class Note(Struct, frozen=True, gc=False):
    """A line typed during a call, stamped with its time into the call."""

    text: str
    offset_s: float
    id: RecordId = ""
    """A ULID, made when the note is taken ("" only in a note not yet added)."""
    question_index: int | None = None
    """Index into the interview's questions that was current when the note was taken."""
    kind: NoteKind = NoteKind.NOTE
    tiara: QuestionCategory | None = None
    created_at: datetime | None = None
    done_at: datetime | None = None
    """For an action note: when you marked it done (None while it is still owed)."""
    due: date | None = None
    """For an action note: the day you said you would do it by (None: no day set; see
    `stages.follow_up.promises`)."""


@cache
def _packing() -> tuple[type, Callable[[Any], bytes], Callable[[bytes], list[Any]]]:
    """How `Notes` packs and unpacks: each note as its fields in order, without their names, trailing defaults
    left out. Made from `Note`'s own fields, so the two cannot drift apart; made at first use (~0.5 ms), out of
    the imports of a start that shows the Dashboard's snapshot before any record is decoded."""
    packed_note = msgspec.defstruct(
        "PackedNote",
        [(f.name, f.type, f.default) for f in msgspec.structs.fields(Note)],
        array_like=True,
        omit_defaults=True,
        gc=False,
    )
    unpack = msgspec.msgpack.Decoder(list[packed_note]).decode  # type: ignore[valid-type]
    return packed_note, msgspec.msgpack.Encoder().encode, unpack


def _held(notes: Sequence[Note]) -> Sequence[Note]:
    """`notes` packed (`Notes`), or as a tuple when MessagePack cannot hold one of their values: an int past 64
    bits, a time whose UTC form falls outside years 1–9999 (a hand edit; the export guard names them)."""
    notes = tuple(notes)
    try:
        return Notes(notes)
    except (OverflowError, ValueError):
        return notes


def _text(value: Any) -> Any:
    return without_lone_surrogates(value) if isinstance(value, str) else value


class Notes(Sequence[Note]):
    """An interview's call notes, held packed: one `bytes` of MessagePack instead of a `Note`, an id, a text
    and a date-time object per note, and unpacked into `Note`s each time they are read.

    Notes are read far less often than they are held: a 10,000-contact file holds ~29,000 of them, 10.2 MiB as
    objects and 3.7 MiB packed, and unpacking all of them takes ~10 ms. `Interview` packs whatever sequence
    of notes it is given (see `Interview.__post_init__`), so code builds notes as tuples and reads them as a
    sequence. Date-times come back as the same instants in UTC (the store keeps them so anyway); a date-time
    without a zone comes back without one.

    Equal to another `Notes` when the packed bytes are equal, and to any other sequence holding equal notes.
    """

    __slots__ = ("_count", "_packed")

    def __init__(self, notes: Iterable[Note] = ()) -> None:
        packed_note, pack, _ = _packing()
        items = [packed_note(*astuple(n)) for n in notes]
        try:
            self._packed = pack(items)
        except UnicodeEncodeError:  # a lone surrogate: not text, no UTF-8 form (the reader replaces them)
            items = [packed_note(*(_text(v) for v in astuple(n))) for n in items]
            self._packed = pack(items)
        self._count = len(items)

    def _notes(self) -> list[Note]:
        return [Note(*astuple(p)) for p in _packing()[2](self._packed)]

    def __iter__(self) -> Iterator[Note]:
        return iter(self._notes())

    def __reversed__(self) -> Iterator[Note]:
        return reversed(self._notes())

    def __len__(self) -> int:
        return self._count

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """As `tuple.index`, unpacking once (`Sequence.index` would unpack once per note it looks at)."""
        return self._notes().index(value, start, len(self) if stop is None else stop)

    @overload
    def __getitem__(self, index: int) -> Note: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Note, ...]: ...
    def __getitem__(self, index: int | slice) -> Note | tuple[Note, ...]:
        if isinstance(index, slice):
            return tuple(self._notes()[index])
        return self._notes()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Notes):
            return self._packed == other._packed
        if isinstance(other, (tuple, list)):
            return self._count == len(other) and self._notes() == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._packed)

    def __repr__(self) -> str:
        return f"Notes({tuple(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Notes, (tuple(self),))


class TimeSpan(Struct, frozen=True, gc=False):
    """One stretch of the call clock running; `end` is None while it runs."""

    start: datetime
    end: datetime | None = None


class CallRecord(Struct, frozen=True, gc=False):
    """When the call clock started, paused and ended."""

    spans: tuple[TimeSpan, ...] = ()
    ended_at: datetime | None = None

    @property
    def started_at(self) -> datetime | None:
        return self.spans[0].start if self.spans else None

    @property
    def running(self) -> bool:
        return bool(self.spans) and self.spans[-1].end is None and self.ended_at is None


class FollowUp(Struct, frozen=True, gc=False):
    """What is owed after a call."""

    thank_you_draft: str = ""
    thank_you_sent_at: datetime | None = None
    linkedin_note: str = ""
    linkedin_connected_at: datetime | None = None
    next_checkin: date | None = None
    checkin_note: str = ""
    referral_note_ids: tuple[RecordId, ...] = ()
    """Referral notes already turned into contacts."""


class Action(Struct, frozen=True, gc=False):
    """A next step from a reflection."""

    text: str
    due: date | None = None
    done: bool = False
    done_at: datetime | None = None
    """When it was marked done (None for a step not done, or one ticked before dates were kept)."""


class Reflection(Struct, frozen=True, gc=False):
    """What you learned from one conversation and how it relates to your goals."""

    takeaways: str = ""
    surprises: str = ""
    goal_ids: tuple[RecordId, ...] = ()
    changed_direction: bool | None = None
    next_steps: tuple[Action, ...] = ()
    interest: int | None = None
    """Interest in this path, 1–5."""
    written_at: datetime | None = None
    updated_at: datetime | None = None

    @property
    def is_written(self) -> bool:
        return bool(self.takeaways.strip() or self.surprises.strip() or self.next_steps)


class Checklist(Struct, frozen=True, gc=False):
    """Preparation readiness for one interview."""

    researched_person: bool = False
    researched_company: bool = False
    questions_chosen: bool = False
    confirmed_time: bool = False
    link_tested: bool = False

    @property
    def done_count(self) -> int:
        return sum(
            (
                self.researched_person,
                self.researched_company,
                self.questions_chosen,
                self.confirmed_time,
                self.link_tested,
            )
        )


class Interview(Struct, frozen=True, gc=False):
    """One informational interview, from scheduling to reflection."""

    contact_id: RecordId
    id: RecordId = ""
    outreach_id: RecordId | None = None
    scheduled_at: datetime | None = None
    duration_minutes: int = DEFAULT_DURATION_MINUTES
    medium: Medium = Medium.VIDEO
    location: str = ""
    """A meeting link or a place."""
    their_timezone: str = ""
    """IANA name of the other person's zone, when it differs from yours."""
    stage: Stage = Stage.SCHEDULED
    hope_to_learn: str = ""
    research_person: str = ""
    research_company: str = ""
    questions: tuple[ChosenQuestion, ...] = ()
    call: CallRecord = field(default_factory=CallRecord)
    notes: Sequence[Note] = ()
    """Held packed (`Notes`); build them as a tuple."""
    note_draft: str = ""
    """A call note typed but not yet saved with enter when the app closed; it comes back in the note field."""
    follow_up: FollowUp = field(default_factory=FollowUp)
    reflection: Reflection = field(default_factory=Reflection)
    checklist: Checklist = field(default_factory=Checklist)
    sequence: int = 0
    """Bumped on every reschedule, for calendar exports."""
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""
    """The machine id of the copy that last changed it (stamped by the store)."""
    merged: tuple[str, ...] = ()
    """Values another copy of the file had for a field both copies changed, set aside by a merge (one short
    line each: which field, on which machine, what was kept)."""

    def __post_init__(self) -> None:
        """Keep the call notes packed (`Notes`): an interview holds them far longer than anything reads them.
        No notes stay the empty tuple."""
        notes = self.notes
        if type(notes) is not Notes:
            force_setattr(self, "notes", _held(notes) if notes else ())

    @property
    def ends_at(self) -> datetime | None:
        if self.scheduled_at is None:
            return None
        return self.scheduled_at + timedelta(minutes=self.duration_minutes)

    @property
    def join_at(self) -> datetime | None:
        return None if self.scheduled_at is None else self.scheduled_at - JOIN_EARLY

    @property
    def thank_you_due(self) -> datetime | None:
        """24 hours after the call ended, while the thank-you is unsent."""
        if self.call.ended_at is None or self.follow_up.thank_you_sent_at is not None:
            return None
        return self.call.ended_at + THANK_YOU_DUE


class Question(Struct, frozen=True, gc=False):
    """A question in your bank."""

    text: str
    id: RecordId = ""
    category: QuestionCategory = QuestionCategory.OTHER
    builtin: bool = False
    times_used: int = 0
    rating_total: int = 0
    rating_count: int = 0
    archived: bool = False
    updated_at: datetime | None = None
    """When it last changed (stamped by the store)."""
    updated_by: str = ""
    """The machine id of the copy that last changed it (stamped by the store)."""

    @property
    def average_rating(self) -> float | None:
        return self.rating_total / self.rating_count if self.rating_count else None


class Goal(Struct, frozen=True, gc=False):
    """A career goal that reflections tie to."""

    title: str
    id: RecordId = ""
    description: str = ""
    active: bool = True
    created_at: datetime | None = None
    updated_at: datetime | None = None
    """When it last changed (stamped by the store)."""
    updated_by: str = ""
    """The machine id of the copy that last changed it (stamped by the store)."""


class Profile(Struct, frozen=True, gc=False):
    """Who you are: what every message, the opening script and the thank-you sign with.

    Kept in the data file (one per file), so it travels with the records and their backups.
    """

    name: str = ""
    intro: str = ""
    """One line about you in the first person, e.g. "I'm a third-year economics student exploring UX"."""
    email: str = ""
    linkedin_url: str = ""
    school_or_field: str = ""
    """Your school or field, e.g. "Economics, University of Leeds"."""

    @property
    def is_empty(self) -> bool:
        """Nothing has been said yet."""
        return not any((self.name, self.intro, self.email, self.linkedin_url, self.school_or_field))


STARTER_QUESTIONS: tuple[tuple[QuestionCategory, str], ...] = (
    (QuestionCategory.STARTER, "What led you to your current role?"),
    (QuestionCategory.STARTER, "What has been a favorite project you worked on?"),
    (QuestionCategory.STARTER, "What's something you wish you could change about your role or job?"),
    (QuestionCategory.TRENDS, "What trends are changing your field right now?"),
    (QuestionCategory.TRENDS, "How do you see your role changing over the next five years?"),
    (QuestionCategory.INSIGHTS, "What do you know now that you wish you had known when you started?"),
    (QuestionCategory.INSIGHTS, "What does a typical week look like for you?"),
    (QuestionCategory.ADVICE, "What advice would you give someone trying to get into this field?"),
    (QuestionCategory.ADVICE, "Which skills should I build first to be ready for work like yours?"),
    (QuestionCategory.RESOURCES, "Which books, newsletters or communities do you find most useful?"),
    (QuestionCategory.RESOURCES, "Who else do you think I should talk to?"),
    (QuestionCategory.ASSIGNMENTS, "Is there a small project I could do to test whether this work suits me?"),
    (QuestionCategory.ASSIGNMENTS, "What would you want someone new to your team to have practised first?"),
)
"""The bank a new data file starts with: the seed's three questions and a TIARA set."""


def starter_questions() -> list[Question]:
    """The question bank a new file starts with, each under its fixed id (`ids.builtin_question_id`), so two
    machines' starter questions are the same records."""
    return [
        Question(text=text, category=category, builtin=True, id=builtin_question_id(i, text))
        for i, (category, text) in enumerate(STARTER_QUESTIONS)
    ]
