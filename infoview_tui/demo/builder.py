"""Provides what every demo builder shares: time helpers, made-up addresses and `Builder` (clock, random
source, question bank).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from infoview_tui.domain.ids import IdGenerator
from infoview_tui.domain.models import (
    STARTER_QUESTIONS,
    CallRecord,
    ChosenQuestion,
    Note,
    NoteKind,
    Question,
    QuestionCategory,
    RecordId,
    TimeSpan,
    replace,
    starter_questions,
)

if TYPE_CHECKING:
    from infoview_tui.store.repository import Store
from infoview_tui.demo.words import (
    TIARA,
)
from infoview_tui.domain.text import DEMO_SPELLINGS, slug

# Time helpers ----------------------------------------------------------------------------------------


def business_days_before(moment: datetime, days: int) -> datetime:
    """The same time of day `days` business days (Monday–Friday) before `moment`."""
    current = moment
    counted = 0
    while counted < days:
        current -= timedelta(days=1)
        if current.weekday() < 5:
            counted += 1
    return current


def weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def floor_minutes(moment: datetime, step: int = 5) -> datetime:
    return moment.replace(minute=moment.minute - moment.minute % step, second=0, microsecond=0)


def make_call(start: datetime, run_s: int, pause_at_s: int | None = None, pause_s: int = 0) -> CallRecord:
    """A finished call that ran `run_s` seconds on the clock, optionally paused once."""
    if pause_at_s is None or pause_s <= 0:
        end = start + timedelta(seconds=run_s)
        return CallRecord(spans=(TimeSpan(start=start, end=end),), ended_at=end)
    paused = start + timedelta(seconds=pause_at_s)
    resumed = paused + timedelta(seconds=pause_s)
    end = resumed + timedelta(seconds=run_s - pause_at_s)
    return CallRecord(
        spans=(TimeSpan(start=start, end=paused), TimeSpan(start=resumed, end=end)), ended_at=end
    )


def wall_time(call: CallRecord, offset_s: float) -> datetime | None:
    """The clock time at which the call clock showed `offset_s`."""
    remaining = offset_s
    for span in call.spans:
        end = span.end or call.ended_at
        if end is None:
            return span.start + timedelta(seconds=remaining)
        length = (end - span.start).total_seconds()
        if remaining <= length:
            return span.start + timedelta(seconds=remaining)
        remaining -= length
    return call.ended_at


def make_email(name: str, company: str) -> str:
    parts = [p for p in slug(name, spellings=DEMO_SPELLINGS).split("-") if p not in ("dr", "prof")]
    return f"{parts[0]}.{parts[-1]}@{slug(company, spellings=DEMO_SPELLINGS)}.example"


def make_linkedin(name: str, suffix: str = "") -> str:
    handle = "-".join(p for p in slug(name, spellings=DEMO_SPELLINGS).split("-") if p not in ("dr", "prof"))
    return f"https://www.linkedin.com/in/{handle}{'-' + suffix if suffix else ''}-example"


class Builder:
    """Holds the random source, the clock reading and the question bank while records are made."""

    def __init__(self, store: Store, now: datetime, seed: int) -> None:
        self.store = store
        self.now = now.replace(microsecond=0)
        self.tz: tzinfo | None = now.tzinfo
        self.today = self.now.date()
        self.rng = random.Random(seed)
        self._ids = IdGenerator(random.Random(f"demo-ids-{seed}").randbytes)
        store.id_source = self.new_id
        bank = [q for q in store.questions.all() if not q.archived]
        if not bank:
            bank = store.questions.add_many(starter_questions())
        self.bank = bank
        self.bank_by_text = {q.text: q for q in bank}
        self.bank_by_cat: dict[QuestionCategory, list[Question]] = {}
        for q in bank:
            self.bank_by_cat.setdefault(q.category, []).append(q)

    def new_id(self) -> RecordId:
        """A repeatable record id (its own random source, so the data drawn from `rng` is unchanged)."""
        return self._ids(self.now)

    # Small helpers -------------------------------------------------------------------------------------
    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz)

    def days_ago(self, days: int, hour: int, minute: int = 0) -> datetime:
        return self.at(self.today - timedelta(days=days), hour, minute)

    def past_work_time(self, days_ago: int) -> datetime:
        """A weekday working-hours time about `days_ago` days back, always before now."""
        day = weekday_on_or_before(self.today - timedelta(days=max(1, days_ago)))
        return self.at(day, self.rng.randint(8, 17), self.rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)))

    def cap(self, moment: datetime) -> datetime:
        """Never later than a minute before now."""
        return min(moment, self.now - timedelta(minutes=1))

    def chosen(self, index: int, must_ask: bool = False) -> ChosenQuestion:
        """A question from the bank by its place in the starter set (or the first of its category)."""
        category, text = STARTER_QUESTIONS[index]
        question = self.bank_by_text.get(text)
        if question is None and self.bank_by_cat.get(category):
            question = self.bank_by_cat[category][0]
        if question is None:
            return ChosenQuestion(text=text, category=category, must_ask=must_ask)
        return ChosenQuestion(
            text=question.text, question_id=question.id, category=question.category, must_ask=must_ask
        )

    @staticmethod
    def custom(text: str, must_ask: bool = False) -> ChosenQuestion:
        return ChosenQuestion(text=text, category=QuestionCategory.OTHER, must_ask=must_ask)

    def notes_from_rows(
        self,
        call: CallRecord,
        questions: tuple[ChosenQuestion, ...],
        rows: Sequence[tuple[float, int | None, NoteKind, str]],
        ratings: tuple[int | None, ...] = (),
    ) -> tuple[tuple[Note, ...], tuple[ChosenQuestion, ...]]:
        """Notes from (minute, question index, kind, text) rows; marks the questions they fall under as asked."""
        limit = sum((s.end - s.start).total_seconds() for s in call.spans if s.end is not None) - 5
        notes: list[Note] = []
        last = 0.0
        for minute, q_index, kind, text in rows:
            offset = min(limit, max(last + 5, minute * 60 + self.rng.randint(0, 40)))
            offset = round(offset, 1)
            last = offset
            category = questions[q_index].category if q_index is not None else None
            notes.append(
                Note(
                    text=text,
                    offset_s=float(offset),
                    id=self.new_id(),
                    question_index=q_index,
                    kind=kind,
                    tiara=category if category in TIARA else None,
                    created_at=wall_time(call, offset),
                )
            )
        return tuple(notes), self.mark_asked(questions, notes, ratings)

    def mark_asked(
        self, questions: tuple[ChosenQuestion, ...], notes: list[Note], ratings: tuple[int | None, ...] = ()
    ) -> tuple[ChosenQuestion, ...]:
        first_offset: dict[int, float] = {}
        for note in notes:
            if note.question_index is not None and note.question_index not in first_offset:
                first_offset[note.question_index] = note.offset_s
        out = []
        previous = 0.0
        for i, question in enumerate(questions):
            rating = ratings[i] if i < len(ratings) else None
            if i in first_offset:
                asked_at = round(max(previous + 1, first_offset[i] - self.rng.randint(15, 50)), 1)
                asked_at = min(asked_at, first_offset[i])
                previous = asked_at
                out.append(replace(question, asked=True, asked_offset_s=float(asked_at), usefulness=rating))
            else:
                out.append(replace(question, asked=False, asked_offset_s=None, usefulness=None))
        return tuple(out)
