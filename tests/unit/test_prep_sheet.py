"""The prep sheet: sections in order, must-asks marked, a time plan with clock times, and user text that
cannot break the Markdown structure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import (
    ChosenQuestion,
    Contact,
    HowKnown,
    Interview,
    Medium,
    QuestionCategory,
    replace,
)
from infoview_tui.exchange.markdown_parts import UnknownInterviewError, md_block, md_inline
from infoview_tui.exchange.prep_sheet import prep_sheet
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.store import Store

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # a Wednesday
HEADINGS = [
    "## Person",
    "## When",
    "## What I hope to learn",
    "## Research: the person",
    "## Research: the company",
    "## Questions",
    "## Time plan",
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "d.json", clock=FixedClock(NOW))
    populate_demo(opened, NOW)
    yield opened
    opened.close()


def interview_of(store: Store, name: str) -> Interview:
    contact = next(c for c in store.contacts.all() if c.name.startswith(name))
    return next(iv for iv in store.interviews.all() if iv.contact_id == contact.id)


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def section(text: str, title: str) -> list[str]:
    """The non-empty lines under `## title`, up to the next heading."""
    lines = text.splitlines()
    start = lines.index(f"## {title}") + 1
    out = []
    for line in lines[start:]:
        if line.startswith("## "):
            break
        if line.strip():
            out.append(line)
    return out


def plain_questions(n: int, must: tuple[int, ...] = ()) -> tuple[ChosenQuestion, ...]:
    return tuple(ChosenQuestion(f"Question number {i}?", must_ask=i in must) for i in range(1, n + 1))


def test_sections_in_order_with_the_person_and_the_time(store: Store) -> None:
    kenji = interview_of(store, "Kenji")
    sheet = prep_sheet(Snapshot.of(store), kenji.id, NOW)
    brief = [  # Kenji's first call, eight days ago (the brief's own tests are in test_brief.py)
        "## The brief: what you already know",
        "### What Kenji told you",
        "### What you promised Kenji",
        "### Next steps you set after talking",
    ]
    assert headings(sheet) == ["# Prep: Kenji Watanabe", *HEADINGS[:2], *brief, *HEADINGS[2:]]
    assert (
        "- overdue 23 Nov · promised 17 Nov: Send him my three questions on Brightline's pricing-experiments "
        "post before we talk again" in sheet.splitlines()
    )
    assert sheet.startswith("# Prep: Kenji Watanabe\n")
    assert section(sheet, "Person") == [
        "- Title: Staff Data Scientist",
        "- Company: Brightline Mobility (Transportation)",
        "- Email: kenji.watanabe@brightline-mobility.example",
        "- LinkedIn: <https://www.linkedin.com/in/kenji-watanabe-example>",
        "- How you know them: Cold via LinkedIn",
    ]
    assert section(sheet, "When") == [
        "- Wed 25 Nov 2026, 09:40–10:10 UTC (30 min, in 40 min)",
        "- Join at 09:30, 10 minutes early",
        "- Medium: Video",
        "- Location: <https://meet.example.com/kvq-ruxd-pha>",
        "- Their time zone: Europe/Amsterdam (10:40–11:10 there)",
    ]
    assert section(sheet, "What I hope to learn") == [kenji.hope_to_learn]
    assert section(sheet, "Research: the person") == [kenji.research_person]
    assert section(sheet, "Research: the company") == [kenji.research_company]


def test_questions_in_order_with_must_asks_and_categories(store: Store) -> None:
    sheet = prep_sheet(Snapshot.of(store), interview_of(store, "Kenji").id, NOW)
    assert section(sheet, "Questions") == [
        "1. What led you to your current role? *(Starter)*",
        "2. **Must ask:** What does the pricing team measure to decide a change worked?",
        "3. What does a typical week look like for you? *(Insights)*",
        "4. What trends are changing your field right now? *(Trends)*",
        "5. Which skills should I build first to be ready for work like yours? *(Advice)*",
        "6. **Must ask:** Who else do you think I should talk to? *(Resources)*",
    ]


def test_time_plan_with_clock_times_and_total(store: Store) -> None:
    sheet = prep_sheet(Snapshot.of(store), interview_of(store, "Kenji").id, NOW)
    assert section(sheet, "Time plan") == [
        "- 09:40–09:43 small talk: thank them, re-introduce yourself, confirm how much time they have",
        "- 09:43–09:46 Q1 What led you to your current role?",
        "- 09:46–09:49 Q2 (must ask) What does the pricing team measure to decide a change…",
        "- 09:49–09:52 Q3 What does a typical week look like for you?",
        "- 09:52–09:55 Q4 What trends are changing your field right now?",
        "- 09:55–09:58 Q5 Which skills should I build first to be ready for work…",
        "- 09:58–10:01 Q6 (must ask) Who else do you think I should talk to?",
        "- 10:01–10:07 spare 6 min: follow up on what interested you most",
        "- 10:07–10:10 wrap-up: who else should I talk to? thank them",
        "**Total:** 6 questions ≈ 24 min of 30 (room for 8); it fits.",
    ]


def test_a_full_plan_ends_exactly_on_time(store: Store) -> None:
    kenji = interview_of(store, "Kenji")
    at_two = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    store.interviews.update(replace(kenji, scheduled_at=at_two, questions=plain_questions(8)))
    plan = section(prep_sheet(Snapshot.of(store), kenji.id, NOW), "Time plan")
    assert plan[0].startswith("- 14:00–14:03 small talk: thank them, re-introduce yourself")
    assert plan[1] == "- 14:03–14:06 Q1 Question number 1?"
    assert plan[8] == "- 14:24–14:27 Q8 Question number 8?"
    assert plan[9] == "- 14:27–14:30 wrap-up: who else should I talk to? thank them"
    assert not any("spare" in line for line in plan)
    assert plan[-1] == "**Total:** 8 questions ≈ 30 min of 30 (room for 8); it fits."


def test_too_many_questions_are_flagged_and_must_asks_called_out(store: Store) -> None:
    kenji = interview_of(store, "Kenji")
    at_two = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    store.interviews.update(replace(kenji, scheduled_at=at_two, questions=plain_questions(10, must=(2, 10))))
    plan = section(prep_sheet(Snapshot.of(store), kenji.id, NOW), "Time plan")
    assert plan[2] == "- 14:06–14:09 Q2 (must ask) Question number 2?"
    assert "- 14:27–14:30 wrap-up: who else should I talk to? thank them" in plan
    left_out = next(line for line in plan if line.startswith("- No time left for:"))
    assert "Q9 Question number 9?" in left_out and "Q10 Question number 10?" in left_out
    assert "- **Must-asks out of time:** Q10: move them up or cut others" in plan
    assert plan[-1] == (
        "**Total:** 10 questions ≈ 36 min of 30 (room for 8): too many, cut or mark must-asks; "
        "it does not fit."
    )


def test_local_time_is_the_zone_of_now(store: Store) -> None:
    cph_now = NOW.astimezone(ZoneInfo("Europe/Copenhagen"))
    sheet = prep_sheet(Snapshot.of(store), interview_of(store, "Kenji").id, cph_now)
    assert "- Wed 25 Nov 2026, 10:40–11:10 CET (30 min, in 40 min)" in sheet
    assert "- 10:40–10:43 small talk" in sheet
    assert "- 11:07–11:10 wrap-up" in sheet


def test_unscheduled_interview_uses_minutes_from_the_start(store: Store) -> None:
    contact = store.contacts.add(Contact(name="Nadia Haddad", how_known=HowKnown.FRIEND))
    iv = store.interviews.add(
        Interview(
            contact_id=contact.id, duration_minutes=20, medium=Medium.PHONE, questions=plain_questions(2)
        )
    )
    sheet = prep_sheet(Snapshot.of(store), iv.id, NOW)
    assert headings(sheet) == ["# Prep: Nadia Haddad", *HEADINGS]
    assert section(sheet, "Person") == ["- How you know them: Friend"]
    assert section(sheet, "When") == ["- Not scheduled yet (20 min planned)", "- Medium: Phone"]
    assert section(sheet, "What I hope to learn") == ["_Not written yet._"]
    plan = section(sheet, "Time plan")
    assert plan[0].startswith("- 0:00–0:03 small talk")
    assert plan[1] == "- 0:03–0:06 Q1 Question number 1?"
    assert plan[-2] == "- 0:17–0:20 wrap-up: who else should I talk to? thank them"
    assert plan[-1] == "**Total:** 2 questions ≈ 12 min of 20 (room for 4); it fits."


def test_no_questions_yet(store: Store) -> None:
    contact = store.contacts.all()[0]
    iv = store.interviews.add(Interview(contact_id=contact.id, scheduled_at=NOW + timedelta(days=1)))
    sheet = prep_sheet(Snapshot.of(store), iv.id, NOW)
    assert section(sheet, "Questions") == ["_No questions chosen yet: pick some in Prepare._"]


def test_an_introducer_in_your_contacts_is_named(store: Store) -> None:
    mentor = store.contacts.add(Contact(name="Dr. Kofi Mensah", how_known=HowKnown.MENTOR))
    contact = store.contacts.add(
        Contact(name="Lea Moreau", how_known=HowKnown.INTRODUCTION, introduced_by_id=mentor.id)
    )
    iv = store.interviews.add(Interview(contact_id=contact.id))
    assert "- How you know them: Intro by Dr. Kofi Mensah" in prep_sheet(Snapshot.of(store), iv.id, NOW)


def test_unknown_interview_is_a_clear_key_error(store: Store) -> None:
    with pytest.raises(KeyError) as raised:
        prep_sheet(Snapshot.of(store), "999", NOW)
    assert isinstance(raised.value, UnknownInterviewError)
    assert str(raised.value) == "there is no interview with id 999"


def test_markdown_in_user_text_does_not_make_headings(store: Store) -> None:
    contact = store.contacts.add(
        Contact(name="# Not *a* heading #", title="- not a list", company="1. Not a list_either_")
    )
    iv = store.interviews.add(
        Interview(
            contact_id=contact.id,
            scheduled_at=NOW + timedelta(days=1),
            hope_to_learn="<!-- this would hide the rest\n# Also not a heading",
            research_person="Works on data.\n---\nThe line above would make a heading.\n```\nnot code",
            research_company="    indented would be code\n- but a bullet list stays a list\n> 50 people",
            questions=(
                ChosenQuestion("## Sneaky *question* `x`?", must_ask=True, category=QuestionCategory.ADVICE),
            ),
        )
    )
    sheet = prep_sheet(Snapshot.of(store), iv.id, NOW)
    assert headings(sheet) == ["# Prep: \\# Not \\*a\\* heading \\#", *HEADINGS]
    assert "- Title: \\- not a list" in sheet
    assert "- Company: 1\\. Not a list_either\\_" in sheet
    assert section(sheet, "What I hope to learn") == [
        "\\<!-- this would hide the rest",
        "\\# Also not a heading",
    ]
    assert section(sheet, "Research: the person") == [
        "Works on data.",
        "\\---",
        "The line above would make a heading.",
        "\\```",
        "not code",
    ]
    assert section(sheet, "Research: the company") == [
        "indented would be code",
        "- but a bullet list stays a list",
        "\\> 50 people",
    ]
    assert "1. **Must ask:** \\## Sneaky \\*question\\* \\`x\\`? *(Advice)*" in sheet


def test_markdown_structure_survives_a_real_parser(store: Store) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    contact = store.contacts.add(Contact(name="# Evil ==", company="Acme"))
    iv = store.interviews.add(
        Interview(
            contact_id=contact.id,
            scheduled_at=NOW + timedelta(days=1),
            hope_to_learn="Learn this\n===",
            research_person="Intro\n-\n# heading\n<div>\n```",
            research_company="1) numbered\n* starred",
            questions=(ChosenQuestion("- # nested heading?"), ChosenQuestion("2. second")),
        )
    )
    sheet = prep_sheet(Snapshot.of(store), iv.id, NOW)
    parser = markdown_it.MarkdownIt("commonmark")
    tokens = parser.parse(sheet)
    assert not any(t.type in ("fence", "code_block", "html_block") for t in tokens)
    html = parser.render(sheet)
    titles = re.findall(r"<h[1-6]>(.*?)</h[1-6]>", html)
    assert titles == ["Prep: # Evil ==", *(h[3:] for h in HEADINGS)]
    assert "<p>Intro\n-\n# heading\n&lt;div&gt;\n```</p>" in html  # the user's text, shown as typed


def test_md_helpers_leave_ordinary_text_alone() -> None:
    ordinary = "Zoë's team (≈25 people) uses snake_case, C# and 3.5% growth: 1-2 hires/yr."
    assert md_inline(ordinary) == ordinary
    assert md_block(ordinary) == ordinary
    assert md_block("- a list\n- stays\n\nnew *paragraph*") == "- a list\n- stays\n\nnew *paragraph*"
    assert md_inline("line\nbreaks  collapse") == "line breaks collapse"
    assert re.fullmatch(r"\\#+ x", md_inline("## x"))
