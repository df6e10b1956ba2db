"""Provides the Dashboard: what is due today and in the next 7 days, and counts per stage."""

from __future__ import annotations

import contextlib
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from infoview_tui.domain.dates import humanize_delta
from infoview_tui.domain.models import Stage
from infoview_tui.stages.agenda import HORIZON, Agenda, AgendaItem, ItemKind, Section, plan_agenda
from infoview_tui.store.dashboard_cache import VALID_FOR, QuickDashboard
from infoview_tui.ui.screens.base import SectionScreen
from infoview_tui.ui.widgets.plain import assemble, styled
from infoview_tui.ui.widgets.steady_option_list import SteadyOptionList

GROUP_LIMIT = 12
"""Lines shown per group; the rest are one keystroke away in their section."""
WIDE = 100
"""From this many columns the "when" column is 16 cells wide; narrower (80 columns), 12, so the person, their
company and what is due fit on the line."""

WELCOME = """\
[b]Welcome to infoview-tui.[/b]

An informational interview is a 20–30 minute conversation with a professional about their work.
This app walks you through it in five steps, one per section:

  [b]1[/b] Identify    people to talk to, and reach out to them
  [b]2[/b] Prepare     research them and choose your questions
  [b]3[/b] Conduct     a live timer and notes during the call
  [b]4[/b] Follow up   thank them, connect, keep in touch
  [b]5[/b] Reflect     what you learned, tied to your career goals

[b]Press 1[/b] to add the first person you'd like to talk to.
To look around first, quit ([b]ctrl+q[/b]) and run [b]infoview-tui --demo[/b] (your file stays untouched).
Press [b]?[/b] for every key.
"""


class DashboardScreen(SectionScreen):
    """Home: today and the next 7 days at a glance. Enter opens an item in its section."""

    SECTION = Section.DASHBOARD
    _narrow: bool | None = None
    """Whether the rows were last laid out for a narrow terminal."""

    def compose_body(self) -> ComposeResult:
        with Vertical(id="dashboard"):
            yield Static(id="dashboard-summary")
            yield SteadyOptionList(id="agenda")
            yield Static(WELCOME, id="welcome")

    def shows_before_load(self) -> bool:
        """The snapshot of this very file, when start-up found one (`store.dashboard_cache`)."""
        return self.infoview.quick_dashboard() is not None

    def on_resize(self) -> None:
        """Lay the rows out again when the terminal crosses the narrow/wide line."""
        crossed = self._narrow is not None and self._narrow != (self.size.width < WIDE)
        if crossed and (self.store.loaded or self.shows_before_load()):
            self.reload()

    def reload(self) -> None:
        self._narrow = self.size.width < WIDE
        now = self.clock.now()
        store = self.store
        quick = self.infoview.quick_dashboard()  # a plan for the data as it is, if there is one
        if quick is None:
            if not store.loaded:
                return  # the snapshot stopped covering the clock: the records are on their way
            # Planned for the snapshot's span, so redraws until the data changes only read it (`at`).
            plan = plan_agenda(
                store.contacts.all(), store.outreach.all(), store.interviews.all(), now, HORIZON + VALID_FOR
            )
            quick = QuickDashboard(plan, store.is_empty)
            self.infoview.keep_dashboard_plan(quick)
        self.set_class(quick.empty, "-empty")
        if quick.empty:
            self.query_one("#welcome").focus()
            return
        agenda = quick.plan.at(now)
        self.query_one("#dashboard-summary", Static).update(self._summary(agenda, now))
        option_list = self.query_one("#agenda", OptionList)
        highlighted = option_list.highlighted_option.id if option_list.highlighted_option else None
        option_list.set_options(self._options(agenda, now))
        if highlighted is not None:
            with contextlib.suppress(Exception):
                option_list.highlighted = option_list.get_option_index(highlighted)
        option_list.focus()

    @staticmethod
    def _summary(agenda: Agenda, now: datetime) -> Content:
        due = agenda.due_count
        # "Reached out" counts people asked (any reply), not interviews: none are stored at that stage.
        funnel = {**agenda.stage_counts, Stage.REACHED_OUT: agenda.reached_out}
        counts = "  ".join(
            f"{stage.label} {funnel.get(stage, 0)}" for stage in Stage if stage is not Stage.IDENTIFIED
        )
        headline = (
            assemble((f"{due} thing{'s' if due != 1 else ''} to do now", "bold $warning"))
            if due
            else styled("Nothing due right now", "bold $success")
        )
        today = f"{now.astimezone():%A %d %B}"
        return assemble(
            (today, "bold"),
            ("   ·   ", "$text-muted"),
            headline,
            ("   ·   ", "$text-muted"),
            (counts, "$text-muted"),
        )

    def _options(self, agenda: Agenda, now: object) -> list[Option | None]:
        self._items: dict[str, AgendaItem] = {}
        options: list[Option | None] = []
        for title, items in agenda.groups().items():
            options.append(Option(styled(f"{title} ({len(items)})", "bold $text-accent"), disabled=True))
            if not items:
                options.append(Option(styled("  nothing here", "$text-muted"), disabled=True))
            for item in items[:GROUP_LIMIT]:
                option_id = f"{item.kind.value}:{item.record_id}:{len(options)}"
                self._items[option_id] = item
                options.append(Option(self._line(item), id=option_id))
            if len(items) > GROUP_LIMIT:
                section = items[0].section
                options.append(
                    Option(
                        styled(
                            f"  … {len(items) - GROUP_LIMIT} more: press {section.value} for {section.title}",
                            "$text-muted",
                        ),
                        id=f"more:{section.value}:{len(options)}",
                    )
                )
            options.append(None)
        return options[:-1]

    def _line(self, item: AgendaItem) -> Content:
        now = self.clock.now()
        if item.overdue:
            mark = ("● ", "bold $error")
        elif item.due:
            mark = ("● ", "bold $warning")
        else:
            mark = ("○ ", "$text-muted")
        when = humanize_delta(item.when - now) if item.when is not None else ""
        if item.kind is ItemKind.CALL:  # the way back comes first: a long line is cut at 80 columns
            return assemble(
                "  ", mark, ("3: back to call ", "bold $warning"), (item.title, "bold"), "  ", item.detail
            )
        return assemble(
            "  ",
            mark,
            (f"{when:<{11 if self._narrow else 15}} ", "bold $error" if item.overdue else "$text-muted"),
            (item.title, "bold"),
            ("  ", ""),
            (item.detail, "$text-muted" if not item.due else ""),
        )

    @on(OptionList.OptionSelected, "#agenda")
    async def open_item(self, event: OptionList.OptionSelected) -> None:
        """Enter on an item: open it in its section."""
        option_id = event.option.id or ""
        kind, value, _ = option_id.split(":")
        if not self.store.loaded:  # shown from the snapshot: the section opens once its records are read
            await self.infoview.data_loaded.wait()
        if kind == "more":
            await self.infoview.open_section(Section(int(value)))
            return
        item = self._items.get(option_id)
        if item is not None:
            await self.infoview.open_section(item.section, item.record_id)
