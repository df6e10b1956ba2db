"""Provides career goals: add, edit, retire, and the conversations and reflections tied to each."""

from __future__ import annotations

import dataclasses

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from infoview_tui.domain.dates import fmt_local
from infoview_tui.domain.models import Goal
from infoview_tui.domain.validation import clean_line
from infoview_tui.ui.screens.base import AppScreen
from infoview_tui.ui.screens.dialogs import PromptScreen
from infoview_tui.ui.widgets import Column, RecordTable, TableRow
from infoview_tui.ui.widgets.plain import assemble, notify, styled


class GoalsScreen(AppScreen):
    """Your career goals; enter shows what is tied to one."""

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
                "Career goals  ·  a add · e edit · x retire or restore · enter shows the conversations",
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
        yield Static(id="goal-detail")
        yield Footer(compact=True)

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
    def _show(self, event: RecordTable.Selected) -> None:
        goal = self.store.goals.get(event.key)
        if goal is None:
            return
        contacts = {c.id: c for c in self.store.contacts.all()}
        parts: list[str | tuple[str, str]] = [(goal.title + "\n", "bold")]
        tied = [iv for iv in self.store.interviews.all() if goal.id in iv.reflection.goal_ids]
        for iv in sorted(tied, key=lambda iv: iv.call.ended_at or iv.created_at, reverse=True):  # type: ignore[arg-type,return-value]
            who = contacts.get(iv.contact_id)
            takeaway = iv.reflection.takeaways.strip().split("\n")[0]
            parts += [
                f"  {fmt_local(iv.call.ended_at)}  ",
                (who.name if who else "?", "bold"),
                f"  {'★' * (iv.reflection.interest or 0)}  {takeaway[:80]}\n",
            ]
        if not tied:
            parts.append(
                (
                    "  No reflections tie to it yet: tick it when you reflect on a conversation (5, enter).",
                    "$text-muted",
                )
            )
        self.query_one("#goal-detail", Static).update(assemble(*parts))

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
            self.store.goals.update(dataclasses.replace(goal, title=clean_line(title, 120)))
            self.reload()

    def action_retire(self) -> None:
        goal = self._current()
        if goal is not None:
            self.store.goals.update(dataclasses.replace(goal, active=not goal.active))
            self.reload()
            notify(self, f"{'Restored' if not goal.active else 'Retired'} '{goal.title}'. Its history stays.")

    def action_back(self) -> None:
        self.dismiss(None)
