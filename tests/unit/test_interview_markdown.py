"""The Markdown record of a conducted interview: a golden file, front matter, escaping, file names and the
export of every conducted interview into a folder.

Regenerate the golden file after an intended change with `INFOVIEW_UPDATE_GOLDEN=1 pytest <this file>`
and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import (
    Action,
    CallRecord,
    ChosenQuestion,
    Contact,
    FollowUp,
    Goal,
    HowKnown,
    Interview,
    Medium,
    Note,
    NoteKind,
    QuestionCategory,
    Reflection,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.exchange.interview_markdown import (
    FILENAME_LIMIT,
    export_all,
    filenames,
    interview_markdown,
    safe_filename,
)
from infoview_tui.exchange.markdown_parts import UnknownInterviewError
from infoview_tui.exchange.prep_sheet import prep_sheet
from infoview_tui.exchange.snapshot import Snapshot
from infoview_tui.store import Store

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "markdown" / "interview.md"
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
START = datetime(2026, 11, 24, 14, 2, tzinfo=UTC)


def _note(i: int, minute: float, text: str, kind: NoteKind = NoteKind.NOTE, q: int | None = None) -> Note:
    return Note(text=text, offset_s=minute * 60, id=str(i), question_index=q, kind=kind)


def fixed_records(store: Store) -> Interview:
    """A conversation with every part filled in, including text that could break Markdown."""
    mentor = store.contacts.add(
        Contact(name="Amara Okafor", how_known=HowKnown.MENTOR, title="VP of Engineering")
    )
    aisha = store.contacts.add(
        Contact(
            name="Aisha Bello",
            title="Co-founder & CEO",
            company="Carbonly",
            industry="Climate tech",
            email="aisha.bello@carbonly.example",
            linkedin_url="https://www.linkedin.com/in/aisha-bello-example",
            how_known=HowKnown.INTRODUCTION,
            introduced_by_id=mentor.id,
            tags=("climate", "warm lead", "2026"),
        )
    )
    goals = store.goals.add_many(
        [Goal(title="Move into climate-tech product management"), Goal(title="Explore a PhD")]
    )
    paused_at = START + timedelta(minutes=10)
    resumed = paused_at + timedelta(minutes=3, seconds=10)
    end = resumed + timedelta(minutes=17, seconds=5)
    questions = (
        ChosenQuestion(
            "What led you to your current role?",
            category=QuestionCategory.STARTER,
            asked=True,
            asked_offset_s=150,
            usefulness=4,
        ),
        ChosenQuestion(
            "What trends are changing your field right now?",
            category=QuestionCategory.TRENDS,
            must_ask=True,
            asked=True,
            asked_offset_s=600,
            usefulness=5,
        ),
        ChosenQuestion("Which *skills* should I build first?", category=QuestionCategory.ADVICE),
        ChosenQuestion(
            "Who else do you think I should talk to?",
            category=QuestionCategory.RESOURCES,
            asked=True,
            asked_offset_s=1500,
            usefulness=3,
        ),
        ChosenQuestion("What does a typical week look like for you?", category=QuestionCategory.INSIGHTS),
    )
    notes = (
        _note(1, 0.5, "Joined 3 min late from the train; audio a bit patchy"),
        _note(2, 3, "Ex-consultant in an energy practice; left in 2022 to start Carbonly", q=0),
        _note(3, 6, "At seed stage 'product' means talking to customers every day", NoteKind.INSIGHT, q=0),
        _note(
            4, 12, "# CSRD deadlines drive demand; buyers want *audit-ready* data, not <b>dashboards</b>", q=1
        ),
        _note(
            5,
            14.5,
            "EU rules are the real market driver: follow the regulation, not the VC hype",
            NoteKind.INSIGHT,
            q=1,
        ),
        _note(
            6, 19, "Build a small emissions calculator on public EEA data and share it", NoteKind.ACTION, q=2
        ),
        _note(
            7,
            25.2,
            "Talk to Jonas Becker (Head of Product, Rivet Climate); she'll cc me",
            NoteKind.REFERRAL,
            q=3,
        ),
        _note(8, 26, "Also Rania Haddad at Verdant Grid", NoteKind.REFERRAL, q=3),
    )
    tagged: tuple[Note, ...] = tuple(  # a TIARA tag chosen during the call shows beside its note
        replace(n, tiara=QuestionCategory.TRENDS) if n.id == "5" else n for n in notes
    )
    interview = Interview(
        contact_id=aisha.id,
        scheduled_at=START - timedelta(minutes=2),
        duration_minutes=30,
        medium=Medium.VIDEO,
        location="https://meet.example.com/crb-only-ais",
        their_timezone="Europe/London",
        stage=Stage.REFLECTED,
        hope_to_learn="What product work looks like before a startup has PMs.",
        research_person="Co-founded Carbonly in 2022 after five years in consulting.\n- writes a monthly post",
        research_company="",
        questions=questions,
        call=CallRecord(spans=(TimeSpan(START, paused_at), TimeSpan(resumed, end)), ended_at=end),
        notes=tagged,
        follow_up=FollowUp(
            thank_you_draft="Hi Aisha, …",
            thank_you_sent_at=end + timedelta(hours=4),
            next_checkin=date(2026, 12, 15),
            checkin_note="Send the calculator prototype.",
            referral_note_ids=("7",),
        ),
        reflection=Reflection(
            takeaways="Regulation, not hype, drives climate startups.\n\nSeed-stage product work is mostly sales.",
            surprises="How small the team is: 14 people.",
            goal_ids=(goals[0].id,),
            changed_direction=True,
            next_steps=(
                Action(
                    "Build the emissions calculator",
                    date(2026, 12, 5),
                    done=True,
                    done_at=end + timedelta(days=1),
                ),
                Action("Email Jonas Becker", date(2026, 12, 1)),
                Action("Read up on CBAM"),
            ),
            interest=4,
            written_at=end + timedelta(hours=6),
        ),
    )
    return store.interviews.add(interview)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "d.json", clock=FixedClock(NOW))
    yield opened
    opened.close()


def front_matter(text: str) -> dict[str, object]:
    """The front matter's keys and values: quoted scalars read as JSON, lists as lists, bare values as text."""
    lines = text.split("---\n")[1].splitlines()
    found: dict[str, object] = {}
    key = ""
    for line in lines:
        if line.startswith("  - "):
            value = json.loads(line[4:])
            items = found[key]
            assert isinstance(items, list)
            items.append(value)
            continue
        key, _, raw = line.partition(":")
        raw = raw.strip()
        if raw == "[]" or raw == "":
            found[key] = [] if raw == "[]" or key in ("goals", "tags") else None
        elif raw.startswith('"'):
            found[key] = json.loads(raw)
        else:
            found[key] = raw
    return found


def test_golden_file(store: Store) -> None:
    interview = fixed_records(store)
    text = interview_markdown(Snapshot.of(store), interview.id, NOW)
    if os.environ.get("INFOVIEW_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_front_matter(store: Store) -> None:
    interview = fixed_records(store)
    text = interview_markdown(Snapshot.of(store), interview.id, NOW)
    assert text.startswith("---\n")
    assert front_matter(text) == {
        "date": "2026-11-24",
        "person": "Aisha Bello",
        "company": "Carbonly",
        "goals": ["Move into climate-tech product management"],
        "tags": ["climate", "warm-lead", "informational-interview"],  # "2026" alone is not a valid tag
        "interest": "4",
        "duration_minutes": "27",
    }


def test_structure_survives_user_text(store: Store) -> None:
    interview = fixed_records(store)
    text = interview_markdown(Snapshot.of(store), interview.id, NOW)
    body = text.split("---\n", 2)[2]
    tokens = MarkdownIt("commonmark").parse(body)
    headings = [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag in ("h1", "h2")
    ]
    assert headings == [
        "Conversation with Aisha Bello, Carbonly",
        "Person",
        "The call",
        "Research",
        "Questions asked",
        "All notes",
        "Follow-up",
        "Reflection",
    ]
    assert not any(t.type == "html_inline" or t.type == "html_block" for t in tokens)
    assert "<b>" not in MarkdownIt("commonmark").render(body)


def test_notes_are_grouped_under_their_question(store: Store) -> None:
    interview = fixed_records(store)
    text = interview_markdown(Snapshot.of(store), interview.id, NOW)
    questions = text.split("## Questions asked\n", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^### (.*)$", questions, re.M) == [
        "Before the first question",
        "1. What led you to your current role?",
        "2. What trends are changing your field right now?",
        "3. Which \\*skills\\* should I build first?",  # not marked asked, but a note was taken during it
        "4. Who else do you think I should talk to?",
        "Not asked",
    ]
    assert "*Trends · must ask · asked at 10:00 · usefulness 5/5*" in questions
    assert "- `19:00` **Action:** Build a small emissions calculator" in questions
    assert questions.rstrip().endswith("- What does a typical week look like for you?")


def test_a_conversation_without_reflection_or_notes(store: Store) -> None:
    contact = store.contacts.add(Contact(name="Zoë Chen"))
    end = START + timedelta(minutes=20)
    interview = store.interviews.add(
        Interview(
            contact_id=contact.id,
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(START, end),), ended_at=end),
        )
    )
    text = interview_markdown(Snapshot.of(store), interview.id, NOW)
    assert 'company: ""' in text and "goals: []" in text and "interest:\n" in text
    assert "duration_minutes: 20" in text
    assert "# Conversation with Zoë Chen\n" in text
    assert "_No questions were prepared._" in text and "_No notes were taken._" in text
    assert "- Thank-you: not sent yet, due Wed 25 Nov 2026, 14:22 UTC (in 5 h)" in text
    assert text.rstrip().endswith("## Reflection\n\n_Not written yet._")


def test_unknown_interview(store: Store) -> None:
    with pytest.raises(UnknownInterviewError):
        interview_markdown(Snapshot.of(store), "999", NOW)


# File names ----------------------------------------------------------------------------------------------


def test_safe_filename() -> None:
    when = datetime(2026, 11, 24, 23, 30, tzinfo=UTC)
    iv = Interview(
        contact_id="1",
        id="5",
        scheduled_at=when,
        call=CallRecord(spans=(TimeSpan(when, when),), ended_at=when),
    )
    aisha = Contact(name="Aisha Bello", company="Carbonly")
    assert safe_filename(iv, aisha, tz=UTC) == "2026-11-24-aisha-bello-carbonly.md"
    assert safe_filename(iv, aisha, tz=timezone(timedelta(hours=2))) == "2026-11-25-aisha-bello-carbonly.md"
    folded = safe_filename(iv, Contact(name="Łukasz Nowak-Żółć", company="Øresund/../AT&T"), tz=UTC)
    assert folded == "2026-11-24-lukasz-nowak-zolc-oresund-at-and-t.md"
    assert safe_filename(iv, Contact(name="Siobhán O'Connor"), tz=UTC) == "2026-11-24-siobhan-oconnor.md"
    assert safe_filename(iv, Contact(name="王小明"), tz=UTC) == "2026-11-24-unknown.md"
    assert safe_filename(iv, None, tz=UTC) == "2026-11-24-unknown.md"
    undated = Interview(contact_id="1", id="5")
    assert safe_filename(undated, aisha) == "undated-aisha-bello-carbonly.md"
    long = Contact(name="Maximiliana " * 12, company="Extraordinarily Long Company Name " * 5)
    name = safe_filename(iv, long, suffix="12345", tz=UTC)
    assert len(name) <= FILENAME_LIMIT and name.endswith("-12345.md") and "--" not in name
    for text in [safe_filename(iv, long, tz=UTC), folded, name]:
        assert re.fullmatch(r"[a-z0-9-]+\.md", text)


def test_filenames_are_unique(store: Store) -> None:
    aisha = store.contacts.add(Contact(name="Aisha Bello", company="Carbonly"))
    twin = store.contacts.add(Contact(name="AISHA  BELLO", company="carbonly"))
    end = START + timedelta(minutes=30)
    held = Interview(
        contact_id=aisha.id,
        stage=Stage.CONDUCTED,
        call=CallRecord(spans=(TimeSpan(START, end),), ended_at=end),
    )
    first = store.interviews.add(held)
    second = store.interviews.add(held)
    third = store.interviews.add(replace(held, contact_id=twin.id))
    store.interviews.add(replace(held, call=CallRecord(), stage=Stage.SCHEDULED))  # not held
    names = filenames(Snapshot.of(store), UTC)
    assert names == {
        first.id: "2026-11-24-aisha-bello-carbonly.md",
        second.id: f"2026-11-24-aisha-bello-carbonly-{second.id.lower()}.md",
        third.id: f"2026-11-24-aisha-bello-carbonly-{third.id.lower()}.md",
    }


def test_export_all_writes_one_file_per_conducted_interview(store: Store, tmp_path: Path) -> None:
    populate_demo(store, NOW)
    folder = tmp_path / "vault" / "interviews"
    written = export_all(Snapshot.of(store), folder, NOW)
    conducted = [iv for iv in store.interviews.all() if iv.call.ended_at is not None]
    assert len(written) == len(conducted) == 6
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)  # no temp files left
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\ndate: ") and "\n## Reflection\n" in text
        if os.name == "posix":
            assert path.stat().st_mode & 0o777 == 0o600
    assert any("aisha-bello-carbonly" in p.name for p in written)
    again = export_all(Snapshot.of(store), folder, NOW)  # a second export replaces the files in place
    assert again == written and len(list(folder.iterdir())) == 6


# Untrusted text: no links, images or HTML from the data, and front matter that stays YAML -------------------

HOSTILE = [
    "[x](javascript:alert(1))",
    "![t](http://tracker.example/p.gif)",
    "<http://evil.example>",
    "<img src=x onerror=alert(1)>",
    "\\[x\\](javascript:alert(2))",
    "\\<img src=y>",
    "[ref]\n\n[ref]: http://evil.example/ref",
    "<javascript:alert(3)>",
    "see [a][b] and ![c][d]",
]
OUR_LINKS = {"https://www.linkedin.com/in/eve-example", "https://meet.example.com/ok"}
END = START + timedelta(minutes=20)


def hostile_record(store: Store, text: str) -> Interview:
    """A conducted interview with `text` in every field a user or an import can fill."""
    eve = store.contacts.add(
        Contact(
            name=f"Eve {text}",
            title=text,
            company=f"Acme {text}",
            industry=text,
            email=text,
            linkedin_url="https://www.linkedin.com/in/eve-example",
            tags=(text,),
        )
    )
    goal = store.goals.add(Goal(title=text))
    notes = tuple(_note(i, i, f"{kind.value} {text}", kind, q=0) for i, kind in enumerate(NoteKind, 1))
    return store.interviews.add(
        Interview(
            contact_id=eve.id,
            scheduled_at=START,
            location="https://meet.example.com/ok",
            their_timezone=text,
            stage=Stage.REFLECTED,
            hope_to_learn=text,
            research_person=text,
            research_company=text,
            questions=(ChosenQuestion(text, asked=True, asked_offset_s=60),),
            call=CallRecord(spans=(TimeSpan(START, END),), ended_at=END),
            notes=notes,
            follow_up=FollowUp(checkin_note=text, next_checkin=date(2026, 12, 15)),
            reflection=Reflection(
                takeaways=text,
                surprises=text,
                goal_ids=(goal.id,),
                next_steps=(Action(text),),
                written_at=START + timedelta(hours=1),
            ),
        )
    )


def links_and_html(markdown: str) -> tuple[set[str], list[str]]:
    """The link targets a CommonMark renderer would make, and every image or HTML token it would emit."""
    found: set[str] = set()
    bad: list[str] = []

    def walk(tokens: list[Any]) -> None:
        for token in tokens:
            if token.type == "link_open":
                found.add(str(token.attrs.get("href")))
            if token.type in ("image", "html_inline", "html_block"):
                bad.append(f"{token.type}: {token.content}")
            walk(token.children or [])

    walk(MarkdownIt("commonmark").parse(markdown))
    return found, bad


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_link_image_and_html_syntax_in_user_text_stays_text(store: Store, text: str) -> None:
    interview = hostile_record(store, text)
    record = interview_markdown(Snapshot.of(store), interview.id, NOW)
    body = record.split("\n---\n", 1)[1]  # the front matter is YAML, not Markdown (checked below)
    for document in (body, prep_sheet(Snapshot.of(store), interview.id, NOW)):
        found, bad = links_and_html(document)
        assert found <= OUR_LINKS, found  # only the links the document makes itself, from checked addresses
        assert bad == []


def test_a_location_or_profile_that_is_not_a_web_address_is_no_link(store: Store) -> None:
    contact = store.contacts.add(Contact(name="Eve", linkedin_url="javascript:alert(1)"))
    for location in ("file:///etc/passwd", "javascript:alert(1)", "https://ok.example/a\x1b]2;x"):
        interview = store.interviews.add(
            Interview(contact_id=contact.id, scheduled_at=START, location=location)
        )
        sheet = prep_sheet(Snapshot.of(store), interview.id, NOW)
        assert links_and_html(sheet) == (set(), [])
        assert "\x1b" not in sheet


@pytest.mark.parametrize(
    "name",
    [
        "---",
        "yes",
        "no",
        "null",
        "~",
        "true",
        "1e3",
        "0x1F",
        "2026-01-01",
        "key: value",
        "- item",
        "[a, b]",
        "{a: 1}",
        "&anchor",
        "*alias",
        "!tag",
        "#comment",
        "|",
        ">",
        "'single'",
        '"double"',
        "a\n---\nb: c",
        "\x1b[31mred\x1b[0m",
        "back\\slash",
        "%YAML 1.2",
        "@at",
        "`tick`",
        "\u2028line\u2029sep",
    ],
)
def test_front_matter_breakers_are_quoted_strings(store: Store, name: str) -> None:
    contact = store.contacts.add(Contact(name=name, company=name, tags=(name, "ok")))
    goal = store.goals.add(Goal(title=name))
    interview = store.interviews.add(
        Interview(
            contact_id=contact.id,
            scheduled_at=START,
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(START, END),), ended_at=END),
            reflection=Reflection(goal_ids=(goal.id,)),
        )
    )
    text = interview_markdown(Snapshot.of(store), interview.id, NOW)
    assert text.startswith("---\n") and text.count("\n---\n") >= 1
    head = text.split("\n---\n", 1)[0].removeprefix("---\n")
    for line in head.splitlines():  # every line is `key:`, `key: value` or `  - "…"`; a value is JSON-quoted
        assert re.fullmatch(r'[a-z_]+:( .*)?|  - ".*"', line), line
        value = line.partition(": ")[2] if not line.startswith("  - ") else line[4:]
        if value.startswith('"'):
            json.loads(value)  # a valid double-quoted scalar (YAML reads JSON strings)
    matter = front_matter(text)
    cleaned = " ".join(name.replace("\x1b", " ").split()) if name.strip() else ""
    assert matter["person"] == cleaned and matter["company"] == cleaned
    assert matter["goals"] == [cleaned]
    assert "\x1b" not in text


def test_ticked_action_items_and_tiara_tags_show_in_the_record(store: Store) -> None:
    interview = fixed_records(store)
    ticked = tuple(replace(n, done_at=NOW) if n.kind is NoteKind.ACTION else n for n in interview.notes)
    store.interviews.update(replace(interview, notes=ticked))
    text = interview_markdown(Snapshot.of(store), interview.id, NOW)
    day = f"{NOW.astimezone(NOW.tzinfo):%a %d %b %Y}"
    assert f"  - [x] Build a small emissions calculator on public EEA data and share it (done {day})" in text
    assert "**Action:** Build a small emissions calculator on public EEA data and share it *(done)*" in text
    assert "follow the regulation, not the VC hype *(TIARA: Trends)*" in text
