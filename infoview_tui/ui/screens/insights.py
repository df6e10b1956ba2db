"""Provides insights drawn in the terminal: conversations per month, interest by industry and goal and
over time, outreach response rate, the most useful questions, and who referred whom."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from infoview_tui.domain.models import Route
from infoview_tui.stages.identify.outreach import response_rate
from infoview_tui.stages.reflect import stats as insights
from infoview_tui.ui.screens.base import AppScreen
from infoview_tui.ui.widgets.footer import Footer
from infoview_tui.ui.widgets.plain import assemble

Part = str | tuple[str, str]


class InsightsScreen(AppScreen):
    """Charts from your data; escape goes back."""

    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("c", "chains", "Chains", tooltip="Where each introduction led"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="insights-body"):
            yield Static(assemble(*self._parts()), id="insights-text")
        yield Footer()

    def on_mount(self) -> None:
        # `c` opens the chain view from here: the chains are built once this screen is painted (unless
        # warming already built them), so the view only draws (building them is ~50 ms at 10,000 contacts).
        self.call_after_refresh(self._build_chains)

    def _build_chains(self) -> None:
        from infoview_tui.ui.screens.chain_view import built_chains

        built_chains(self.store)

    def _parts(self) -> list[Part]:
        store = self.store
        now = store.clock.now()
        interviews, contacts, goals = store.interviews.all(), store.contacts.all(), store.goals.all()
        parts: list[Part] = [("Insights\n\n", "bold $text-accent")]

        monthly = insights.conversations_per_month(interviews, 12, now)
        peak = max((n for _, n in monthly), default=0) or 1
        parts.append(("Conversations per month\n", "bold"))
        for month, count in monthly:
            parts += [f"  {month}  ", (insights.bar(count, peak, 30), "$accent"), f" {count}\n"]
        interest = insights.interest_over_time(interviews, 12, now)
        parts += ["  interest over time ", (insights.sparkline([v for _, v in interest]), "$success"), "\n\n"]

        for key, title in (("industry", "Interest by industry"), ("goal", "Interest by goal")):
            rows = insights.interest_by(interviews, contacts, goals, key)  # type: ignore[arg-type]
            parts.append((f"{title} (average of 5, conversations)\n", "bold"))
            if not rows:
                parts.append(("  nothing rated yet\n", "$text-muted"))
            for label, average, count in rows[:10]:
                parts += [
                    f"  {label[:28]:<28} ",
                    (insights.bar(average, 5, 20), "$accent"),
                    f" {average:.1f} ({count})\n",
                ]
            parts.append("\n")

        cold = {c.id for c in store.contacts.all() if c.route is Route.COLD}
        rate = response_rate(store.outreach.all(), cold)
        parts += [("Outreach response rate\n", "bold"), f"  {rate.message}\n"]
        for channel, sent, responded in insights.response_rate_by_channel(store.outreach.all()):
            parts += [
                f"  {channel:<12} ",
                (insights.bar(responded, sent or 1, 20), "$accent"),
                f" {responded}/{sent}\n",
            ]
        parts.append("\n")

        parts.append(("Most useful questions\n", "bold"))
        useful = insights.most_useful_questions(store.questions.all(), 10)
        if not useful:
            parts.append(("  rate questions when you reflect, and the best ones show here\n", "$text-muted"))
        for text, average, count in useful:
            parts += [f"  {average:.1f} ", (insights.bar(average, 5, 10), "$success"), f" {text} ({count})\n"]
        parts.append("\n")

        parts.append(("Who referred whom\n", "bold"))
        graph = insights.referral_graph(contacts)
        if not graph:
            parts.append(("  no introductions recorded yet\n", "$text-muted"))
        for introducer, people in graph[:20]:
            parts += [f"  {introducer} → ", ", ".join(people), "\n"]
        parts.append(
            (
                "  c shows where each introduction led: the chains, and the thank-yous they earned\n",
                "$text-muted",
            )
        )
        return parts

    def action_chains(self) -> None:
        from infoview_tui.ui.screens.chain_view import ChainsScreen

        self.app.push_screen(ChainsScreen())

    def action_back(self) -> None:
        self.dismiss(None)
