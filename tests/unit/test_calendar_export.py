"""The calendar export: every field of every kind of entry, parsed back with icalendar, plus escaping,
rescheduling (same UID, higher SEQUENCE) and the raw RFC 5545 framing (CRLF, lines of at most 75 octets)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock, nudge_dates
from infoview_tui.domain.models import (
    CallRecord,
    ChosenQuestion,
    Contact,
    Interview,
    Medium,
    Outreach,
    OutreachStatus,
    QuestionCategory,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.exchange.ics import build_calendar, is_url
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.store import Store

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=CPH)  # a Wednesday, 09:00 UTC; the user is in Copenhagen
NOW_UTC = NOW.astimezone(UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "d.json", clock=FixedClock(NOW))
    populate_demo(opened, NOW)
    yield opened
    opened.close()


def parse(raw: bytes) -> Calendar:
    return Calendar.from_ical(raw)


def by_uid(cal: Calendar) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for comp in cal.walk():
        if comp.name in ("VEVENT", "VTODO"):
            uid = str(comp["UID"])
            assert uid not in found, f"duplicate UID {uid}"
            found[uid] = comp
    return found


def interview_of(store: Store, name: str) -> Interview:
    contact = next(c for c in store.contacts.all() if c.name.startswith(name))
    return next(iv for iv in store.interviews.all() if iv.contact_id == contact.id)


def outreach_of(store: Store, name: str) -> Outreach:
    contact = next(c for c in store.contacts.all() if c.name.startswith(name))
    return next(o for o in store.outreach.all() if o.contact_id == contact.id)


def alarms(comp: Any) -> list[Any]:
    return [c for c in comp.subcomponents if c.name == "VALARM"]


# The calendar -----------------------------------------------------------------------------------------------


def test_calendar_properties(store: Store) -> None:
    cal = parse(build_calendar(Snapshot.of(store), NOW))
    assert cal.name == "VCALENDAR"
    assert str(cal["PRODID"]) == "-//infoview-tui//EN"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["X-WR-CALNAME"]) == "Informational interviews"


def test_empty_store_gives_a_valid_empty_calendar(tmp_path: Path) -> None:
    with Store.open(tmp_path / "e.json", clock=FixedClock(NOW)) as empty:
        raw = build_calendar(Snapshot.of(empty), NOW)
    cal = parse(raw)
    assert by_uid(cal) == {}
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")


def test_a_naive_now_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="aware"):
        build_calendar(Snapshot.of(store), datetime(2026, 11, 25, 10, 0))


# Interviews -------------------------------------------------------------------------------------------------


def test_an_upcoming_interview_has_every_field(store: Store) -> None:
    kenji = interview_of(store, "Kenji")
    raw = build_calendar(Snapshot.of(store), NOW)
    event = by_uid(parse(raw))[f"interview-{kenji.id}@infoview-tui"]
    assert event.name == "VEVENT"
    assert kenji.scheduled_at is not None
    start = event["DTSTART"].dt
    end = event["DTEND"].dt
    assert start == kenji.scheduled_at and start.utcoffset() == timedelta(0)
    assert end == kenji.scheduled_at + timedelta(minutes=30) and end.utcoffset() == timedelta(0)
    assert event["DTSTAMP"].dt == NOW_UTC
    utc_start = kenji.scheduled_at.astimezone(UTC)
    assert f"DTSTART:{utc_start:%Y%m%dT%H%M%S}Z\r\n".encode() in raw  # written in UTC, no TZID
    assert b"DTSTAMP:20261125T090000Z\r\n" in raw
    assert b"VTIMEZONE" not in raw
    assert str(event["SUMMARY"]) == "Informational interview: Kenji Watanabe (Brightline Mobility)"
    assert str(event["LOCATION"]) == "https://meet.example.com/kvq-ruxd-pha"
    assert str(event["URL"]) == "https://meet.example.com/kvq-ruxd-pha"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert int(event["SEQUENCE"]) == 0
    description = str(event["DESCRIPTION"])
    assert description.startswith(f"Hoping to learn: {kenji.hope_to_learn}\n\n")
    assert (
        "Must ask:\n"
        "1. What does the pricing team measure to decide a change worked?\n"
        "2. Who else do you think I should talk to?\n\n"
        "Other questions:\n"
        "1. What led you to your current role?\n"
        "2. What does a typical week look like for you?\n"
    ) in description
    assert description.endswith("Medium: Video\nTheir time zone: Europe/Amsterdam")
    (alarm,) = alarms(event)
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == "Join early: Kenji Watanabe in 10 minutes"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-10)
    assert b"TRIGGER:-PT10M\r\n" in raw


def test_every_scheduled_interview_but_the_cancelled_one_is_an_event(store: Store) -> None:
    cal = parse(build_calendar(Snapshot.of(store), NOW))
    events = [e for e in cal.walk("VEVENT") if not str(e["UID"]).endswith("-reminder@infoview-tui")]
    expected = {
        f"interview-{iv.id}@infoview-tui"
        for iv in store.interviews.all()
        if iv.scheduled_at is not None and iv.stage is not Stage.CANCELLED
    }
    assert {str(e["UID"]) for e in events} == expected
    chloe = interview_of(store, "Chloé")
    assert chloe.stage is Stage.CANCELLED
    assert f"interview-{chloe.id}@infoview-tui" not in expected
    # History stays: conducted and reflected calls are there, but their alarms (in the past) are not.
    for name in ("Zoë", "Aisha", "Łukasz", "Siobhán", "Daniel"):
        event = by_uid(cal)[f"interview-{interview_of(store, name).id}@infoview-tui"]
        assert alarms(event) == []
    starts: list[datetime] = [e.decoded("DTSTART") for e in events]
    assert starts == sorted(starts)


def test_a_place_is_a_location_without_a_url(store: Store) -> None:
    zoe = interview_of(store, "Zoë")
    raw = build_calendar(Snapshot.of(store), NOW)
    event = by_uid(parse(raw))[f"interview-{zoe.id}@infoview-tui"]
    assert str(event["LOCATION"]) == "Kaffebar, Elmegade 4, Copenhagen"
    assert "URL" not in event
    assert b"LOCATION:Kaffebar\\, Elmegade 4\\, Copenhagen\r\n" in raw
    assert str(event["SUMMARY"]) == "Informational interview: Zoë Chen (Lumen Health)"
    assert "Medium: In person" in str(event["DESCRIPTION"])


def test_reschedule_keeps_the_uid_and_raises_the_sequence(store: Store) -> None:
    jose = interview_of(store, "José")
    assert jose.scheduled_at is not None
    uid = f"interview-{jose.id}@infoview-tui"
    before = by_uid(parse(build_calendar(Snapshot.of(store), NOW)))[uid]
    moved = jose.scheduled_at + timedelta(days=1, hours=2)
    store.interviews.update(replace(jose, scheduled_at=moved, sequence=jose.sequence + 1))
    cal = parse(build_calendar(Snapshot.of(store), NOW))
    after = by_uid(cal)[uid]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after["DTSTART"].dt == moved != before["DTSTART"].dt
    assert after["DTEND"].dt == moved + timedelta(minutes=jose.duration_minutes)
    assert sum(1 for e in cal.walk("VEVENT") if str(e["UID"]) == uid) == 1


def test_an_interview_without_a_time_is_left_out(store: Store) -> None:
    contact = store.contacts.all()[0]
    iv = store.interviews.add(Interview(contact_id=contact.id, stage=Stage.SCHEDULED))
    assert f"interview-{iv.id}@infoview-tui" not in by_uid(parse(build_calendar(Snapshot.of(store), NOW)))


# To-dos -----------------------------------------------------------------------------------------------------


def test_thank_you_todos_are_due_24_hours_after_the_call(store: Store) -> None:
    raw = build_calendar(Snapshot.of(store), NOW, reminders="todos")
    found = by_uid(parse(raw))
    owed = [iv for iv in store.interviews.all() if iv.thank_you_due is not None]
    assert {interview_of(store, "Zoë").id, interview_of(store, "Aisha").id} <= {iv.id for iv in owed}
    for iv in owed:
        todo = found[f"thank-you-{iv.id}@infoview-tui"]
        assert todo.name == "VTODO"
        assert iv.call.ended_at is not None
        assert todo["DUE"].dt == iv.call.ended_at + timedelta(hours=24)
        assert todo["DTSTAMP"].dt == NOW_UTC
        assert str(todo["STATUS"]) == "NEEDS-ACTION"
    zoe = interview_of(store, "Zoë")
    todo = found[f"thank-you-{zoe.id}@infoview-tui"]
    assert str(todo["SUMMARY"]) == "Send a thank-you to Zoë Chen"
    (alarm,) = alarms(todo)  # due tomorrow: the alarm goes off at the due time, as an absolute UTC time
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == zoe.thank_you_due
    assert zoe.thank_you_due is not None
    due = zoe.thank_you_due.astimezone(UTC)
    assert f"TRIGGER;VALUE=DATE-TIME:{due:%Y%m%dT%H%M%S}Z\r\n".encode() in raw
    aisha = interview_of(store, "Aisha")  # overdue: still a to-do, no alarm in the past
    assert alarms(found[f"thank-you-{aisha.id}@infoview-tui"]) == []
    lukasz = interview_of(store, "Łukasz")  # thank-you already sent
    assert f"thank-you-{lukasz.id}@infoview-tui" not in found


def test_waiting_outreach_gets_3b_and_7b_todos(store: Store) -> None:
    raw = build_calendar(Snapshot.of(store), NOW, reminders="todos")
    found = by_uid(parse(raw))
    waiting = [o for o in store.outreach.all() if o.status is OutreachStatus.SENT and o.nudged_at is None]
    assert len(waiting) == 3
    names = {c.id: c for c in store.contacts.all()}
    for item in waiting:
        contact = names[item.contact_id]
        three_b, seven_b = nudge_dates(item.sent_at)
        todo_3b = found[f"outreach-{item.id}-3b@infoview-tui"]
        todo_7b = found[f"outreach-{item.id}-7b@infoview-tui"]
        assert (
            str(todo_3b["SUMMARY"])
            == f"3B: try someone else at {contact.company} (no reply from {contact.name})"
        )
        assert str(todo_7b["SUMMARY"]) == f"7B: one follow-up to {contact.name}"
        for todo, moment in ((todo_3b, three_b), (todo_7b, seven_b)):
            due = todo["DUE"].dt
            assert type(due) is date and due == moment.astimezone(CPH).date()  # all-day, the user's day
            assert f"DUE;VALUE=DATE:{due:%Y%m%d}\r\n".encode() in raw
            assert todo["DTSTAMP"].dt == NOW_UTC
            nine = datetime.combine(due, time(9, 0), tzinfo=CPH)
            if nine >= NOW:
                (alarm,) = alarms(todo)
                assert alarm["TRIGGER"].dt == nine
                assert alarm["TRIGGER"].params["VALUE"] == "DATE-TIME"
            else:
                assert alarms(todo) == []
    ravi = outreach_of(store, "Ravi")  # sent yesterday: both reminders still ahead, 9:00 Copenhagen = 08:00Z
    three_day = nudge_dates(ravi.sent_at)[0].astimezone(CPH).date()
    assert f"TRIGGER;VALUE=DATE-TIME:{three_day:%Y%m%d}T080000Z\r\n".encode() in raw
    assert "Harbor & Rail Logistics" in str(
        found[f"outreach-{outreach_of(store, 'Fatima').id}-3b@infoview-tui"]["SUMMARY"]
    )
    for done in ("Prof. Henrik", "Mei Lin", "Kenji"):  # replied, declined, scheduled
        item = outreach_of(store, done)
        assert f"outreach-{item.id}-3b@infoview-tui" not in found
        assert f"outreach-{item.id}-7b@infoview-tui" not in found


def test_after_the_7b_follow_up_the_nudges_are_gone(store: Store) -> None:
    noah = outreach_of(store, "Noah")
    store.outreach.update(replace(noah, nudged_at=NOW - timedelta(hours=1)))
    found = by_uid(parse(build_calendar(Snapshot.of(store), NOW, reminders="todos")))
    assert f"outreach-{noah.id}-3b@infoview-tui" not in found
    assert f"outreach-{noah.id}-7b@infoview-tui" not in found
    assert f"outreach-{outreach_of(store, 'Ravi').id}-7b@infoview-tui" in found


def test_checkin_todos(store: Store) -> None:
    found = by_uid(parse(build_calendar(Snapshot.of(store), NOW, reminders="todos")))
    lukasz = interview_of(store, "Łukasz")
    todo = found[f"checkin-{lukasz.id}@infoview-tui"]
    assert str(todo["SUMMARY"]) == (
        "Check in with Łukasz Nowak: Send the dbt repo and ask about the mock interview date."
    )
    assert todo["DUE"].dt == lukasz.follow_up.next_checkin == NOW.date() + timedelta(days=5)
    (alarm,) = alarms(todo)
    assert lukasz.follow_up.next_checkin is not None
    assert alarm["TRIGGER"].dt == datetime.combine(lukasz.follow_up.next_checkin, time(9), tzinfo=CPH)
    with_checkin = {iv.id for iv in store.interviews.all() if iv.follow_up.next_checkin is not None}
    assert {uid for uid in found if uid.startswith("checkin-")} == {
        f"checkin-{i}@infoview-tui" for i in with_checkin
    }


# Text and framing -------------------------------------------------------------------------------------------

AWKWARD_NAME = 'Renée "Ná" O\'Brien-Núñez, PhD; 王秀英'
AWKWARD_COMPANY = "Smith, Jones & Co.; Ltd \\ Intl"
AWKWARD_PLACE = "Café Ø, Nørrebrogade 1; 2nd floor\\back room"
AWKWARD_HOPE = "Line one,\nline two; with a backslash \\ and emoji 🚲\r\nand a last line"


def add_awkward(store: Store) -> Interview:
    contact = store.contacts.add(Contact(name=AWKWARD_NAME, company=AWKWARD_COMPANY))
    return store.interviews.add(
        Interview(
            contact_id=contact.id,
            scheduled_at=NOW + timedelta(days=3),
            duration_minutes=20,
            medium=Medium.IN_PERSON,
            location=AWKWARD_PLACE,
            hope_to_learn=AWKWARD_HOPE,
            questions=(
                ChosenQuestion("Q; with, punctuation?", must_ask=True),
                ChosenQuestion("Ünïcödé — and a very long question " * 4, category=QuestionCategory.TRENDS),
            ),
            call=CallRecord(),
        )
    )


def test_unicode_commas_semicolons_and_newlines_round_trip(store: Store) -> None:
    iv = add_awkward(store)
    raw = build_calendar(Snapshot.of(store), NOW)
    event = by_uid(parse(raw))[f"interview-{iv.id}@infoview-tui"]
    assert str(event["SUMMARY"]) == f"Informational interview: {AWKWARD_NAME} ({AWKWARD_COMPANY})"
    assert str(event["LOCATION"]) == AWKWARD_PLACE
    description = str(event["DESCRIPTION"])
    assert description.startswith("Hoping to learn: Line one,\nline two; with a backslash \\ and emoji 🚲\n")
    assert "Must ask:\n1. Q; with, punctuation?" in description
    assert (str(alarms(event)[0]["DESCRIPTION"])) == f"Join early: {AWKWARD_NAME} in 10 minutes"
    unfolded = raw.replace(b"\r\n ", b"")
    assert b"LOCATION:Caf\xc3\xa9 \xc3\x98\\, N\xc3\xb8rrebrogade 1\\; 2nd floor\\\\back room\r\n" in unfolded
    assert b"Ltd \\\\ Intl)" in unfolded  # a backslash is escaped as \\
    assert b"Line one\\,\\nline two\\;" in unfolded  # newlines as \n, never a raw line break


def test_crlf_line_ends_and_lines_of_at_most_75_octets(store: Store) -> None:
    add_awkward(store)
    raw = build_calendar(Snapshot.of(store), NOW)
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n"), "every line ends in CRLF"
    assert raw.count(b"\r") == raw.count(b"\r\n"), "no stray CR"
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    folded = [line for line in lines if line.startswith(b" ")]
    assert folded, "long lines were folded"
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-byte character
    assert raw.decode("utf-8")


def test_is_url() -> None:
    assert is_url("https://meet.example.com/abc")
    assert is_url(" http://zoom.example/j/1 ")
    assert not is_url("Kaffebar, Elmegade 4")
    assert not is_url("https://")
    assert not is_url("mailto:someone@example.com")


def test_unknown_contact_and_no_company(store: Store) -> None:
    lonely = store.contacts.add(Contact(name="Sam Solo"))
    iv1 = store.interviews.add(Interview(contact_id=lonely.id, scheduled_at=NOW + timedelta(days=1)))
    iv2 = store.interviews.add(
        Interview(
            contact_id="9999",
            scheduled_at=NOW + timedelta(days=2),
            call=CallRecord(spans=(TimeSpan(NOW - timedelta(hours=1), NOW),), ended_at=NOW),
        )
    )
    found = by_uid(parse(build_calendar(Snapshot.of(store), NOW, reminders="todos")))
    assert str(found[f"interview-{iv1.id}@infoview-tui"]["SUMMARY"]) == "Informational interview: Sam Solo"
    assert "(unknown contact)" in str(found[f"interview-{iv2.id}@infoview-tui"]["SUMMARY"])
    assert (
        str(found[f"thank-you-{iv2.id}@infoview-tui"]["SUMMARY"]) == "Send a thank-you to (unknown contact)"
    )


# Reminders as events (the default) --------------------------------------------------------------------------


def reminder_events(cal: Calendar) -> dict[str, Any]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT") if str(e["UID"]).endswith("-reminder@infoview-tui")}


def test_reminders_are_events_with_alarms_by_default(store: Store) -> None:
    cal = parse(build_calendar(Snapshot.of(store), NOW))
    assert list(cal.walk("VTODO")) == []  # Google Calendar and Outlook would drop them
    events = reminder_events(cal)
    todos = by_uid(parse(build_calendar(Snapshot.of(store), NOW, reminders="todos")))
    expected = {
        uid.replace("@infoview-tui", "-reminder@infoview-tui")
        for uid, c in todos.items()
        if c.name == "VTODO"
    }
    assert set(events) == expected and expected  # the same reminders, one event each
    every: list[Any] = list(cal.walk("VEVENT"))
    for event in every:  # every event has a start and an end (or a duration)
        assert "DTSTART" in event and ("DTEND" in event or "DURATION" in event)
        assert event["DTEND"].dt > event["DTSTART"].dt
    for uid, event in events.items():
        assert str(event["TRANSP"]) == "TRANSPARENT", uid  # a reminder does not block your time
        for alarm in alarms(event):
            assert str(alarm["ACTION"]) == "DISPLAY"
            assert alarm["TRIGGER"].dt == timedelta(0)  # at the reminder's start
            assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
        if event["DTSTART"].dt >= NOW:
            assert len(alarms(event)) == 1, uid
        else:
            assert alarms(event) == [], uid  # a past alarm would only pop up on import


def test_a_thank_you_reminder_ends_when_it_is_due(store: Store) -> None:
    events = reminder_events(parse(build_calendar(Snapshot.of(store), NOW)))
    zoe = interview_of(store, "Zoë")
    assert zoe.thank_you_due is not None
    event = events[f"thank-you-{zoe.id}-reminder@infoview-tui"]
    assert event["DTEND"].dt == zoe.thank_you_due
    assert event["DTSTART"].dt == zoe.thank_you_due - timedelta(hours=1)
    local = zoe.thank_you_due.astimezone(CPH)
    assert str(event["SUMMARY"]) == f"Send a thank-you to Zoë Chen (before {local:%H:%M})"
    assert len(alarms(event)) == 1


def test_day_reminders_are_at_nine_local_for_a_quarter_hour(store: Store) -> None:
    events = reminder_events(parse(build_calendar(Snapshot.of(store), NOW)))
    waiting = [o for o in store.outreach.all() if o.status is OutreachStatus.SENT and o.nudged_at is None]
    for item in waiting:
        three_b, seven_b = nudge_dates(item.sent_at)
        for key, when in (("3b", three_b), ("7b", seven_b)):
            event = events[f"outreach-{item.id}-{key}-reminder@infoview-tui"]
            start = event["DTSTART"].dt.astimezone(CPH)
            assert (start.date(), start.hour, start.minute) == (when.astimezone(CPH).date(), 9, 0)
            assert event["DTEND"].dt - event["DTSTART"].dt == timedelta(minutes=15)
    checkins = [iv for iv in store.interviews.all() if iv.follow_up.next_checkin is not None]
    assert checkins
    for iv in checkins:
        if iv.stage is Stage.CANCELLED:
            continue
        start = events[f"checkin-{iv.id}-reminder@infoview-tui"]["DTSTART"].dt.astimezone(CPH)
        assert (start.date(), start.hour) == (iv.follow_up.next_checkin, 9)


def test_reminder_uids_are_stable_and_the_sequence_rises_with_each_export(store: Store) -> None:
    first = reminder_events(parse(build_calendar(Snapshot.of(store), NOW)))
    later = reminder_events(parse(build_calendar(Snapshot.of(store), NOW + timedelta(minutes=5))))
    assert set(first) == set(later)
    for uid in first:
        assert int(later[uid]["SEQUENCE"]) > int(first[uid]["SEQUENCE"]) >= 0


def test_reminder_events_fold_crlf_and_parse_strictly(store: Store) -> None:
    add_awkward(store)
    raw = build_calendar(Snapshot.of(store), NOW)
    lines = raw.split(b"\r\n")[:-1]
    assert raw.count(b"\n") == raw.count(b"\r\n") and max(len(line) for line in lines) <= 75
    strict = Calendar.from_ical(raw)  # icalendar raises on a malformed line
    assert strict.to_ical() == raw  # and writes it back byte for byte
    assert b"TRIGGER:P0D\r\n" in raw  # a zero duration: at the start
    assert b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n" in raw


def test_an_unknown_reminder_style_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="events, todos"):
        build_calendar(Snapshot.of(store), NOW, reminders="later")  # type: ignore[arg-type]
