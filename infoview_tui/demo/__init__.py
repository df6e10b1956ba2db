"""Provides demo data: a realistic, current-looking data set for trying the app, screenshots and benchmarks.

`populate_demo(store, now)` adds a curated set of about a dozen and a half contacts whose interviews cover
every stage: people you know, introductions and cold contacts from six channels; outreach waiting on a reply
(fresh, past the 3B date, past the 7B date), replied, declined and scheduled; an interview within the hour,
one later in the week, conducted calls with timestamped notes, thank-yous due and overdue, follow-ups,
reflections tied to goals and a cancellation. `size=N` adds generated contacts, outreach and interviews
(about N/5, most with full notes) until there are N contacts, for performance work.

Everything is relative to `now` and drawn from `random.Random(seed)`, so the same seed and `now` give the
same data. Records go in with the store's batch methods: a handful of writes whatever the size.
This module is pure core: no Textual import.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from infoview_tui.demo.builder import Builder
from infoview_tui.demo.conversations import curated_interviews
from infoview_tui.demo.earlier import earlier_calls
from infoview_tui.demo.people import curated_goals, curated_intros, curated_known, curated_others
from infoview_tui.demo.requests import curated_outreach
from infoview_tui.demo.scale import Bulk, Plan
from infoview_tui.demo.words import COLD_CHANNELS, COMPANIES, TITLES
from infoview_tui.domain.models import (
    Contact,
    Goal,
    HowKnown,
    Interview,
    IntroRequest,
    IntroStatus,
    Outreach,
    OutreachStatus,
    Profile,
    RecordId,
    Route,
    replace,
)

if TYPE_CHECKING:
    from infoview_tui.store.repository import Store

__all__ = ["COLD_CHANNELS", "DemoSummary", "is_populated", "populate_demo"]

CURATED_CONTACTS = 18
"""Contacts in the curated set (the `size` counts them)."""


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many records `populate_demo` added."""

    contacts: int
    outreach: int
    interviews: int
    goals: int
    intros: int = 0
    notes: int = 0


def is_populated(store: Store) -> bool:
    """True once the file has contacts, outreach or interviews (the question bank does not count)."""
    return not store.is_empty


# Entry point ---------------------------------------------------------------------------------------------


DEMO_PROFILE = Profile(
    name="Sam Rivera",
    intro="I'm a final-year economics student exploring careers in data and analytics",
    school_or_field="Economics, University of Leeds",
)
"""Who the demo's user is: their requests, opening scripts and thank-yous are signed with this."""


def populate_demo(store: Store, now: datetime, size: int | None = None, seed: int = 7) -> DemoSummary:
    """Add demo data relative to `now` (aware); `size` pads the contacts to N with generated records.

    The curated set is always added; `size` smaller than it adds nothing more. Deterministic for a given
    `seed` and `now`. Uses batch writes only, so `size=10_000` takes a few seconds.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("populate_demo needs an aware datetime")
    if size is not None and size < 0:
        raise ValueError("size must not be negative")
    b = Builder(store, now, seed)
    try:
        return _populate(store, b, size)
    finally:
        store.id_source = None


def _populate(store: Store, b: Builder, size: int | None) -> DemoSummary:
    bulk = Bulk(b)
    # The steps run in this order: each draws from the one random source, so the order is part of the data.
    goals = _add_goals(b, extra=size is not None)
    goal_ids = [g.id for g in goals]
    plans, bulk_contacts = _plan_bulk(bulk, size)
    contacts, introducers, other_plans = _add_contacts(b, plans)
    intros = _add_intros(b, contacts, other_plans, introducers if size is not None else [], bulk_contacts)
    outreach, interviews = _add_requests_and_interviews(b, bulk, contacts, plans, goal_ids)
    interviews += store.interviews.add_many(
        earlier_calls(b, contacts, goal_ids)
    )  # last: nothing before it changes
    _count_question_use(store, interviews)
    if store.profile.is_empty:  # the demo's messages and scripts read as a real user's would
        store.save_profile(DEMO_PROFILE)
    return DemoSummary(
        contacts=len(contacts) + len(plans),
        outreach=len(outreach),
        interviews=len(interviews),
        goals=len(goals),
        intros=len(intros),
        notes=sum(len(iv.notes) for iv in interviews),
    )


def _add_goals(b: Builder, *, extra: bool) -> list[Goal]:
    """Goals first: reflections point at them. A sized data set gets two more."""
    goal_records = curated_goals(b)
    extra_goals = [
        Goal(
            title="Build a network in Berlin's startup scene",
            description="Ten real conversations with people at Berlin startups by the summer.",
            created_at=b.days_ago(100, 20, 0),
        ),
        Goal(
            title="Find a team that mentors career changers",
            description="Look for managers who have hired people from other fields.",
            created_at=b.days_ago(80, 21, 30),
        ),
    ]
    return b.store.goals.add_many(goal_records + (extra_goals if extra else []))


def _plan_bulk(bulk: Bulk, size: int | None) -> tuple[list[Plan], int]:
    """The generated contacts and what happens with each (about N/5 interviews, N/2 requests in all)."""
    bulk_contacts = max(0, (size or 0) - CURATED_CONTACTS) if size is not None else 0
    plans = bulk.contacts(bulk_contacts)
    target_interviews = round(size / 5) if size is not None else 0
    bulk_interviews = min(len(plans), max(0, target_interviews - 8))
    target_outreach = (size or 0) // 2
    bulk_outreach_only = min(len(plans) - bulk_interviews, max(0, target_outreach - 13 - bulk_interviews))
    bulk.plan_activity(plans, bulk_interviews, bulk_outreach_only)
    return plans, bulk_contacts


def _add_contacts(b: Builder, plans: list[Plan]) -> tuple[dict[str, Contact], list[Contact], list[Plan]]:
    """Contacts in two writes: people you know first, so introductions can point at them.

    Returns the curated contacts by key, the mentors and professors who can introduce, and the plans for
    generated contacts you did not know (each plan now holds its saved contact).
    """
    store = b.store
    known_plans = [p for p in plans if p.contact.how_known.route is Route.KNOWN]
    other_plans = [p for p in plans if p.contact.how_known.route is not Route.KNOWN]
    known_curated = curated_known(b)
    saved = store.contacts.add_many(list(known_curated.values()) + [p.contact for p in known_plans])
    known = dict(zip(known_curated, saved, strict=False))
    for plan, contact in zip(known_plans, saved[len(known_curated) :], strict=False):
        plan.contact = contact
    introducers = [c for c in saved if c.how_known in (HowKnown.MENTOR, HowKnown.PROFESSOR)]
    for plan in other_plans:
        if plan.contact.how_known is HowKnown.INTRODUCTION:
            plan.contact = replace(plan.contact, introduced_by_id=b.rng.choice(introducers).id)
    others_curated = curated_others(b, known)
    saved = store.contacts.add_many(list(others_curated.values()) + [p.contact for p in other_plans])
    contacts = {**known, **dict(zip(others_curated, saved, strict=False))}
    for plan, contact in zip(other_plans, saved[len(others_curated) :], strict=False):
        plan.contact = contact
    assert len(contacts) == CURATED_CONTACTS
    return contacts, introducers, other_plans


def _add_intros(
    b: Builder,
    contacts: dict[str, Contact],
    other_plans: list[Plan],
    introducers: list[Contact],
    bulk_contacts: int,
) -> list[IntroRequest]:
    """Introductions you asked for: the curated ones, a quarter of the generated introductions, and a few
    still open or declined (only when `introducers` is given)."""
    intros = curated_intros(b, contacts)
    for plan in other_plans:
        if plan.contact.how_known is HowKnown.INTRODUCTION and b.rng.random() < 0.25:
            intros.append(
                IntroRequest(
                    via_contact_id=plan.contact.introduced_by_id or "",
                    target=f"Someone at {plan.contact.company}",
                    asked_at=(plan.contact.created_at or b.now) - timedelta(days=b.rng.randint(2, 20)),
                    status=IntroStatus.INTRODUCED,
                    result_contact_id=plan.contact.id,
                )
            )
    if introducers:
        for _ in range(max(1, bulk_contacts // 200)):
            intros.append(
                IntroRequest(
                    via_contact_id=b.rng.choice(introducers).id,
                    target=f"A {b.rng.choice(TITLES).lower()} at {b.rng.choice(COMPANIES)[0]}",
                    asked_at=b.past_work_time(b.rng.randint(1, 60)),
                    status=b.rng.choice((IntroStatus.ASKED, IntroStatus.DECLINED)),
                )
            )
    return b.store.intros.add_many(intros)


def _add_requests_and_interviews(
    b: Builder, bulk: Bulk, contacts: dict[str, Contact], plans: list[Plan], goal_ids: list[RecordId]
) -> tuple[list[Outreach], list[Interview]]:
    """Interviews need their outreach's id and the outreach needs the interview's: add the outreach first,
    then the interviews, then point the scheduled outreach at them (one more write)."""
    store = b.store
    curated_iv = curated_interviews(b, contacts, goal_ids)
    curated_out = curated_outreach(b, contacts, curated_iv)
    bulk_plans = [p for p in plans if p.outreach_status is not None]
    outreach = store.outreach.add_many(curated_out + [bulk.outreach(p) for p in bulk_plans])
    by_contact = {o.contact_id: o for o in outreach if o.status is OutreachStatus.SCHEDULED}

    interview_records = [replace(iv, outreach_id=by_contact[iv.contact_id].id) for iv in curated_iv.values()]
    for plan in bulk_plans:
        if plan.stage is not None:
            iv = bulk.interview(plan, goal_ids)
            interview_records.append(replace(iv, outreach_id=by_contact[plan.contact.id].id))
    interviews = store.interviews.add_many(interview_records)
    store.outreach.update_many(
        replace(by_contact[iv.contact_id], interview_id=iv.id)
        for iv in interviews
        if iv.outreach_id is not None
    )
    return outreach, interviews


def _count_question_use(store: Store, interviews: list[Interview]) -> None:
    """The question bank remembers how often each question was chosen and how useful it was."""
    used: dict[RecordId, list[int]] = {}
    for iv in interviews:
        for q in iv.questions:
            if q.question_id is not None:
                stats = used.setdefault(q.question_id, [0, 0, 0])
                stats[0] += 1
                if q.usefulness is not None:
                    stats[1] += q.usefulness
                    stats[2] += 1
    bank = {q.id: q for q in store.questions.all()}
    store.questions.update_many(
        replace(
            bank[qid],
            times_used=bank[qid].times_used + n,
            rating_total=bank[qid].rating_total + total,
            rating_count=bank[qid].rating_count + count,
        )
        for qid, (n, total, count) in used.items()
        if qid in bank
    )
