"""Provides promises: the action items that are things you owe the person you talked to ("send Kenji my
portfolio", "! intro me to Sam", "share the prototype with her"), with the day you said you would do them by.

An action item is a call's action note (typed with a leading "!") or a reflection's next step. It is a promise
when it gives the person something: it starts with a giving verb (send, share, email, intro, follow up, check
back …) not followed by someone else's name ("Email Charles the notes" is a next step), or hands something to
the person ("… and share it with her", "send it over", "send Kenji …"), or
answers an offer they made ("Rewrite my CV; Kenji offered to look at it"). Notes about the thank-you or the
LinkedIn connection are not promises: those have their own reminders. A plain note (no "!") is never one,
however it reads: only action items are owed.

A promise is open until ticked done. Its due date is the one you set (`Note.due` / `Action.due`); the app never
invents one. An open promise without a date is still listed on the Dashboard, as owed since the call.

Pure core: no Textual and no TinyDB import.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from infoview_tui.domain.dates import parse_day
from infoview_tui.domain.models import Contact, Interview
from infoview_tui.domain.names import short_name
from infoview_tui.stages.follow_up.drafts import ActionItem, action_items

__all__ = [
    "SUGGESTED_DUE_AFTER",
    "Promise",
    "is_promise",
    "open_promises",
    "parse_due",
    "suggested_due",
]

SUGGESTED_DUE_AFTER = timedelta(days=7)
"""The day the due-date dialog offers for a promise without one: a week after the call (never stored unless
you accept it)."""

_GIVING = (
    r"send|share|show|email|e-mail|mail|forward|intro|introduce|give|lend|return|update|tell|"
    r"follow\s+up|get\s+back|report\s+back|circle\s+back|check\s+back|check\s+in|loop\s+back|pass\s+(?:on|along)"
)
_STARTS_GIVING = re.compile(
    rf"^\s*(?:i\s+will\s+|i['’]ll\s+|i['’]m\s+going\s+to\s+|to\s+|then\s+)?(?:{_GIVING})\b", re.IGNORECASE
)
_HANDED = re.compile(rf"\b(?:{_GIVING})\b(?:[^.;!?]{{0,60}}?\b(?:to|with)\s+|\s+)([\w'’\-]+)", re.IGNORECASE)
"""A giving verb and whom it goes to: 'share it with her', 'send Kenji', 'email the draft to Sam'."""
_SENT_OVER = re.compile(
    r"\b(?:send|pass|hand)\s+(?:it|them|this|that)\s+(?:over|back|along)\b", re.IGNORECASE
)
_OFFERED = re.compile(r"\b([\w'’\-]+)\s+offered\s+to\b", re.IGNORECASE)
"""'Kenji offered to look at it': you owe Kenji the thing."""
_NOT_PROMISES = re.compile(r"\bthank|\bconnect\s+on\s+linkedin\b", re.IGNORECASE)
_THEM = frozenset({"her", "him", "them", "you", "she", "he", "they"})


@functools.lru_cache(maxsize=4096)
def _their_names(name: str) -> frozenset[str]:
    """How a note names them, casefolded: each word of their name (2+ letters) and the short name."""
    words = {w.casefold().strip(".,") for w in name.split()}
    words.add(short_name(name).casefold())
    return frozenset(w for w in words if len(w) >= 2)


@functools.lru_cache(maxsize=16384)
def _reads_as_promise(text: str, names: frozenset[str]) -> bool:
    text = " ".join(text.split())
    if _NOT_PROMISES.search(text):
        return False
    start = _STARTS_GIVING.search(text)
    if start is not None:
        after = text[start.end() :].split(maxsplit=1)
        recipient = after[0].strip(",.;:!?'’") if after else ""
        # "Email Charles the notes" after a call with Ada is owed to Charles: a next step, not a promise to her.
        if not (recipient[:1].isupper() and recipient.casefold() not in _THEM | names | {"i"}):
            return True
    if _SENT_OVER.search(text):
        return True
    to_them = _THEM | names
    if any(m.group(1).casefold() in to_them for m in _HANDED.finditer(text)):
        return True
    return any(m.group(1).casefold() in to_them for m in _OFFERED.finditer(text))


def is_promise(text: str, contact: Contact | None = None) -> bool:
    """Whether an action item's text is something you owe someone (see the module's docstring)."""
    return _reads_as_promise(text, _their_names(contact.name) if contact is not None else frozenset())


@dataclass(frozen=True, slots=True)
class Promise:
    """An open promise: the action item, the interview it came from and the day of that call."""

    item: ActionItem
    interview_id: str
    contact_id: str
    made_on: date | None
    """The day of the call (in the user's zone), for "owed since"; None when the call has no end time."""

    @property
    def due(self) -> date | None:
        return self.item.due

    def overdue(self, today: date) -> bool:
        return self.item.due is not None and self.item.due < today


def open_promises(interview: Interview, contact: Contact | None, tz: datetime | None = None) -> list[Promise]:
    """The interview's promises not yet done, in call order then next steps. `tz` (an aware `now`) places the
    call's day in the user's zone."""
    items = [i for i in action_items(interview) if not i.done and is_promise(i.text, contact)]
    if not items:
        return []
    ended = interview.call.ended_at
    made_on = None
    if ended is not None:
        made_on = ended.astimezone(tz.tzinfo if tz is not None else None).date()
    return [Promise(i, interview.id, interview.contact_id, made_on) for i in items]


def suggested_due(interview: Interview, today: date) -> date:
    """The day offered for a promise without one: a week after the call, or today when that has passed."""
    ended = interview.call.ended_at
    if ended is None:
        return today + SUGGESTED_DUE_AFTER
    return max(ended.astimezone().date() + SUGGESTED_DUE_AFTER, today)


def parse_due(text: str, today: date) -> date | None:
    """The due date typed for an action item, read like every other date field (`dates.parse_day`, looking
    ahead): 'fri', 'in 1 week', '2026-12-04'. Empty clears it (None). Raises `DateParseError` with a message
    for the user for anything it cannot read. A day already past is kept: the promise is then overdue."""
    if not text.strip():
        return None
    return parse_day(text, today, ahead=True)
