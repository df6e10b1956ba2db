"""Provides the demo's earlier conversations: a first short call with someone you are about to talk to again,
so the brief before the next call (`stages.prepare.brief`) has something to say.

Kenji's video call in 40 minutes follows a 15-minute phone call eight days ago, the day after he accepted
the LinkedIn connection: what he told you, two promises (one kept, one not yet) and the next steps you set.
Built after the rest of the demo (its random draws and ids come last), so the other records do not change.
"""

from __future__ import annotations

from datetime import timedelta

from infoview_tui.demo.builder import Builder, make_call
from infoview_tui.domain.models import (
    Action,
    Checklist,
    ChosenQuestion,
    Contact,
    FollowUp,
    Interview,
    Medium,
    NoteKind,
    RecordId,
    Reflection,
    Stage,
    replace,
)

__all__ = ["earlier_calls"]

_N, _I, _A = NoteKind.NOTE, NoteKind.INSIGHT, NoteKind.ACTION

_KENJI_FIRST_NOTES: tuple[tuple[float, int | None, NoteKind, str], ...] = (
    (0.5, None, _N, "Quick phone call; he was walking to the office"),
    (1.5, 0, _N, "PhD in transport modelling, then straight into Brightline's first data hire"),
    (2, 0, _I, "Brightline hires data scientists without a PhD if you can show shipped work"),
    (3.5, 0, _N, "Two of the six people on the pricing team came from consulting"),
    (5, 0, _N, "The pricing team runs about two experiments a month, city by city"),
    (6, 0, _N, "Interviews include a take-home on a messy rides data set"),
    (7, 1, _I, "Watch his PyData talk before the proper call: the Q&A covers how they test prices"),
    (9, 1, _A, "Send him my bike-share demand notebook"),
    (11, 1, _A, "Send him my three questions on Brightline's pricing-experiments post before we talk again"),
    (13, 1, _I, "A holdout city beats a before/after comparison every time"),
)


def _kenji_first_call(b: Builder, kenji: Contact, goal_ids: list[RecordId]) -> Interview:
    """Eight days ago, 15 minutes by phone: reflected, one promise kept and one not yet."""
    sched = b.days_ago(8, 17, 30)
    call = make_call(sched + timedelta(minutes=1), 15 * 60 + 20)
    # Questions of this call only (none from the bank, whose use counts show elsewhere in the demo).
    questions: tuple[ChosenQuestion, ...] = (
        b.custom("Would Brightline consider someone without a PhD for a DS role?"),
        b.custom("What should I do before we talk properly?"),
    )
    notes, questions = b.notes_from_rows(call, questions, _KENJI_FIRST_NOTES, ratings=(3, 5))
    # The notebook was sent the next morning; the questions, promised by two days ago, are still to do: the
    # Dashboard shows it overdue, and the brief before today's call says so.
    notes = tuple(
        replace(n, done_at=b.days_ago(7, 9, 15))
        if n.text.startswith("Send him my bike-share")
        else replace(n, due=b.today - timedelta(days=2))
        if n.text.startswith("Send him my three")
        else n
        for n in notes
    )
    ended = call.ended_at or sched
    return Interview(
        contact_id=kenji.id,
        scheduled_at=sched,
        duration_minutes=15,
        medium=Medium.PHONE,
        stage=Stage.REFLECTED,
        hope_to_learn="Whether Brightline would talk to someone without a PhD, before asking for a longer call.",
        questions=questions,
        call=call,
        notes=notes,
        follow_up=FollowUp(
            thank_you_draft="Hi Kenji,\n\nThanks for the quick call, and for the pointer to your PyData talk. "
            "I'll send the bike-share notebook over.\n\nBest,",
            thank_you_sent_at=ended + timedelta(hours=2),
            linkedin_connected_at=ended + timedelta(hours=2),  # already connected: how the call came about
        ),
        reflection=Reflection(
            takeaways="A PhD is not required at Brightline; shipped work is what counts. Worth a proper call.",
            next_steps=(
                Action(
                    "Redo the notebook with a holdout city",
                    b.today - timedelta(days=4),
                    True,
                    b.days_ago(5, 20, 0),
                ),
                Action(
                    "Write three questions about how the pricing team decides", b.today - timedelta(days=1)
                ),
            ),
            goal_ids=(goal_ids[1],),
            interest=4,
            written_at=ended + timedelta(hours=3),
        ),
        checklist=Checklist(True, True, True, True, True),
        created_at=b.days_ago(9, 12, 0),
    )


def earlier_calls(b: Builder, contacts: dict[str, Contact], goal_ids: list[RecordId]) -> list[Interview]:
    """The earlier conversations with people the demo is about to talk to again."""
    return [_kenji_first_call(b, contacts["kenji"], goal_ids)]
