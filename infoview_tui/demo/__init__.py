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

import random
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from infoview_tui.domain.dates import nudge_dates
from infoview_tui.domain.models import (
    STARTER_QUESTIONS,
    Action,
    CallRecord,
    Channel,
    Checklist,
    ChosenQuestion,
    Contact,
    FollowUp,
    Goal,
    HowKnown,
    Interview,
    IntroRequest,
    IntroStatus,
    Medium,
    Note,
    NoteKind,
    Outreach,
    OutreachStatus,
    Question,
    QuestionCategory,
    Reflection,
    Route,
    Stage,
    TimeSpan,
)

if TYPE_CHECKING:
    from infoview_tui.store.repository import Store

__all__ = ["COLD_CHANNELS", "DemoSummary", "is_populated", "populate_demo"]

COLD_CHANNELS: tuple[Channel, ...] = (
    Channel.LINKEDIN,
    Channel.INDEED,
    Channel.GLASSDOOR,
    Channel.ANGELLIST,
    Channel.QUORA,
    Channel.TWITTER,
)
"""Where cold contacts are found, in the seed's order."""

TIARA: frozenset[QuestionCategory] = frozenset(
    {
        QuestionCategory.TRENDS,
        QuestionCategory.INSIGHTS,
        QuestionCategory.ADVICE,
        QuestionCategory.RESOURCES,
        QuestionCategory.ASSIGNMENTS,
    }
)
_CATEGORY_ORDER = (
    QuestionCategory.STARTER,
    QuestionCategory.OTHER,
    QuestionCategory.TRENDS,
    QuestionCategory.INSIGHTS,
    QuestionCategory.ADVICE,
    QuestionCategory.RESOURCES,
    QuestionCategory.ASSIGNMENTS,
)


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


# Time helpers ----------------------------------------------------------------------------------------


def _business_days_before(moment: datetime, days: int) -> datetime:
    """The same time of day `days` business days (Monday–Friday) before `moment`."""
    current = moment
    counted = 0
    while counted < days:
        current -= timedelta(days=1)
        if current.weekday() < 5:
            counted += 1
    return current


def _weekday_on_or_before(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day


def _weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _floor_minutes(moment: datetime, step: int = 5) -> datetime:
    return moment.replace(minute=moment.minute - moment.minute % step, second=0, microsecond=0)


def _make_call(start: datetime, run_s: int, pause_at_s: int | None = None, pause_s: int = 0) -> CallRecord:
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


def _wall_time(call: CallRecord, offset_s: float) -> datetime | None:
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


def _slug(text: str) -> str:
    special = str.maketrans(
        {
            "'": "",
            "’": "",
            "ł": "l",
            "Ł": "L",
            "ø": "o",
            "Ø": "O",
            "ß": "ss",
            "æ": "ae",
            "Æ": "AE",
            "đ": "d",
            "ı": "i",
        }
    )
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(special)).encode("ascii", "ignore").decode("ascii")
    )
    out = []
    for ch in ascii_text.lower():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


def _email(name: str, company: str) -> str:
    parts = [p for p in _slug(name).split("-") if p not in ("dr", "prof")]
    return f"{parts[0]}.{parts[-1]}@{_slug(company)}.example"


def _linkedin(name: str, suffix: str = "") -> str:
    slug = "-".join(p for p in _slug(name).split("-") if p not in ("dr", "prof"))
    return f"https://www.linkedin.com/in/{slug}{'-' + suffix if suffix else ''}-example"


# Word lists for generated records ----------------------------------------------------------------------

FIRST_NAMES = (
    "José",
    "Zoë",
    "Łukasz",
    "Søren",
    "Ana",
    "Björn",
    "Chloé",
    "Siobhán",
    "Mónica",
    "Renée",
    "Ümit",
    "Çağla",
    "Øystein",
    "Ngozi",
    "Wei",
    "Yuki",
    "Priya",
    "Arjun",
    "Fatima",
    "Omar",
    "Lucía",
    "Mateo",
    "Hannah",
    "Liam",
    "Olivia",
    "Noah",
    "Amara",
    "Kwame",
    "Inês",
    "Raphaël",
    "Jürgen",
    "Małgorzata",
    "Anaïs",
    "Thandiwe",
    "Mehmet",
    "Sakura",
    "Min-jun",
    "Seo-yeon",
    "Tomás",
    "Nikolai",
    "Aleksandra",
    "Emeka",
    "Leilani",
    "Rohan",
    "Sanna",
    "Ilse",
    "Giulia",
    "Matteo",
    "Elif",
    "Hiroshi",
    "Mai",
    "Đức",
    "Gabriel",
    "Camila",
    "Sebastián",
    "Farah",
    "Youssef",
    "Aoife",
    "Ciarán",
    "Kateřina",
    "Jiří",
    "Zsófia",
    "Bence",
    "Maya",
    "Ethan",
    "Sofia",
    "Lars",
    "Freya",
    "Mohammed",
    "Aylin",
    "Tariq",
    "Nadia",
    "Kofi",
    "Abena",
    "Ravi",
    "Meera",
    "Daniel",
    "Sarah",
    "Jonas",
    "Clara",
    "Ingrid",
    "Mads",
    "Astrid",
    "Rania",
    "Hugo",
    "Léa",
    "Pedro",
    "Beatriz",
    "Tuğba",
    "Kai",
)
LAST_NAMES = (
    "Álvarez",
    "Chen",
    "Nowak",
    "Müller",
    "Sørensen",
    "O'Connor",
    "García",
    "Kowalski",
    "Nguyễn",
    "Dubois",
    "Rossi",
    "Okafor",
    "Haddad",
    "Yılmaz",
    "Tanaka",
    "Kim",
    "Patel",
    "Singh",
    "Johansson",
    "Larsen",
    "Novák",
    "Horváth",
    "Ferreira",
    "Silva",
    "Smith",
    "Williams",
    "Brown",
    "Mensah",
    "Nakamura",
    "Schäfer",
    "Lefèvre",
    "Björk",
    "Ivanova",
    "Papadopoulos",
    "Cohen",
    "Rahman",
    "Hernández",
    "Murphy",
    "Walsh",
    "Ahmed",
    "Fischer",
    "Bianchi",
    "de Vries",
    "van Dijk",
    "Jansen",
    "Kaur",
    "Osei",
    "Zhang",
    "Wang",
    "Li",
    "Costa",
    "Gómez",
    "Lindqvist",
    "Virtanen",
    "Kuznetsov",
    "Andersen",
    "Becker",
    "Mbeki",
    "Adeyemi",
    "Suzuki",
    "Park",
    "Khan",
    "Dvořák",
    "Wiśniewska",
    "Þórsdóttir",
    "Côté",
    "Lambert",
    "Moreau",
    "Santos",
    "Reyes",
    "Delgado",
    "Ali",
)
COMPANIES = (
    ("Solstice Energy", "Renewable energy"),
    ("Verdant Grid", "Energy software"),
    ("Tidewater Storage", "Battery storage"),
    ("Lumen Health", "Digital health"),
    ("Kestrel Analytics", "Data & analytics"),
    ("Brightline Mobility", "Transportation"),
    ("Harbor & Rail Logistics", "Logistics"),
    ("Fernweh Travel", "Travel tech"),
    ("Carbonly", "Climate tech"),
    ("Greenfield Advisory", "Consulting"),
    ("Nimbus Weather", "Weather data"),
    ("Quayside Bank", "Fintech"),
    ("Fjord Payments", "Fintech"),
    ("Alpine Freight Co.", "Logistics"),
    ("Northwind Health", "Healthcare"),
    ("Pebble & Pine Games", "Gaming"),
    ("Orchard Foods", "Food & beverage"),
    ("Meridian Insurance", "Insurance"),
    ("Copperleaf Labs", "Biotech"),
    ("Saltmarsh Media", "Media"),
    ("Tessellate AI", "AI / machine learning"),
    ("Blue Heron Robotics", "Robotics"),
    ("Cobalt Security", "Cybersecurity"),
    ("Mosaic Learning", "EdTech"),
    ("Riverbend Hospital", "Healthcare"),
    ("Atlas Civic Tech", "Government tech"),
    ("Sunder Retail", "E-commerce"),
    ("Ironbark Construction", "Construction"),
    ("Polar Bear Studio", "Design agency"),
    ("Halcyon Pharma", "Pharmaceuticals"),
    ("Wayfinder Maps", "Geospatial"),
    ("Brightwave", "Marketing tech"),
    ("Granite Capital", "Venture capital"),
    ("Open Harbor Foundation", "Non-profit"),
    ("Kinfolk Housing", "Real estate"),
    ("Rivet Climate", "Climate tech"),
    ("Tern Aerospace", "Aerospace"),
    ("Cedar & Stone Law", "Legal"),
    ("Nordic Climate Policy Institute", "Public policy"),
    ("Øresund University", "Higher education"),
)
TITLES = (
    "Data Analyst",
    "Senior Data Scientist",
    "Product Manager",
    "Senior Product Manager",
    "Engineering Manager",
    "UX Researcher",
    "Product Designer",
    "Head of Operations",
    "Sustainability Lead",
    "Policy Advisor",
    "Software Engineer",
    "Staff Engineer",
    "Analytics Engineer",
    "Customer Success Lead",
    "Marketing Manager",
    "Founder & CEO",
    "CTO",
    "Research Scientist",
    "Program Manager",
    "Strategy Consultant",
    "Business Analyst",
    "Data Engineer",
    "Solutions Architect",
    "Head of Data",
    "VP Product",
    "Growth Lead",
    "Technical Writer",
    "Developer Advocate",
    "Operations Manager",
    "Clinical Data Manager",
    "Principal Designer",
    "Chief of Staff",
)
MENTOR_TITLES = (
    "VP of Engineering",
    "Director of Product",
    "Head of Data",
    "Partner",
    "Chief Operating Officer",
)
PROFESSOR_TITLES = (
    "Professor of Economics",
    "Associate Professor of Computer Science",
    "Lecturer in Public Policy",
    "Professor of Environmental Science",
    "Senior Lecturer in Statistics",
)
TAGS = (
    "climate",
    "data",
    "product",
    "ux",
    "remote",
    "startup",
    "berlin",
    "london",
    "copenhagen",
    "warm-lead",
    "hiring",
    "alumni",
    "fintech",
    "health",
    "policy",
    "engineering",
    "design",
    "follow-up",
)
CITIES = (
    "Copenhagen",
    "Berlin",
    "London",
    "Lisbon",
    "Amsterdam",
    "Madrid",
    "Stockholm",
    "Warsaw",
    "Dublin",
    "Toronto",
)
ZONES = (
    "Europe/Berlin",
    "Europe/London",
    "Europe/Lisbon",
    "America/New_York",
    "America/Toronto",
    "Asia/Singapore",
)
NEWSLETTERS = (
    "Lenny's Newsletter",
    "Data Elixir",
    "Heated",
    "The Pragmatic Engineer",
    "Benedict Evans",
    "Latitude",
)
BOOKS = (
    "Designing Data-Intensive Applications",
    "Inspired",
    "The Mom Test",
    "Just Enough Research",
    "Fundamentals of Data Engineering",
    "Thinking in Systems",
    "The Manager's Path",
    "Storytelling with Data",
)
COMMUNITIES = (
    "Locally Optimistic",
    "Climatebase",
    "Mind the Product",
    "ResearchOps",
    "PyData",
    "Work on Climate",
)
COURSES = ("dbt Fundamentals", "Google UX Design", "Terra.do climate", "Reforge Product Strategy", "fast.ai")

# Note templates by the category of the question that was current; kind first.
_N, _I, _A, _R = NoteKind.NOTE, NoteKind.INSIGHT, NoteKind.ACTION, NoteKind.REFERRAL
SMALL_TALK_NOTES: tuple[tuple[NoteKind, str], ...] = (
    (_N, "{first} joined from {city}; has a hard stop at the half hour"),
    (_N, "Thanked {first} for the time and re-introduced myself and what I'm exploring"),
    (_N, "Confirmed we have {duration} min; {first} is fine with me taking notes"),
    (_N, "Started a couple of minutes late: {first} was coming out of a planning meeting"),
    (_N, "Camera off for the first minute, connection trouble on their side"),
    (_N, "Small talk: we both lived in {city} around the same time"),
)
NOTE_POOLS: dict[QuestionCategory, tuple[tuple[NoteKind, str], ...]] = {
    QuestionCategory.STARTER: (
        (_N, "Team is {n} people; reports to the {boss}"),
        (_N, "Best part of the job is the people; worst part is the on-call weeks"),
        (_I, "Got the job through a former manager, not an application; referrals matter a lot here"),
    ),
    QuestionCategory.TRENDS: (
        (_N, "AI tooling is changing the junior work most: fewer routine tasks, more reviewing"),
        (_N, "Budgets tightened since last year; teams must show ROI within a quarter"),
        (_N, "Regulation (EU AI Act, CSRD) is creating whole new roles in {industry}"),
        (_I, "Generalists who can write and code will be worth more in five years, not less"),
        (_N, "Consolidation: {n} competitors bought up in the last two years"),
        (_N, "More remote-first hiring, but senior roles are drifting back to hybrid"),
        (_I, "Data quality is the bottleneck everywhere: nobody trusts the dashboards"),
        (_N, "Expects the role to split into a platform side and an analytics side"),
        (_N, "Customers in {industry} now ask for sustainability numbers in every RFP"),
        (_I, "The hype is in models; the jobs are in the plumbing around them"),
    ),
    QuestionCategory.INSIGHTS: (
        (_N, "Typical week: Monday planning, two days of deep work, Thursday reviews, Friday catch-up"),
        (_N, "About a third of the week is meetings; the rest is heads-down work"),
        (_I, "Wishes they'd known earlier that writing well matters more than any tool"),
        (_I, "Wishes they'd asked for feedback sooner instead of waiting for reviews"),
        (_N, "Most stressful part: quarter-end deadlines; the rest of the time it's sustainable"),
        (_I, '"Nobody expects you to know everything; they expect you to find out fast"'),
        (_N, "Works closely with sales and support; joins customer calls most weeks"),
        (_N, "On call one week in six; usually quiet"),
        (_I, "Learned that saying no to projects is a skill, not a failure"),
    ),
    QuestionCategory.ADVICE: (
        (_N, "Advice: get good at SQL and at explaining numbers to non-technical people"),
        (_N, "Build a portfolio of 2–3 projects with real data; skip the certificates"),
        (_A, "Rewrite my CV summary around outcomes, not tools; {first} offered to look at it"),
        (_N, "Learn the domain: read {company}'s annual report and two competitors'"),
        (_A, "Finish the {course} course before applying"),
        (_I, "Hiring managers in {industry} care more about curiosity than credentials"),
        (_N, "Don't apply cold through the portal: find a person on the team first"),
        (_A, "Draft a one-page case study of my last project and send it to {first}"),
        (_N, "Skills to build first: statistics fundamentals, Python, stakeholder communication"),
        (_I, "Contract roles are a good way in; many of their hires started as contractors"),
    ),
    QuestionCategory.RESOURCES: (
        (_N, "Recommends the newsletter '{newsletter}'; reads it every Sunday"),
        (_N, "Book: '{book}'; says it changed how they think about the work"),
        (_N, "Community: the {community} Slack is where people actually answer questions"),
        (_R, "Talk to {ref} ({ref_title} at {ref_company}); {first} will intro by email"),
        (_R, "Suggested {ref}, who moved from {prev_industry} into {industry} last year"),
        (_R, "{ref} at {ref_company} runs the {community} meetup; mention {first}'s name"),
        (_A, "Subscribe to '{newsletter}' and join the {community} Slack"),
        (_N, "Conferences worth it: the local meetups, not the big expensive ones"),
        (_R, "{first} will ask {ref} ({ref_title}) whether they're open to a chat"),
    ),
    QuestionCategory.ASSIGNMENTS: (
        (_N, "Small project: take a public {industry} dataset and write up three findings"),
        (_A, "Do the take-home-style exercise {first} described and send it over in two weeks"),
        (_N, "New team members should have practised code review and writing design docs"),
        (_N, "Suggested shadowing a support shift to see real customer problems"),
        (_I, "A small, finished project beats a big unfinished one"),
        (_A, "Volunteer for the {community} data project to test whether I like this work"),
        (_N, "Would want a new hire to have practised presenting results to execs in five minutes"),
        (_N, "Try writing a product teardown of {company}'s app; they'd read it"),
    ),
    QuestionCategory.OTHER: (
        (_N, "Asked about pay bands: {first} was open; it depends heavily on level and city"),
        (_N, "Wrapping up: thanked {first}; they said to stay in touch"),
        (_A, "Send the thank-you today and connect on LinkedIn"),
        (_N, "{first} offered to review my portfolio once it's ready"),
        (_I, "Overall: {company} sounds like a good place to learn, but slow to promote"),
        (_A, "Check back with {first} in a month with progress"),
        (_N, "{first} mentioned {company} is hiring again in the spring"),
    ),
}
STARTER_NOTES: dict[str, tuple[tuple[NoteKind, str], ...]] = {
    STARTER_QUESTIONS[0][1]: (
        (_N, "Started as a {prev_title} at {prev_company}; moved to {company} {years} years ago"),
        (_N, "Switched into {industry} because the problems felt more concrete than in {prev_industry}"),
        (_N, "No formal training for the role: learned on the job and from a lot of reading"),
        (_I, "Path was not linear: {years} years in {prev_industry} turned out to be an advantage"),
        (_I, "Got the job through a former manager, not an application; referrals matter a lot here"),
        (_N, "Team is {n} people; reports to the {boss}"),
    ),
    STARTER_QUESTIONS[1][1]: (
        (_N, "Favourite project: rebuilt the onboarding flow, cut time-to-first-value from weeks to days"),
        (_N, "Proudest of a migration nobody noticed: zero downtime, {n} services moved"),
        (_N, "Biggest project this year: launching in {n} new markets"),
        (_I, "The projects {first} liked most were the ones with a customer in the room"),
        (_N, "Led a {n}-person pilot with a {industry} customer; it became their biggest account"),
    ),
    STARTER_QUESTIONS[2][1]: (
        (_N, "Would change: too many meetings; protects two no-meeting afternoons a week"),
        (_N, "Would change: decisions are slow because of long sign-off chains at {company}"),
        (_N, "Best part of the job is the people; worst part is the on-call weeks"),
        (_I, "Even people who love the work get tired of re-explaining the same numbers every quarter"),
        (_N, "Would change: too much reporting, not enough time to act on it"),
    ),
}
"""Notes for the three starter questions, each with its own topic."""

TAKEAWAYS = (
    "The day-to-day in {industry} is more collaborative than I expected; communication matters as much as skills.",
    "My background transfers better than I thought; the gap is domain knowledge, not tools.",
    "This path suits how I like to work, but the entry routes are narrow; referrals matter.",
    "Good people, interesting problems, but the pace at {company} would frustrate me.",
    "I need one finished portfolio project before applying anywhere in {industry}.",
)
SURPRISES = (
    "How much of the week is meetings and writing.",
    "That they hire people without a formal degree in the field.",
    "On-call is a bigger part of the job than I thought.",
    "How open {first} was about pay and progression.",
    "That regulation, not technology, drives most of the change.",
    "",
)
NEXT_STEPS = (
    "Email {ref} using {first}'s name",
    "Finish the {course} course",
    "Read '{book}'",
    "Build a small project on public {industry} data",
    "Update my CV summary with {first}'s feedback",
    "Join the {community} Slack",
    "Send {first} a progress update",
)


class _Builder:
    """Holds the random source, the clock reading and the question bank while records are made."""

    def __init__(self, store: Store, now: datetime, seed: int) -> None:
        self.store = store
        self.now = now.replace(microsecond=0)
        self.tz: tzinfo | None = now.tzinfo
        self.today = self.now.date()
        self.rng = random.Random(seed)
        bank = [q for q in store.questions.all() if not q.archived]
        if not bank:
            bank = store.questions.add_many(
                Question(text=text, category=category, builtin=True) for category, text in STARTER_QUESTIONS
            )
        self.bank = bank
        self.bank_by_text = {q.text: q for q in bank}
        self.bank_by_cat: dict[QuestionCategory, list[Question]] = {}
        for q in bank:
            self.bank_by_cat.setdefault(q.category, []).append(q)

    # Small helpers -------------------------------------------------------------------------------------
    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz)

    def days_ago(self, days: int, hour: int, minute: int = 0) -> datetime:
        return self.at(self.today - timedelta(days=days), hour, minute)

    def past_work_time(self, days_ago: int) -> datetime:
        """A weekday working-hours time about `days_ago` days back, always before now."""
        day = _weekday_on_or_before(self.today - timedelta(days=max(1, days_ago)))
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
        rows: list[tuple[float, int | None, NoteKind, str]],
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
                    id=len(notes) + 1,
                    question_index=q_index,
                    kind=kind,
                    tiara=category if category in TIARA else None,
                    created_at=_wall_time(call, offset),
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


# The curated set -----------------------------------------------------------------------------------------


def _goals(b: _Builder) -> list[Goal]:
    return [
        Goal(
            title="Move into climate-tech product management",
            description="Find out whether my analytics background transfers to a PM role at a climate or energy "
            "company, and land one within 12 months.",
            created_at=b.days_ago(70, 20, 15),
        ),
        Goal(
            title="Choose between data science and data engineering",
            description="Talk to people on both sides and decide which to specialise in before the spring "
            "hiring round.",
            created_at=b.days_ago(64, 21, 0),
        ),
        Goal(
            title="Explore a PhD in environmental economics",
            description="Parked after talking to Prof. Sørensen and Siobhán: revisit in two years.",
            active=False,
            created_at=b.days_ago(120, 19, 30),
        ),
    ]


def _curated_known(b: _Builder) -> dict[str, Contact]:
    def contact(name: str, how: HowKnown, title: str, company: str, industry: str, **kw: object) -> Contact:
        return Contact(
            name=name,
            title=title,
            company=company,
            industry=industry,
            email=_email(name, company),
            linkedin_url=_linkedin(name),
            how_known=how,
            **kw,  # type: ignore[arg-type]
        )

    return {
        "priya": contact(
            "Priya Raman",
            HowKnown.FRIEND,
            "Senior Product Manager",
            "Solstice Energy",
            "Renewable energy",
            tags=("climate", "product"),
            priority=1,
            created_at=b.days_ago(90, 19, 12),
            notes="Old flatmate from Manchester; moved from analytics into product two years ago.",
        ),
        "marco": contact(
            "Marco Rossi",
            HowKnown.FAMILY,
            "Director of Operations",
            "Alpine Freight Co.",
            "Logistics",
            tags=("operations",),
            priority=3,
            created_at=b.days_ago(88, 18, 40),
            notes="Mum's cousin in Milan; knows everyone in freight and supply chain.",
        ),
        "zoe": contact(
            "Zoë Chen",
            HowKnown.CLASSMATE,
            "UX Researcher",
            "Lumen Health",
            "Digital health",
            tags=("ux", "research", "alumni"),
            created_at=b.days_ago(40, 21, 5),
            notes="MSc cohort 2021; wrote her thesis on diary studies.",
        ),
        "lukasz": contact(
            "Łukasz Nowak",
            HowKnown.FORMER_COLLEAGUE,
            "Senior Data Engineer",
            "Kestrel Analytics",
            "Data & analytics",
            tags=("data", "engineering"),
            created_at=b.days_ago(45, 9, 30),
            connected_on=b.today - timedelta(days=5),
            notes="Sat next to him at Brightwave; left for Kestrel in 2023.",
        ),
        "amara": contact(
            "Dr. Amara Okafor",
            HowKnown.MENTOR,
            "VP of Engineering",
            "Verdant Grid",
            "Energy software",
            tags=("mentor", "climate"),
            priority=1,
            created_at=b.days_ago(150, 12, 0),
            connected_on=b.today - timedelta(days=400),
            notes="Mentor through the Women in Data programme; monthly coffee, first Thursday.",
        ),
        "henrik": contact(
            "Prof. Henrik Sørensen",
            HowKnown.PROFESSOR,
            "Professor of Environmental Economics",
            "Øresund University",
            "Higher education",
            tags=("academia", "policy"),
            created_at=b.days_ago(150, 12, 5),
            notes="Supervised my dissertation; offered to make introductions.",
        ),
    }


def _curated_others(b: _Builder, known: dict[str, Contact]) -> dict[str, Contact]:
    def contact(name: str, how: HowKnown, title: str, company: str, industry: str, **kw: object) -> Contact:
        return Contact(
            name=name,
            title=title,
            company=company,
            industry=industry,
            email=_email(name, company),
            linkedin_url=_linkedin(name),
            how_known=how,
            **kw,  # type: ignore[arg-type]
        )

    intro, cold = HowKnown.INTRODUCTION, HowKnown.COLD
    return {
        "jose": contact(
            "José Álvarez",
            intro,
            "Product Lead, Grid Flexibility",
            "Tidewater Storage",
            "Battery storage",
            introduced_by_id=known["amara"].id,
            tags=("climate", "product", "warm-lead"),
            priority=1,
            created_at=b.days_ago(12, 10, 20),
            notes="Amara's former colleague; based in Madrid.",
        ),
        "siobhan": contact(
            "Siobhán O'Connor",
            intro,
            "Senior Policy Analyst",
            "Nordic Climate Policy Institute",
            "Public policy",
            introduced_by_id=known["henrik"].id,
            tags=("policy", "climate"),
            created_at=b.days_ago(30, 15, 0),
        ),
        "kenji": contact(
            "Kenji Watanabe",
            cold,
            "Staff Data Scientist",
            "Brightline Mobility",
            "Transportation",
            channel=Channel.LINKEDIN,
            tags=("data", "amsterdam"),
            priority=1,
            created_at=b.days_ago(16, 20, 30),
            connected_on=b.today - timedelta(days=9),
            notes="Gave the PyData Amsterdam talk on e-scooter demand forecasting.",
        ),
        "fatima": contact(
            "Fatima Al-Sayed",
            cold,
            "Operations Analytics Lead",
            "Harbor & Rail Logistics",
            "Logistics",
            channel=Channel.INDEED,
            tags=("data", "hiring"),
            created_at=b.days_ago(9, 11, 0),
            notes="Hiring manager on an Indeed posting for a senior analyst.",
        ),
        "tomas": contact(
            "Tomás Herrera",
            cold,
            "Data Platform Manager",
            "Harbor & Rail Logistics",
            "Logistics",
            channel=Channel.LINKEDIN,
            tags=("data",),
            priority=3,
            created_at=b.days_ago(2, 18, 45),
            notes="Same company as Fatima: the 3B backup if she doesn't reply.",
        ),
        "daniel": contact(
            "Daniel Müller",
            cold,
            "Engineering Manager, Data Platform",
            "Fernweh Travel",
            "Travel tech",
            channel=Channel.GLASSDOOR,
            tags=("data", "engineering", "berlin"),
            created_at=b.days_ago(50, 19, 0),
            connected_on=b.today - timedelta(days=32),
            notes="Found through a Glassdoor review of the data team; very responsive.",
        ),
        "aisha": contact(
            "Aisha Bello",
            cold,
            "Co-founder & CEO",
            "Carbonly",
            "Climate tech",
            channel=Channel.ANGELLIST,
            tags=("climate", "startup"),
            priority=1,
            created_at=b.days_ago(14, 9, 10),
            notes="Seed-stage emissions measurement for heavy industry.",
        ),
        "ravi": contact(
            "Ravi Shankar",
            cold,
            "Sustainability Consultant",
            "Greenfield Advisory",
            "Consulting",
            channel=Channel.QUORA,
            tags=("climate",),
            created_at=b.days_ago(3, 21, 40),
            notes="Wrote the best Quora answer I've read on moving from analytics into ESG consulting.",
        ),
        "chloe": contact(
            "Chloé Dubois",
            cold,
            "Developer Advocate",
            "Nimbus Weather",
            "Weather data",
            channel=Channel.TWITTER,
            tags=("devrel", "data"),
            created_at=b.days_ago(20, 22, 10),
        ),
        "noah": contact(
            "Noah Williams",
            cold,
            "Head of Analytics",
            "Quayside Bank",
            "Fintech",
            channel=Channel.LINKEDIN,
            tags=("fintech", "data"),
            created_at=b.days_ago(18, 8, 50),
        ),
        "mei": contact(
            "Mei Lin Tan",
            cold,
            "Principal Product Manager",
            "Solstice Energy",
            "Renewable energy",
            channel=Channel.LINKEDIN,
            tags=("product", "climate"),
            created_at=b.days_ago(25, 19, 30),
        ),
        "ingrid": contact(
            "Ingrid Larsen",
            intro,
            "Analytics Engineering Manager",
            "Fjord Payments",
            "Fintech",
            introduced_by_id=known["lukasz"].id,
            tags=("data", "fintech", "follow-up"),
            created_at=b.days_ago(5, 9, 20),
            notes="Referral from Łukasz's call.",
        ),
    }


def _curated_interviews(b: _Builder, c: dict[str, Contact], goal_ids: list[int]) -> dict[str, Interview]:
    """The eight curated interviews, one or two per stage; `outreach_id` is filled in later."""
    rng = b.rng
    now, today = b.now, b.today
    out: dict[str, Interview] = {}

    # Within the hour: prepared, checklist nearly done.
    start = _floor_minutes(now + timedelta(minutes=40))
    out["kenji"] = Interview(
        contact_id=c["kenji"].id,
        scheduled_at=start,
        duration_minutes=30,
        medium=Medium.VIDEO,
        location="https://meet.example.com/kvq-ruxd-pha",
        their_timezone="Europe/Amsterdam",
        stage=Stage.PREPARED,
        hope_to_learn="How data science work differs at a scale-up like Brightline versus consulting, and "
        "whether they hire people without a PhD into DS roles.",
        research_person="Staff Data Scientist at Brightline since 2021; before that a PhD in transport "
        "modelling at TU Delft. Gave the PyData Amsterdam talk on demand forecasting for e-scooters. "
        "Posts about causal inference and pricing experiments.",
        research_company="Brightline Mobility: e-bike and scooter sharing in 40 European cities, ~600 people, "
        "profitable since last year. Data team of ~25 split into pricing, fleet operations and safety.",
        questions=(
            b.chosen(0),
            b.custom("What does the pricing team measure to decide a change worked?", must_ask=True),
            b.chosen(6),
            b.chosen(3),
            b.chosen(8),
            b.chosen(10, must_ask=True),
        ),
        checklist=Checklist(
            researched_person=True, researched_company=True, questions_chosen=True, confirmed_time=True
        ),
        created_at=b.days_ago(7, 11, 5),
    )

    # Later this week: scheduled, partly prepared.
    day = _weekday_on_or_after(today + timedelta(days=2))
    out["jose"] = Interview(
        contact_id=c["jose"].id,
        scheduled_at=b.at(day, 15, 0),
        duration_minutes=30,
        medium=Medium.VIDEO,
        location="https://meet.example.com/jal-vrez-tdw",
        their_timezone="Europe/Madrid",
        stage=Stage.SCHEDULED,
        hope_to_learn="What a product lead at a storage company actually owns, and whether an analyst can make "
        "the jump to PM.",
        research_company="Tidewater Storage: grid-scale battery projects in Spain and Portugal, ~120 people, "
        "Series B in 2025. Sells flexibility into the Iberian balancing market.",
        questions=(b.chosen(0), b.chosen(4), b.chosen(7, must_ask=True)),
        checklist=Checklist(researched_company=True, confirmed_time=True),
        created_at=b.days_ago(4, 16, 30),
    )

    # Conducted about three hours ago, in person; thank-you due within 24 h.
    sched = _floor_minutes(now - timedelta(hours=3, minutes=35))
    call = _make_call(sched + timedelta(minutes=2), 31 * 60 + rng.randint(0, 50))
    questions = (
        b.chosen(0),
        b.chosen(6),
        b.chosen(3),
        b.chosen(8, must_ask=True),
        b.chosen(11),
        b.chosen(10),
    )
    notes, questions = b.notes_from_rows(
        call,
        questions,
        [
            (0.5, None, _N, "Met at Kaffebar on Elmegade; she has a hard stop at 5:30"),
            (
                2,
                0,
                _N,
                "Got into UXR through her thesis on diary studies; first job was research ops, not research",
            ),
            (
                4,
                0,
                _I,
                "Research ops is an underrated way in: far less competition than 'UX Researcher' titles",
            ),
            (
                7,
                1,
                _N,
                "Typical week: 2 days of sessions, 1 day of synthesis, the rest stakeholder meetings and planning",
            ),
            (9, 1, _N, "Recruiting participants (clinicians!) takes longer than running the study"),
            (
                12,
                2,
                _N,
                "AI transcription sped up synthesis, but teams now expect findings in days, not weeks",
            ),
            (
                14,
                2,
                _I,
                "Mixed methods is the differentiator: she'd hire someone who can run a survey AND write SQL",
            ),
            (17, 3, _N, "Skills first: interviewing, then writing crisp findings; tools are easy to pick up"),
            (19, 3, _A, "Join the 'Just Enough Research' reading group she mentioned; sign up by Friday"),
            (22, 4, _N, "Suggested: interview 5 people who use a health app, write a one-page readout"),
            (24, 4, _A, "Send her my readout draft; she offered to give feedback"),
            (26, 5, _R, "Talk to Mads Jensen (Research Manager, Lumen Health); she'll intro by email"),
            (28, 5, _R, "Also Rania Haddad, freelance UXR in health; find her in the ResearchOps Slack"),
        ],
    )
    out["zoe"] = Interview(
        contact_id=c["zoe"].id,
        scheduled_at=sched,
        duration_minutes=30,
        medium=Medium.IN_PERSON,
        location="Kaffebar, Elmegade 4, Copenhagen",
        stage=Stage.CONDUCTED,
        hope_to_learn="What UX research looks like in health tech, and whether my survey work counts as research "
        "experience.",
        research_person="Zoë has been at Lumen Health for two years; ran the clinician diary study they blogged "
        "about.",
        research_company="Lumen Health: remote-monitoring app for heart patients; 200 people; NHS and Danish "
        "regional contracts.",
        questions=questions,
        call=call,
        notes=notes,
        checklist=Checklist(True, True, True, True, True),
        created_at=b.days_ago(6, 20, 0),
    )

    # Conducted two days ago; thank-you drafted but overdue.
    sched = b.days_ago(2, 15, 0)
    call = _make_call(sched + timedelta(minutes=3), 29 * 60 + rng.randint(0, 40), 10 * 60 + 20, 3 * 60 + 10)
    questions = (
        b.chosen(0),
        b.chosen(1),
        b.chosen(3, must_ask=True),
        b.chosen(7),
        b.chosen(12),
        b.chosen(10),
    )
    notes, questions = b.notes_from_rows(
        call,
        questions,
        [
            (0.5, None, _N, "Joined 3 min late from the train; audio a bit patchy"),
            (
                3,
                0,
                _N,
                "Ex-consultant in an energy practice; left in 2022 to start Carbonly with her CTO from uni",
            ),
            (
                6,
                1,
                _N,
                "Favourite project: first pilot with a cement plant, measuring scope 1 emissions hourly",
            ),
            (
                8,
                1,
                _I,
                "At seed stage 'product' means talking to customers every day; no PM title until Series A",
            ),
            (10.2, 1, _N, "Paused the clock: her co-founder called about a customer issue"),
            (
                12,
                2,
                _N,
                "Trends: CSRD reporting deadlines drive demand; buyers want audit-ready data, not dashboards",
            ),
            (14, 2, _I, "EU rules are the real market driver: follow the regulation, not the VC hype"),
            (
                17,
                3,
                _N,
                "Advice: pick one vertical (steel, cement, shipping) and learn its operations deeply",
            ),
            (20, 4, _N, "She'd want a new hire to have shipped something end to end, even a side project"),
            (
                22,
                4,
                _A,
                "Build a small emissions-calculator prototype on public EEA data and share it with her",
            ),
            (25, 5, _R, "Talk to Jonas Becker (Head of Product, Rivet Climate); she'll cc me"),
            (27, 5, _N, "They might hire a founding PM in Q2: don't push, follow up after the prototype"),
        ],
    )
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[sched.weekday()]
    out["aisha"] = Interview(
        contact_id=c["aisha"].id,
        scheduled_at=sched,
        duration_minutes=30,
        medium=Medium.VIDEO,
        location="https://meet.example.com/crb-only-ais",
        their_timezone="Europe/London",
        stage=Stage.CONDUCTED,
        hope_to_learn="What product work looks like before a startup has PMs, and how Carbonly finds customers.",
        research_person="Co-founded Carbonly in 2022 after five years in consulting; writes a monthly post on "
        "industrial decarbonisation.",
        research_company="Carbonly: seed-stage (raised €3.5M), 14 people, measures emissions for cement and "
        "steel plants from sensor data.",
        questions=questions,
        call=call,
        notes=notes,
        follow_up=FollowUp(
            thank_you_draft=f"Hi Aisha,\n\nThank you for making time on {weekday}, especially with a customer "
            "issue landing mid-call. Your point that regulation, not hype, drives the market changed how I'm "
            "looking at climate startups.\n\nI'm going to build the small emissions calculator on the EEA data "
            "you suggested and will send it over when it's done.\n\nBest wishes",
            linkedin_note="Thanks again for the chat about Carbonly and CSRD; I'd love to stay in touch.",
        ),
        checklist=Checklist(True, True, True, True, True),
        created_at=b.days_ago(9, 13, 0),
    )

    # Followed up: thank-you sent, connected, check-in coming up.
    sched = b.days_ago(6, 12, 30)
    call = _make_call(sched + timedelta(minutes=1), 30 * 60 + rng.randint(0, 60))
    questions = (b.chosen(0), b.chosen(2), b.chosen(4), b.chosen(8, must_ask=True), b.chosen(9), b.chosen(10))
    notes, questions = b.notes_from_rows(
        call,
        questions,
        [
            (0.5, None, _N, "Caught up on Brightwave news; he's been at Kestrel 18 months now"),
            (
                2,
                0,
                _N,
                "Moved from analytics to data engineering: liked building pipelines more than answering tickets",
            ),
            (4, 0, _N, "Internal transfer first, then the Kestrel offer came through a meetup talk"),
            (
                7,
                1,
                _N,
                "Would change: too much on-call for flaky upstream sources; pushing for data contracts",
            ),
            (
                10,
                2,
                _N,
                "Sees the role splitting: platform engineers vs analytics engineers; dbt made the second a real job",
            ),
            (
                12,
                2,
                _I,
                "Analytics engineering is the natural bridge from where I am: SQL + modelling + some Python",
            ),
            (
                15,
                3,
                _N,
                "Skills first: SQL window functions, dbt, one orchestrator (Dagster or Airflow), basic Docker",
            ),
            (
                17,
                3,
                _A,
                "Build a small dbt project on the Copenhagen bike-share open data and put it on GitHub",
            ),
            (
                20,
                4,
                _N,
                "Resources: 'Fundamentals of Data Engineering' (Reis & Housley), the Locally Optimistic Slack",
            ),
            (22, 4, _A, "Join the Locally Optimistic Slack; lurk in #jobs and #career-advice"),
            (
                25,
                5,
                _R,
                "Talk to Ingrid Larsen (Analytics Engineering Manager, Fjord Payments); he'll intro by email",
            ),
            (27, 5, _N, "Happy to do a mock technical interview with me in January"),
        ],
    )
    referral_id = next(n.id for n in notes if n.kind is NoteKind.REFERRAL)
    sent = b.at(sched.date() + timedelta(days=1), 8, 45)
    out["lukasz"] = Interview(
        contact_id=c["lukasz"].id,
        scheduled_at=sched,
        duration_minutes=30,
        medium=Medium.VIDEO,
        location="https://meet.example.com/lkz-nwak-ksl",
        stage=Stage.FOLLOWED_UP,
        hope_to_learn="Whether data engineering suits me better than data science, and how he made the switch.",
        research_company="Kestrel Analytics: B2B analytics platform for retailers; ~300 people; data platform "
        "team of 12.",
        questions=questions,
        call=call,
        notes=notes,
        follow_up=FollowUp(
            thank_you_draft="Hi Łukasz,\n\nThanks so much for the time yesterday, and for the honest take on "
            "on-call. I've started the dbt project on the bike-share data and I'll send you the repo once the "
            "first models run.\n\nAnd thank you for offering to introduce me to Ingrid!\n\nBest,",
            thank_you_sent_at=sent,
            linkedin_note="Great to catch up, Łukasz; thanks for all the data engineering pointers.",
            linkedin_connected_at=sent + timedelta(hours=2, minutes=10),
            next_checkin=today + timedelta(days=5),
            checkin_note="Send the dbt repo and ask about the mock interview date.",
            referral_note_ids=(referral_id,),
        ),
        checklist=Checklist(True, True, True, True, True),
        created_at=b.days_ago(12, 18, 0),
    )

    # Reflected (1): policy path, tied to two goals.
    sched = b.days_ago(19, 10, 0)
    call = _make_call(sched + timedelta(minutes=1), 42 * 60 + rng.randint(0, 90))
    questions = (b.chosen(0), b.chosen(6), b.chosen(3), b.chosen(5), b.chosen(7, must_ask=True), b.chosen(10))
    notes, questions = b.notes_from_rows(
        call,
        questions,
        [
            (
                1,
                None,
                _N,
                "She joined from the office; Prof. Sørensen had already told her about my dissertation",
            ),
            (3, 0, _N, "Economics MSc → 3 years at the Danish Energy Agency → the Institute since 2022"),
            (
                6,
                0,
                _I,
                "Government experience first made her far more credible in policy advice than going straight to a think tank",
            ),
            (
                10,
                1,
                _N,
                "Typical week: drafting briefs, two consultations with ministries, one modelling review; lots of writing",
            ),
            (13, 1, _N, "Reports go through 3–4 rounds of review; one brief can take two months"),
            (
                17,
                2,
                _N,
                "Trends: the carbon border adjustment (CBAM) and heat-pump subsidies dominate her work right now",
            ),
            (
                20,
                2,
                _I,
                "The team is short of people who can model AND write for politicians; a rare combination",
            ),
            (
                24,
                3,
                _N,
                "Wishes she had learned energy-system modelling earlier instead of only econometrics",
            ),
            (
                28,
                4,
                _N,
                "Advice: policy jobs are posted late and filled fast; the six-month traineeships are the way in",
            ),
            (31, 4, _A, "Check the Institute's spring traineeship call; it opens in February"),
            (
                35,
                5,
                _R,
                "Suggested Mikkel Andersen at the Danish Energy Agency; works on the electricity market model",
            ),
            (38, 5, _N, "She'd rather I email than message on LinkedIn"),
        ],
        ratings=(4, 5, 4, 3, 5, 3),
    )
    thanked = b.at(sched.date(), 14, 10)
    g_pm, g_ds, g_phd = goal_ids[:3]
    out["siobhan"] = Interview(
        contact_id=c["siobhan"].id,
        scheduled_at=sched,
        duration_minutes=45,
        medium=Medium.VIDEO,
        location="https://meet.example.com/sib-hanc-ncp",
        stage=Stage.REFLECTED,
        hope_to_learn="What climate policy work is like day to day, and whether it needs a PhD.",
        research_person="Senior Policy Analyst since 2022; co-author of the Institute's heat-pump subsidy report.",
        research_company="Nordic Climate Policy Institute: independent think tank, ~40 staff, advises Nordic "
        "governments on energy and climate policy.",
        questions=questions,
        call=call,
        notes=notes,
        follow_up=FollowUp(
            thank_you_draft="Dear Siobhán,\n\nThank you for a really useful conversation this morning. I hadn't "
            "realised how much of policy work is writing for non-experts; it's made me rethink the PhD route.\n\n"
            "Kind regards,",
            thank_you_sent_at=thanked,
            linkedin_connected_at=thanked + timedelta(days=1, hours=3),
            next_checkin=sched.date() + timedelta(days=60),
            checkin_note="Ask how the CBAM brief landed; mention the traineeship application.",
        ),
        reflection=Reflection(
            takeaways="Policy work rewards modelling skills, but the pace is slow: one brief can take two months. "
            "The traineeship is the realistic way in, and a PhD is not required.",
            surprises="How much of her week is writing for non-experts, and how short-staffed they are on "
            "modellers.",
            goal_ids=(g_pm, g_phd),
            changed_direction=False,
            next_steps=(
                Action(
                    "Read the Danish Climate Council's latest status report",
                    sched.date() + timedelta(days=7),
                    True,
                ),
                Action("Email Mikkel Andersen using Siobhán's name", sched.date() + timedelta(days=10), True),
                Action("Decide whether to apply for the spring traineeship", today + timedelta(days=20)),
            ),
            interest=3,
            written_at=b.at(sched.date() + timedelta(days=1), 20, 30),
        ),
        checklist=Checklist(True, True, True, True, True),
        created_at=b.days_ago(26, 9, 0),
    )

    # Reflected (2): changed direction towards data engineering; paused once; last question not reached.
    sched = b.days_ago(33, 17, 0)
    call = _make_call(sched + timedelta(minutes=2), 29 * 60 + rng.randint(0, 50), 11 * 60 + 30, 2 * 60 + 30)
    questions = (
        b.chosen(0),
        b.chosen(1),
        b.custom("How do data engineers and data scientists split the work on your team?", must_ask=True),
        b.chosen(4),
        b.chosen(8),
        b.chosen(12),
        b.chosen(11),
    )
    notes, questions = b.notes_from_rows(
        call,
        questions,
        [
            (0.5, None, _N, "He's in Munich; joined from home with a toddler in the background"),
            (
                2,
                0,
                _N,
                "Was a data scientist for 4 years; became engineering manager of the data platform in 2023",
            ),
            (
                5,
                1,
                _N,
                "Favourite project: replaced nightly batch jobs with streaming for live prices; data lag 12 h → 2 min",
            ),
            (
                8,
                2,
                _N,
                "Split: DEs own ingestion and the lakehouse; DSs own features and models; analytics engineers in between",
            ),
            (10, 2, _I, "More openings for DE than DS this year: 3 DE roles open vs 1 DS at Fernweh"),
            (12, 2, _N, "Short pause: he had to get the door"),
            (
                15,
                3,
                _N,
                "In five years: fewer people writing pipelines by hand, more platform and governance work",
            ),
            (18, 4, _N, "Skills first: Python, SQL, one cloud (they use GCP) and Terraform basics"),
            (20, 4, _I, "DS people who move to DE are valued because they understand who consumes the data"),
            (
                23,
                5,
                _N,
                "New team members should have practised on-call and debugging a broken pipeline under pressure",
            ),
            (25, 5, _A, "Do the Dagster University course and break/fix my own pipeline on purpose"),
            (27, 5, _N, "Out of time before the last question; he offered to answer it by email"),
        ],
        ratings=(4, 5, 5, 3, 4, 4),
    )
    thanked = b.at(sched.date() + timedelta(days=1), 9, 10)
    out["daniel"] = Interview(
        contact_id=c["daniel"].id,
        scheduled_at=sched,
        duration_minutes=30,
        medium=Medium.VIDEO,
        location="https://meet.example.com/dnl-mlrr-fwt",
        their_timezone="Europe/Berlin",
        stage=Stage.REFLECTED,
        hope_to_learn="How data engineering and data science differ day to day, from someone who has done both.",
        research_person="Data scientist turned engineering manager; Glassdoor reviews of his team mention good "
        "mentoring.",
        research_company="Fernweh Travel: Munich travel-booking scale-up, ~900 people; moved to GCP in 2024.",
        questions=questions,
        call=call,
        notes=notes,
        follow_up=FollowUp(
            thank_you_draft="Hi Daniel,\n\nThank you for yesterday, and for staying on past the half hour. The way "
            "you described DS people moving into DE was exactly what I needed to hear.\n\nBest,",
            thank_you_sent_at=thanked,
            linkedin_connected_at=thanked + timedelta(hours=5),
            next_checkin=sched.date() + timedelta(days=45),
            checkin_note="Share the finished pipeline project.",
        ),
        reflection=Reflection(
            takeaways="Data engineering has more openings and suits how I like to work: building things other "
            "people rely on. My DS background is an asset there, not wasted.",
            surprises="On-call is a bigger part of the job than I thought.",
            goal_ids=(g_ds,),
            changed_direction=True,
            next_steps=(
                Action("Finish the Dagster University course", sched.date() + timedelta(days=14), True),
                Action("Build the bike-share pipeline project end to end", today + timedelta(days=10)),
                Action("Ask Daniel for feedback on the project", today + timedelta(days=24)),
            ),
            interest=4,
            written_at=b.at(sched.date() + timedelta(days=2), 21, 0),
        ),
        checklist=Checklist(True, True, True, True, True),
        created_at=b.days_ago(40, 12, 0),
    )

    # Cancelled.
    out["chloe"] = Interview(
        contact_id=c["chloe"].id,
        scheduled_at=b.days_ago(1, 17, 30),
        duration_minutes=20,
        medium=Medium.VIDEO,
        location="https://meet.example.com/chl-dbos-nmb",
        their_timezone="Europe/Paris",
        stage=Stage.CANCELLED,
        hope_to_learn="How developer advocacy works at a data company, and whether it needs a coding background.",
        questions=(b.chosen(0), b.chosen(6)),
        checklist=Checklist(researched_person=True, questions_chosen=True),
        created_at=b.days_ago(8, 10, 0),
    )
    return out


def _curated_outreach(b: _Builder, c: dict[str, Contact], iv: dict[str, Interview]) -> list[Outreach]:
    """Outreach for the curated contacts; scheduled ones carry their interview's id."""

    def sent_bd_ago(days: int, hour: int, minute: int) -> datetime:
        return _business_days_before(b.now, days).replace(hour=hour, minute=minute, second=0)

    def scheduled(key: str, channel: Channel, days_before: int, message: str) -> Outreach:
        interview = iv[key]
        created = interview.created_at or b.now
        sent = b.cap(created - timedelta(days=days_before, hours=3))
        return Outreach(
            contact_id=c[key].id,
            sent_at=sent,
            channel=channel,
            message=message,
            status=OutreachStatus.SCHEDULED,
            responded_at=b.cap(created - timedelta(hours=2)),
        )

    return [
        scheduled(
            "kenji",
            Channel.LINKEDIN,
            2,
            "Hi Kenji, I loved your PyData talk on demand forecasting. I'm an "
            "analyst exploring data science roles in mobility; could I ask you a few questions over 30 "
            "minutes sometime?",
        ),
        scheduled(
            "jose",
            Channel.EMAIL,
            3,
            "Hi José, Amara Okafor suggested I get in touch. I'm exploring product "
            "roles in energy storage and would value 30 minutes of your perspective.",
        ),
        scheduled(
            "zoe", Channel.OTHER, 1, "Zoë! Coffee this week? I want to pick your brain about UX research."
        ),
        scheduled(
            "aisha",
            Channel.ANGELLIST,
            2,
            "Hi Aisha, Carbonly's approach to hourly scope 1 data is "
            "fascinating. Would you have 30 minutes to talk about product work at a seed-stage climate "
            "startup? Not looking for a job, just advice.",
        ),
        scheduled(
            "lukasz",
            Channel.EMAIL,
            1,
            "Hey Łukasz, long time! I'm weighing DE vs DS and you're the first "
            "person I thought of. Lunch call next week?",
        ),
        scheduled(
            "siobhan",
            Channel.EMAIL,
            4,
            "Dear Siobhán, Prof. Sørensen kindly suggested I contact you. I'm "
            "considering a move into climate policy and would be grateful for 30–45 minutes of your time.",
        ),
        scheduled(
            "daniel",
            Channel.LINKEDIN,
            3,
            "Hi Daniel, I read about your team's move to streaming and I'm "
            "trying to decide between data science and data engineering. Could I ask you about it?",
        ),
        scheduled(
            "chloe",
            Channel.TWITTER,
            2,
            "Hi Chloé, big fan of your Nimbus API threads. Would you be up "
            "for a 20-minute chat about developer advocacy?",
        ),
        Outreach(
            contact_id=c["ravi"].id,
            sent_at=b.cap(sent_bd_ago(1, 10, 20)),
            channel=Channel.QUORA,
            message="Hi Ravi, your answer on moving from analytics into ESG consulting was the clearest I've read. "
            "Could I ask you a few follow-up questions on a short call?",
        ),
        Outreach(
            contact_id=c["fatima"].id,
            sent_at=sent_bd_ago(4, 9, 40),
            channel=Channel.EMAIL,
            message="Hi Fatima, I saw Harbor & Rail's senior analyst posting on Indeed. Before applying I'd love to "
            "understand how the operations analytics team works; would you have 20 minutes?",
        ),
        Outreach(
            contact_id=c["noah"].id,
            sent_at=sent_bd_ago(9, 14, 15),
            channel=Channel.LINKEDIN,
            message="Hi Noah, I'm exploring analytics roles in fintech and your path from risk to analytics "
            "caught my eye. Would you be open to a 20-minute conversation?",
        ),
        Outreach(
            contact_id=c["henrik"].id,
            sent_at=sent_bd_ago(3, 16, 0),
            channel=Channel.EMAIL,
            message="Dear Henrik, could we talk about what an academic career in environmental economics looks "
            "like today? I'm still weighing the PhD question.",
            status=OutreachStatus.REPLIED,
            responded_at=b.cap(b.now - timedelta(hours=20)),
        ),
        Outreach(
            contact_id=c["mei"].id,
            sent_at=sent_bd_ago(12, 11, 30),
            channel=Channel.LINKEDIN,
            message="Hi Mei Lin, I'm exploring product roles in renewables; would you have time for a short chat "
            "about how product works at Solstice?",
            status=OutreachStatus.DECLINED,
            responded_at=sent_bd_ago(10, 18, 5),
        ),
    ]


def _curated_intros(b: _Builder, c: dict[str, Contact]) -> list[IntroRequest]:
    return [
        IntroRequest(
            via_contact_id=c["amara"].id,
            target="Someone in product at a battery-storage company",
            asked_at=b.days_ago(15, 19, 0),
            status=IntroStatus.INTRODUCED,
            result_contact_id=c["jose"].id,
            note="Amara introduced José by email the same week.",
        ),
        IntroRequest(
            via_contact_id=c["henrik"].id,
            target="Someone working on climate policy",
            asked_at=b.days_ago(34, 10, 30),
            status=IntroStatus.INTRODUCED,
            result_contact_id=c["siobhan"].id,
            note="Henrik cc'd me on an email to Siobhán.",
        ),
        IntroRequest(
            via_contact_id=c["amara"].id,
            target="A hiring manager on the Verdant Grid flexibility team",
            asked_at=b.days_ago(5, 18, 20),
            note="Asked at our monthly coffee; she'll check who is hiring first.",
        ),
    ]


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
class _Plan:
    """What will happen with one generated contact, decided before ids exist."""

    contact: Contact
    stage: Stage | None = None
    scheduled_at: datetime | None = None
    outreach_status: OutreachStatus | None = None
    sent_at: datetime | None = None
    responded_at: datetime | None = None
    nudged_at: datetime | None = None


class _Bulk:
    """Generated contacts, outreach and interviews for `size=N`."""

    def __init__(self, b: _Builder) -> None:
        self.b = b
        self.rng = b.rng

    def person(self) -> tuple[str, str, str]:
        rng = self.rng
        return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES), rng.choice(TITLES)

    def contacts(self, count: int) -> list[_Plan]:
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
                email=_email(name, company),
                linkedin_url=_linkedin(name, suffix),
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
            plans.append(_Plan(contact=contact))
        return plans

    def plan_activity(self, plans: list[_Plan], interviews: int, outreach: int) -> None:
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
                day = _weekday_on_or_after(b.today + timedelta(days=rng.randint(1, 21)))
                plan.scheduled_at = b.at(day, rng.randint(9, 17), rng.choice((0, 15, 30, 45)))
                plan.sent_at = b.past_work_time(rng.randint(2, 20))
            else:
                back = {
                    Stage.CONDUCTED: (1, 5),
                    Stage.FOLLOWED_UP: (4, 40),
                    Stage.REFLECTED: (7, 120),
                    Stage.CANCELLED: (1, 90),
                }[stage]
                day = _weekday_on_or_before(b.today - timedelta(days=rng.randint(*back)))
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

    def outreach(self, plan: _Plan) -> Outreach:
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
            channel=channel,  # type: ignore[arg-type]
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
        call = _make_call(
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
        # Notes spread over the call: a couple in small talk, a few under each asked question, one or two
        # in the wrap-up (still under the last question).
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
        offsets = sorted(unique)
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
                in_wrap = j == asked_count - 1 and offset > run_s - wrap_up
                key = QuestionCategory.OTHER if in_wrap else category
                source = NOTE_POOLS.get(key, NOTE_POOLS[QuestionCategory.OTHER])  # type: ignore[call-overload]
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
                    id=len(notes) + 1,
                    question_index=q_index,
                    kind=kind,
                    tiara=category if category in TIARA else None,
                    created_at=_wall_time(call, offset),
                )
            )
        marked = []
        for i, question in enumerate(questions):
            if i < asked_count:
                marked.append(replace(question, asked=True, asked_offset_s=asked_at[i]))
            else:
                marked.append(replace(question, asked=False))
        return call, tuple(notes), tuple(marked)

    def interview(self, plan: _Plan, goal_ids: list[int]) -> Interview:
        rng, b = self.rng, self.b
        contact, stage, scheduled_at = plan.contact, plan.stage, plan.scheduled_at
        assert stage is not None and scheduled_at is not None
        duration = rng.choice((20, 30, 30, 30, 30, 45, 45, 60))
        medium = rng.choices((Medium.VIDEO, Medium.PHONE, Medium.IN_PERSON), (70, 18, 12))[0]
        location = {
            Medium.VIDEO: f"https://meet.example.com/{_slug(contact.name)[:3]}-{rng.getrandbits(16):04x}",
            Medium.PHONE: "+45 " + " ".join(str(rng.randint(20 if i == 0 else 10, 99)) for i in range(4)),
            Medium.IN_PERSON: f"Café near {contact.company}, {rng.choice(CITIES)}",
        }[medium]
        ctx = self.context(contact, duration)
        first = ctx["first"]
        industry = ctx["industry"]
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
            research_company=f"{contact.company} ({industry}), about {ctx['n'] * 50} people, offices in "
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
        interview = replace(interview, follow_up=follow_up)
        if stage is Stage.FOLLOWED_UP:
            return interview
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


# Entry point ---------------------------------------------------------------------------------------------


def populate_demo(store: Store, now: datetime, size: int | None = None, seed: int = 7) -> DemoSummary:
    """Add demo data relative to `now` (aware); `size` pads the contacts to N with generated records.

    The curated set is always added; `size` smaller than it adds nothing more. Deterministic for a given
    `seed` and `now`. Uses batch writes only, so `size=10_000` takes a few seconds.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("populate_demo needs an aware datetime")
    if size is not None and size < 0:
        raise ValueError("size must not be negative")
    b = _Builder(store, now, seed)
    bulk = _Bulk(b)

    # Goals first: reflections point at them.
    goal_records = _goals(b)
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
    goals = store.goals.add_many(goal_records + (extra_goals if size is not None else []))
    goal_ids = [g.id for g in goals]

    curated_count = 18
    bulk_contacts = max(0, (size or 0) - curated_count) if size is not None else 0
    plans = bulk.contacts(bulk_contacts)
    target_interviews = round(size / 5) if size is not None else 0
    bulk_interviews = min(len(plans), max(0, target_interviews - 8))
    target_outreach = (size or 0) // 2
    bulk_outreach_only = min(len(plans) - bulk_interviews, max(0, target_outreach - 13 - bulk_interviews))
    bulk.plan_activity(plans, bulk_interviews, bulk_outreach_only)

    # Contacts in two writes: people you know first, so introductions can point at them.
    known_plans = [p for p in plans if p.contact.how_known.route is Route.KNOWN]
    other_plans = [p for p in plans if p.contact.how_known.route is not Route.KNOWN]
    known_curated = _curated_known(b)
    saved = store.contacts.add_many(list(known_curated.values()) + [p.contact for p in known_plans])
    known = dict(zip(known_curated, saved, strict=False))
    for plan, contact in zip(known_plans, saved[len(known_curated) :], strict=False):
        plan.contact = contact
    introducers = [c for c in saved if c.how_known in (HowKnown.MENTOR, HowKnown.PROFESSOR)]
    for plan in other_plans:
        if plan.contact.how_known is HowKnown.INTRODUCTION:
            plan.contact = replace(plan.contact, introduced_by_id=b.rng.choice(introducers).id)
    others_curated = _curated_others(b, known)
    saved = store.contacts.add_many(list(others_curated.values()) + [p.contact for p in other_plans])
    contacts = {**known, **dict(zip(others_curated, saved, strict=False))}
    for plan, contact in zip(other_plans, saved[len(others_curated) :], strict=False):
        plan.contact = contact
    assert len(contacts) == curated_count

    # Introductions you asked for.
    intros = _curated_intros(b, contacts)
    for plan in other_plans:
        if plan.contact.how_known is HowKnown.INTRODUCTION and b.rng.random() < 0.25:
            intros.append(
                IntroRequest(
                    via_contact_id=plan.contact.introduced_by_id or 0,
                    target=f"Someone at {plan.contact.company}",
                    asked_at=(plan.contact.created_at or b.now) - timedelta(days=b.rng.randint(2, 20)),
                    status=IntroStatus.INTRODUCED,
                    result_contact_id=plan.contact.id,
                )
            )
    if introducers and size is not None:
        for _ in range(max(1, bulk_contacts // 200)):
            intros.append(
                IntroRequest(
                    via_contact_id=b.rng.choice(introducers).id,
                    target=f"A {b.rng.choice(TITLES).lower()} at {b.rng.choice(COMPANIES)[0]}",
                    asked_at=b.past_work_time(b.rng.randint(1, 60)),
                    status=b.rng.choice((IntroStatus.ASKED, IntroStatus.DECLINED)),
                )
            )
    intro_records = store.intros.add_many(intros)

    # Interviews need their outreach's id and the outreach needs the interview's: add the outreach first,
    # then the interviews, then point the scheduled outreach at them (one more write).
    curated_iv = _curated_interviews(b, contacts, goal_ids)
    curated_out = _curated_outreach(b, contacts, curated_iv)
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

    # The question bank remembers how often each question was chosen and how useful it was.
    used: dict[int, list[int]] = {}
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

    return DemoSummary(
        contacts=len(contacts) + len(plans),
        outreach=len(outreach),
        interviews=len(interviews),
        goals=len(goals),
        intros=len(intro_records),
        notes=sum(len(iv.notes) for iv in interviews),
    )
