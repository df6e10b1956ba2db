"""Provides career goals: add, edit, retire, and each goal's evidence: the conversations tied to it, your
interest over time, the calls that changed or confirmed your direction, and what to ask next."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from infoview_tui.domain.dates import fmt_local
from infoview_tui.domain.models import Goal, replace
from infoview_tui.domain.validation import clean_line
from infoview_tui.stages.reflect.goal_evidence import GoalConversation, GoalEvidence, goal_evidence
from infoview_tui.stages.reflect.stats import sparkline
from infoview_tui.ui.screens.base import AppScreen
from infoview_tui.ui.screens.dialogs import PromptScreen
from infoview_tui.ui.widgets import Column, RecordTable, TableRow
from infoview_tui.ui.widgets.footer import Footer
from infoview_tui.ui.widgets.plain import assemble, notify, styled

Part = str | tuple[str, str]


def _direction(conv: GoalConversation) -> tuple[str, str]:
    """(sign, words) for whether the call changed (↻) or confirmed (✓) your direction; (·, "") if not said."""
    if conv.changed_direction is None:
        return "· ", ""
    return ("↻ ", "changed direction") if conv.changed_direction else ("✓ ", "confirmed direction")


def evidence_parts(evidence: GoalEvidence) -> list[Part]:
    """The evidence as styled lines (words first: nothing is said by colour alone)."""
    convs = evidence.conversations
    count = f"{len(convs)} conversation{'s' if len(convs) != 1 else ''}"
    parts: list[Part] = [(evidence.goal.title, "bold"), f"  ·  {count}\n"]
    if convs:
        rated = [v for v in evidence.interest if v]
        values = " → ".join(str(v) if v else "?" for v in evidence.interest[-8:])
        average = evidence.average_interest
        parts += [
            "Interest over time  ",
            (sparkline([float(v) if v else None for v in evidence.interest[-20:]]), "$success"),
            f"  {values}" + (f"  (average {average:.1f} of 5)" if rated else "  (not rated)") + "\n",
        ]
    for conv in reversed(convs[-6:]):
        stars = f"  {'★' * conv.interest}" if conv.interest else ""
        sign, what = _direction(conv)
        parts += [
            f"  {sign}{fmt_local(conv.when)}  ",
            (conv.name, "bold"),
            f"{stars}{'  ' + what if what else ''}\n",
        ]
        if conv.takeaway:
            cut = conv.takeaway if len(conv.takeaway) <= 70 else conv.takeaway[:69].rstrip() + "…"
            parts.append((f"      {cut}\n", "$text-muted"))
    if len(convs) > 6:
        parts.append((f"  … and {len(convs) - 6} earlier\n", "$text-muted"))
    if not convs:
        parts.append(
            (
                "  No reflections tie to it yet: tick it when you reflect on a conversation (5, enter).\n",
                "$text-muted",
            )
        )
    else:
        changed = ", ".join(c.name for c in evidence.changed) or "none yet"
        confirmed = ", ".join(c.name for c in evidence.confirmed) or "none yet"
        parts.append(f"Changed your direction (↻): {changed}  ·  Confirmed it (✓): {confirmed}\n")
    if evidence.next_questions:
        parts.append(("Ask next: never asked about this goal, least-tested kind first\n", "bold"))
        for q in evidence.next_questions:
            parts += ["  ? ", q.text, (f"  ({q.reason})\n", "$text-muted")]
    return parts


class GoalsScreen(AppScreen):
    """Your career goals; enter shows one goal's evidence."""

    DEFAULT_CSS = """
    GoalsScreen #goal-evidence { height: auto; max-height: 14; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("a", "add", "Add goal"),
        Binding("e", "edit", "Edit"),
        Binding("x", "retire", "Retire/restore"),
    ]
    AUTO_FOCUS = "#goals"

    def compose(self) -> ComposeResult:
        yield Static(
            styled(
                "Career goals  ·  a add · e edit · x retire or restore · its evidence below",
                "bold",
            ),
            id="goals-title",
        )
        yield RecordTable(
            (
                Column("Goal"),
                Column("Status", 8),
                Column("Conversations", 13, "right"),
                Column("Avg interest", 12, "right"),
            ),
            empty_text="No goals yet: press a to add one (e.g. 'Move into climate-tech data work').",
            id="goals",
        )
        with VerticalScroll(id="goal-evidence"):
            yield Static(id="goal-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        interviews = self.store.interviews.all()
        rows = []
        for goal in self.store.goals.all():
            tied = [iv for iv in interviews if goal.id in iv.reflection.goal_ids]
            rated = [iv.reflection.interest for iv in tied if iv.reflection.interest]
            rows.append(
                TableRow(
                    str(goal.id),
                    (
                        goal.title,
                        "active" if goal.active else "retired",
                        str(len(tied)),
                        f"{sum(rated) / len(rated):.1f}" if rated else "",
                    ),
                    tone="" if goal.active else "muted",
                )
            )
        self.query_one("#goals", RecordTable).set_rows(rows)

    def _current(self) -> Goal | None:
        key = self.query_one("#goals", RecordTable).cursor_key
        return self.store.goals.get(key) if key else None

    @on(RecordTable.Selected, "#goals")
    @on(RecordTable.Highlighted, "#goals")
    def _show(self, event: RecordTable.Selected | RecordTable.Highlighted) -> None:
        """The highlighted goal's evidence under the table (enter shows it too)."""
        goal = self.store.goals.get(event.key) if event.key else None
        if goal is None:
            return
        contacts = {c.id: c for c in self.store.contacts.all()}
        evidence = goal_evidence(goal, self.store.interviews.all(), contacts, self.store.questions.all())
        self.query_one("#goal-detail", Static).update(assemble(*evidence_parts(evidence)))

    @work
    async def action_add(self) -> None:
        title = await self.app.push_screen_wait(
            PromptScreen("A career goal", placeholder="e.g. Move into climate-tech data work")
        )
        if title:
            self.store.goals.add(Goal(title=clean_line(title, 120), created_at=self.store.clock.now()))
            self.reload()

    @work
    async def action_edit(self) -> None:
        goal = self._current()
        if goal is None:
            return
        title = await self.app.push_screen_wait(PromptScreen("Edit the goal", value=goal.title))
        if title:
            self.store.goals.update(replace(goal, title=clean_line(title, 120)))
            self.reload()

    def action_retire(self) -> None:
        goal = self._current()
        if goal is not None:
            self.store.goals.update(replace(goal, active=not goal.active))
            self.reload()
            notify(self, f"{'Restored' if not goal.active else 'Retired'} '{goal.title}'. Its history stays.")

    def action_back(self) -> None:
        self.dismiss(None)
