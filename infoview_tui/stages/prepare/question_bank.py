"""Provides the question bank's rules: ranking ("good questions rise"), choosing and editing an interview's
questions, feeding usefulness ratings back into the bank, and how ready an interview is.

Every function takes records and returns new ones (they are frozen Structs); nothing here touches the
store, so screens decide when to save. This module is pure core: no Textual import.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from infoview_tui.domain.models import (
    Checklist,
    ChosenQuestion,
    Interview,
    Medium,
    Question,
    RecordId,
    replace,
)

__all__ = [
    "MIN_QUESTIONS",
    "PRIOR_RATING",
    "PRIOR_WEIGHT",
    "READINESS_TOTAL",
    "choose",
    "edit_text",
    "move",
    "rank",
    "rate",
    "readiness",
    "remove",
    "score",
    "toggle_must_ask",
    "used",
]

PRIOR_RATING = 3.0
"""What an unrated question is assumed to be worth on the 1–5 usefulness scale: neutral."""
PRIOR_WEIGHT = 2
"""How many imaginary neutral ratings every question starts with, so one 5 does not beat ten 4s."""
MIN_QUESTIONS = 3
"""An interview counts as having its questions chosen from this many."""
READINESS_TOTAL = 5


# Ranking ---------------------------------------------------------------------------------------------------


def score(question: Question) -> float:
    """The Bayesian average of the question's usefulness ratings: (total + 3.0 × 2) / (count + 2)."""
    return (question.rating_total + PRIOR_RATING * PRIOR_WEIGHT) / (question.rating_count + PRIOR_WEIGHT)


def rank(questions: Iterable[Question]) -> list[Question]:
    """The bank best first, archived questions left out.

    By the Bayesian average rating (unrated questions sit at a neutral 3.0), then how often a question was
    chosen, then the built-in starter bank before your own, then alphabetically (case-insensitive), then id.
    """
    live = [q for q in questions if not q.archived]
    return sorted(live, key=lambda q: (-score(q), -q.times_used, not q.builtin, q.text.casefold(), q.id))


def used(question: Question) -> Question:
    """The bank record after the question was chosen for an interview once more."""
    return replace(question, times_used=question.times_used + 1)


# An interview's questions ----------------------------------------------------------------------------------


def _same(chosen: ChosenQuestion, question: Question) -> bool:
    if question.id and chosen.question_id == question.id:
        return True
    return " ".join(chosen.text.split()).casefold() == " ".join(question.text.split()).casefold()


def choose(interview: Interview, question: Question, must_ask: bool = False) -> Interview:
    """Append a bank question to the interview's list; unchanged if it (same id or text) is already there.

    Callers that get a changed interview back should also save `used(question)` to the bank.
    """
    if any(_same(c, question) for c in interview.questions):
        return interview
    chosen = ChosenQuestion(
        text=question.text,
        question_id=question.id or None,
        category=question.category,
        must_ask=must_ask,
    )
    return replace(interview, questions=interview.questions + (chosen,))


def _check_index(interview: Interview, index: int) -> None:
    if not 0 <= index < len(interview.questions):
        raise IndexError(f"question {index} is out of range (the interview has {len(interview.questions)})")


def move(interview: Interview, index: int, delta: int) -> Interview:
    """Move question `index` by `delta` places (negative is up), stopping at either end."""
    _check_index(interview, index)
    target = min(max(index + delta, 0), len(interview.questions) - 1)
    if target == index:
        return interview
    items = list(interview.questions)
    items.insert(target, items.pop(index))
    return replace(interview, questions=tuple(items))


def remove(interview: Interview, index: int) -> Interview:
    """Drop question `index` from the interview (the bank keeps it)."""
    _check_index(interview, index)
    return replace(interview, questions=interview.questions[:index] + interview.questions[index + 1 :])


def toggle_must_ask(interview: Interview, index: int) -> Interview:
    _check_index(interview, index)
    question = interview.questions[index]
    return _replace_at(interview, index, replace(question, must_ask=not question.must_ask))


def edit_text(interview: Interview, index: int, text: str) -> Interview:
    """Reword question `index` for this interview only.

    Reworded, it no longer points at its bank question (its rating would credit a question that was not asked
    in those words); the category and must-ask mark stay. Raises ValueError for empty text.
    """
    _check_index(interview, index)
    new_text = text.strip()
    if not new_text:
        raise ValueError("A question needs some text; remove it instead.")
    question = interview.questions[index]
    if new_text == question.text:
        return interview
    return _replace_at(interview, index, replace(question, text=new_text, question_id=None))


def _replace_at(interview: Interview, index: int, question: ChosenQuestion) -> Interview:
    items = list(interview.questions)
    items[index] = question
    return replace(interview, questions=tuple(items))


# Ratings ---------------------------------------------------------------------------------------------------


def _ratings(interview: Interview | None) -> dict[RecordId, tuple[int, int]]:
    """question_id -> (total, count) of the valid 1–5 usefulness ratings in one interview."""
    found: dict[RecordId, tuple[int, int]] = {}
    if interview is None:
        return found
    for q in interview.questions:
        if q.question_id is None or q.usefulness is None or not 1 <= q.usefulness <= 5:
            continue
        total, count = found.get(q.question_id, (0, 0))
        found[q.question_id] = (total + q.usefulness, count + 1)
    return found


def rate(
    questions_by_id: Mapping[RecordId, Question], interview: Interview, previous: Interview | None = None
) -> list[Question]:
    """The bank records changed by the ratings in `interview`'s reflection, ready for `update_many`.

    Pass the interview as it was stored before this save as `previous`: its ratings are taken out and the new
    ones put in, so saving a reflection again (or changing one rating) never counts twice. Questions no longer
    in the bank and questions whose totals do not change are left out; totals never drop below zero.
    """
    new, old = _ratings(interview), _ratings(previous)
    changed = []
    for qid in sorted(set(new) | set(old)):
        question = questions_by_id.get(qid)
        if question is None:
            continue
        d_total = new.get(qid, (0, 0))[0] - old.get(qid, (0, 0))[0]
        d_count = new.get(qid, (0, 0))[1] - old.get(qid, (0, 0))[1]
        if d_total == 0 and d_count == 0:
            continue
        changed.append(
            replace(
                question,
                rating_total=max(0, question.rating_total + d_total),
                rating_count=max(0, question.rating_count + d_count),
            )
        )
    return changed


# Readiness --------------------------------------------------------------------------------------------------

_LINK_LABELS = {
    Medium.VIDEO: "test the link",
    Medium.PHONE: "check the number",
    Medium.IN_PERSON: "plan the route",
}


def effective_checklist(interview: Interview) -> Checklist:
    """The checklist as ticked, plus what the interview itself shows: research written, 3+ questions chosen."""
    checklist = interview.checklist
    return replace(
        checklist,
        researched_person=checklist.researched_person or bool(interview.research_person.strip()),
        researched_company=checklist.researched_company or bool(interview.research_company.strip()),
        questions_chosen=checklist.questions_chosen or len(interview.questions) >= MIN_QUESTIONS,
    )


def readiness(interview: Interview) -> tuple[int, int, list[str]]:
    """(done, total, what is left) over the five checklist items the Dashboard and Prepare show.

    Research and questions count as done when ticked or when the interview shows them (the text is written,
    3+ questions are chosen); the time and the link or place count when ticked.
    """
    checklist = effective_checklist(interview)
    missing: list[str] = []
    if not checklist.researched_person:
        missing.append("research the person")
    if not checklist.researched_company:
        missing.append("research the company")
    if not checklist.questions_chosen:
        missing.append(f"choose {MIN_QUESTIONS}+ questions ({len(interview.questions)} so far)")
    if not checklist.confirmed_time:
        missing.append("confirm the time")
    if not checklist.link_tested:
        missing.append(_LINK_LABELS.get(interview.medium, "test the link"))
    return READINESS_TOTAL - len(missing), READINESS_TOTAL, missing
