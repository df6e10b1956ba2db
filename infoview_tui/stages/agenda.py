"""Provides the Dashboard's questions answered from the data: what is due today and in the next 7 days.

Pure functions over records and a `now`, so the Dashboard is testable without a clock or a screen.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum

import msgspec
from msgspec import Struct

from infoview_tui.domain.models import (
    CallRecord,
    Contact,
    Interview,
    NoteKind,
    Outreach,
    OutreachStatus,
    RecordId,
    Stage,
)
from infoview_tui.domain.timing import elapsed, fmt_clock
from infoview_tui.stages.conduct.call import is_conducted
from infoview_tui.stages.identify.nudges import NudgeState, Waiting, waiting_state

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


class AgendaItem(Struct, frozen=True):
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


class Agenda(Struct, frozen=True):
    """Everything the Dashboard shows."""

    in_call: list[AgendaItem] = msgspec.field(default_factory=list)
    """Calls in progress: listed first, so leaving the call screen never hides a running clock."""
    upcoming: list[AgendaItem] = msgspec.field(default_factory=list)
    waiting: list[AgendaItem] = msgspec.field(default_factory=list)
    thank_yous: list[AgendaItem] = msgspec.field(default_factory=list)
    promises: list[AgendaItem] = msgspec.field(default_factory=list)
    """Open promises: overdue and due ones first, then those due within the horizon, then undated ones (owed
    since their call), oldest first."""
    reflections: list[AgendaItem] = msgspec.field(default_factory=list)
    checkins: list[AgendaItem] = msgspec.field(default_factory=list)
    stage_counts: dict[Stage, int] = msgspec.field(default_factory=dict)
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


def contacts_reached_out(outreach: Iterable[Outreach]) -> int:
    """How many contacts were sent a request, whatever the reply: each person once, however often asked."""
    return len({item.contact_id for item in outreach})


class Pending(Struct, frozen=True):
    """A Dashboard line before `now` is known: what it is about and the times that decide whether it shows,
    how it reads and where it sorts (`AgendaPlan.at`)."""

    kind: ItemKind
    title: str
    detail: str
    """The line's text, except for a call (the clock is put in front) and a request (its 3B7 state)."""
    record_id: RecordId
    when: datetime | None = None
    """A call: started; an interview: scheduled; a thank-you: due; a reflection: the call ended."""
    ends: datetime | None = None
    """An interview: when it ends (it stays upcoming until then)."""
    join: datetime | None = None
    """An interview: when to join (10 minutes early)."""
    day: date | None = None
    """A check-in, a next step or a promise: its day (a promise without one is `PROMISE_UNDATED`)."""
    call: CallRecord | None = None
    """A call in progress: its clock."""
    request: Waiting | None = None
    """A request waiting for a reply: its times and 3B7 dates."""


@dataclass(frozen=True, slots=True)
class AgendaPlan:
    """Everything the Dashboard may show between `made_at` and `until`, before `now` is known.

    `at(now)` is the Dashboard at any `now` in that span, equal to `build_agenda` on the full records; the
    Dashboard's snapshot (`store.dashboard_cache`) keeps one, so a start can show it before the file is read.
    """

    made_at: datetime
    until: datetime
    in_call: list[Pending] = field(default_factory=list)
    upcoming: list[Pending] = field(default_factory=list)
    waiting: list[Pending] = field(default_factory=list)
    thank_yous: list[Pending] = field(default_factory=list)
    promises: list[Pending] = field(default_factory=list)
    reflections: list[Pending] = field(default_factory=list)
    checkins: list[Pending] = field(default_factory=list)
    stage_counts: dict[Stage, int] = field(default_factory=dict)
    reached_out: int = 0
    _dates_shown: list[tuple[object, list[Pending], list[_RequestDates]]] = field(
        default_factory=list, init=False, repr=False, compare=False
    )
    """Each waiting request's dates as its line shows them, made at the first `at`: kept with the local zone and
    the requests they were made for (`_request_dates`)."""

    def covers(self, now: datetime) -> bool:
        """Whether `at(now)` is the Dashboard at `now` (a plan says nothing about other moments)."""
        return self.made_at <= now <= self.until

    def at(self, now: datetime, within: timedelta = HORIZON) -> Agenda:
        """The Dashboard at `now` (within `covers`): which lines show, how they read, in which order."""
        horizon = now + within
        last_day = horizon.astimezone().date()
        today = now.astimezone().date()
        live = [_call_at(p, now) for p in self.in_call]
        upcoming = [
            _upcoming_at(p, now)
            for p in self.upcoming
            if p.ends and p.ends >= now and p.when and p.when <= horizon
        ]
        checkins = [_day_at(p, now, today) for p in self.checkins if p.day is not None and p.day <= last_day]
        thanks = [
            AgendaItem(
                p.kind,
                p.title,
                p.detail,
                p.when,
                Section.FOLLOW_UP,
                p.record_id,
                due=True,
                overdue=p.when is not None and p.when < now,
            )
            for p in self.thank_yous
        ]
        reflections = [
            AgendaItem(p.kind, p.title, p.detail, p.when, Section.REFLECT, p.record_id, due=True)
            for p in self.reflections
        ]
        waiting = [
            _waiting_at(p, now, shown) for p, shown in zip(self.waiting, self._request_dates(), strict=True)
        ]
        promises = [
            _day_at(p, now, today)
            if p.day is not None
            else AgendaItem(p.kind, p.title, p.detail, p.when or now, Section.FOLLOW_UP, p.record_id)
            for p in self.promises
            if p.day is None or p.day <= last_day
        ]

        def soonest(items: list[AgendaItem]) -> list[AgendaItem]:
            return sorted(items, key=lambda i: (not i.due, i.when or now))

        return Agenda(
            in_call=sorted(live, key=lambda i: i.when or now),
            upcoming=sorted(upcoming, key=lambda i: i.when or now),
            waiting=soonest(waiting),
            thank_yous=sorted(thanks, key=lambda i: i.when or now),
            promises=sorted(
                promises, key=lambda i: (not i.due, i.kind is ItemKind.PROMISE_UNDATED, i.when or now)
            ),
            reflections=sorted(reflections, key=lambda i: i.when or now, reverse=True),
            checkins=sorted(checkins, key=lambda i: i.when or now),
            stage_counts=dict(self.stage_counts),
            reached_out=self.reached_out,
        )

    def _request_dates(self) -> list[_RequestDates]:
        """Each waiting request's `_RequestDates`, in `waiting`'s order: made once, as every redraw reads each
        waiting request's line (a thousand at 10,000 contacts) and putting its four times into local words was
        most of that work. Made again if the local zone or the requests are not the ones they were made for."""
        zone = (time.timezone, time.altzone, time.tzname)
        kept = self._dates_shown
        if kept:
            kept_zone, requests, dates = kept[0]
            same = kept_zone == zone and len(requests) == len(self.waiting)
            if same and all(a is b for a, b in zip(requests, self.waiting, strict=True)):
                return dates
        dates = [_RequestDates.of(p) for p in self.waiting]
        kept[:] = [(zone, list(self.waiting), dates)]
        return dates


class _RequestDates(Struct, frozen=True):
    """A waiting request's dates in the words its Dashboard line uses ('Wed 04 Mar'), in the local zone."""

    sent: str
    three_b: str
    seven_b: str
    nudged: str

    @classmethod
    def of(cls, p: Pending) -> _RequestDates:
        item = p.request
        assert item is not None
        return cls(
            _day_words(item.sent_at),
            _day_words(item.three_b),
            _day_words(item.seven_b),
            _day_words(item.nudged_at) if item.nudged_at is not None else "",
        )


def _day_words(moment: datetime) -> str:
    return f"{moment.astimezone():%a %d %b}"


def _call_at(p: Pending, now: datetime) -> AgendaItem:
    """A started call: how long its clock has run, and whether it is running or paused."""
    assert p.call is not None
    state = "running" if p.call.running else "paused"
    return AgendaItem(
        p.kind,
        p.title,
        f"{state}, {fmt_clock(elapsed(p.call, now))}{p.detail}",
        p.when,
        Section.CONDUCT,
        p.record_id,
        due=True,
    )


def _upcoming_at(p: Pending, now: datetime) -> AgendaItem:
    assert p.when is not None and p.join is not None
    soon = p.when - now <= timedelta(hours=1)
    return AgendaItem(
        p.kind,
        p.title,
        p.detail,
        p.when,
        Section.CONDUCT if soon else Section.PREPARE,
        p.record_id,
        due=p.join <= now or soon,
    )


def _day_at(p: Pending, now: datetime, today: date) -> AgendaItem:
    """A check-in, a next step or a dated promise: due on its day, overdue after it."""
    assert p.day is not None
    when = datetime.combine(p.day, datetime.min.time(), tzinfo=now.tzinfo)
    return AgendaItem(
        p.kind,
        p.title,
        p.detail,
        when,
        Section.FOLLOW_UP,
        p.record_id,
        due=p.day <= today,
        overdue=p.day < today,
    )


def _waiting_at(p: Pending, now: datetime, shown: _RequestDates) -> AgendaItem:
    """A request waiting for a reply, read on the 3B7 clock at `now`."""
    item = p.request
    assert item is not None
    state = waiting_state(item, now)
    if item.nudged_at is not None:
        detail = f"followed up {shown.nudged}; no reply yet (that is normal)"
    elif state is NudgeState.FOLLOW_UP:
        detail = f"7B: send one follow-up (due {shown.seven_b})"
    elif state is NudgeState.TRY_COLLEAGUE:
        detail = f"3B: try someone else there · 7B {shown.seven_b}"
    else:
        detail = f"sent {shown.sent} · 3B {shown.three_b} · 7B {shown.seven_b}"
    return AgendaItem(
        ItemKind.OUTREACH,
        p.title,
        detail,
        item.three_b if now < item.seven_b else item.seven_b,
        Section.IDENTIFY,
        p.record_id,
        due=state.due,
    )


def build_agenda(
    contacts: Iterable[Contact],
    outreach: Iterable[Outreach],
    interviews: Iterable[Interview],
    now: datetime,
    within: timedelta = HORIZON,
) -> Agenda:
    """What is due today and in the next 7 days (or `within`), sorted soonest first in each group."""
    return plan_agenda(contacts, outreach, interviews, now, within).at(now, within)


def plan_agenda(
    contacts: Iterable[Contact],
    outreach: Iterable[Outreach],
    interviews: Iterable[Interview],
    now: datetime,
    within: timedelta = HORIZON,
) -> AgendaPlan:
    """Every line the Dashboard may show at any moment from `now` to `now + within - HORIZON`, each with
    the times that decide it (a plan made with `within=HORIZON` is the Dashboard at `now` only)."""
    # Imported here: a start shows the Dashboard from a kept plan (`AgendaPlan.at`) before these are needed.
    from infoview_tui.domain.lifecycle import is_in_call
    from infoview_tui.stages.follow_up.promises import is_promise
    from infoview_tui.stages.prepare.question_bank import readiness

    people = {c.id: c for c in contacts}
    interviews = list(interviews)
    outreach = list(outreach)
    horizon = now + within
    last_day = horizon.astimezone().date()
    live: list[Pending] = []
    upcoming: list[Pending] = []
    waiting: list[Pending] = []
    thanks: list[Pending] = []
    reflections: list[Pending] = []
    checkins: list[Pending] = []
    promised: list[Pending] = []

    for iv in interviews:
        who = _who(people, iv.contact_id)
        if iv.stage is not Stage.CANCELLED and is_in_call(iv):
            started = iv.call.spans[0].start
            live.append(
                Pending(
                    ItemKind.CALL,
                    who,
                    f" of {iv.duration_minutes} min · started {started.astimezone():%a %H:%M}",
                    iv.id,
                    when=started,
                    call=iv.call,
                )
            )
        elif iv.stage.before_call and iv.scheduled_at is not None and not is_conducted(iv):
            end = iv.ends_at or iv.scheduled_at
            if end >= now and iv.scheduled_at <= horizon:
                join = iv.join_at or iv.scheduled_at
                done, total, _ = readiness(iv)
                ready = f"{done}/{total} ready"
                upcoming.append(
                    Pending(
                        ItemKind.INTERVIEW,
                        who,
                        f"join {join.astimezone():%a %H:%M} (10 min early) · {iv.duration_minutes} min · {ready}",
                        iv.id,
                        when=iv.scheduled_at,
                        ends=end,
                        join=join,
                    )
                )
        if iv.stage is Stage.CANCELLED:
            continue
        due = iv.thank_you_due
        if due is not None:
            thanks.append(
                Pending(
                    ItemKind.THANK_YOU, who, f"thank-you due {due.astimezone():%a %H:%M}", iv.id, when=due
                )
            )
        if iv.stage in (Stage.CONDUCTED, Stage.FOLLOWED_UP) and not iv.reflection.is_written:
            reflections.append(
                Pending(ItemKind.REFLECTION, who, "reflection not written yet", iv.id, when=iv.call.ended_at)
            )
        checkin = iv.follow_up.next_checkin
        if checkin is not None and checkin <= last_day:
            note = iv.follow_up.checkin_note or "check in"
            checkins.append(
                Pending(ItemKind.CHECKIN, who, f"{note} · {checkin:%a %d %b}", iv.id, day=checkin)
            )
        if iv.notes or iv.reflection.next_steps:
            contact = people.get(iv.contact_id)
            # The open action items (`drafts.action_items` without building them: this runs for every
            # interview whenever the data changed, and unpacks its notes once).
            owed = [
                (n.text, n.due, False) for n in iv.notes if n.kind is NoteKind.ACTION and n.done_at is None
            ]
            owed += [(s.text, s.due, True) for s in iv.reflection.next_steps if not s.done]
            for text, day, step in owed:
                if is_promise(text, contact):
                    if day is not None and day <= last_day:
                        promised.append(
                            Pending(
                                ItemKind.PROMISE, who, f"promised by {day:%a %d %b}: {text}", iv.id, day=day
                            )
                        )
                    elif day is None:
                        ended = iv.call.ended_at
                        since = f" since {ended.astimezone(now.tzinfo):%a %d %b}" if ended is not None else ""
                        promised.append(
                            Pending(
                                ItemKind.PROMISE_UNDATED,
                                who,
                                f"owed{since}, no date set: {text}",
                                iv.id,
                                when=ended,
                            )
                        )
                elif day is not None and day <= last_day:
                    source = "next step from" if step else "action from the call with"
                    checkins.append(
                        Pending(ItemKind.ACTION, text, f"{source} {who} · {day:%a %d %b}", iv.id, day=day)
                    )

    for item in outreach:
        if item.status is not OutreachStatus.SENT:
            continue
        waiting.append(
            Pending(
                ItemKind.OUTREACH,
                _who(people, item.contact_id),
                "",
                item.contact_id,
                request=Waiting.of(item),
            )
        )

    return AgendaPlan(
        made_at=now,
        until=now + (within - HORIZON),
        in_call=live,
        upcoming=upcoming,
        waiting=waiting,
        thank_yous=thanks,
        promises=promised,
        reflections=reflections,
        checkins=checkins,
        stage_counts=dict(Counter(iv.stage for iv in interviews)),
        reached_out=contacts_reached_out(outreach),
    )
