"""Pilot tests for sections 4 and 5: the thank-you flow, referrals, check-ins, reflections, goals, search."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input, Select, SelectionList, TextArea

from infoview_tui.domain.models import (
    CallRecord,
    ChosenQuestion,
    Contact,
    Goal,
    HowKnown,
    Interview,
    Note,
    NoteKind,
    Question,
    QuestionCategory,
    Stage,
    TimeSpan,
    replace,
)
from infoview_tui.stages.agenda import build_agenda
from infoview_tui.store import Store
from infoview_tui.ui.screens.follow_up import FollowUpDetailScreen
from infoview_tui.ui.screens.reflection_form import ReflectionScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import NOW, SIZE, make_app

ENDED = NOW - timedelta(hours=3)


def seed(store: Store) -> tuple[Contact, Interview, Goal]:
    ada = store.contacts.add(
        Contact(
            name="Ada Lovelace",
            company="Analytical Engines",
            email="ada@example.org",
            linkedin_url="https://www.linkedin.com/in/ada-example",
        )
    )
    goal = store.goals.add(Goal(title="Move into climate-tech data work"))
    question = store.questions.add(
        Question(text="What led you to your current role?", category=QuestionCategory.STARTER)
    )
    interview = store.interviews.add(
        Interview(
            contact_id=ada.id,
            scheduled_at=ENDED - timedelta(minutes=30),
            stage=Stage.CONDUCTED,
            call=CallRecord(spans=(TimeSpan(ENDED - timedelta(minutes=28), ENDED),), ended_at=ENDED),
            questions=(
                ChosenQuestion(question.text, question_id=question.id, asked=True, asked_offset_s=60.0),
            ),
            notes=(
                Note("Engines reward patience more than cleverness", 120.0, id="1", kind=NoteKind.INSIGHT),
                Note("read Menabrea's paper", 300.0, id="2", kind=NoteKind.ACTION),
                Note("talk to Charles Babbage at Analytical Engines", 600.0, id="3", kind=NoteKind.REFERRAL),
            ),
        )
    )
    return ada, interview, goal


async def test_thank_you_draft_comes_from_the_notes_and_mark_sent_clears_the_dashboard(
    store: Store, settings_file: Path
) -> None:
    _ada, interview, _ = seed(store)
    assert build_agenda(store.contacts.all(), store.outreach.all(), store.interviews.all(), NOW).thank_yous
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpDetailScreen)
        draft = app.screen.query_one("#thank-you", TextArea).text
        assert "Ada" in draft and "patience" in draft and len(draft.split()) < 150
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    saved = store.interviews.get(interview.id)
    assert saved is not None and saved.follow_up.thank_you_sent_at == NOW
    assert "patience" in saved.follow_up.thank_you_draft
    assert not build_agenda(
        store.contacts.all(), store.outreach.all(), store.interviews.all(), NOW
    ).thank_yous


async def test_a_referral_becomes_a_contact_in_one_keystroke(store: Store, settings_file: Path) -> None:
    ada, interview, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        await pilot.press("f7")  # nothing left: a message, no duplicate
        await pilot.pause()
    charles = [c for c in store.contacts.all() if c.name == "Charles Babbage"]
    assert len(charles) == 1
    assert charles[0].introduced_by_id == ada.id and charles[0].how_known is HowKnown.INTRODUCTION
    assert charles[0].company == "Analytical Engines"
    assert store.interviews[interview.id].follow_up.referral_note_ids == ("3",)


async def test_next_check_in_shows_on_the_dashboard(store: Store, settings_file: Path) -> None:
    _, interview, _ = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter")
        await pilot.pause()
        app.screen.query_one("#checkin-date", Input).value = "in 5 days"
        app.screen.query_one("#checkin-note", Input).value = "tell her how the paper went"
        await pilot.pause(0.6)
        await pilot.press("escape")
        await pilot.pause()
    saved = store.interviews.get(interview.id)
    assert saved is not None and saved.follow_up.next_checkin == date(2026, 11, 30)
    checkins = build_agenda(store.contacts.all(), store.outreach.all(), store.interviews.all(), NOW).checkins
    assert checkins and "tell her how the paper went" in checkins[0].detail


async def test_reflection_form_saves_goals_interest_steps_and_question_ratings(
    store: Store, settings_file: Path
) -> None:
    _, interview, goal = seed(store)
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReflectionScreen)
        await pilot.press(*"Patience beats cleverness")
        screen.query_one("#reflection-goals", SelectionList).select(goal.id)
        screen.query_one("#interest", Select).value = 4
        screen.query_one("#next-steps", TextArea).text = "Read Menabrea | fri\nEmail Charles"
        screen.query_one("#useful-0", Select).value = 5
        await pilot.pause(0.6)
        await pilot.press("escape")
        await pilot.pause()
    saved = store.interviews.get(interview.id)
    assert saved is not None
    reflection = saved.reflection
    assert reflection.takeaways == "Patience beats cleverness" and reflection.goal_ids == (goal.id,)
    assert reflection.interest == 4 and saved.stage is Stage.REFLECTED
    assert [(a.text, a.due) for a in reflection.next_steps] == [
        ("Read Menabrea", date(2026, 11, 27)),
        ("Email Charles", None),
    ]
    rated = next(
        q for q in store.questions.all() if q.text == "What led you to your current role?" and q.rating_count
    )
    assert (rated.rating_total, rated.rating_count) == (5, 1)


async def test_review_search_and_filters(store: Store, settings_file: Path) -> None:
    _, interview, goal = seed(store)
    bob = store.contacts.add(Contact(name="Bob Kahn", company="DARPA", industry="Government"))
    other = store.interviews.add(
        Interview(
            contact_id=bob.id,
            stage=Stage.CONDUCTED,
            call=CallRecord(
                spans=(TimeSpan(ENDED - timedelta(days=2, minutes=20), ENDED - timedelta(days=2)),),
                ended_at=ENDED - timedelta(days=2),
            ),
            notes=(Note("packets and protocols", 30.0, id="1"),),
        )
    )

    from infoview_tui.domain.models import Reflection

    stored = store.interviews.get(interview.id)
    assert stored is not None
    store.interviews.update(
        replace(stored, reflection=Reflection(takeaways="patience", goal_ids=(goal.id,), interest=5))
    )
    app = make_app(store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.screen.query_one("#reflections", RecordTable)
        assert set(table.visible_keys) == {str(interview.id), str(other.id)}
        await pilot.press("slash", *"packets")
        await pilot.pause()
        assert table.visible_keys == [str(other.id)]
        app.screen.query_one("#reflect-search", Input).value = "goal:climate"
        await pilot.pause()
        assert table.visible_keys == [str(interview.id)]
        app.screen.query_one("#reflect-search", Input).value = "interest:5 company:analytical"
        await pilot.pause()
        assert table.visible_keys == [str(interview.id)]


async def test_goals_add_retire_and_insights(demo_store: Store, settings_file: Path) -> None:
    from infoview_tui.ui.screens.goals import GoalsScreen
    from infoview_tui.ui.screens.insights import InsightsScreen

    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Teach data skills", "enter")
        await pilot.pause()
        goal = next(g for g in demo_store.goals.all() if g.title == "Teach data skills")
        app.screen.query_one("#goals", RecordTable).move_to_key(str(goal.id))
        await pilot.press("x")
        await pilot.pause()
        assert not demo_store.goals[goal.id].active
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InsightsScreen)
        text = str(app.screen.query_one("#insights-text").render())
        for heading in (
            "Conversations per month",
            "Interest by industry",
            "Interest by goal",
            "Outreach response rate",
            "Most useful questions",
            "Who referred whom",
        ):
            assert heading in text
        assert "█" in text  # bars are drawn
