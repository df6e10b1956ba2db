"""A goal's evidence from a fixed history: none, one and many conversations; interest over time; the calls that
changed or confirmed the direction; and the question never asked about it, least-tested kind first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from infoview_tui.domain.models import (
    CallRecord,
    ChosenQuestion,
    Contact,
    Goal,
    Interview,
    Question,
    QuestionCategory,
    Reflection,
    Stage,
)
from infoview_tui.stages.reflect.goal_evidence import goal_evidence, next_questions

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
GOAL = Goal(title="Move into product", id="g1")
T, INS, A, S = (
    QuestionCategory.TRENDS,
    QuestionCategory.INSIGHTS,
    QuestionCategory.ADVICE,
    QuestionCategory.STARTER,
)
BANK = [
    Question(text="Trends one?", id="q1", category=T, rating_total=10, rating_count=2),
    Question(text="Trends two?", id="q2", category=T),
    Question(text="Insights one?", id="q3", category=INS, rating_total=4, rating_count=2),
    Question(text="Insights two?", id="q4", category=INS, rating_total=10, rating_count=2),
    Question(text="Advice one?", id="q5", category=A),
    Question(text="Starter one?", id="q6", category=S, rating_total=10, rating_count=2),
    Question(text="Old one?", id="q7", category=A, archived=True),
]
PEOPLE = {"ann": Contact(name="Ann", id="ann"), "bob": Contact(name="Bob", id="bob")}


def talk(
    key: str,
    who: str,
    days_ago: int,
    *,
    goals: tuple[str, ...] = ("g1",),
    interest: int | None = None,
    changed: bool | None = None,
    asked: tuple[tuple[str | None, str, QuestionCategory], ...] = (),
) -> Interview:
    return Interview(
        contact_id=who,
        id=key,
        stage=Stage.REFLECTED,
        call=CallRecord(ended_at=NOW - timedelta(days=days_ago)),
        questions=tuple(ChosenQuestion(text=t, question_id=q, category=c, asked=True) for q, t, c in asked),
        reflection=Reflection(
            takeaways=f"Learned from {key}\nsecond line",
            goal_ids=goals,
            interest=interest,
            changed_direction=changed,
        ),
    )


def test_no_conversation_tied_yet() -> None:
    evidence = goal_evidence(GOAL, [talk("i1", "ann", 3, goals=("g2",))], PEOPLE, BANK)
    assert evidence.conversations == () and evidence.interest == () and evidence.average_interest is None
    assert evidence.changed == () and evidence.confirmed == ()
    first = evidence.next_questions[0]
    assert first.text == "Insights two?"  # every kind is untested: the most useful non-starter first
    assert first.reason == "no conversation tied yet"


def test_one_conversation() -> None:
    evidence = goal_evidence(GOAL, [talk("i1", "ann", 3, interest=4, changed=False)], PEOPLE, BANK)
    [conv] = evidence.conversations
    assert (conv.name, conv.interest, conv.takeaway, conv.when) == (
        "Ann",
        4,
        "Learned from i1",
        NOW - timedelta(days=3),
    )
    assert evidence.confirmed == (conv,) and evidence.changed == ()
    assert evidence.average_interest == 4


def test_many_conversations_oldest_first_with_interest_over_time_and_direction() -> None:
    interviews = [
        talk("i3", "ann", 1, interest=5, changed=True),
        talk("i1", "bob", 30, interest=2, changed=False),
        talk("i2", "gone", 10),  # a removed contact, not rated
        talk("i4", "bob", 2, goals=("g2",), interest=1),  # another goal's
    ]
    evidence = goal_evidence(GOAL, interviews, PEOPLE, BANK)
    assert [c.interview_id for c in evidence.conversations] == ["i1", "i2", "i3"]
    assert [c.name for c in evidence.conversations] == ["Bob", "(removed contact)", "Ann"]
    assert evidence.interest == (2, None, 5)
    assert evidence.average_interest == 3.5
    assert [c.name for c in evidence.changed] == ["Ann"] and [c.name for c in evidence.confirmed] == ["Bob"]


def test_the_next_question_tests_the_least_asked_kind() -> None:
    interviews = [
        talk("i1", "ann", 5, asked=(("q1", "Trends one?", T), ("q3", "Insights one?", INS))),
        talk("i2", "bob", 4, asked=((None, "insights TWO?", INS), (None, "My own about trends?", T))),
        talk(
            "i3", "bob", 3, goals=("g2",), asked=(("q5", "Advice one?", A),)
        ),  # asked, but about another goal
    ]
    found = next_questions([iv for iv in interviews if "g1" in iv.reflection.goal_ids], BANK, limit=10)
    assert [q.text for q in found] == ["Advice one?", "Starter one?", "Trends two?"]
    assert [q.reason for q in found] == [
        "Advice: never asked",
        "Starter: never asked",
        "Trends: asked least, 2×",
    ]


def test_a_question_asked_by_wording_counts_as_asked() -> None:
    asked = ((None, "  Trends   ONE? ", T),)
    found = next_questions([talk("i1", "ann", 1, asked=asked)], BANK, limit=10)
    assert "Trends one?" not in [q.text for q in found]


def test_when_every_question_was_asked_there_is_none_to_suggest() -> None:
    asked = tuple((q.id, q.text, q.category) for q in BANK)
    assert goal_evidence(GOAL, [talk("i1", "ann", 1, asked=asked)], PEOPLE, BANK).next_questions == ()


def test_the_demo_ties_conversations_to_goals(tmp_path: Path) -> None:
    from infoview_tui.demo import populate_demo
    from infoview_tui.domain.dates import FixedClock
    from infoview_tui.store import Store

    store = Store.open(tmp_path / "demo.json", clock=FixedClock(NOW))
    try:
        populate_demo(store, NOW)
        contacts = {c.id: c for c in store.contacts.all()}
        found = {
            g.title: goal_evidence(g, store.interviews.all(), contacts, store.questions.all())
            for g in store.goals.all()
        }
    finally:
        store.close()
    data = found["Choose between data science and data engineering"]
    assert [c.name for c in data.changed] == ["Daniel Müller"] and data.interest == (
        4,
        4,
    )  # and Kenji's first call
    assert data.next_questions  # something still to ask
    product = found["Move into climate-tech product management"]
    assert [c.name for c in product.confirmed] == ["Siobhán O'Connor"]
