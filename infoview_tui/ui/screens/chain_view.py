"""Provides where each introduction led: every chain from a first contact through introductions and referrals
to further calls, as an indented tree, and the thank-yous owed to the people who started chains that led to a
conversation (written with the live checker, kept until marked sent)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from weakref import WeakKeyDictionary

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from infoview_tui.domain.models import RecordId
from infoview_tui.stages.identify.chains import (
    Chain,
    ThankYou,
    build_chains,
    chain_index,
    mark_thanked,
    thank_you_message,
)
from infoview_tui.store import Store
from infoview_tui.ui.screens.base import AppScreen
from infoview_tui.ui.widgets.footer import Footer
from infoview_tui.ui.widgets.plain import assemble, notify, styled

_BUILT: WeakKeyDictionary[Store, tuple[int, list[Chain]]] = WeakKeyDictionary()
"""The chains last built from each open store, with its `Store.data_version` then."""


def built_chains(store: Store) -> list[Chain]:
    """The store's chains, built again only when it changed since they were last built (the app also calls
    this in idle time after start-up, so the view's first opening only draws)."""
    cached = _BUILT.get(store)
    if cached is None or cached[0] != store.data_version:
        cached = (
            store.data_version,
            build_chains(store.contacts.all(), store.interviews.all(), store.intros.all()),
        )
        _BUILT[store] = cached
    return cached[1]


MAX_CHAINS = 40
"""Chains drawn at once (the ones that led furthest); the rest are counted in a line at the end."""
MAX_THANKS = 5
"""Thank-yous listed at once; the rest show as they are sent."""
FIRST_LINES = 50
"""Lines drawn before the view's first frame (more than a 120×40 terminal shows at once); the rest follow it."""
EMPTY = (
    "No introductions recorded yet. When someone introduces you (a contact's 'introduced by', or i on a "
    "contact in Identify to ask for one) or you note a referral in a call (@), the chain shows here."
)


class ChainsScreen(AppScreen):
    """Where each introduction led; enter on a ✉ line writes that thank-you, escape goes back."""

    DEFAULT_CSS = """
    ChainsScreen #chains { height: 1fr; border: none; }
    ChainsScreen #chains-title { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("t", "thank", "Thank-you", tooltip="Write the thank-you for the highlighted line"),
    ]
    AUTO_FOCUS = "#chains"

    def __init__(self, focus_contact: RecordId | None = None) -> None:
        super().__init__()
        self.focus_contact = focus_contact
        """The contact to open the view on (the one highlighted in Identify), if any."""
        self._thanks: dict[RecordId, ThankYou] = {}
        self._line_thanks: dict[str, ThankYou] = {}
        """Option id of a person's line in a chain → the thank-you their conversation is owed."""
        self._drawn = 0
        """How many times the list was filled (a held-back remainder belongs to the latest only)."""

    def compose(self) -> ComposeResult:
        yield Static(id="chains-title")
        yield OptionList(id="chains")
        yield Footer()

    def on_mount(self) -> None:
        self.reload(first=True)

    def reload(self, *, first: bool = False) -> None:
        """Draw the chains, built again only when the store changed since they were last built.

        Built in the screen's own step: a thread was tried and made the first drawing slower (the build and the
        screen's rendering take turns holding the interpreter), and the build is a small part of opening it.
        """
        self._draw(built_chains(self.store), first=first)

    def _draw(self, chains: list[Chain], *, first: bool) -> None:
        """Fill the list: thank-yous first, then the chains that led furthest."""
        store = self.store
        where = chain_index(chains)
        focus = where.get(self.focus_contact) if self.focus_contact else None
        order = list(range(min(len(chains), MAX_CHAINS)))
        if focus is not None and focus[0] >= MAX_CHAINS:  # the person asked about comes first
            order = [focus[0], *order[: MAX_CHAINS - 1]]
        thanks = [t for chain in chains for t in chain.thank_yous]
        self._thanks = {t.person_id: t for t in thanks}
        self._line_thanks = {}
        led_to = sum(chain.led_to for chain in chains)

        title = self.query_one("#chains-title", Static)
        title.update(
            assemble(
                ("Where each introduction led", "bold $text-accent"),
                f"  ·  {len(chains)} chain{'s' if len(chains) != 1 else ''} · {led_to} conversation"
                f"{'s' if led_to != 1 else ''} through introductions  ·  ",
                ("@ referral · ? asked · ↺ loop · esc back", "$text-muted"),
            )
        )
        listing = self.query_one("#chains", OptionList)
        previous = listing.highlighted_option.id if listing.highlighted_option else None
        lines = self._options(chains, order, thanks)
        if first and focus is None:
            # The first screenful now, the rest made and added once it is painted: making every line and
            # measuring its height before the first frame was most of the view's opening at 10,000 contacts.
            options = list(islice(lines, FIRST_LINES))
            listing.set_options(options)
            listing.call_after_refresh(self._add_rest, self._drawn, lines)
        else:
            options = list(lines)
            listing.set_options(options)
        self._drawn += 1
        target = None
        if first and focus is not None:
            number = order.index(focus[0])
            target = f"line:{number}:{focus[1]}"
            listing.call_after_refresh(self._chain_to_top, f"line:{number}:0", target)
        elif previous is not None:
            target = previous
        if target is None or not self._highlight(listing, target):
            first_enabled = next((o.id for o in options if o is not None and not o.disabled), None)
            self._highlight(listing, first_enabled)
        if first and self.focus_contact and focus is None:
            person = store.contacts.get(self.focus_contact)
            if person is not None:
                notify(self, f"{person.name} is in no introduction chain yet; here are all of them.")

    def _chain_options(self, chain: Chain, number: int) -> list[Option | None]:
        """One option a line; the first contact's line carries the chain's summary."""
        out: list[Option | None] = []
        for index, line in enumerate(chain.lines):
            parts: list[str | tuple[str, str]] = [line.prefix + line.marker]
            parts.append((line.name, "bold") if index == 0 else line.name)
            if line.status:
                parts.append(" " + line.status)
            if index == 0:
                parts.append((f"  {chain.summary}", "$text-accent"))
            option_id = f"line:{number}:{index}"
            owed = self._thanks.get(line.contact_id or "") if not line.repeat else None
            if owed is not None:
                parts.append(("  ✉ thank-you to send", "$warning"))
                self._line_thanks[option_id] = owed
            out.append(Option(assemble(*parts), id=option_id))
        return out

    def _add_rest(self, drawn: int, rest: Iterator[Option | None]) -> None:
        """Add the lines held back from the first frame, unless the list was drawn again since."""
        if drawn == self._drawn - 1:
            more = list(rest)
            if more:
                self.query_one("#chains", OptionList).add_options(more)

    def _options(
        self, chains: list[Chain], order: list[int], thanks: list[ThankYou]
    ) -> Iterator[Option | None]:
        """The list's lines in order, made as they are taken (see `_draw`): thank-yous first, then the chains
        that led furthest."""
        if thanks:
            yield Option(
                styled(
                    f"Thank-yous to send ({len(thanks)}): enter writes one, ctrl+s in it marks it sent",
                    "bold",
                ),
                disabled=True,
            )
            yield from [
                Option(assemble("✉ ", t.label), id=f"thank:{t.person_id}") for t in thanks[:MAX_THANKS]
            ]
            if len(thanks) > MAX_THANKS:
                yield Option(styled(f"  … {len(thanks) - MAX_THANKS} more", "$text-muted"), disabled=True)
            yield None
        for number, at in enumerate(order):
            if number:
                yield None
            yield from self._chain_options(chains[at], number)
        if len(chains) > len(order):
            rest = len(chains) - len(order)
            yield None
            yield Option(
                styled(
                    f"… and {rest} smaller chains not drawn (the ones that led furthest come first)",
                    "$text-muted",
                ),
                disabled=True,
            )
        if not chains:
            yield Option(styled(EMPTY, "$text-muted"), disabled=True)

    @staticmethod
    def _highlight(listing: OptionList, option_id: str | None, *, top: bool = False) -> bool:
        """Put the highlight on `option_id` and scroll it into view (to the top with `top`); False when there
        is no such line (a thank-you just sent)."""
        if option_id is None:
            return False
        try:
            listing.highlighted = listing.get_option_index(option_id)
        except OptionDoesNotExist:
            return False
        listing.scroll_to_highlight(top=top)
        return True

    def _chain_to_top(self, root_id: str, target_id: str) -> None:
        """Scroll so the chain being opened starts at the top (its first contact in view), then highlight the
        person it was opened on."""
        listing = self.query_one("#chains", OptionList)
        if self._highlight(listing, root_id, top=True):
            self._highlight(listing, target_id)

    def _selected_thanks(self) -> ThankYou | None:
        """The thank-you the highlighted line is about: a ✉ line, or a person's line in a chain owing one."""
        option = self.query_one("#chains", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        if option.id.startswith("thank:"):
            return self._thanks.get(option.id.removeprefix("thank:"))
        return self._line_thanks.get(option.id)

    @on(OptionList.OptionSelected, "#chains")
    def _chosen(self) -> None:
        self.action_thank()

    def action_thank(self) -> None:
        thanks = self._selected_thanks()
        if thanks is None:
            notify(self, "Highlight a ✉ line: it names the thank-you to write.")
            return
        self._write(thanks)

    @work
    async def _write(self, thanks: ThankYou) -> None:
        sent = await self.write_message(
            f"Thank {thanks.starter_name}",
            thank_you_message(thanks, sender_name=self.store.profile.name),
            done_label="Mark sent",
            file_stem=f"thank-you-{thanks.starter_name}",
        )
        if sent is None:
            return
        person = self.store.contacts.get(thanks.person_id)
        if person is None:
            return
        self.store.contacts.update(mark_thanked(person, self.clock.now()))
        notify(self, f"Marked sent: {thanks.starter_name} knows their introduction led to a conversation.")
        self.reload()

    def action_back(self) -> None:
        self.dismiss(None)
