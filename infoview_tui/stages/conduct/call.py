"""Provides what happens during a call, as pure functions over an Interview: notes, questions asked,
the opening script, ending the call and what it leaves to follow up.

Every function takes an interview and `now` and returns the new interview; the Conduct screen saves it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from infoview_tui.domain.ids import new_id
from infoview_tui.domain.models import (
    ChosenQuestion,
    Contact,
    Interview,
    Note,
    NoteKind,
    Profile,
    QuestionCategory,
    RecordId,
    Stage,
    replace,
)
from infoview_tui.domain.profile import intro_sentence
from infoview_tui.domain.safe_text import strip_controls
from infoview_tui.domain.timing import elapsed, end_call, live_pacing, start_or_toggle
from infoview_tui.domain.validation import clean_line

MAX_NOTE = 4000
"""A note is one line of at most this many characters; a longer pasted line is split into several notes."""

PREFIXES = {"!": NoteKind.ACTION, "@": NoteKind.REFERRAL, "*": NoteKind.INSIGHT}
"""Type these at the start of a note to set its kind: ! action for you, @ referral, * insight."""

EARLY_START = timedelta(minutes=30)
"""Starting the clock more than this before the scheduled time asks first (a slip of ctrl+t, the wrong call)."""

TIARA = (
    QuestionCategory.TRENDS,
    QuestionCategory.INSIGHTS,
    QuestionCategory.ADVICE,
    QuestionCategory.RESOURCES,
    QuestionCategory.ASSIGNMENTS,
)


def parse_note(text: str, kind: NoteKind = NoteKind.NOTE) -> tuple[NoteKind, str]:
    """A leading !, @ or * sets the kind; the marker is removed from the text."""
    stripped = text.strip()
    if stripped[:1] in PREFIXES:
        return PREFIXES[stripped[:1]], stripped[1:].strip()
    return kind, stripped


def current_question(interview: Interview, chosen: int | None = None) -> int | None:
    """The question in play: the one the user jumped to, else the first not yet asked."""
    if not interview.questions:
        return None
    if chosen is not None and 0 <= chosen < len(interview.questions):
        return chosen
    for index, question in enumerate(interview.questions):
        if not question.asked:
            return index
    return None


def add_note(
    interview: Interview,
    text: str,
    now: datetime,
    *,
    kind: NoteKind = NoteKind.NOTE,
    question_index: int | None = None,
    tiara: QuestionCategory | None = None,
) -> Interview:
    """Append a note stamped with the time into the call (0 before the clock starts)."""
    kind, body = parse_note(text, kind)
    body = clean_line(body, MAX_NOTE)
    if not body:
        return interview
    if tiara is None and question_index is not None and question_index < len(interview.questions):
        category = interview.questions[question_index].category
        tiara = category if category in TIARA else None
    note = Note(
        text=body,
        offset_s=round(elapsed(interview.call, now).total_seconds(), 1),
        id=new_id(now),
        question_index=question_index,
        kind=kind,
        tiara=tiara,
        created_at=now,
    )
    return replace(interview, notes=(*interview.notes, note))


def set_draft(interview: Interview, text: str) -> Interview:
    """Keep what is typed in the note field but not yet saved; the same interview if nothing changed.

    The draft is stored as typed (only control characters go), so it comes back exactly, spaces included.
    """
    draft = strip_controls(text, replacement=" ")[:MAX_NOTE]
    return interview if draft == interview.note_draft else replace(interview, note_draft=draft)


def split_lines(text: str, limit: int = MAX_NOTE) -> tuple[list[str], str]:
    """A note field's text after a paste: the complete lines to save as notes, and what stays in the field.

    Every line ended by a newline becomes a note (blank ones are skipped); the text after the last newline
    stays to be finished. A line longer than `limit` is split at a space where it can be, so nothing is cut.
    """
    lines = strip_controls(text.replace("\t", " "), multiline=True).split("\n")
    notes = [piece for line in lines[:-1] for piece in _pieces(line, limit) if piece.strip()]
    *full, rest = _pieces(lines[-1], limit)
    notes += [piece for piece in full if piece.strip()]
    return notes, rest


def _pieces(line: str, limit: int) -> list[str]:
    """`line` in pieces of at most `limit` characters, broken after a space where there is one."""
    pieces: list[str] = []
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit) + 1 or limit
        pieces.append(line[:cut].rstrip(" "))
        line = line[cut:]
    return [*pieces, line]


def edit_note(interview: Interview, note_id: RecordId, text: str) -> Interview:
    kind, body = parse_note(text, next((n.kind for n in interview.notes if n.id == note_id), NoteKind.NOTE))
    body = clean_line(body, MAX_NOTE)
    notes = tuple(replace(n, text=body, kind=kind) if n.id == note_id else n for n in interview.notes)
    return replace(interview, notes=notes)


def delete_note(interview: Interview, note_id: RecordId) -> Interview:
    return replace(interview, notes=tuple(n for n in interview.notes if n.id != note_id))


def mark_asked(interview: Interview, index: int, now: datetime) -> Interview:
    """The question at `index` was asked now."""
    questions = list(interview.questions)
    if not 0 <= index < len(questions):
        return interview
    offset = round(elapsed(interview.call, now).total_seconds(), 1)
    questions[index] = replace(questions[index], asked=True, asked_offset_s=offset)
    return replace(interview, questions=tuple(questions))


def add_question(interview: Interview, text: str) -> Interview:
    """A question asked that wasn't prepared."""
    body = clean_line(text, 300)
    if not body:
        return interview
    return replace(interview, questions=interview.questions + (ChosenQuestion(text=body),))


def starts_off_schedule(interview: Interview, now: datetime) -> bool:
    """Starting the clock now would be far from the scheduled time: ask before starting.

    True when the clock has never run, a time is set, and now is more than `EARLY_START` before it or on
    another (local) day than it. Resuming a paused call never asks.
    """
    when = interview.scheduled_at
    if when is None or interview.call.spans or interview.call.ended_at is not None:
        return False
    return when - now > EARLY_START or now.astimezone().date() != when.astimezone().date()


def toggle_clock(interview: Interview, now: datetime) -> Interview:
    """ctrl+t: start, pause or resume the call clock."""
    return replace(interview, call=start_or_toggle(interview.call, now))


def finish(interview: Interview, now: datetime) -> Interview:
    """End the call: close the clock, stamp the end, mark the interview conducted."""
    return replace(interview, call=end_call(interview.call, now), stage=Stage.CONDUCTED)


def pacing_line(interview: Interview, now: datetime) -> str:
    """'4 questions left, 9 minutes', with a nudge to prioritise must-asks when time is short."""
    left = [q for q in interview.questions if not q.asked]
    remaining = timedelta(minutes=interview.duration_minutes) - elapsed(interview.call, now)
    return live_pacing(len(left), sum(q.must_ask for q in left), remaining)


def is_conducted(interview: Interview) -> bool:
    """The conversation was held: its call has ended. The one definition the core and the screens share."""
    return interview.call.ended_at is not None


def captured(interview: Interview, kind: NoteKind) -> list[Note]:
    """The notes of one kind (referrals, actions, insights)."""
    return [n for n in interview.notes if n.kind is kind]


def actual_length(interview: Interview) -> timedelta:
    """How long the call clock ran (zero before it ends)."""
    ended = interview.call.ended_at
    return elapsed(interview.call, ended) if ended is not None else timedelta()


def reintroduction(profile: Profile | None) -> str:
    """The opening's one-line re-introduction, from your profile (a placeholder for what is missing)."""
    name = " ".join(profile.name.split()) if profile else ""
    intro = intro_sentence(profile.intro) if profile else ""
    if name and intro:
        return f"A quick reminder of who I am: I'm {name}. {intro}"
    if intro:
        return f"A quick reminder of who I am: {intro}"
    if name:
        return f"A quick reminder of who I am: I'm {name}, [your one-line introduction]."
    return "A quick reminder of who I am: [your one-line introduction]."


def opening_script(
    interview: Interview, contact: Contact | None, profile: Profile | None = None
) -> list[str]:
    """What to say first: thanks, a one-line re-introduction from your profile, what you hope to learn,
    the time check."""
    first = contact.name.split()[0] if contact and contact.name else "them"
    hope = interview.hope_to_learn.strip().rstrip(".") or "[what you hope to learn: add it in Prepare]"
    return [
        f"Thank you for making the time, {first}; I really appreciate it.",
        reintroduction(profile),
        f"I'm hoping to learn {hope[0].lower() + hope[1:] if hope[:1].isupper() and not hope.startswith('[') else hope}.",
        f"We have about {interview.duration_minutes} minutes; does that still work for you?",
    ]
