"""Provides the curated demo interviews: one or two per stage, with calls, timestamped notes and reflections."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    pass
from infoview_tui.demo.builder import Builder, floor_minutes, make_call, weekday_on_or_after

_N, _I, _A, _R = NoteKind.NOTE, NoteKind.INSIGHT, NoteKind.ACTION, NoteKind.REFERRAL


# What was said in each curated call: (minute, question index, kind, text) ----------------------------

_ZOE_NOTES: tuple[tuple[float, int | None, NoteKind, str], ...] = (
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
)


_AISHA_NOTES: tuple[tuple[float, int | None, NoteKind, str], ...] = (
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
)


_LUKASZ_NOTES: tuple[tuple[float, int | None, NoteKind, str], ...] = (
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
)


_SIOBHAN_NOTES: tuple[tuple[float, int | None, NoteKind, str], ...] = (
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
)


_DANIEL_NOTES: tuple[tuple[float, int | None, NoteKind, str], ...] = (
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
)


def _kenji(b: Builder, c: dict[str, Contact]) -> Interview:
    """Within the hour: prepared, checklist nearly done."""
    now = b.now
    start = floor_minutes(now + timedelta(minutes=40))
    return Interview(
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


def _jose(b: Builder, c: dict[str, Contact]) -> Interview:
    """Later this week: scheduled, partly prepared."""
    today = b.today
    day = weekday_on_or_after(today + timedelta(days=2))
    return Interview(
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


def _zoe(b: Builder, c: dict[str, Contact]) -> Interview:
    """Conducted about three hours ago, in person; thank-you due within 24 h."""
    rng = b.rng
    now = b.now
    sched = floor_minutes(now - timedelta(hours=3, minutes=35))
    call = make_call(sched + timedelta(minutes=2), 31 * 60 + rng.randint(0, 50))
    questions: tuple[ChosenQuestion, ...] = (
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
        _ZOE_NOTES,
    )
    return Interview(
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


def _aisha(b: Builder, c: dict[str, Contact]) -> Interview:
    """Conducted two days ago; thank-you drafted but overdue."""
    rng = b.rng
    sched = b.days_ago(2, 15, 0)
    call = make_call(sched + timedelta(minutes=3), 29 * 60 + rng.randint(0, 40), 10 * 60 + 20, 3 * 60 + 10)
    questions: tuple[ChosenQuestion, ...] = (
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
        _AISHA_NOTES,
    )
    # The prototype is a promise (shared with her) with a day set: the Dashboard and calendar show it.
    promised_by = b.today + timedelta(days=2)
    notes = tuple(replace(n, due=promised_by) if n.kind is NoteKind.ACTION else n for n in notes)
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[sched.weekday()]
    return Interview(
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


def _lukasz(b: Builder, c: dict[str, Contact]) -> Interview:
    """Followed up: thank-you sent, connected, check-in coming up."""
    rng = b.rng
    today = b.today
    sched = b.days_ago(6, 12, 30)
    call = make_call(sched + timedelta(minutes=1), 30 * 60 + rng.randint(0, 60))
    questions: tuple[ChosenQuestion, ...] = (
        b.chosen(0),
        b.chosen(2),
        b.chosen(4),
        b.chosen(8, must_ask=True),
        b.chosen(9),
        b.chosen(10),
    )
    notes, questions = b.notes_from_rows(
        call,
        questions,
        _LUKASZ_NOTES,
    )
    referral_id = next(n.id for n in notes if n.kind is NoteKind.REFERRAL)
    sent = b.at(sched.date() + timedelta(days=1), 8, 45)
    return Interview(
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


def _siobhan(b: Builder, c: dict[str, Contact], goal_ids: list[RecordId]) -> Interview:
    """Reflected (1): policy path, tied to two goals."""
    rng = b.rng
    today = b.today
    sched = b.days_ago(19, 10, 0)
    call = make_call(sched + timedelta(minutes=1), 42 * 60 + rng.randint(0, 90))
    questions: tuple[ChosenQuestion, ...] = (
        b.chosen(0),
        b.chosen(6),
        b.chosen(3),
        b.chosen(5),
        b.chosen(7, must_ask=True),
        b.chosen(10),
    )
    notes, questions = b.notes_from_rows(
        call,
        questions,
        _SIOBHAN_NOTES,
        ratings=(4, 5, 4, 3, 5, 3),
    )
    thanked = b.at(sched.date(), 14, 10)
    g_pm, g_phd = goal_ids[0], goal_ids[2]
    return Interview(
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


def _daniel(b: Builder, c: dict[str, Contact], goal_ids: list[RecordId]) -> Interview:
    """Reflected (2): changed direction towards data engineering; paused once; last question not reached."""
    rng = b.rng
    today = b.today
    g_ds = goal_ids[1]
    sched = b.days_ago(33, 17, 0)
    call = make_call(sched + timedelta(minutes=2), 29 * 60 + rng.randint(0, 50), 11 * 60 + 30, 2 * 60 + 30)
    questions: tuple[ChosenQuestion, ...] = (
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
        _DANIEL_NOTES,
        ratings=(4, 5, 5, 3, 4, 4),
    )
    thanked = b.at(sched.date() + timedelta(days=1), 9, 10)
    return Interview(
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


def _chloe(b: Builder, c: dict[str, Contact]) -> Interview:
    """Cancelled."""
    return Interview(
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


def curated_interviews(b: Builder, c: dict[str, Contact], goal_ids: list[RecordId]) -> dict[str, Interview]:
    """The eight curated interviews, one or two per stage; `outreach_id` is filled in later.

    Built in this order: each draws from the shared random source, so the order is part of the data.
    """
    return {
        "kenji": _kenji(b, c),
        "jose": _jose(b, c),
        "zoe": _zoe(b, c),
        "aisha": _aisha(b, c),
        "lukasz": _lukasz(b, c),
        "siobhan": _siobhan(b, c, goal_ids),
        "daniel": _daniel(b, c, goal_ids),
        "chloe": _chloe(b, c),
    }
