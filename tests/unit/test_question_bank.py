"""The question bank: ranking, choosing and editing an interview's questions, ratings and readiness."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infoview_tui.domain.models import (
    Checklist,
    ChosenQuestion,
    Interview,
    Medium,
    Question,
    QuestionCategory,
    replace,
)
from infoview_tui.stages.prepare.question_bank import (
    READINESS_TOTAL,
    choose,
    edit_text,
    move,
    rank,
    rate,
    readiness,
    remove,
    score,
    toggle_must_ask,
    used,
)


def q(
    qid: int,
    text: str,
    *,
    total: int = 0,
    count: int = 0,
    used_: int = 0,
    builtin: bool = False,
    category: QuestionCategory = QuestionCategory.OTHER,
    archived: bool = False,
) -> Question:
    """A bank question with the usage and rating figures the ranking reads."""
    return Question(
        text=text,
        id=str(qid),
        rating_total=total,
        rating_count=count,
        times_used=used_,
        builtin=builtin,
        category=category,
        archived=archived,
    )


def texts(questions: list[Question]) -> list[str]:
    return [x.text for x in questions]


def interview_with(*texts_: str) -> Interview:
    return Interview(contact_id="1", id="7", questions=tuple(ChosenQuestion(t) for t in texts_))


# Ranking ---------------------------------------------------------------------------------------------------


def test_rated_good_beats_unrated_beats_rated_bad() -> None:
    good = q(1, "good", total=9, count=2)  # avg 4.5
    unrated = q(2, "unrated")
    bad = q(3, "bad", total=2, count=2)  # avg 1
    assert texts(rank([bad, unrated, good])) == ["good", "unrated", "bad"]


def test_bayesian_average_needs_evidence() -> None:
    one_five = q(1, "one five", total=5, count=1)  # (5 + 6) / 3 = 3.67
    ten_fours = q(2, "ten fours", total=40, count=10)  # (40 + 6) / 12 = 3.83
    assert score(q(9, "new")) == 3.0
    assert score(one_five) == pytest.approx(11 / 3)
    assert texts(rank([one_five, ten_fours])) == ["ten fours", "one five"]


def test_among_equals_used_more_rises_then_builtin_then_text() -> None:
    a = q(1, "b often", used_=5)
    b = q(2, "a rarely", used_=1)
    c = q(3, "z builtin", used_=1, builtin=True)
    d = q(4, "A rarely too", used_=1)
    assert texts(rank([b, d, a, c])) == ["b often", "z builtin", "a rarely", "A rarely too"]


def test_archived_questions_are_left_out() -> None:
    assert texts(rank([q(1, "kept"), q(2, "gone", archived=True)])) == ["kept"]


def test_used_counts_one_more() -> None:
    assert used(q(1, "x", used_=2)).times_used == 3


# Choosing and editing ---------------------------------------------------------------------------------------


def test_choose_appends_once() -> None:
    bank_q = q(5, "What trends matter?", category=QuestionCategory.TRENDS)
    iv = choose(Interview(contact_id="1"), bank_q, must_ask=True)
    assert iv.questions == (
        ChosenQuestion(
            "What trends matter?", question_id="5", category=QuestionCategory.TRENDS, must_ask=True
        ),
    )
    assert choose(iv, bank_q) is iv  # same id
    assert choose(iv, q(6, "  what TRENDS   matter? ")) is iv  # same text
    two = choose(iv, q(6, "Something else"))
    assert [c.question_id for c in two.questions] == ["5", "6"]
    unsaved = choose(two, Question(text="Not in the bank yet"))
    assert unsaved.questions[-1].question_id is None


def test_move_is_clamped() -> None:
    iv = interview_with("a", "b", "c", "d")
    assert [c.text for c in move(iv, 3, -2).questions] == ["a", "d", "b", "c"]
    assert [c.text for c in move(iv, 0, 1).questions] == ["b", "a", "c", "d"]
    assert [c.text for c in move(iv, 1, -10).questions] == ["b", "a", "c", "d"]
    assert [c.text for c in move(iv, 1, 10).questions] == ["a", "c", "d", "b"]
    assert move(iv, 0, -1) is iv
    with pytest.raises(IndexError):
        move(iv, 4, 1)


def test_remove_toggle_and_edit() -> None:
    iv = Interview(
        contact_id="1",
        questions=(
            ChosenQuestion("a", question_id="1", category=QuestionCategory.ADVICE),
            ChosenQuestion("b", question_id="2"),
        ),
    )
    assert [c.text for c in remove(iv, 0).questions] == ["b"]
    assert remove(remove(iv, 0), 0).questions == ()
    toggled = toggle_must_ask(iv, 1)
    assert toggled.questions[1].must_ask and not toggled.questions[0].must_ask
    assert not toggle_must_ask(toggled, 1).questions[1].must_ask
    edited = edit_text(iv, 0, "  a, reworded  ")
    assert edited.questions[0] == ChosenQuestion(
        "a, reworded", question_id=None, category=QuestionCategory.ADVICE
    )
    assert edited.questions[1] == iv.questions[1]
    assert edit_text(iv, 0, " a ") is iv  # same words: still the bank question
    with pytest.raises(ValueError):
        edit_text(iv, 0, "   ")
    out_of_range: tuple[Callable[[], Interview], ...] = (
        lambda: remove(iv, 2),
        lambda: toggle_must_ask(iv, -1),
        lambda: edit_text(iv, 5, "x"),
    )
    for bad in out_of_range:
        with pytest.raises(IndexError):
            bad()


# Ratings ----------------------------------------------------------------------------------------------------


def rated(ratings: dict[int, int | None]) -> Interview:
    return Interview(
        contact_id="1",
        questions=tuple(
            ChosenQuestion(f"q{qid}", question_id=str(qid), usefulness=r) for qid, r in ratings.items()
        )
        + (ChosenQuestion("custom", usefulness=5),),  # not in the bank: ignored
    )


def test_rate_adds_new_ratings() -> None:
    bank = {"1": q(1, "q1", total=4, count=1), "2": q(2, "q2"), "3": q(3, "q3")}
    changed = {x.id: x for x in rate(bank, rated({1: 5, 2: 3, 3: None}))}
    assert set(changed) == {"1", "2"}
    assert (changed["1"].rating_total, changed["1"].rating_count) == (9, 2)
    assert (changed["2"].rating_total, changed["2"].rating_count) == (3, 1)


def test_rate_with_previous_does_not_double_count() -> None:
    bank = {"1": q(1, "q1"), "2": q(2, "q2"), "4": q(4, "q4")}
    first = rated({1: 5, 2: 3})
    bank.update({x.id: x for x in rate(bank, first, previous=None)})
    assert rate(bank, first, previous=first) == []  # saving the same reflection again changes nothing
    second = rated({1: 2, 2: None, 4: 4})  # changed, cleared and newly rated
    bank.update({x.id: x for x in rate(bank, second, previous=first)})
    assert (bank["1"].rating_total, bank["1"].rating_count) == (2, 1)
    assert (bank["2"].rating_total, bank["2"].rating_count) == (0, 0)
    assert (bank["4"].rating_total, bank["4"].rating_count) == (4, 1)
    assert rate(bank, second, previous=second) == []


def test_rate_skips_deleted_questions_and_bad_values() -> None:
    bank = {"1": q(1, "q1")}
    assert rate(bank, rated({99: 5})) == []
    assert rate(bank, rated({1: 0})) == []
    assert rate(bank, rated({1: 6})) == []
    assert rate({"1": q(1, "q1")}, Interview(contact_id="1"), previous=rated({1: 5})) == [
        q(1, "q1")
    ]  # never below 0


# Readiness --------------------------------------------------------------------------------------------------


def test_readiness_of_a_fresh_interview() -> None:
    done, total, missing = readiness(Interview(contact_id="1"))
    assert (done, total) == (0, READINESS_TOTAL) == (0, 5)
    assert missing == [
        "research the person",
        "research the company",
        "choose 3+ questions (0 so far)",
        "confirm the time",
        "test the link",
    ]


def test_readiness_counts_ticks_and_what_the_interview_shows() -> None:
    iv = Interview(
        contact_id="1",
        research_person="Ten years at Acme.",  # written: counts without a tick
        questions=tuple(ChosenQuestion(str(i)) for i in range(2)),
        checklist=Checklist(researched_company=True, confirmed_time=True),  # ticked: counts without text
        medium=Medium.PHONE,
    )
    done, total, missing = readiness(iv)
    assert (done, total) == (3, 5)
    assert missing == ["choose 3+ questions (2 so far)", "check the number"]
    ready = replace(
        iv,
        questions=iv.questions + (ChosenQuestion("3"),),
        checklist=replace(iv.checklist, link_tested=True),
    )
    assert readiness(ready) == (5, 5, [])
    in_person = replace(iv, medium=Medium.IN_PERSON, research_person="  ")
    assert readiness(in_person)[2] == [
        "research the person",
        "choose 3+ questions (2 so far)",
        "plan the route",
    ]
