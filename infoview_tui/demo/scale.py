"""Provides the generated demo bulk for `size=N`: contacts, outreach and interviews with full notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from infoview_tui.domain.dates import nudge_dates
from infoview_tui.domain.models import (
    Action,
    CallRecord,
    Channel,
    Checklist,
    ChosenQuestion,
    Contact,
    FollowUp,
    HowKnown,
    Interview,
    Medium,
    Note,
    NoteKind,
    Outreach,
    OutreachStatus,
    Question,
    QuestionCategory,
    RecordId,
    Reflection,
    Stage,
    replace,
)

if TYPE_CHECKING:
    pass
from infoview_tui.demo.builder import (
    Builder,
    make_call,
    make_email,
    make_linkedin,
    wall_time,
    weekday_on_or_after,
    weekday_on_or_before,
)
from infoview_tui.demo.words import (
    BOOKS,
    CITIES,
    COLD_CHANNELS,
    COMMUNITIES,
    COMPANIES,
    COURSES,
    FIRST_NAMES,
    LAST_NAMES,
    MENTOR_TITLES,
    NEWSLETTERS,
    NEXT_STEPS,
    NOTE_POOLS,
    PROFESSOR_TITLES,
    SMALL_TALK_NOTES,
    STARTER_NOTES,
    SURPRISES,
    TAGS,
    TAKEAWAYS,
    TIARA,
    TITLES,
    ZONES,
)
from infoview_tui.domain.text import DEMO_SPELLINGS, slug

# The generated bulk ----------------------------------------------------------------------------------------

_KNOWN_KINDS = (
    HowKnown.FRIEND,
    HowKnown.FAMILY,
    HowKnown.CLASSMATE,
    HowKnown.FORMER_COLLEAGUE,
    HowKnown.MENTOR,
    HowKnown.PROFESSOR,
)
_BULK_STAGES = (
    (Stage.REFLECTED, 40),
    (Stage.FOLLOWED_UP, 20),
    (Stage.CONDUCTED, 12),
    (Stage.PREPARED, 8),
    (Stage.SCHEDULED, 10),
    (Stage.CANCELLED, 10),
)


@dataclass(slots=True)
class Plan:
    """What will happen with one generated contact, decided before ids exist."""

    contact: Contact
    stage: Stage | None = None
    scheduled_at: datetime | None = None
    outreach_status: OutreachStatus | None = None
    sent_at: datetime | None = None
    responded_at: datetime | None = None
    nudged_at: datetime | None = None


class Bulk:
    """Generated contacts, outreach and interviews for `size=N`."""

    def __init__(self, b: Builder) -> None:
        self.b = b
        self.rng = b.rng

    def person(self) -> tuple[str, str, str]:
        rng = self.rng
        return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), rng.choice(TITLES)

    def contacts(self, count: int) -> list[Plan]:
        rng = self.rng
        plans = []
        for _ in range(count):
            first, last, title = self.person()
            company, industry = rng.choice(COMPANIES)
            name = f"{first} {last}"
            roll = rng.random()
            channel: Channel | None = None
            if roll < 0.55:
                how = HowKnown.COLD
                channel = (
                    COLD_CHANNELS[rng.randrange(6)]
                    if rng.random() < 0.9
                    else rng.choice((Channel.EMAIL, Channel.IN_PERSON, Channel.OTHER))
                )
            elif roll < 0.7:
                how = HowKnown.INTRODUCTION
            else:
                how = rng.choice(_KNOWN_KINDS)
            if how is HowKnown.MENTOR:
                title = rng.choice(MENTOR_TITLES)
            elif how is HowKnown.PROFESSOR:
                title = rng.choice(PROFESSOR_TITLES)
                company, industry = "Øresund University", "Higher education"
                name = f"Prof. {name}"
            suffix = f"{rng.getrandbits(28):07x}"
            tags = tuple(sorted(set(rng.sample(TAGS, rng.choice((0, 1, 1, 2, 2, 3))))))
            contact = Contact(
                name=name,
                title=title,
                company=company,
                industry=industry,
                email=make_email(name, company),
                linkedin_url=make_linkedin(name, suffix),
                how_known=how,
                channel=channel,
                tags=tags,
                priority=rng.choice((1, 2, 2, 2, 3)),
                archived=rng.random() < 0.02,
                connected_on=(self.b.today - timedelta(days=rng.randint(1, 900)))
                if rng.random() < 0.3
                else None,
                notes=rng.choice(
                    (
                        "",
                        "",
                        "",
                        f"Met at a {rng.choice(COMMUNITIES)} meetup in {rng.choice(CITIES)}.",
                        f"Wrote a great post on {industry.lower()} careers.",
                    )
                ),
            )
            plans.append(Plan(contact=contact))
        return plans

    def plan_activity(self, plans: list[Plan], interviews: int, outreach: int) -> None:
        """Choose who gets an interview (always with a scheduled outreach) and who only got outreach."""
        rng, b = self.rng, self.b
        order = list(range(len(plans)))
        rng.shuffle(order)
        stages = [s for s, _ in _BULK_STAGES]
        weights = [w for _, w in _BULK_STAGES]
        for i in order[:interviews]:
            plan = plans[i]
            stage = rng.choices(stages, weights)[0]
            plan.stage = stage
            if stage in (Stage.SCHEDULED, Stage.PREPARED):
                day = weekday_on_or_after(b.today + timedelta(days=rng.randint(1, 21)))
                plan.scheduled_at = b.at(day, rng.randint(9, 17), rng.choice((0, 15, 30, 45)))
                plan.sent_at = b.past_work_time(rng.randint(2, 20))
            else:
                back = {
                    Stage.CONDUCTED: (1, 5),
                    Stage.FOLLOWED_UP: (4, 40),
                    Stage.REFLECTED: (7, 120),
                    Stage.CANCELLED: (1, 90),
                }[stage]
                day = weekday_on_or_before(b.today - timedelta(days=rng.randint(*back)))
                plan.scheduled_at = b.at(day, rng.randint(9, 17), rng.choice((0, 15, 30, 45)))
                plan.sent_at = plan.scheduled_at - timedelta(days=rng.randint(4, 20), hours=rng.randint(0, 6))
            plan.outreach_status = OutreachStatus.SCHEDULED
            plan.responded_at = b.cap(plan.sent_at + timedelta(hours=rng.randint(2, 72)))
        for i in order[interviews : interviews + outreach]:
            plan = plans[i]
            status = rng.choices(
                (
                    OutreachStatus.SENT,
                    OutreachStatus.NO_REPLY,
                    OutreachStatus.REPLIED,
                    OutreachStatus.DECLINED,
                ),
                (40, 20, 20, 20),
            )[0]
            plan.outreach_status = status
            if status is OutreachStatus.SENT:
                plan.sent_at = b.past_work_time(rng.randint(1, 18))
                follow_up_at = nudge_dates(plan.sent_at)[1]
                if follow_up_at < b.now and rng.random() < 0.5:
                    plan.nudged_at = b.cap(follow_up_at + timedelta(hours=rng.randint(0, 30)))
            elif status is OutreachStatus.NO_REPLY:
                plan.sent_at = b.past_work_time(rng.randint(20, 120))
                plan.nudged_at = nudge_dates(plan.sent_at)[1] + timedelta(hours=rng.randint(0, 8))
            else:
                plan.sent_at = b.past_work_time(rng.randint(2, 120))
                plan.responded_at = b.cap(plan.sent_at + timedelta(hours=rng.randint(1, 96)))
        for plan in plans:
            earliest = plan.sent_at or (b.now - timedelta(days=rng.randint(0, 200)))
            plan.contact = replace(
                plan.contact,
                created_at=earliest - timedelta(days=rng.randint(0, 30), hours=rng.randint(1, 12)),
            )

    def outreach(self, plan: Plan) -> Outreach:
        rng = self.rng
        contact = plan.contact
        assert plan.sent_at is not None and plan.outreach_status is not None
        if contact.how_known is HowKnown.COLD:
            channel = (
                contact.channel
                if contact.channel and rng.random() < 0.6
                else rng.choice((Channel.EMAIL, Channel.LINKEDIN))
            )
        else:
            channel = rng.choice((Channel.EMAIL, Channel.EMAIL, Channel.PHONE, Channel.OTHER))
        first = contact.name.removeprefix("Prof. ").split(" ")[0]
        message = rng.choice(
            (
                f"Hi {first}, I'm exploring a move into {contact.industry.lower()} and your path caught my eye. "
                "Would you have 20–30 minutes for a few questions? Not looking for a job, just advice.",
                f"Hi {first}, I'd love to hear how you got into your role at {contact.company}. Could we talk "
                "for half an hour sometime in the next couple of weeks?",
                f"Dear {first}, I'm researching careers in {contact.industry.lower()} and would be grateful for a "
                "short informational interview at a time that suits you.",
            )
        )
        return Outreach(
            contact_id=contact.id,
            sent_at=plan.sent_at,
            channel=channel,
            message=message,
            status=plan.outreach_status,
            responded_at=plan.responded_at if plan.outreach_status is not OutreachStatus.SENT else None,
            nudged_at=plan.nudged_at,
        )

    def questions(self) -> tuple[ChosenQuestion, ...]:
        rng, b = self.rng, self.b
        picked: list[Question] = []
        starters = b.bank_by_cat.get(QuestionCategory.STARTER, [])
        if starters:
            picked += rng.sample(starters, min(len(starters), rng.choice((1, 1, 2))))
        for category in (
            QuestionCategory.TRENDS,
            QuestionCategory.INSIGHTS,
            QuestionCategory.ADVICE,
            QuestionCategory.RESOURCES,
            QuestionCategory.ASSIGNMENTS,
        ):
            pool = b.bank_by_cat.get(category, [])
            if pool and (rng.random() < 0.85 or category is QuestionCategory.RESOURCES):
                picked += rng.sample(pool, min(len(pool), rng.choice((1, 1, 1, 2))))
        others = [q for q in b.bank if q.category not in TIARA and q.category is not QuestionCategory.STARTER]
        if others and rng.random() < 0.3:
            picked.append(rng.choice(others))
        if len(picked) > 8:
            keep = sorted(rng.sample(range(1, len(picked)), 7))
            picked = [picked[0]] + [picked[i] for i in keep]
        chosen = [ChosenQuestion(text=q.text, question_id=q.id, category=q.category) for q in picked]
        if rng.random() < 0.2:
            chosen.insert(
                min(len(chosen), 2),
                b.custom(
                    rng.choice(
                        (
                            "How does your company support people switching careers?",
                            "What would you look for in a portfolio for this kind of role?",
                            "How did remote work change your team?",
                        )
                    )
                ),
            )
        for i in rng.sample(range(len(chosen)), min(len(chosen), rng.choice((1, 2)))):
            chosen[i] = replace(chosen[i], must_ask=True)
        return tuple(chosen)

    def context(self, contact: Contact, duration: int) -> dict[str, object]:
        rng = self.rng
        prev_company, prev_industry = rng.choice(COMPANIES)
        return {
            "first": contact.name.removeprefix("Prof. ").split(" ")[0],
            "company": contact.company,
            "industry": contact.industry.lower(),
            "prev_company": prev_company,
            "prev_industry": prev_industry.lower(),
            "prev_title": rng.choice(TITLES).lower(),
            "years": rng.randint(2, 9),
            "n": rng.randint(3, 14),
            "boss": rng.choice(("Head of Data", "CTO", "VP Product", "COO", "Director of Engineering")),
            "city": rng.choice(CITIES),
            "duration": duration,
            "course": rng.choice(COURSES),
            "newsletter": rng.choice(NEWSLETTERS),
            "book": rng.choice(BOOKS),
            "community": rng.choice(COMMUNITIES),
        }

    def referral(self, ctx: dict[str, object]) -> None:
        rng = self.rng
        first, last, title = self.person()
        ctx["ref"] = f"{first} {last}"
        ctx["ref_title"] = title
        ctx["ref_company"] = rng.choice(COMPANIES)[0]

    def conducted(
        self,
        questions: tuple[ChosenQuestion, ...],
        scheduled_at: datetime,
        duration: int,
        ctx: dict[str, object],
    ) -> tuple[CallRecord, tuple[Note, ...], tuple[ChosenQuestion, ...]]:
        """A finished call with 15–25 notes spread over it, and the questions they fall under marked asked."""
        rng = self.rng
        run_s = duration * 60 + rng.randint(-180, 240)
        pause = rng.random() < 0.3
        call = make_call(
            scheduled_at + timedelta(seconds=rng.randint(0, 240)),
            run_s,
            rng.randint(300, run_s - 300) if pause else None,
            rng.randint(45, 360) if pause else 0,
        )
        count = len(questions)
        asked_count = count - 1 if count > 4 and rng.random() < 0.25 else count
        small_talk = rng.randint(90, 200)
        wrap_up = rng.randint(120, 240)
        segment = (run_s - small_talk - wrap_up) / max(1, asked_count)
        asked_at = [round(small_talk + j * segment + rng.uniform(0, 20), 1) for j in range(asked_count)]
        offsets = self.note_offsets(run_s, asked_at, wrap_up)
        notes = self.notes_at(offsets, asked_at, questions, run_s - wrap_up, ctx, call)
        marked = []
        for i, question in enumerate(questions):
            if i < asked_count:
                marked.append(replace(question, asked=True, asked_offset_s=asked_at[i]))
            else:
                marked.append(replace(question, asked=False))
        return call, tuple(notes), tuple(marked)

    def note_offsets(self, run_s: int, asked_at: list[float], wrap_up: int) -> list[float]:
        """Where the notes fall (seconds into the call): a couple in small talk, a few under each asked
        question, one or two in the wrap-up (still under the last question)."""
        rng = self.rng
        asked_count = len(asked_at)
        n_notes = rng.randint(15, 25)
        n_small = rng.randint(0, 2)
        n_wrap = rng.randint(1, 2)
        per_question = [1] * asked_count
        if asked_count:
            for _ in range(max(0, n_notes - n_small - n_wrap - asked_count)):
                per_question[rng.randrange(asked_count)] += 1
        else:
            n_small = n_notes - n_wrap
        windows = [(40.0, (asked_at[0] if asked_count else float(run_s - wrap_up)) - 5, n_small)]
        ends = asked_at[1:] + [float(run_s - wrap_up)]
        windows += [(asked_at[j] + 10, ends[j] - 5, per_question[j]) for j in range(asked_count)]
        windows.append((float(run_s - wrap_up) + 5, float(run_s - 15), n_wrap))
        unique: set[float] = set()
        for low, high, count in windows:
            wanted = len(unique) + count
            while len(unique) < wanted:
                unique.add(round(rng.uniform(low, max(low, high)), 1))
        return sorted(unique)

    def notes_at(
        self,
        offsets: list[float],
        asked_at: list[float],
        questions: tuple[ChosenQuestion, ...],
        wrap_up_from: int,
        ctx: dict[str, object],
        call: CallRecord,
    ) -> list[Note]:
        """A note at each offset, drawn from the pool for the question current then (small talk before
        the first, the wrap-up pool after `wrap_up_from` seconds); referrals get a made-up person."""
        rng = self.rng
        asked_count = len(asked_at)
        pools: dict[object, list[tuple[NoteKind, str]]] = {}
        notes: list[Note] = []
        j = -1
        for offset in offsets:
            while j + 1 < asked_count and asked_at[j + 1] <= offset:
                j += 1
            q_index = j if j >= 0 else None
            if q_index is None:
                key: object = "small"
                source = SMALL_TALK_NOTES
                category = None
            else:
                category = questions[q_index].category
                in_wrap = j == asked_count - 1 and offset > wrap_up_from
                key = QuestionCategory.OTHER if in_wrap else category
                source = NOTE_POOLS.get(key, NOTE_POOLS[QuestionCategory.OTHER])
                if not in_wrap and questions[q_index].text in STARTER_NOTES:
                    key = questions[q_index].text
                    source = STARTER_NOTES[key]
            pool = pools.get(key)
            if pool is None:
                pool = list(source)
                rng.shuffle(pool)
                pools[key] = pool
            if not pool:
                pool.extend(NOTE_POOLS[QuestionCategory.OTHER])
                rng.shuffle(pool)
            kind, template = pool.pop()
            if kind is NoteKind.REFERRAL or "{ref" in template:
                self.referral(ctx)
            notes.append(
                Note(
                    text=template.format(**ctx),
                    offset_s=offset,
                    id=self.b.new_id(),
                    question_index=q_index,
                    kind=kind,
                    tiara=category if category in TIARA else None,
                    created_at=wall_time(call, offset),
                )
            )
        return notes

    def interview(self, plan: Plan, goal_ids: list[RecordId]) -> Interview:
        rng = self.rng
        contact, stage, scheduled_at = plan.contact, plan.stage, plan.scheduled_at
        assert stage is not None and scheduled_at is not None
        duration = rng.choice((20, 30, 30, 30, 30, 45, 45, 60))
        medium = rng.choices((Medium.VIDEO, Medium.PHONE, Medium.IN_PERSON), (70, 18, 12))[0]
        location = {
            Medium.VIDEO: f"https://meet.example.com/{slug(contact.name, spellings=DEMO_SPELLINGS)[:3]}-{rng.getrandbits(16):04x}",
            Medium.PHONE: "+45 " + " ".join(str(rng.randint(20 if i == 0 else 10, 99)) for i in range(4)),
            Medium.IN_PERSON: f"Café near {contact.company}, {rng.choice(CITIES)}",
        }[medium]
        ctx = self.context(contact, duration)
        first = ctx["first"]
        industry = ctx["industry"]
        team = ctx["n"]
        assert isinstance(team, int)
        questions = self.questions()
        created = plan.responded_at or scheduled_at - timedelta(days=3)
        base = Interview(
            contact_id=contact.id,
            outreach_id=None,
            scheduled_at=scheduled_at,
            duration_minutes=duration,
            medium=medium,
            location=location,
            their_timezone=rng.choice(ZONES) if rng.random() < 0.25 else "",
            stage=stage,
            hope_to_learn=rng.choice(
                (
                    f"Whether {industry} is a realistic next step for someone with my background.",
                    f"What the day-to-day of a {contact.title.lower()} looks like, and how {first} got there.",
                    f"How {contact.company} hires, and which skills I should build first.",
                )
            ),
            research_person=f"{first} has been at {contact.company} for {ctx['years']} years; before that "
            f"{ctx['prev_title']} at {ctx['prev_company']}.",
            research_company=f"{contact.company} ({industry}), about {team * 50} people, offices in "
            f"{ctx['city']}.",
            questions=questions,
            sequence=1 if rng.random() < 0.1 else 0,
            created_at=created,
        )
        if stage is Stage.SCHEDULED:
            done = rng.randint(0, 2)
            flags = [i < done for i in range(5)]
            rng.shuffle(flags)
            return replace(
                base,
                research_person=base.research_person if flags[0] else "",
                research_company=base.research_company if flags[1] else "",
                questions=questions[: rng.randint(0, 3)],
                checklist=Checklist(*flags),
            )
        if stage is Stage.PREPARED:
            return replace(
                base, checklist=Checklist(True, True, True, rng.random() < 0.8, rng.random() < 0.5)
            )
        if stage is Stage.CANCELLED:
            return replace(
                base, questions=questions[:2], checklist=Checklist(True, False, bool(questions[:2]))
            )
        call, notes, questions = self.conducted(questions, scheduled_at, duration, ctx)
        ended = call.ended_at
        assert ended is not None
        checklist = Checklist(True, True, True, True, rng.random() < 0.8)
        interview = replace(base, call=call, notes=notes, questions=questions, checklist=checklist)
        topic = rng.choice(
            (
                f"where {industry} is heading",
                "building a portfolio",
                "the first skills to learn",
                "your typical week",
            )
        )
        draft = (
            f"Hi {first},\n\nThank you for taking the time to talk with me. Your point about {topic} "
            "really stuck with me.\n\nBest wishes,"
        )
        if stage is Stage.CONDUCTED:
            return replace(interview, follow_up=FollowUp(thank_you_draft=draft if rng.random() < 0.5 else ""))
        interview = replace(interview, follow_up=self.follow_up(ended, notes, draft, first))
        if stage is Stage.FOLLOWED_UP:
            return interview
        return self.reflected(interview, ended, goal_ids, ctx)

    def follow_up(self, ended: datetime, notes: tuple[Note, ...], draft: str, first: object) -> FollowUp:
        """A thank-you sent within 30 hours, often a LinkedIn connection and a check-in, some referrals met."""
        rng, b = self.rng, self.b
        sent = b.cap(ended + timedelta(hours=rng.randint(1, 30)))
        connected = b.cap(sent + timedelta(hours=rng.randint(1, 48))) if rng.random() < 0.7 else None
        referral_ids = tuple(n.id for n in notes if n.kind is NoteKind.REFERRAL and rng.random() < 0.3)
        follow_up = FollowUp(
            thank_you_draft=draft,
            thank_you_sent_at=sent,
            linkedin_note=f"Thanks again for the chat, {first}!" if connected else "",
            linkedin_connected_at=connected,
            next_checkin=ended.date() + timedelta(days=rng.randint(14, 60)) if rng.random() < 0.6 else None,
            checkin_note=rng.choice(("", "Share progress on the project.", "Ask how the launch went.")),
            referral_note_ids=referral_ids,
        )
        return follow_up

    def reflected(
        self, interview: Interview, ended: datetime, goal_ids: list[RecordId], ctx: dict[str, object]
    ) -> Interview:
        """The interview with its reflection written: takeaways, goals, next steps and rated questions."""
        rng, b = self.rng, self.b
        self.referral(ctx)
        steps = []
        for template in rng.sample(NEXT_STEPS, rng.randint(1, 3)):
            due = ended.date() + timedelta(days=rng.randint(5, 40))
            steps.append(Action(template.format(**ctx), due, due < b.today and rng.random() < 0.7))
        written = b.cap(ended + timedelta(hours=rng.randint(3, 72)))
        questions = tuple(
            replace(q, usefulness=rng.choices((1, 2, 3, 4, 5), (5, 10, 25, 35, 25))[0]) if q.asked else q
            for q in interview.questions
        )
        reflection = Reflection(
            takeaways=rng.choice(TAKEAWAYS).format(**ctx),
            surprises=rng.choice(SURPRISES).format(**ctx),
            goal_ids=tuple(sorted(rng.sample(goal_ids, min(len(goal_ids), rng.choice((1, 1, 2)))))),
            changed_direction=rng.choice((None, False, False, True)),
            next_steps=tuple(steps),
            interest=rng.choices((1, 2, 3, 4, 5), (8, 15, 30, 30, 17))[0],
            written_at=written,
        )
        return replace(interview, questions=questions, reflection=reflection)
