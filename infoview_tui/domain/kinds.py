"""Provides the records' vocabularies: the `RecordId` alias and the enums every record uses (stages, statuses,
kinds), apart from the record classes in `models`.

The Dashboard is drawn at start-up from its snapshot before any record is read; its rules need these words but
none of the record classes, which take Python ~20 ms to make. `models` imports everything here, so importing
these names from `models` works as well.
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "Channel",
    "HowKnown",
    "IntroStatus",
    "Medium",
    "NoteKind",
    "OutreachStatus",
    "QuestionCategory",
    "RecordId",
    "Route",
    "Stage",
]

RecordId = str
"""A record's id: a ULID string (see `domain.ids`), "" until the store saves the record. Every reference to
another record (a contact's introducer, an interview's contact, a chosen question's bank entry, …) is one."""


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
