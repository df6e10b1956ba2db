"""Provides the Dashboard's questions answered from the data: what is due today and in the next 7 days.

Pure functions over records and a `now`, so the Dashboard is testable without a clock or a screen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum

from infoview_tui.domain.lifecycle import is_in_call
from infoview_tui.domain.models import Contact, Interview, NoteKind, Outreach, OutreachStatus, RecordId, Stage
from infoview_tui.domain.timing import elapsed, fmt_clock
from infoview_tui.stages.conduct.call import is_conducted
from infoview_tui.stages.follow_up.promises import is_promise
from infoview_tui.stages.identify.outreach import NudgeState, nudge
from infoview_tui.stages.prepare.question_bank import readiness

HORIZON = timedelta(days=7)


class Section(int, Enum):
    """The app's top-level sections, in the seed's order; the value is the key that opens it."""

    DASHBOARD = 0
    IDENTIFY = 1
    PREPARE = 2
    CONDUCT = 3
    FOLLOW_UP = 4
    REFLECT = 5

    @property
    def mode(self) -> str:
        return self.name.lower()

    @property
    def title(self) -> str:
        return self.name.replace("_", " ").title()


class ItemKind(str, Enum):
    """What a Dashboard line is about."""

    CALL = "call"
    """A call whose clock has started and that has not ended (running or paused)."""
    INTERVIEW = "interview"
    OUTREACH = "outreach"
    THANK_YOU = "thank_you"
    REFLECTION = "reflection"
    CHECKIN = "checkin"
    ACTION = "action"
    PROMISE = "promise"
    """Something you owe the person you talked to (`stages.follow_up.promises`), with the day you set."""
    PROMISE_UNDATED = "promise_undated"
    """A promise with no day set: listed as owed since its call, never counted as due."""


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One thing to do, with where to do it."""

    kind: ItemKind
    title: str
    detail: str
    when: datetime | None
    section: Section
    record_id: RecordId
    """An interview id, or a contact id for outreach."""
    due: bool = False
    """Needs doing now (highlighted)."""
    overdue: bool = False


@dataclass(frozen=True, slots=True)
class Agenda:
    """Everything the Dashboard shows."""

    in_call: list[AgendaItem] = field(default_factory=list)
    """Calls in progress: listed first, so leaving the call screen never hides a running clock."""
    upcoming: list[AgendaItem] = field(default_factory=list)
    waiting: list[AgendaItem] = field(default_factory=list)
    thank_yous: list[AgendaItem] = field(default_factory=list)
    promises: list[AgendaItem] = field(default_factory=list)
    """Open promises: overdue and due ones first, then those due within the horizon, then undated ones (owed
    since their call), oldest first."""
    reflections: list[AgendaItem] = field(default_factory=list)
    checkins: list[AgendaItem] = field(default_factory=list)
    stage_counts: dict[Stage, int] = field(default_factory=dict)
    reached_out: int = 0
    """Contacts with a request sent, whatever happened next: the funnel's "Reached out", never below the
    number of people in the waiting list (interviews are never stored as REACHED_OUT, so the stage count
    said 0 beside a full waiting list)."""

    def due_by(self, now: datetime, until: datetime) -> dict[str, list[AgendaItem]]:
        """The items due now or falling due by `until`, under the Dashboard's headings (empty ones left out).

        For `infoview-tui agenda`: a request still inside its 3B wait or a check-in next month is on the
        Dashboard but not due yet, so it is left out unless its date comes before `until`.
        """
        picked = {
            heading: [i for i in items if i.due or (i.when is not None and now <= i.when <= until)]
            for heading, items in self.groups().items()
        }
        return {heading: items for heading, items in picked.items() if items}

    @property
    def due_count(self) -> int:
        return sum(i.due for group in self.groups().values() for i in group)

    def groups(self) -> dict[str, list[AgendaItem]]:
        """The Dashboard's headings in order; "Call in progress" only while there is one."""
        live = {"Call in progress": self.in_call} if self.in_call else {}
        return {
            **live,
            "Upcoming interviews": self.upcoming,
            "Waiting for a reply": self.waiting,
            "Thank-you notes owed": self.thank_yous,
            "Promises you made": self.promises,
            "Reflections to write": self.reflections,
            "Check-ins and next steps": self.checkins,
        }


def _who(contacts: dict[RecordId, Contact], contact_id: RecordId) -> str:
    contact = contacts.get(contact_id)
    if contact is None:
        return "(unknown contact)"
    return f"{contact.name} ({contact.company})" if contact.company else contact.name


def _in_call_item(iv: Interview, who: str, now: datetime) -> AgendaItem:
    """A started call: how long its clock has run, and whether it is running or paused."""
    started = iv.call.spans[0].start
    state = "running" if iv.call.running else "paused"
    return AgendaItem(
        ItemKind.CALL,
        who,
        f"{state}, {fmt_clock(elapsed(iv.call, now))} of {iv.duration_minutes} min · started {started.astimezone():%a %H:%M}",
        started,
        Section.CONDUCT,
        iv.id,
        due=True,
    )


def _midnight(day: date, now: datetime) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=now.tzinfo)


def _dated_action_item(
    iv: Interview, text: str, day: date, step: bool, who: str, now: datetime, today: date
) -> AgendaItem:
    """An action item that is not a promise, with a day set: a next step, or a call's action note."""
    source = "next step from" if step else "action from the call with"
    return AgendaItem(
        ItemKind.ACTION,
        text,
        f"{source} {who} · {day:%a %d %b}",
        _midnight(day, now),
        Section.FOLLOW_UP,  # where it is ticked off (space in its action items)
        iv.id,
        due=day <= today,
        overdue=day < today,
    )


def _promise_item(
    iv: Interview, text: str, day: date | None, who: str, now: datetime, today: date
) -> AgendaItem:
    """An open promise, titled with whom it is owed to (at 80 columns the person and the day stay on screen,
    the promise's words are cut): due on its day, overdue after it; without a day (kind `PROMISE_UNDATED`),
    owed since the call and never counted as due: the app does not invent a deadline."""
    if day is not None:
        return AgendaItem(
            ItemKind.PROMISE,
            who,
            f"promised by {day:%a %d %b}: {text}",
            _midnight(day, now),
            Section.FOLLOW_UP,
            iv.id,
            due=day <= today,
            overdue=day < today,
        )
    ended = iv.call.ended_at
    since = f" since {ended.astimezone(now.tzinfo):%a %d %b}" if ended is not None else ""
    return AgendaItem(
        ItemKind.PROMISE_UNDATED,
        who,
        f"owed{since}, no date set: {text}",
        ended or now,
        Section.FOLLOW_UP,
        iv.id,
    )


def contacts_reached_out(outreach: Iterable[Outreach]) -> int:
    """How many contacts were sent a request, whatever the reply: each person once, however often asked."""
    return len({item.contact_id for item in outreach})


def build_agenda(
    contacts: Iterable[Contact],
    outreach: Iterable[Outreach],
    interviews: Iterable[Interview],
    now: datetime,
    within: timedelta = HORIZON,
) -> Agenda:
    """What is due today and in the next 7 days (or `within`), sorted soonest first in each group."""
    people = {c.id: c for c in contacts}
    interviews = list(interviews)
    outreach = list(outreach)
    horizon = now + within
    today = now.astimezone().date()
    live, upcoming, waiting, thanks, reflections, checkins = [], [], [], [], [], []
    promised: list[AgendaItem] = []
    last_day = horizon.astimezone().date()

    for iv in interviews:
        who = _who(people, iv.contact_id)
        if iv.stage is not Stage.CANCELLED and is_in_call(iv):
            live.append(_in_call_item(iv, who, now))
        elif iv.stage.before_call and iv.scheduled_at is not None and not is_conducted(iv):
            end = iv.ends_at or iv.scheduled_at
            if end >= now and iv.scheduled_at <= horizon:
                join = iv.join_at or iv.scheduled_at
                soon = iv.scheduled_at - now <= timedelta(hours=1)
                done, total, _ = readiness(iv)
                ready = f"{done}/{total} ready"
                upcoming.append(
                    AgendaItem(
                        ItemKind.INTERVIEW,
                        who,
                        f"join {join.astimezone():%a %H:%M} (10 min early) · {iv.duration_minutes} min · {ready}",
                        iv.scheduled_at,
                        Section.CONDUCT if soon else Section.PREPARE,
                        iv.id,
                        due=join <= now or soon,
                    )
                )
        if iv.stage is Stage.CANCELLED:
            continue
        due = iv.thank_you_due
        if due is not None:
            thanks.append(
                AgendaItem(
                    ItemKind.THANK_YOU,
                    who,
                    f"thank-you due {due.astimezone():%a %H:%M}",
                    due,
                    Section.FOLLOW_UP,
                    iv.id,
                    due=True,
                    overdue=due < now,
                )
            )
        if iv.stage in (Stage.CONDUCTED, Stage.FOLLOWED_UP) and not iv.reflection.is_written:
            reflections.append(
                AgendaItem(
                    ItemKind.REFLECTION,
                    who,
                    "reflection not written yet",
                    iv.call.ended_at,
                    Section.REFLECT,
                    iv.id,
                    due=True,
                )
            )
        checkin = iv.follow_up.next_checkin
        if checkin is not None and checkin <= (horizon.astimezone().date()):
            note = iv.follow_up.checkin_note or "check in"
            when = datetime.combine(checkin, datetime.min.time(), tzinfo=now.tzinfo)
            checkins.append(
                AgendaItem(
                    ItemKind.CHECKIN,
                    who,
                    f"{note} · {checkin:%a %d %b}",
                    when,
                    Section.FOLLOW_UP,
                    iv.id,
                    due=checkin <= today,
                    overdue=checkin < today,
                )
            )
        if iv.notes or iv.reflection.next_steps:
            contact = people.get(iv.contact_id)
            # The open action items (`drafts.action_items` without building them: this runs for every
            # interview on every Dashboard redraw).
            owed = [
                (n.text, n.due, False) for n in iv.notes if n.kind is NoteKind.ACTION and n.done_at is None
            ]
            owed += [(s.text, s.due, True) for s in iv.reflection.next_steps if not s.done]
            for text, day, step in owed:
                if is_promise(text, contact):
                    if day is None or day <= last_day:
                        promised.append(_promise_item(iv, text, day, who, now, today))
                elif day is not None and day <= last_day:
                    checkins.append(_dated_action_item(iv, text, day, step, who, now, today))

    for item in outreach:
        if item.status is not OutreachStatus.SENT:
            continue
        reminder = nudge(item, now)
        three_b, seven_b = reminder.three_b, reminder.seven_b
        if item.nudged_at is not None:
            detail = f"followed up {item.nudged_at.astimezone():%a %d %b}; no reply yet (that is normal)"
        elif reminder.state is NudgeState.FOLLOW_UP:
            detail = f"7B: send one follow-up (due {seven_b.astimezone():%a %d %b})"
        elif reminder.state is NudgeState.TRY_COLLEAGUE:
            detail = f"3B: try someone else there · 7B {seven_b.astimezone():%a %d %b}"
        else:
            detail = f"sent {item.sent_at.astimezone():%a %d %b} · 3B {three_b.astimezone():%a %d %b} · 7B {seven_b.astimezone():%a %d %b}"
        waiting.append(
            AgendaItem(
                ItemKind.OUTREACH,
                _who(people, item.contact_id),
                detail,
                three_b if now < seven_b else seven_b,
                Section.IDENTIFY,
                item.contact_id,
                due=reminder.state.due,
            )
        )

    def soonest(items: list[AgendaItem]) -> list[AgendaItem]:
        return sorted(items, key=lambda i: (not i.due, i.when or now))

    return Agenda(
        in_call=sorted(live, key=lambda i: i.when or now),
        upcoming=sorted(upcoming, key=lambda i: i.when or now),
        waiting=soonest(waiting),
        thank_yous=sorted(thanks, key=lambda i: i.when or now),
        reflections=sorted(reflections, key=lambda i: i.when or now, reverse=True),
        checkins=sorted(checkins, key=lambda i: i.when or now),
        promises=sorted(
            promised, key=lambda i: (not i.due, i.kind is ItemKind.PROMISE_UNDATED, i.when or now)
        ),
        stage_counts=dict(Counter(iv.stage for iv in interviews)),
        reached_out=contacts_reached_out(outreach),
    )
