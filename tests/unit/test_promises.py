"""Promises: which action items are things you owe the person, their due dates (typed like any date), where
they show on the Dashboard (overdue, today, coming up, undated), their calendar reminders, and the check-in
draft built from the advice they gave and what you have done since. All at a fixed moment."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from infoview_tui.domain import lifecycle as lc
from infoview_tui.domain.dates import DateParseError, FixedClock
from infoview_tui.domain.models import (
    Action,
    CallRecord,
    Contact,
    Interview,
    Note,
    NoteKind,
    Profile,
    QuestionCategory,
    Reflection,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.exchange.ics import build_calendar
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.stages.agenda import ItemKind, build_agenda
from infoview_tui.stages.follow_up.drafts import (
    CHECKIN_WORD_LIMIT,
    THEIR_ADVICE_PLACEHOLDER,
    action_items,
    checkin_draft,
)
from infoview_tui.stages.follow_up.promises import (
    is_promise,
    open_promises,
    parse_due,
    suggested_due,
)
from infoview_tui.stages.identify.outreach import check, count_words
from infoview_tui.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday
TODAY = NOW.date()
ENDED = NOW - timedelta(days=8)  # Tuesday 17 November
KENJI = Contact(name="Kenji Sato", company="Northwind", id="C1")


def note(text: str, n: int, *, kind: NoteKind = NoteKind.ACTION, **extra: Any) -> Note:
    return Note(text, float(n * 60), id=f"N{n}", kind=kind, **extra)


def held(*notes: Note, steps: tuple[Action, ...] = (), iv_id: str = "I1") -> Interview:
    return Interview(
        contact_id=KENJI.id,
        id=iv_id,
        scheduled_at=ENDED - timedelta(minutes=30),
        stage=Stage.CONDUCTED,
        call=CallRecord(spans=(TimeSpan(ENDED - timedelta(minutes=30), ENDED),), ended_at=ENDED),
        notes=notes,
        reflection=Reflection(next_steps=steps),
    )


# Which action items are promises --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "send Kenji my portfolio",
        "intro me to Sam",
        "Send her my readout draft; she offered to give feedback",
        "Build a prototype on the EEA data and share it with her",
        "Draft a case study of my last project and send it to Kenji",
        "Do the take-home exercise and send it over in two weeks",
        "Rewrite my CV summary; Kenji offered to look at it",
        "Check back with Kenji in a month with progress",
        "I'll follow up with the recruiter's name",
    ],
)
def test_things_you_owe_someone_are_promises(text: str) -> None:
    assert is_promise(text, KENJI)


@pytest.mark.parametrize(
    "text",
    [
        "Join the reading group Kenji mentioned; sign up by Friday",
        "Finish the Dagster course before applying",
        "Check the Institute's spring traineeship call",
        "Ask Kenji for feedback on the project",
        "Send the thank-you today and connect on LinkedIn",  # the thank-you has its own reminder
        "Volunteer for the data project to test whether I like this work",
        "Email Charles the notes",  # owed to someone else: a next step
    ],
)
def test_things_for_yourself_are_not_promises(text: str) -> None:
    assert not is_promise(text, KENJI)


def test_the_bang_marker_makes_an_action_note_a_promise_and_a_plain_note_never_is() -> None:
    iv = held()
    marked = lc.take_note(iv, "! send Kenji my portfolio", NOW).interview
    assert marked is not None
    assert marked.notes[-1].kind is NoteKind.ACTION and marked.notes[-1].text == "send Kenji my portfolio"
    assert [p.item.text for p in open_promises(marked, KENJI)] == ["send Kenji my portfolio"]

    plain = lc.take_note(iv, "send Kenji my portfolio", NOW).interview
    assert plain is not None and plain.notes[-1].kind is NoteKind.NOTE
    assert open_promises(plain, KENJI) == []


def test_done_promises_are_not_open_and_next_steps_count_too() -> None:
    iv = held(
        note("send Kenji my portfolio", 1, done_at=NOW),
        note("email Kenji the survey results", 2),
        steps=(Action("Share the prototype with Kenji"), Action("Tell Kenji how it went", done=True)),
    )
    promises = open_promises(iv, KENJI, NOW)
    assert [p.item.text for p in promises] == [
        "email Kenji the survey results",
        "Share the prototype with Kenji",
    ]
    assert {p.made_on for p in promises} == {date(2026, 11, 17)}


# Due dates ----------------------------------------------------------------------------------------------------


def test_a_due_date_is_typed_like_any_date() -> None:
    assert parse_due("fri", TODAY) == date(2026, 11, 27)
    assert parse_due("in 1 week", TODAY) == date(2026, 12, 2)
    assert parse_due("2026-12-04", TODAY) == date(2026, 12, 4)
    assert parse_due("  ", TODAY) is None  # empty clears the date


@pytest.mark.parametrize("typed", ["next blursday", "32/13", "soonish"])
def test_a_due_date_that_is_not_a_date_says_so(typed: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_due(typed, TODAY)
    message = str(caught.value)
    assert "can't read" in message and "2026-12-01" in message


def test_the_suggested_day_is_a_week_after_the_call_never_in_the_past() -> None:
    iv = held()
    assert suggested_due(iv, date(2026, 11, 18)) == date(2026, 11, 24)
    assert suggested_due(iv, TODAY) == TODAY  # a week after the call has passed


def test_setting_and_clearing_the_due_date_of_a_note_and_a_step() -> None:
    iv = held(note("send Kenji my portfolio", 1), steps=(Action("Share the prototype with Kenji"),))
    note_item, step_item = action_items(iv)
    dated = lc.set_action_item_due(iv, note_item, date(2026, 11, 27)).interview
    assert dated is not None and dated.notes[0].due == date(2026, 11, 27)
    dated = lc.set_action_item_due(dated, step_item, date(2026, 12, 1)).interview
    assert dated is not None and dated.reflection.next_steps[0].due == date(2026, 12, 1)
    cleared = lc.set_action_item_due(dated, action_items(dated)[0], None).interview
    assert cleared is not None and cleared.notes[0].due is None
    assert lc.set_action_item_due(cleared, action_items(cleared)[0], None).empty  # nothing changed


def test_only_an_action_note_takes_a_due_date() -> None:
    iv = held(note("plain remark", 1, kind=NoteKind.NOTE))
    item = dataclasses.replace(action_items(held(note("x", 1)))[0], text="plain remark")
    with pytest.raises(lc.LifecycleError):
        lc.set_action_item_due(iv, item, TODAY)


def test_a_notes_due_date_is_stored_and_read_back(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d.json", clock=FixedClock(NOW))
    kenji = store.contacts.add(replace(KENJI, id=""))
    dated = held(note("send Kenji my portfolio", 1, due=date(2026, 11, 27)))
    added = store.interviews.add(replace(dated, id="", contact_id=kenji.id))
    store.close()
    reopened = Store.open(tmp_path / "d.json", clock=FixedClock(NOW))
    assert reopened.interviews[added.id].notes[0].due == date(2026, 11, 27)
    reopened.close()


# The Dashboard ------------------------------------------------------------------------------------------------


def agenda_for(*interviews: Interview) -> Any:
    return build_agenda([KENJI], [], interviews, NOW)


def test_overdue_today_upcoming_and_undated_promises_on_the_dashboard() -> None:
    iv = held(
        note("send Kenji my portfolio", 1, due=TODAY + timedelta(days=3)),  # coming up
        note("email Kenji the survey", 2, due=TODAY - timedelta(days=2)),  # overdue
        note("share the slides with Kenji", 3, due=TODAY),  # today
        note("intro Kenji to Ana", 4),  # no date
        note("tell Kenji about the course", 5, due=TODAY + timedelta(days=30)),  # beyond the 7 days
        note("send Kenji the link", 6, due=TODAY, done_at=NOW),  # done
    )
    agenda = agenda_for(iv)
    shown = [(i.detail, i.due, i.overdue, i.kind) for i in agenda.promises]
    assert shown == [
        ("promised by Mon 23 Nov: email Kenji the survey", True, True, ItemKind.PROMISE),
        ("promised by Wed 25 Nov: share the slides with Kenji", True, False, ItemKind.PROMISE),
        ("promised by Sat 28 Nov: send Kenji my portfolio", False, False, ItemKind.PROMISE),
        ("owed since Tue 17 Nov, no date set: intro Kenji to Ana", False, False, ItemKind.PROMISE_UNDATED),
    ]
    assert {i.title for i in agenda.promises} == {"Kenji Sato (Northwind)"}  # whom it is owed to
    assert sum(i.due for i in agenda.promises) == 2  # an undated promise is listed but not counted as due
    assert "Promises you made" in agenda.groups()
    assert all(i.section.value == 4 for i in agenda.promises)  # enter opens it in Follow up


def test_a_dated_action_that_is_not_a_promise_is_a_next_step_and_an_undated_one_is_not_listed() -> None:
    iv = held(
        note("join the reading group", 1, due=TODAY + timedelta(days=1)),
        note("finish the course", 2),
    )
    agenda = agenda_for(iv)
    assert agenda.promises == []
    assert [(i.title, i.kind) for i in agenda.checkins] == [("join the reading group", ItemKind.ACTION)]
    assert agenda.checkins[0].detail == "action from the call with Kenji Sato (Northwind) · Thu 26 Nov"


def test_cancelled_interviews_owe_nothing() -> None:
    iv = replace(held(note("send Kenji my portfolio", 1, due=TODAY)), stage=Stage.CANCELLED)
    assert agenda_for(iv).promises == []


# The calendar -------------------------------------------------------------------------------------------------


def calendar_of(*interviews: Interview, reminders: Any = "events") -> dict[str, Any]:
    raw = build_calendar(Snapshot(contacts=(KENJI,), interviews=interviews), NOW, reminders=reminders)
    cal = Calendar.from_ical(raw)
    return {str(c["UID"]): c for c in cal.walk() if c.name in ("VEVENT", "VTODO")}


def test_one_reminder_with_an_alarm_per_open_dated_promise() -> None:
    iv = held(
        note("send Kenji my portfolio", 1, due=date(2026, 11, 27)),
        note("email Kenji the survey", 2, done_at=NOW, due=date(2026, 11, 27)),  # done: left out
        note("intro Kenji to Ana", 3),  # no date: left out
        note("join the reading group", 4, due=date(2026, 11, 27)),  # not a promise
        steps=(Action("Share the prototype with Kenji", due=date(2026, 12, 1)),),
    )
    found = {uid: c for uid, c in calendar_of(iv).items() if uid.startswith("promise-")}
    assert set(found) == {"promise-N1-reminder@infoview-tui", "promise-I1-step0-reminder@infoview-tui"}
    event = found["promise-N1-reminder@infoview-tui"]
    assert event.name == "VEVENT"
    assert str(event["SUMMARY"]) == "Promised Kenji Sato: send Kenji my portfolio"
    assert event.decoded("DTSTART") == datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert "Tue 17 Nov 2026" in str(event["DESCRIPTION"])
    assert [a["ACTION"] for a in event.subcomponents if a.name == "VALARM"] == ["DISPLAY"]


def test_promises_as_todos_and_none_once_done() -> None:
    iv = held(note("send Kenji my portfolio", 1, due=date(2026, 11, 27)))
    todo = calendar_of(iv, reminders="todos")["promise-N1@infoview-tui"]
    assert todo.name == "VTODO" and todo.decoded("DUE") == date(2026, 11, 27)
    done = held(note("send Kenji my portfolio", 1, due=date(2026, 11, 27), done_at=NOW))
    assert not any(uid.startswith("promise-") for uid in calendar_of(done))


# The check-in draft -------------------------------------------------------------------------------------------


def test_the_checkin_says_what_they_advised_and_what_you_did_since() -> None:
    iv = held(
        note(
            "Advice: Kenji says pick one vertical and learn it deeply",
            1,
            kind=NoteKind.NOTE,
            tiara=QuestionCategory.ADVICE,
        ),
        note("Regulation drives the market, not hype", 2, kind=NoteKind.INSIGHT),
        note("send Kenji my portfolio", 3, done_at=NOW - timedelta(days=3)),
        note("Join the reading group", 4, done_at=NOW - timedelta(days=5)),
        note("Build the calculator prototype", 5),
    )
    draft = checkin_draft(iv, KENJI, Profile(name="Sam Rivera"), NOW)
    assert draft.startswith("Hi Kenji,\n\nWe spoke on 17 November about your work at Northwind")
    assert "You told me: you say pick one vertical and learn it deeply." in draft
    assert "Since then I've:\n- joined the reading group\n- sent you my portfolio" in draft  # in done order
    assert draft.rstrip().endswith("Best wishes,\nSam Rivera")
    result = check(draft)
    assert result.ok, result.problems
    assert count_words(draft) <= CHECKIN_WORD_LIMIT


def test_the_checkin_without_progress_names_the_promise_still_open_and_without_advice_a_placeholder() -> None:
    iv = held(note("Join the reading group", 1), note("send Kenji my portfolio", 2))
    draft = checkin_draft(iv, KENJI, Profile(name="Sam Rivera"), NOW)
    assert "Next, I'm going to send you my portfolio." in draft
    assert THEIR_ADVICE_PLACEHOLDER in draft
    assert any(THEIR_ADVICE_PLACEHOLDER in p for p in check(draft).problems)  # the checker asks to fill it


def test_the_checkin_stays_under_the_word_limit_with_long_notes() -> None:
    long = " ".join(["word"] * 80)
    iv = held(
        note(f"Advice: {long}", 1, kind=NoteKind.INSIGHT),
        *(note(f"send Kenji item {n} {long}", n + 2, done_at=NOW - timedelta(days=n)) for n in range(5)),
    )
    draft = checkin_draft(iv, KENJI, Profile(name="Sam Rivera"), NOW)
    assert count_words(draft) <= CHECKIN_WORD_LIMIT
    assert check(draft).ok
