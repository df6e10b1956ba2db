"""Provides the calendar export: interviews, thank-yous, 3B/7B nudges and check-ins as one iCalendar file.

`build_calendar(records, now)` (records: a `Snapshot`) returns RFC 5545 bytes written by the `icalendar` library, which does the
escaping (commas, semicolons, backslashes, newlines), the line folding at 75 octets and the CRLF line ends.
This module is pure core: no Textual import.

What goes in:

- One VEVENT per interview that has a time and is not cancelled: upcoming, conducted and reflected alike,
  since a calendar keeps its history. Times are in UTC (`…Z`), so no VTIMEZONE is needed. It carries a
  display alarm 10 minutes before (join early; see below for past ones) and `SEQUENCE` from the interview,
  which the app bumps on every reschedule, so a calendar that imported an earlier export updates the event
  instead of adding a second one.
- A reminder for each thank-you still owed (due 24 hours after the call ended), two for each request still
  waiting on a reply (status sent, no 7B follow-up sent yet): 3B (try someone else at the company) and 7B
  (one follow-up to the same person), one for each planned check-in after a call (not for cancelled
  interviews), and one for each open promise with a due date (`stages.follow_up.promises`: an action item
  you owe the person; a done one, or one without a date, has none).

Reminders are events by default (`reminders="events"`): Google Calendar and Outlook drop VTODO on import, so
to-dos would vanish there. Each is a short VEVENT that does not block your time (`TRANSP:TRANSPARENT`) with a
display alarm at its start (`TRIGGER:P0D`): the thank-you from one hour before it is due until the due time
("before 15:00" in its title), 3B, 7B and check-ins from 9:00 to 9:15 on their day in the user's zone (timed,
not all-day: clients read an alarm on an all-day event differently). Their UIDs end in `-reminder`
(`thank-you-{id}-reminder@infoview-tui`, `outreach-{id}-3b-reminder@…`, `checkin-{id}-reminder@…`), so they
never clash with to-dos imported earlier, and their `SEQUENCE` is the export time in minutes since
2026-01-01, so re-importing a newer export moves a reminder whose day changed instead of keeping the old one.

With `reminders="todos"` (`export --format ics --reminders todos`) they are VTODOs, for Apple Reminders,
Thunderbird or Evolution: a thank-you due 24 hours after the call with an alarm at the due time; 3B, 7B and
check-ins due on their day. Their UIDs are `thank-you-{id}@…`, `outreach-{id}-3b@…`, `outreach-{id}-7b@…`,
`checkin-{id}@…`.

UIDs are stable (`interview-{id}@infoview-tui` and the above), so importing a newer export updates what is
there. Ids are numbered per data file: exports of two different data files into one calendar can collide.

Day-only to-dos (3B, 7B, check-ins) have an all-day `DUE;VALUE=DATE` on the day in the user's zone (the zone
of `now`) and an alarm at 9:00 that morning. Every to-do alarm is an absolute `TRIGGER;VALUE=DATE-TIME:…Z`:
it means the same thing in every client, whereas a trigger relative to a date-only DUE is read differently
by different apps. (icalendar leaves out `VALUE=DATE-TIME` unless asked; strict parsers need it, so it is
set.) Past items are exported too (a missed 3B shows as an overdue to-do or a past event), but an alarm is
only added while it is still ahead of `now`: an alarm in the past does nothing useful and some clients pop it
up as "missed" on import. Items that no longer apply (a sent thank-you, an answered request) are left out of
the next export.

Everything in the data file may come from someone else or a hand edit, so: every text value has its control
characters removed (newlines kept only in descriptions, where icalendar escapes them as `\n`), so no value can
end a line and start a property of its own; `URL` is set only for a location that `safe_text.openable_url`
accepts (http(s), no spaces or controls); and each record first goes through `export_guard.usable`, so a time
in year 1 or 9999 or an absurd call length leaves that value (or that item) out instead of crashing. What was
left out is described in `problems`, for the CLI to print.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from icalendar import Alarm, Calendar, Event, Todo

from infoview_tui.domain.dates import nudge_dates
from infoview_tui.domain.models import (
    JOIN_EARLY,
    ChosenQuestion,
    Contact,
    Interview,
    Outreach,
    OutreachStatus,
    RecordId,
    Stage,
)
from infoview_tui.domain.safe_text import openable_url, strip_controls
from infoview_tui.exchange.guard import Problem, usable
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.stages.follow_up.promises import Promise, open_promises

__all__ = [
    "CALENDAR_NAME",
    "PRODID",
    "REMINDER_STYLES",
    "REMINDER_TIME",
    "Reminders",
    "build_calendar",
    "is_url",
]

PRODID = "-//infoview-tui//EN"
CALENDAR_NAME = "Informational interviews"
UID_DOMAIN = "infoview-tui"
REMINDER_TIME = time(9, 0)
"""When the alarm of a day-only to-do (3B, 7B, check-in) goes off, in the user's zone."""
UNKNOWN_CONTACT = "(unknown contact)"
Reminders = Literal["events", "todos"]
REMINDER_STYLES: tuple[Reminders, ...] = ("events", "todos")
"""How reminders are written: events with an alarm (the default: every calendar keeps them) or VTODOs."""
DAY_REMINDER = timedelta(minutes=15)
"""How long a 3B, 7B or check-in reminder event lasts (from 9:00)."""
THANK_YOU_LEAD = timedelta(hours=1)
"""The thank-you reminder event runs from this long before it is due until the due time."""
SEQUENCE_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def is_url(text: str) -> bool:
    """True for an http(s) link with a host and no spaces or control characters: a meeting link rather than
    a place, and safe as a URI value (icalendar refuses CR and LF in one)."""
    return openable_url(text) is not None


def _line(text: str) -> str:
    """A TEXT value on one line: control characters (CR, LF, ESC, NUL…) become spaces, runs collapse."""
    return " ".join(strip_controls(text, replacement=" ").split())


def _lines(text: str) -> str:
    """A TEXT value that may hold line breaks (icalendar writes them as `\\n`), without other controls."""
    return strip_controls(text, multiline=True).strip()


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _uid(kind: str, record_id: RecordId) -> str:
    return f"{kind}-{record_id}@{UID_DOMAIN}"


def _display_alarm(description: str, trigger: timedelta | datetime) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    if isinstance(trigger, datetime):
        alarm.add("trigger", _utc(trigger), parameters={"VALUE": "DATE-TIME"})
    else:
        alarm.add("trigger", trigger)  # relative to DTSTART
    return alarm


def _morning_of(day: date, tz: tzinfo | None) -> datetime:
    """9:00 on `day` in the user's zone (DST-aware for real zones)."""
    return datetime.combine(day, REMINDER_TIME, tzinfo=tz)


def _who(contact: Contact | None) -> str:
    name = _line(contact.name) if contact is not None else ""
    return name or UNKNOWN_CONTACT


def _numbered(questions: Iterable[ChosenQuestion]) -> list[str]:
    return [f"{i}. {_line(q.text)}" for i, q in enumerate(questions, 1)]


def interview_description(interview: Interview) -> str:
    """The event's notes: what you hope to learn, the must-asks, the other questions and how you meet."""
    parts: list[str] = []
    hope = _lines(interview.hope_to_learn)
    if hope:
        parts.append(f"Hoping to learn: {hope}")
    must = [q for q in interview.questions if q.must_ask]
    other = [q for q in interview.questions if not q.must_ask]
    if must:
        parts.append("\n".join(["Must ask:", *_numbered(must)]))
    if other:
        parts.append("\n".join(["Other questions:" if must else "Questions:", *_numbered(other)]))
    how = [f"Medium: {interview.medium.label}"]
    if _line(interview.their_timezone):
        how.append(f"Their time zone: {_line(interview.their_timezone)}")
    parts.append("\n".join(how))
    return "\n\n".join(parts)


def _interview_event(interview: Interview, contact: Contact | None, now: datetime) -> Event:
    assert interview.scheduled_at is not None
    name = _who(contact)
    company = _line(contact.company) if contact is not None else ""
    event = Event()
    event.add("uid", _uid("interview", interview.id))
    event.add("dtstamp", _utc(now))
    event.add("dtstart", _utc(interview.scheduled_at))
    event.add("dtend", _utc(interview.scheduled_at + timedelta(minutes=interview.duration_minutes)))
    event.add("summary", f"Informational interview: {name}" + (f" ({company})" if company else ""))
    location = _line(interview.location)
    if location:
        event.add("location", location)
        if is_url(location):
            event.add("url", location)
    event.add("description", interview_description(interview))
    event.add("sequence", max(0, interview.sequence))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    if interview.scheduled_at - JOIN_EARLY >= now:  # no alarms for calls already under way or held
        minutes = int(JOIN_EARLY.total_seconds() // 60)
        event.add_component(_display_alarm(f"Join early: {name} in {minutes} minutes", -JOIN_EARLY))
    return event


def _todo(
    uid: str, summary: str, due: date | datetime, alarm_at: datetime, now: datetime, description: str = ""
) -> Todo:
    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", _utc(now))
    todo.add("summary", summary)
    if description:
        todo.add("description", description)
    # A date-only DUE is written as DUE;VALUE=DATE (icalendar picks the type from the Python value).
    todo.add("due", _utc(due) if isinstance(due, datetime) else due)
    todo.add("status", "NEEDS-ACTION")
    if alarm_at >= now:  # a to-do already overdue shows as such; a past alarm would only pop up on import
        todo.add_component(_display_alarm(summary, alarm_at))
    return todo


def _reminder_event(
    key: str, summary: str, start: datetime, end: datetime, now: datetime, description: str = ""
) -> Event:
    """A reminder as a short event that keeps your time free, with a display alarm at its start."""
    event = Event()
    event.add("uid", f"{key}-reminder@{UID_DOMAIN}")
    event.add("dtstamp", _utc(now))
    event.add("dtstart", _utc(start))
    event.add("dtend", _utc(end))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("sequence", max(0, int((now - SEQUENCE_EPOCH).total_seconds() // 60)))
    event.add("transp", "TRANSPARENT")
    if start >= now:  # as for to-dos: a past alarm would only pop up on import
        event.add_component(_display_alarm(summary, timedelta(0)))
    return event


def _reminder(
    style: Reminders,
    key: str,
    summary: str,
    due: date | datetime,
    alarm_at: datetime,
    now: datetime,
    description: str = "",
) -> Event | Todo:
    """A reminder in the chosen style: an event (ending at a timed `due`: the thank-you; else from
    `alarm_at`), or a to-do due `due` with an alarm at `alarm_at`."""
    if style == "todos":
        return _todo(f"{key}@{UID_DOMAIN}", summary, due, alarm_at, now, description)
    if isinstance(due, datetime):
        return _reminder_event(key, summary, due - THANK_YOU_LEAD, due, now, description)
    return _reminder_event(key, summary, alarm_at, alarm_at + DAY_REMINDER, now, description)


def build_calendar(
    records: Snapshot,
    now: datetime,
    problems: list[Problem] | None = None,
    *,
    reminders: Reminders = "events",
) -> bytes:
    """The calendar export as iCalendar bytes (UTF-8, CRLF, folded). `now` is aware, in the user's zone.

    `reminders` writes thank-yous, 3B/7B and check-ins as events with alarms (the default) or as to-dos.
    Values a hand edit made unusable are left out and described in `problems` (see `export_guard`).
    """
    if reminders not in REMINDER_STYLES:
        raise ValueError(f"reminders must be one of {', '.join(REMINDER_STYLES)}")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("build_calendar needs an aware datetime")
    contacts = records.contact_map()
    found: list[Problem] = [] if problems is None else problems

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALENDAR_NAME)

    interviews = [
        checked
        for iv in records.interviews
        if iv.stage is not Stage.CANCELLED and (checked := usable(iv, found)) is not None
    ]
    scheduled = sorted(
        (iv for iv in interviews if iv.scheduled_at is not None), key=lambda iv: (iv.scheduled_at, iv.id)
    )
    for iv in scheduled:
        cal.add_component(_interview_event(iv, contacts.get(iv.contact_id), now))
    by_id = sorted(interviews, key=lambda iv: iv.id)
    for iv in by_id:
        if iv.thank_you_due is not None:
            cal.add_component(_thank_you(iv, iv.thank_you_due, contacts.get(iv.contact_id), now, reminders))
    waiting = [
        request
        for o in records.outreach
        if o.status is OutreachStatus.SENT
        and o.nudged_at is None
        and (request := usable(o, found)) is not None
    ]
    for item in sorted(waiting, key=lambda o: (o.sent_at, o.id)):
        for todo in _nudges(item, contacts.get(item.contact_id), now, reminders):
            cal.add_component(todo)
    for iv in by_id:
        if iv.follow_up.next_checkin is not None:
            cal.add_component(
                _checkin(iv, iv.follow_up.next_checkin, contacts.get(iv.contact_id), now, reminders)
            )

    for iv in by_id:
        contact = contacts.get(iv.contact_id)
        for promise in open_promises(iv, contact):
            if promise.due is not None:
                cal.add_component(_promise(iv, promise, contact, now, reminders))

    raw: bytes = cal.to_ical()
    return raw


def _thank_you(
    iv: Interview, due: datetime, contact: Contact | None, now: datetime, style: Reminders = "events"
) -> Event | Todo:
    """The reminder to send a thank-you, due 24 hours after the call."""
    summary = f"Send a thank-you to {_who(contact)}"
    return _reminder(
        style,
        f"thank-you-{iv.id}",
        summary if style == "todos" else f"{summary} (before {due.astimezone(now.tzinfo):%H:%M})",
        due,
        due,
        now,
        "Within 24 hours of the call: thank them, mention something specific you learned, and say "
        "what you will do next.",
    )


def _nudges(
    item: Outreach, contact: Contact | None, now: datetime, style: Reminders = "events"
) -> list[Event | Todo]:
    """The 3B and 7B reminders for a request still waiting: try someone else, then one follow-up."""
    tz = now.tzinfo
    name = _who(contact)
    company = _line(contact.company) if contact is not None else ""
    three_b, seven_b = nudge_dates(item.sent_at)
    sent = f"Request sent {item.sent_at.astimezone(tz):%a %d %b %Y} via {item.channel.label}; no reply yet."
    three_day = three_b.astimezone(tz).date()
    seven_day = seven_b.astimezone(tz).date()
    at = f" at {company}" if company else ""
    return [
        _reminder(
            style,
            f"outreach-{item.id}-3b",
            f"3B: try someone else{at} (no reply from {name})",
            three_day,
            _morning_of(three_day, tz),
            now,
            f"{sent} After three business days, reach out to another person{at}.",
        ),
        _reminder(
            style,
            f"outreach-{item.id}-7b",
            f"7B: one follow-up to {name}",
            seven_day,
            _morning_of(seven_day, tz),
            now,
            f"{sent} After seven business days, send one polite follow-up to the same person.",
        ),
    ]


def _checkin(
    iv: Interview, day: date, contact: Contact | None, now: datetime, style: Reminders = "events"
) -> Event | Todo:
    """The reminder for the next check-in, on the morning of its day."""
    name = _who(contact)
    note = _line(iv.follow_up.checkin_note)
    return _reminder(
        style,
        f"checkin-{iv.id}",
        f"Check in with {name}: {note}" if note else f"Check in with {name}",
        day,
        _morning_of(day, tz=now.tzinfo),
        now,
    )


def _promise(
    iv: Interview, promise: Promise, contact: Contact | None, now: datetime, style: Reminders = "events"
) -> Event | Todo:
    """The reminder for an open promise with a due date, on the morning of its day. Its key names the action
    note (`promise-{note id}`) or, for a reflection's next step, the interview and the step's place."""
    item = promise.item
    assert promise.due is not None
    key = f"promise-{item.note_id}" if item.note_id is not None else f"promise-{iv.id}-step{item.step_index}"
    made = f" (promised on the call of {promise.made_on:%a %d %b %Y})" if promise.made_on is not None else ""
    return _reminder(
        style,
        key,
        f"Promised {_who(contact)}: {_line(item.text)}",
        promise.due,
        _morning_of(promise.due, tz=now.tzinfo),
        now,
        f"You said you would do this{made}. Tick it done in Follow up (section 4) once it is.",
    )
