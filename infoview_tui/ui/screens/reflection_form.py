"""Provides the reflection for one conversation: takeaways, surprises, goals, direction, next steps,
interest and how useful each question was, beside the call's notes. Saved as you type."""

from __future__ import annotations

from typing import cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Label, Select, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from infoview_tui.domain import lifecycle as lc
from infoview_tui.domain.dates import fmt_local
from infoview_tui.domain.lifecycle import STEP_LIMIT, parse_steps
from infoview_tui.domain.models import Action, Goal, NoteKind, RecordId
from infoview_tui.domain.timing import fmt_clock, fmt_offset
from infoview_tui.domain.validation import clean_line
from infoview_tui.ui.screens.base import InterviewScreen, who
from infoview_tui.ui.screens.dialogs import PromptScreen
from infoview_tui.ui.widgets import Column, MarkedSelectionList, RecordTable, TableRow, TextBox
from infoview_tui.ui.widgets.footer import Footer
from infoview_tui.ui.widgets.plain import assemble, field_value, plain, styled

INTEREST = [("Not set", 0), ("1 not for me", 1), ("2", 2), ("3 maybe", 3), ("4", 4), ("5 very interested", 5)]
DIRECTION = [("Not sure", "unsure"), ("Yes, it changed my direction", "yes"), ("No, it confirmed it", "no")]
USEFUL = [("not rated", 0), ("1 not useful", 1), ("2", 2), ("3", 3), ("4", 4), ("5 very useful", 5)]


def steps_text(steps: tuple[Action, ...]) -> str:
    """The steps as the form shows them, one a line, so that `parse_steps` reads back the same steps.

    A step's own text is one line, cleaned as `parse_steps` cleans it (control characters and every line
    break, U+2028 included, as spaces); one holding a '|' and no due date ends with a bare '|', so its text
    is not read as a date.
    """
    lines = []
    for action in steps:
        text = clean_line(action.text, STEP_LIMIT)
        if action.due is not None:
            lines.append(f"{text} | {action.due.isoformat()}")  # isoformat: year 99 is 0099, not 99
        else:
            lines.append(f"{text} |" if "|" in text else text)
    return "\n".join(lines)


class ReflectionScreen(InterviewScreen):
    """Reflect on one conversation."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+n", "new_goal", "New goal", priority=True),
    ]
    AUTO_FOCUS = "#takeaways"

    def compose(self) -> ComposeResult:
        iv = self.interview
        r = iv.reflection
        steps = steps_text(r.next_steps)
        direction = "unsure" if r.changed_direction is None else ("yes" if r.changed_direction else "no")
        yield Static(id="reflection-header")
        with Horizontal(id="reflection"):
            with VerticalScroll(id="reflection-form"):
                yield Label("Key takeaways: what did you learn?")
                yield TextBox(field_value(r.takeaways, multiline=True), id="takeaways", soft_wrap=True)
                yield Label("What surprised you?")
                yield TextBox(field_value(r.surprises, multiline=True), id="surprises", soft_wrap=True)
                yield Label("Career goals it relates to (space ticks; ctrl+n adds a goal)")
                yield MarkedSelectionList[RecordId](*self._goal_options(), id="reflection-goals")
                yield Label("Did it change your direction?")
                yield Select(DIRECTION, value=direction, allow_blank=False, id="direction")
                yield Label("Next steps, one per line ('Read the dbt book | fri' sets a due date)")
                yield TextBox(field_value(steps, multiline=True), id="next-steps", soft_wrap=True)
                yield Static(id="steps-hint", classes="field-hint")
                yield Label("Interest in this path")
                yield Select(INTEREST, value=r.interest or 0, allow_blank=False, id="interest")
                yield Label("How useful was each question? (good ones rise in your bank)")
                for index, question in enumerate(iv.questions):
                    if question.asked:
                        with Horizontal(classes="rating-row"):
                            yield Label(plain(question.text))
                            yield Select(
                                USEFUL,
                                value=question.usefulness or 0,
                                allow_blank=False,
                                id=f"useful-{index}",
                                compact=True,
                            )
            with VerticalScroll(id="reflection-call"):
                yield Static(id="reflection-questions")
                yield RecordTable(
                    (Column("At", 6), Column("Kind", 8), Column("Note")),
                    empty_text="No notes from this call.",
                    id="reflection-notes",
                )
        yield Footer()

    def _goal_options(self) -> list[Selection[RecordId]]:
        tied = set(self.interview.reflection.goal_ids)
        return [
            Selection(plain(g.title + ("" if g.active else " (retired)")), g.id, g.id in tied)
            for g in self.store.goals.all()
            if g.active or g.id in tied
        ]

    def on_mount(self) -> None:
        iv = self.interview
        contact = self.store.contacts.get(iv.contact_id)
        from infoview_tui.stages.conduct.call import actual_length

        self.query_one("#reflection-header", Static).update(
            assemble(
                ("Reflect: ", "$text-muted"),
                *who(contact, role=False),
                ("  ·  ", "$text-muted"),
                fmt_local(iv.call.ended_at),
                f" · {fmt_clock(actual_length(iv))} long",
                ("  ·  hoped to learn: ", "$text-muted"),
                iv.hope_to_learn or "—",
            )
        )
        asked = [f"{'✓' if q.asked else ' '} {q.text}" for q in iv.questions]
        self.query_one("#reflection-questions", Static).update(
            assemble(("Questions\n", "bold"), "\n".join(asked) or "none")
        )
        self.query_one("#reflection-notes", RecordTable).set_rows(
            [
                TableRow(
                    str(n.id),
                    (fmt_offset(n.offset_s), n.kind.value if n.kind is not NoteKind.NOTE else "", n.text),
                )
                for n in iv.notes
            ]
        )

    # Saving ---------------------------------------------------------------------------------------
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        self.schedule_save()

    def save_typed(self) -> None:
        """Write the reflection as it stands, and the question ratings it gives."""
        before = self.interview
        today = self.store.clock.now().astimezone().date()
        steps, problems = parse_steps(
            self.query_one("#next-steps", TextArea).text, before.reflection.next_steps, today
        )
        self.query_one("#steps-hint", Static).update(styled("; ".join(problems), "$warning"))
        direction = self.query_one("#direction", Select).value
        interest = self.query_one("#interest", Select).value
        usefulness: dict[int, int | None] = {}
        for index in range(len(before.questions)):
            selects = self.query(f"#useful-{index}")
            if selects:
                value = cast(Select[int], selects.first()).value
                usefulness[index] = value if isinstance(value, int) else None
        self.apply(
            lc.save_reflection(
                before,
                self.store.questions.all(),
                self.clock.now(),
                takeaways=self.query_one("#takeaways", TextArea).text,
                surprises=self.query_one("#surprises", TextArea).text,
                goal_ids=self.query_one("#reflection-goals", SelectionList).selected,
                changed_direction=None if direction == "unsure" else direction == "yes",
                next_steps=steps,
                interest=interest if isinstance(interest, int) else None,
                usefulness=usefulness,
            )
        )

    @work
    async def action_new_goal(self) -> None:
        title = await self.app.push_screen_wait(
            PromptScreen("A career goal", placeholder="e.g. Move into climate-tech data work")
        )
        if not title:
            return
        goal = self.store.goals.add(Goal(title=clean_line(title, 120), created_at=self.store.clock.now()))
        goals = self.query_one("#reflection-goals", SelectionList)
        goals.add_option(Selection(plain(goal.title), goal.id, True))
        self._changed()
