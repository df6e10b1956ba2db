"""Provides a career goal's evidence: the conversations tied to it, your interest over time, the calls that
changed or confirmed your direction, and the questions nobody has been asked about it yet.

Pure core (no Textual). A conversation is tied to a goal when its reflection ticks the goal
(`Reflection.goal_ids`).

Which question to ask next (`next_questions`), so the next conversation tests what you know least:
1. only questions in the bank (not archived) that were never asked in a conversation tied to the goal
   (asked means ticked as asked during the call; matched by bank id, or by wording for a custom question);
2. the TIARA category asked least in those conversations first (a category never asked about is the biggest
   gap); the opening "starter" questions come after the others when the counts tie, since they say little
   about a goal;
3. then the most useful by the question bank's own score (the average usefulness pulled towards 3 for few
   ratings), then the one chosen least often, then alphabetically.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from infoview_tui.domain.models import Contact, Goal, Interview, Question, QuestionCategory, RecordId
from infoview_tui.stages.prepare.question_bank import score

__all__ = ["GoalConversation", "GoalEvidence", "NextQuestion", "goal_evidence", "next_questions"]

REMOVED = "(removed contact)"


@dataclass(frozen=True, slots=True)
class GoalConversation:
    """One conversation tied to a goal."""

    interview_id: RecordId
    name: str
    """Who it was with ("(removed contact)" when they are no longer in the file)."""
    when: datetime | None
    interest: int | None
    changed_direction: bool | None
    """True: it changed your direction; False: it confirmed it; None: not said."""
    takeaway: str
    """The first line of the takeaways."""


@dataclass(frozen=True, slots=True)
class NextQuestion:
    """A question never asked about the goal, and why it comes first."""

    text: str
    category: QuestionCategory
    reason: str


@dataclass(frozen=True, slots=True)
class GoalEvidence:
    """What your conversations say about one goal, oldest conversation first."""

    goal: Goal
    conversations: tuple[GoalConversation, ...]
    next_questions: tuple[NextQuestion, ...]

    @property
    def interest(self) -> tuple[int | None, ...]:
        """Interest (1–5) after each conversation, oldest first; None where it was not rated."""
        return tuple(c.interest for c in self.conversations)

    @property
    def average_interest(self) -> float | None:
        rated = [v for v in self.interest if v]
        return sum(rated) / len(rated) if rated else None

    @property
    def changed(self) -> tuple[GoalConversation, ...]:
        """The calls that changed your direction."""
        return tuple(c for c in self.conversations if c.changed_direction is True)

    @property
    def confirmed(self) -> tuple[GoalConversation, ...]:
        """The calls that confirmed it."""
        return tuple(c for c in self.conversations if c.changed_direction is False)


def _when(iv: Interview) -> datetime | None:
    return iv.call.ended_at or iv.scheduled_at or iv.created_at


def goal_evidence(
    goal: Goal,
    interviews: Iterable[Interview],
    contacts: Mapping[RecordId, Contact],
    questions: Iterable[Question],
    *,
    limit: int = 3,
) -> GoalEvidence:
    """The evidence for `goal` (see the module's docstring for the question rule); up to `limit` questions."""
    tied = [iv for iv in interviews if goal.id in iv.reflection.goal_ids]
    tied.sort(key=lambda iv: (_when(iv) is None, _when(iv) or datetime.min, iv.id))
    conversations = []
    for iv in tied:
        who = contacts.get(iv.contact_id)
        takeaway = (
            iv.reflection.takeaways.strip().split("\n", 1)[0] if iv.reflection.takeaways.strip() else ""
        )
        conversations.append(
            GoalConversation(
                iv.id,
                who.name if who else REMOVED,
                _when(iv),
                iv.reflection.interest,
                iv.reflection.changed_direction,
                takeaway,
            )
        )
    return GoalEvidence(goal, tuple(conversations), tuple(next_questions(tied, questions, limit)))


def next_questions(
    tied: Iterable[Interview], questions: Iterable[Question], limit: int = 3
) -> list[NextQuestion]:
    """The bank's questions never asked in `tied`, the least-tested category first (module docstring)."""
    asked_ids: set[RecordId] = set()
    asked_texts: set[str] = set()
    per_category: Counter[QuestionCategory] = Counter()
    conversations = 0
    for iv in tied:
        conversations += 1
        for chosen in iv.questions:
            if chosen.asked:
                per_category[chosen.category] += 1
                asked_texts.add(" ".join(chosen.text.casefold().split()))
                if chosen.question_id:
                    asked_ids.add(chosen.question_id)
    fresh = [
        q
        for q in questions
        if not q.archived and q.id not in asked_ids and " ".join(q.text.casefold().split()) not in asked_texts
    ]
    fresh.sort(
        key=lambda q: (
            per_category[q.category],
            q.category is QuestionCategory.STARTER,
            -score(q),
            q.times_used,
            q.text.casefold(),
            q.id,
        )
    )
    return [
        NextQuestion(q.text, q.category, _reason(q.category, per_category, conversations))
        for q in fresh[:limit]
    ]


def _reason(category: QuestionCategory, asked: Counter[QuestionCategory], conversations: int) -> str:
    """Why this question comes first, in a few words."""
    if not conversations:
        return "no conversation tied yet"
    count = asked[category]
    return f"{category.label}: never asked" if not count else f"{category.label}: asked least, {count}×"
