"""Provides the curated demo people: goals, contacts you know, introductions and cold contacts."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from infoview_tui.domain.models import (
    Channel,
    Contact,
    Goal,
    HowKnown,
    IntroRequest,
    IntroStatus,
)

if TYPE_CHECKING:
    pass
from infoview_tui.demo.builder import Builder, make_email, make_linkedin

# The curated set -----------------------------------------------------------------------------------------


def curated_goals(b: Builder) -> list[Goal]:
    """The goals the curated reflections point at (the first three, in order)."""
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


def _contact(name: str, how: HowKnown, title: str, company: str, industry: str, **kw: object) -> Contact:
    """A curated contact with a made-up address and profile link."""
    return Contact(
        name=name,
        title=title,
        company=company,
        industry=industry,
        email=make_email(name, company),
        linkedin_url=make_linkedin(name),
        how_known=how,
        **kw,  # type: ignore[arg-type]
    )


def curated_known(b: Builder) -> dict[str, Contact]:
    """People you know (friends, family, classmates, colleagues, a mentor, a professor), by key."""
    return {
        "priya": _contact(
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
        "marco": _contact(
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
        "zoe": _contact(
            "Zoë Chen",
            HowKnown.CLASSMATE,
            "UX Researcher",
            "Lumen Health",
            "Digital health",
            tags=("ux", "research", "alumni"),
            created_at=b.days_ago(40, 21, 5),
            notes="MSc cohort 2021; wrote her thesis on diary studies.",
        ),
        "lukasz": _contact(
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
        "amara": _contact(
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
        "henrik": _contact(
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


_OTHERS_ORDER = (
    "jose",
    "siobhan",
    "kenji",
    "fatima",
    "tomas",
    "daniel",
    "aisha",
    "ravi",
    "chloe",
    "noah",
    "mei",
    "ingrid",
)
"""The order they are added in, which gives them their ids."""


def curated_others(b: Builder, known: dict[str, Contact]) -> dict[str, Contact]:
    """Introductions and cold contacts, in `_OTHERS_ORDER`."""
    found = {**_introduced(b, known), **_cold_from_job_sites(b), **_cold_from_the_web(b)}
    return {key: found[key] for key in _OTHERS_ORDER}


def _introduced(b: Builder, known: dict[str, Contact]) -> dict[str, Contact]:
    """People you were introduced to (they point at who introduced them)."""
    intro = HowKnown.INTRODUCTION
    return {
        "jose": _contact(
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
        "siobhan": _contact(
            "Siobhán O'Connor",
            intro,
            "Senior Policy Analyst",
            "Nordic Climate Policy Institute",
            "Public policy",
            introduced_by_id=known["henrik"].id,
            tags=("policy", "climate"),
            created_at=b.days_ago(30, 15, 0),
        ),
        "ingrid": _contact(
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


def _cold_from_job_sites(b: Builder) -> dict[str, Contact]:
    """Cold contacts found on job sites: Indeed, Glassdoor, AngelList."""
    cold = HowKnown.COLD
    return {
        "fatima": _contact(
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
        "daniel": _contact(
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
        "aisha": _contact(
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
    }


def _cold_from_the_web(b: Builder) -> dict[str, Contact]:
    """Cold contacts found on LinkedIn, Quora and Twitter."""
    cold = HowKnown.COLD
    return {
        "kenji": _contact(
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
        "tomas": _contact(
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
        "ravi": _contact(
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
        "chloe": _contact(
            "Chloé Dubois",
            cold,
            "Developer Advocate",
            "Nimbus Weather",
            "Weather data",
            channel=Channel.TWITTER,
            tags=("devrel", "data"),
            created_at=b.days_ago(20, 22, 10),
        ),
        "noah": _contact(
            "Noah Williams",
            cold,
            "Head of Analytics",
            "Quayside Bank",
            "Fintech",
            channel=Channel.LINKEDIN,
            tags=("fintech", "data"),
            created_at=b.days_ago(18, 8, 50),
        ),
        "mei": _contact(
            "Mei Lin Tan",
            cold,
            "Principal Product Manager",
            "Solstice Energy",
            "Renewable energy",
            channel=Channel.LINKEDIN,
            tags=("product", "climate"),
            created_at=b.days_ago(25, 19, 30),
        ),
    }


def curated_intros(b: Builder, c: dict[str, Contact]) -> list[IntroRequest]:
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
