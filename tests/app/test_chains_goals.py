"""Pilot tests for where each introduction led (from Identify and Insights) and for each goal's evidence in
Reflect's goals view: drive them with keys, then check what the screen shows and what the store holds."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from infoview_tui.domain.models import Contact
from infoview_tui.store import Store
from infoview_tui.ui.screens.chain_view import ChainsScreen
from infoview_tui.ui.screens.goals import GoalsScreen
from infoview_tui.ui.screens.insights import InsightsScreen
from infoview_tui.ui.screens.outreach_form import MessageScreen
from infoview_tui.ui.widgets import RecordTable

from .conftest import make_app, until

SMALL = (80, 24)


def named(store: Store, name: str) -> Contact:
    return next(c for c in store.contacts.all() if c.name == name)


def lines(pilot: Pilot[None]) -> list[str]:
    listing = pilot.app.screen.query_one("#chains", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def open_chains_from_identify(pilot: Pilot[None], store: Store, name: str) -> None:
    await pilot.press("1")
    await until(pilot, lambda: bool(pilot.app.screen.query("#contacts")), "the Identify table")
    table = pilot.app.screen.query_one("#contacts", RecordTable)
    await until(pilot, lambda: table.move_to_key(named(store, name).id), f"{name} in the table")
    table.focus()
    await pilot.press("c")
    await until(pilot, lambda: isinstance(pilot.app.screen, ChainsScreen), "the chain view")
    await until(
        pilot, lambda: pilot.app.screen.query_one("#chains", OptionList).option_count > 0, "the chains"
    )


async def open_chains_from_insights(pilot: Pilot[None]) -> None:
    await pilot.press("5")
    await until(pilot, lambda: pilot.app.screen.__class__.__name__ == "ReflectScreen", "Reflect")
    await pilot.press("i")
    await until(pilot, lambda: isinstance(pilot.app.screen, InsightsScreen), "Insights")
    await pilot.press("c")
    await until(pilot, lambda: isinstance(pilot.app.screen, ChainsScreen), "the chain view")


async def test_chain_view_from_identify_draws_the_tree_on_the_highlighted_contact(
    demo_store: Store, settings_file: Path
) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_chains_from_identify(pilot, demo_store, "Siobhán O'Connor")
        shown = lines(pilot)
        henrik = next(i for i, text in enumerate(shown) if text.startswith("Prof. Henrik Sørensen"))
        assert "led to 1 conversation · 1 person · 1 pending" in shown[henrik]
        assert shown[henrik + 1].startswith("└─ Siobhán O'Connor (1 conversation)")
        assert shown[henrik + 2].startswith("   └─ @ Suggested Mikkel Andersen")  # three levels deep
        listing = pilot.app.screen.query_one("#chains", OptionList)
        highlighted = listing.highlighted_option
        assert highlighted is not None and str(highlighted.prompt).startswith("└─ Siobhán O'Connor")
        await pilot.press("escape")
        await until(pilot, lambda: bool(pilot.app.screen.query("#contacts")), "back in Identify")


async def test_chain_view_from_insights(demo_store: Store, settings_file: Path) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_chains_from_insights(pilot)
        await until(pilot, lambda: any("Dr. Amara Okafor" in t for t in lines(pilot)), "Amara's chain")
        assert any(t.startswith("├─ José Álvarez (call planned)") for t in lines(pilot))


async def test_a_long_view_draws_its_first_screenful_then_every_line(
    store: Store, settings_file: Path
) -> None:
    """Over FIRST_LINES lines, the first frame has the head and the rest follows: end reaches the last line."""
    from infoview_tui.demo import populate_demo
    from infoview_tui.ui.screens.chain_view import FIRST_LINES, MAX_CHAINS, built_chains

    populate_demo(store, store.clock.now(), size=300)
    chains = built_chains(store)
    assert len(chains) > MAX_CHAINS and sum(len(c.lines) for c in chains[:MAX_CHAINS]) > FIRST_LINES
    app = make_app(store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_chains_from_insights(pilot)
        rest = f"… and {len(chains) - MAX_CHAINS} smaller chains not drawn"
        await until(pilot, lambda: any(t.startswith(rest) for t in lines(pilot)), "the held-back lines")
        shown = lines(pilot)
        last_chain = chains[MAX_CHAINS - 1].lines[0].name
        assert sum(1 for t in shown if t.startswith(last_chain)) >= 1
        listing = pilot.app.screen.query_one("#chains", OptionList)
        assert listing.option_count > FIRST_LINES
        await pilot.press("end")
        highlighted = listing.highlighted_option
        assert highlighted is not None and not highlighted.disabled
        assert listing.highlighted == max(
            i for i in range(listing.option_count) if not listing.get_option_at_index(i).disabled
        )


async def test_thank_you_suggested_then_stored_and_gone_once_marked_sent(
    demo_store: Store, settings_file: Path
) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_chains_from_identify(pilot, demo_store, "Siobhán O'Connor")
        suggestion = (
            "✉ Tell Prof. Henrik Sørensen their introduction to Siobhán O'Connor led to a conversation"
        )
        assert suggestion in lines(pilot)
        listing = pilot.app.screen.query_one("#chains", OptionList)
        highlighted = listing.highlighted_option
        assert highlighted is not None and "✉ thank-you to send" in str(highlighted.prompt)  # her own line
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, MessageScreen), "the thank-you draft")
        checker = str(pilot.app.screen.query_one("#checker", Static).content)
        assert "✓" in checker or "words" in checker  # the live checker ran on the draft
        await pilot.press("escape")  # closing without marking it sent keeps the suggestion
        await until(pilot, lambda: isinstance(pilot.app.screen, ChainsScreen), "back in the chain view")
        assert named(demo_store, "Siobhán O'Connor").chain_thanked_at is None
        assert suggestion in lines(pilot)

        await pilot.press("home")  # the list's first line: the suggestion itself
        highlighted = listing.highlighted_option
        assert highlighted is not None and str(highlighted.prompt) == suggestion
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(pilot.app.screen, MessageScreen), "the thank-you draft again")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ChainsScreen), "back after marking it sent")
        await until(pilot, lambda: suggestion not in lines(pilot), "the suggestion to go")
        assert named(demo_store, "Siobhán O'Connor").chain_thanked_at == demo_store.clock.now()
        assert not any("✉" in t for t in lines(pilot))


async def test_a_contact_in_no_chain_opens_every_chain(demo_store: Store, settings_file: Path) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await open_chains_from_identify(pilot, demo_store, "Kenji Watanabe")
        assert any(t.startswith("Prof. Henrik Sørensen") for t in lines(pilot))
        await until(
            pilot,
            lambda: any(
                "Kenji Watanabe is in no introduction chain" in str(n.message) for n in app._notifications
            ),
            "the notice",
        )


def fits(pilot: Pilot[None], selector: str) -> bool:
    widget = pilot.app.screen.query_one(selector)
    region = widget.region
    return region.height > 0 and region.bottom <= SMALL[1] and region.right <= SMALL[0]


async def test_goals_view_shows_each_goals_evidence_at_80x24(demo_store: Store, settings_file: Path) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("5")
        await until(pilot, lambda: pilot.app.screen.__class__.__name__ == "ReflectScreen", "Reflect")
        await pilot.press("g")
        await until(pilot, lambda: isinstance(pilot.app.screen, GoalsScreen), "the goals view")
        table = pilot.app.screen.query_one("#goals", RecordTable)
        goal = next(
            g for g in demo_store.goals.all() if g.title == "Choose between data science and data engineering"
        )
        await until(pilot, lambda: table.move_to_key(goal.id), "the goal in the table")
        table.focus()
        await pilot.press("enter")
        detail = pilot.app.screen.query_one("#goal-detail", Static)
        await until(pilot, lambda: "Ask next" in str(detail.content), "the evidence")
        text = str(detail.content)
        assert "2 conversations" in text  # Daniel, and Kenji's first call (the brief's demo)
        assert "Daniel Müller" in text and "changed direction" in text
        assert "Changed your direction (↻): Daniel Müller" in text
        assert "Interest over time" in text and "4" in text
        assert "? " in text  # a question never asked about it
        await pilot.pause()
        assert fits(pilot, "#goal-evidence") and fits(pilot, "#goals")
        await pilot.press("up")  # moving the cursor shows that goal's evidence, no enter needed
        await until(
            pilot, lambda: "Move into climate-tech" in str(detail.content), "the other goal's evidence"
        )
        assert "Confirmed it (✓): Siobhán O'Connor" in str(detail.content)


async def test_chain_view_fits_80x24(demo_store: Store, settings_file: Path) -> None:
    app = make_app(demo_store, settings_file)
    async with app.run_test(size=SMALL) as pilot:
        await open_chains_from_identify(pilot, demo_store, "Prof. Henrik Sørensen")
        await pilot.pause()
        assert fits(pilot, "#chains-title") and fits(pilot, "#chains")
        listing = pilot.app.screen.query_one("#chains", OptionList)
        assert listing.region.height >= 12  # most of the screen is the tree
        highlighted = listing.highlighted_option
        assert highlighted is not None and str(highlighted.prompt).startswith("Prof. Henrik Sørensen")


async def test_chain_view_from_an_empty_identify_opens_without_a_no_contact_warning(
    store: Store, settings_file: Path
) -> None:
    app = make_app(store, settings_file)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("1")
        await until(pilot, lambda: app.current_mode == "identify", "Identify")
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, ChainsScreen), "the chain view")
        await pilot.pause()
        assert not [n for n in app._notifications if "No contact selected" in str(n.message)]
