"""Provides the brief: what you already know before a conversation, from the conversations you have had.

`build_brief(interview, interviews, contacts, now)` gives, for the person of `interview`, only the sections
that have something in them (never an empty heading), each newest first and capped with "+N more":

- what this person told you in earlier calls: their insight notes, and notes tagged Insights or Advice
  (TIARA), each with the day of the call;
- what you promised them in those calls and whether you did it: the call's action notes, done (with the day)
  or not yet;
- the next steps you set after those calls (the reflection's), done, overdue or due;
- what other people at the same company or in the same role said: their insight and advice notes, with who
  (name, title, company) and when.

Choices: "the same role" is the title without seniority words and without what follows a comma ("Staff Data
Scientist" and "Senior Data Scientist, Pricing" are both "data scientist"). Other people you archived are left
out (you put them aside; the person of this interview is shown even when archived). Records removed from the
file (tombstones) never reach here: the store does not return them, and an interview whose contact is gone is
skipped, since nobody could be named. Cancelled interviews and this interview itself add nothing.
Promises and next steps come from `follow_up.drafts.action_items`, the one rule for what you owe; which of a
call's action notes are promises is `follow_up.promises.is_promise`, the rule the Dashboard's "Promises you
made" uses too (an action note that is not owed to the person, "read their blog post", is a next step).

One pass over the interviews per call, with the contacts looked up by id (a dict the caller built once):
a few milliseconds at 10,000 contacts. Pure core: no Textual import.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from operator import itemgetter
from typing import TypeVar

from infoview_tui.domain.models import Contact, Interview, Note, NoteKind, QuestionCategory, RecordId, Stage
from infoview_tui.stages.follow_up.drafts import ActionItem, action_items
from infoview_tui.stages.follow_up.promises import is_promise

__all__ = [
    "Brief",
    "BriefItem",
    "BriefSection",
    "build_brief",
    "role_of",
]

TOLD_LIMIT = 4
PROMISED_LIMIT = 4
STEPS_LIMIT = 4
OTHERS_LIMIT = 5
"""Items shown in each section before "+N more" (enough for a glance before a call, short at 80x24)."""

ADVICE_TAGS = (QuestionCategory.INSIGHTS, QuestionCategory.ADVICE)
"""A plain note tagged with one of these TIARA categories counts as something they told you."""

SENIORITY = frozenset(
    {
        "senior",
        "sr",
        "junior",
        "jr",
        "staff",
        "principal",
        "lead",
        "associate",
        "intern",
        "trainee",
        "graduate",
    }
)
"""Words left out of a title to find its role."""

_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class BriefItem:
    """One line of the brief: `lead` (when, who, done or not: in words, never only a colour) and the text."""

    lead: str
    text: str
    done: bool | None = None
    """For a promise or a next step: done or not (None for what someone said)."""
    short: str = ""
    """The lead for a narrow place: the status alone, or the name and day without the role."""


@dataclass(frozen=True, slots=True)
class BriefSection:
    """One heading of the brief, its items newest first and how many more there are."""

    title: str
    items: tuple[BriefItem, ...]
    more: int = 0
    """Items left out after the first few."""

    @property
    def more_line(self) -> str:
        """'+3 more' (or '' when nothing was left out)."""
        return f"+{self.more} more" if self.more else ""


@dataclass(frozen=True, slots=True)
class Brief:
    """What you know before this conversation; `sections` holds only those with something in them."""

    person: str
    """The person's name ('' when the contact is missing)."""
    sections: tuple[BriefSection, ...] = ()
    calls: int = 0
    """Earlier conversations with this person that count (held, not cancelled)."""
    summary: str = ""
    """One line for where there is no room: '2 things Kenji told you · 1 of 2 promises not done · …'."""

    @property
    def is_empty(self) -> bool:
        return not self.sections


@lru_cache(maxsize=4096)
def role_of(title: str) -> str:
    """The role in a title: lower case, without seniority words and without what follows a comma or '@'.

    'Staff Data Scientist' -> 'data scientist'; 'Product Lead, Grid Flexibility' -> 'product'. A title made
    only of seniority words ('Lead') is kept whole.
    """
    head = re.split(r"[,@(|]| at | - ", title.casefold(), maxsplit=1)[0]
    words = _WORD.findall(head)
    kept = [w for w in words if w.rstrip(".") not in SENIORITY]
    return " ".join(kept or words)


@lru_cache(maxsize=4096)
def _company_key(company: str) -> str:
    return " ".join(company.casefold().split())


def _counts(interview: Interview) -> bool:
    """A conversation that happened (its clock started or notes were taken) and was not cancelled."""
    if interview.stage is Stage.CANCELLED:
        return False
    return interview.call.started_at is not None or bool(interview.notes)


_Sortable = tuple[float, str]
"""A sort key for newest first: minus the time in seconds, then a tie-breaker."""


def _call_time(interview: Interview) -> datetime | None:
    return interview.call.started_at or interview.scheduled_at or interview.created_at


def _stamp(when: datetime | None) -> float:
    """Seconds since the epoch, or -inf for an unknown or unusable time (it then sorts last)."""
    try:
        return when.timestamp() if when is not None else float("-inf")
    except (OverflowError, ValueError, OSError):
        return float("-inf")


def _said_keys(interview: Interview) -> list[tuple[_Sortable, Note]]:
    """What they said in one call, each keyed newest first: its stamp, else the call's start plus its offset."""
    base = _stamp(_call_time(interview))
    return [
        ((-(_stamp(n.created_at) if n.created_at is not None else base + n.offset_s), n.id), n)
        for n in interview.notes
        if _said(n)
    ]


def _said(note: Note) -> bool:
    """Something they told you: an insight, or a plain note tagged Insights or Advice."""
    if not note.text.strip():
        return False
    return note.kind is NoteKind.INSIGHT or (note.kind is NoteKind.NOTE and note.tiara in ADVICE_TAGS)


def _day(when: datetime | date | None, today: date) -> str:
    """'17 Nov' in the user's zone (a stored time is UTC), with the year when it is not this year's; ''
    when unknown or unusable."""
    if when is None:
        return ""
    try:
        local = when.astimezone() if isinstance(when, datetime) else when
    except (OverflowError, ValueError):  # a hand-edited year 1 or 9999
        return ""
    return f"{local.day} {local:%b}" + (f" {local.year}" if local.year != today.year else "")


def _one_line(text: str) -> str:
    return " ".join(text.split())


R = TypeVar("R")


def _section(
    title: str, rows: list[tuple[_Sortable, R]], limit: int, make: Callable[[R], BriefItem]
) -> BriefSection | None:
    """The first `limit` rows, newest first, as items (only those are built: at 10k there may be thousands)."""
    if not rows:
        return None
    first = heapq.nsmallest(limit, rows, key=itemgetter(0))
    return BriefSection(title, tuple(make(row) for _, row in first), more=max(0, len(rows) - limit))


def _status(item: ActionItem, today: date) -> str:
    """'done 19 Nov', 'done', 'overdue (due 20 Nov)', 'due 28 Nov' or 'not done yet'."""
    if item.done:
        day = _day(item.done_at, today)
        return f"done {day}" if day else "done"
    if item.due is not None:
        label = "overdue" if item.due < today else "due"
        return f"{label} {_day(item.due, today)}".strip()
    return "not done yet"


def _who(contact: Contact) -> str:
    role = " at ".join(part for part in (_one_line(contact.title), _one_line(contact.company)) if part)
    name = _one_line(contact.name) or "(no name)"
    return f"{name} ({role})" if role else name


def build_brief(
    interview: Interview,
    interviews: Iterable[Interview],
    contacts: Mapping[RecordId, Contact],
    now: datetime,
) -> Brief:
    """The brief for the person of `interview` from every other conversation (see the module docstring)."""
    person = contacts.get(interview.contact_id)
    first = (_one_line(person.name).split() or [""])[0] if person is not None else ""
    company = _company_key(person.company) if person is not None else ""
    role = role_of(person.title) if person is not None else ""
    today = now.astimezone().date()

    said: list[tuple[_Sortable, tuple[Interview, Note]]] = []
    promised: list[tuple[_Sortable, tuple[Interview, ActionItem]]] = []
    steps: list[tuple[_Sortable, tuple[Interview, ActionItem]]] = []
    others: list[tuple[_Sortable, tuple[Interview, Note, Contact]]] = []
    calls = 0
    for other in interviews:
        if other.id == interview.id or not _counts(other):
            continue
        if other.contact_id == interview.contact_id:
            calls += 1
            said += [(key, (other, n)) for key, n in _said_keys(other)]
            for index, item in enumerate(action_items(other)):
                if item.text.strip():
                    key = (-_stamp(_call_time(other)), f"{other.id}:{index:04d}")
                    owed = item.note_id is not None and is_promise(item.text, person)
                    (promised if owed else steps).append((key, (other, item)))
            continue
        if not company and not role:
            continue
        contact = contacts.get(other.contact_id)
        if contact is None or contact.archived:
            continue
        same_company = bool(company) and _company_key(contact.company) == company
        if not same_company and not (role and role_of(contact.title) == role):
            continue
        others += [(key, (other, n, contact)) for key, n in _said_keys(other)]

    def told_item(row: tuple[Interview, Note]) -> BriefItem:
        other, note = row
        day = _day(_call_time(other), today)
        return BriefItem(day, _one_line(note.text), short=day)

    def owed_item(row: tuple[Interview, ActionItem], said: str) -> BriefItem:
        other, item = row
        day = _day(_call_time(other), today)
        when = f"{said} {day}" if day else ""
        status = _status(item, today)
        lead = " · ".join(p for p in (status, when) if p)
        return BriefItem(lead, _one_line(item.text), item.done, short=status)

    def promise_item(row: tuple[Interview, ActionItem]) -> BriefItem:
        return owed_item(row, "promised")

    def step_item(row: tuple[Interview, ActionItem]) -> BriefItem:
        return owed_item(row, "set after the call of")

    def other_item(row: tuple[Interview, Note, Contact]) -> BriefItem:
        other, note, contact = row
        day = _day(_call_time(other), today)
        name = _one_line(contact.name) or "(no name)"
        return BriefItem(
            f"{_who(contact)}, {day}".rstrip(", "), _one_line(note.text), short=f"{name}, {day}".rstrip(", ")
        )

    name = first or "they"
    where = []
    if person is not None and company:
        where.append(f"at {_one_line(person.company)}")
    if role:
        where.append(f"working as {role}")
    sections = [
        _section(f"What {name} told you", said, TOLD_LIMIT, told_item),
        _section(f"What you promised {first or 'them'}", promised, PROMISED_LIMIT, promise_item),
        _section("Next steps you set after talking", steps, STEPS_LIMIT, step_item),
        _section(f"What others {' or '.join(where)} said", others, OTHERS_LIMIT, other_item),
    ]
    return Brief(
        person=_one_line(person.name) if person is not None else "",
        sections=tuple(s for s in sections if s is not None),
        calls=calls,
        summary=_summary(name, said, promised, steps, others),
    )


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _summary(
    name: str,
    said: list[tuple[_Sortable, tuple[Interview, Note]]],
    promised: list[tuple[_Sortable, tuple[Interview, ActionItem]]],
    steps: list[tuple[_Sortable, tuple[Interview, ActionItem]]],
    others: list[tuple[_Sortable, tuple[Interview, Note, Contact]]],
) -> str:
    """The brief in one line, in words: what there is and what is still not done."""
    parts = []
    if said:
        parts.append(f"{_plural(len(said), 'thing', 'things')} {name} told you")
    if promised:
        owed = sum(1 for _, (_, item) in promised if not item.done)
        parts.append(
            f"{owed} of {_plural(len(promised), 'promise', 'promises')} not done"
            if owed
            else f"{_plural(len(promised), 'promise', 'promises')}, all done"
        )
    if steps:
        open_steps = sum(1 for _, (_, item) in steps if not item.done)
        parts.append(f"{open_steps} of {_plural(len(steps), 'next step', 'next steps')} open")
    if others:
        parts.append(f"{_plural(len(others), 'note', 'notes')} from others")
    return " · ".join(parts)
