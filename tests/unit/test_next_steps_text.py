"""Next steps survive the reflection form: shown as lines, read back as the same steps, whatever their text.

Opening the reflection form used to split a stored step holding '|' or a newline into pieces and drop the
words after the '|' (they were read as a due date that did not parse).
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from infoview_tui.domain.lifecycle import parse_steps
from infoview_tui.domain.models import Action
from infoview_tui.domain.validation import clean_line
from infoview_tui.ui.screens.reflection_form import steps_text

TODAY = date(2026, 11, 25)
DUE_DATES = st.dates(min_value=TODAY - timedelta(days=365 * 99), max_value=TODAY + timedelta(days=365 * 9))
"""Due dates the form accepts (`dates.MAX_YEARS_BACK` / `MAX_YEARS_AHEAD`); a farther one stays as text."""


def test_a_step_with_bars_and_newlines_reads_back_whole() -> None:
    steps = (
        Action("Compare A | B\nthen decide", due=date(2026, 11, 27)),
        Action("Read [/] the | book"),
        Action("Email Charles", done=True),
    )
    again, problems = parse_steps(steps_text(steps), steps, TODAY)
    assert problems == []
    assert again == (
        Action("Compare A | B then decide", due=date(2026, 11, 27)),
        Action("Read [/] the | book"),
        Action("Email Charles", done=True),
    )


def test_typed_due_dates_still_work_and_a_bad_one_keeps_every_word() -> None:
    steps, problems = parse_steps("Read Menabrea | fri\nAsk about A | B\nEmail Charles", (), TODAY)
    assert steps == (
        Action("Read Menabrea", due=date(2026, 11, 27)),
        Action("Ask about A | B"),
        Action("Email Charles"),
    )
    assert problems == ["'B' is not a date (try 'fri' or '2026-12-01')"]


STEP_TEXT = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.tuples(STEP_TEXT, st.one_of(st.none(), DUE_DATES), st.booleans()), max_size=5))
def test_any_steps_read_back_as_themselves(drawn: list[tuple[str, date | None, bool]]) -> None:
    steps = tuple(Action(text, due=due, done=done) for text, due, done in drawn)
    again, problems = parse_steps(steps_text(steps), steps, TODAY)
    expected = tuple(
        Action(clean_line(s.text, 300), due=s.due, done=s.done) for s in steps if clean_line(s.text, 300)
    )
    assert problems == []
    assert [(a.text, a.due) for a in again] == [(a.text, a.due) for a in expected]
