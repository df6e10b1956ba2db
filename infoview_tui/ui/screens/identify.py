"""Provides section 1, Identify: the people to talk to, how you know them, and where each request stands.

A virtual table keeps 10,000 contacts fast; keys add, edit and archive contacts, log outreach, mark replies,
schedule, and ask mentors for introductions. Dialogs return data; this screen is the one that saves it. They are
imported when first opened, not with the section (a first visit paints sooner).
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from infoview_tui.domain import lifecycle as lc
from infoview_tui.domain.dates import fmt_local
from infoview_tui.domain.models import (
    Contact,
    HowKnown,
    Interview,
    IntroRequest,
    IntroStatus,
    Outreach,
    RecordId,
    replace,
)
from infoview_tui.domain.validation import clean_line
from infoview_tui.stages.agenda import Section
from infoview_tui.stages.identify.listing import (
    ContactListing,
    SortBy,
    contact_listing,
    contacts_count,
    known_search_text,
)
from infoview_tui.stages.identify.nudges import NudgeState, nudge_state
from infoview_tui.stages.identify.outreach import (
    colleagues_at_company,
    follow_up_message,
    intro_request_message,
    request_label,
)
from infoview_tui.store import Store
from infoview_tui.ui.screens.base import SectionScreen
from infoview_tui.ui.widgets import Column, LazyRows, RecordTable, TableRow
from infoview_tui.ui.widgets.plain import assemble, notify
from infoview_tui.ui.widgets.submit_input import SubmitInput

if TYPE_CHECKING:
    from infoview_tui.ui.screens.contact_detail import DetailAction

PRIORITY_LABELS = {1: "high", 2: "", 3: "low"}
COLUMNS = (
    Column("Name", 22),
    Column("Company", 20),
    Column("Outreach", 19),
    Column("Title", hide_order=1),
    Column("How you know them", 20, hide_order=4),
    Column("Last contact", 12, hide_order=3),
    Column("Pri", 4, hide_order=2),
)
"""Who, where and how the request stands come first and always show; at 80 columns the table leaves out
"How you know them", then "Last contact" (both are in the contact's details, enter)."""
STATUS_COLUMN = 2
"""Where the outreach status sits in a row's cells."""
EMPTY = (
    "No contacts yet. Press a to add someone: people you already know (friends, family, classmates, "
    "former colleagues), people a mentor or professor could introduce you to, or people you found on "
    "LinkedIn, Indeed, Glassdoor, AngelList, Quora or Twitter. Or import your LinkedIn connections: "
    "ctrl+p → 'import: LinkedIn connections'."
)


_SEARCHES: WeakKeyDictionary[Store, dict[RecordId, tuple[Contact, str]]] = WeakKeyDictionary()
"""Each open store's contact search texts, with the record each was made from (records change by replacement)."""
_LISTINGS: WeakKeyDictionary[Store, tuple[tuple[int, SortBy, bool], ContactListing]] = WeakKeyDictionary()
"""The list last built from each open store: (its `data_version`, order, archived shown) and the listing."""


def listing_for(store: Store, sort_by: SortBy = SortBy.NAME, show_archived: bool = False) -> ContactListing:
    """The store's contact list in this order, built again only when the store changed (the app also builds
    the first one in idle time after start-up, so Identify's first visit only draws)."""
    key = (store.data_version, sort_by, show_archived)
    cached = _LISTINGS.get(store)
    if cached is None or cached[0] != key:
        known = _SEARCHES.setdefault(store, {})
        listing = contact_listing(
            store.contacts.all(), store.outreach.all(), store.interviews.all(), sort_by, show_archived, known
        )
        cached = (key, listing)
        _LISTINGS[store] = cached
    return cached[1]


def known_search(store: Store, contact: Contact) -> str:
    """One contact's search text, from the store's memo when its record has not changed."""
    return known_search_text(_SEARCHES.setdefault(store, {}), contact)


class IdentifyScreen(SectionScreen):
    """Contacts and outreach."""

    SECTION = Section.IDENTIFY
    AUTO_FOCUS = "#contacts"
    BINDINGS = [
        # The Footer shows these in this order (most used first); at 80 columns the last are cut, and ? lists all.
        Binding("a", "add", "Add"),
        Binding("m", "message", "Reach out"),
        Binding("r", "mark(True)", "Replied"),
        Binding("s", "schedule", "Schedule"),
        Binding("e", "edit", "Edit"),
        Binding("slash", "focus_filter", "Filter", key_display="/", priority=True),
        Binding("x", "archive", "Archive"),
        Binding("o", "sort", "Sort"),
        Binding("d", "mark(False)", "Declined", show=False),
        Binding("f", "followed_up", "Nudged", tooltip="You sent the one 7B follow-up", show=False),
        Binding("i", "introduction", "Intro", tooltip="Ask this person for an introduction", show=False),
        Binding("h", "toggle_archived", "Show archived", show=False),
        Binding("c", "chains", "Chains", tooltip="Where this person's introductions led", show=False),
        Binding("escape", "leave_filter", "Back to list", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_by = SortBy.NAME
        self.show_archived = False
        self._rows: dict[RecordId, tuple[object, TableRow]] = {}
        self._rate_message = ""
        self._archived = 0

    def compose_body(self) -> ComposeResult:
        yield SubmitInput(
            placeholder="/ filter by name, company, title, industry or tag", id="contact-filter", compact=True
        )
        yield Static(id="identify-summary")
        yield RecordTable(COLUMNS, empty_text="No contacts match.", id="contacts")
        yield Static(EMPTY, id="empty", classes="empty-state")

    @property
    def table(self) -> RecordTable:
        return self.query_one("#contacts", RecordTable)

    # Loading ----------------------------------------------------------------------------------------
    def reload(self) -> None:
        now = self.clock.now()
        listing = listing_for(self.store, self.sort_by, self.show_archived)
        shown, latest, names, interviews = listing.shown, listing.latest, listing.names, listing.interviews

        def build(index: int) -> TableRow:
            contact = shown[index]
            return self._cached_row(contact, latest.get(contact.id), now, names, interviews)

        # Keys and search texts for every contact (the cursor and the filter need them); cells only for the
        # rows drawn, so 10,000 contacts cost a screenful of outreach statuses, not 10,000.
        self.table.set_rows(LazyRows(listing.keys, listing.searches, build, folded=True))
        self.set_class(not listing.total, "-empty")
        self._rate_message = listing.rate_message
        self._archived = listing.archived
        self._show_summary()

    def _show_summary(self) -> None:
        """The line above the table; redrawn on every filter change so the count says what is listed."""
        table = self.table
        count = contacts_count(table.row_count, table.total_count, table.filter_text)
        archived = self._archived
        self.query_one("#identify-summary", Static).update(
            assemble(
                (count, "bold"),
                (f" ({archived} archived, h shows them)" if archived else "", "$text-muted"),
                ("  ·  sorted by ", "$text-muted"),
                (self.sort_by.value, ""),
                ("  ·  ", "$text-muted"),
                (self._rate_message, "$text-muted"),
            )
        )

    def _cached_row(
        self,
        contact: Contact,
        last: Outreach | None,
        now: datetime,
        names: dict[RecordId, str],
        interviews: dict[RecordId, Interview],
    ) -> TableRow:
        """Rows are rebuilt only for contacts whose record, latest outreach or nudge state changed.

        Records are immutable and the store hands out the same objects until they change, so identity
        tells what changed. The introducer's name and the interview the request led to (its call decides
        "Scheduled" or "Conducted") are part of the key too.
        """
        state = nudge_state(last, now) if last is not None else NudgeState.NONE
        introducer = names.get(contact.introduced_by_id) if contact.introduced_by_id is not None else None
        led_to = (
            interviews.get(last.interview_id) if last is not None and last.interview_id is not None else None
        )
        key = (contact, last, state, introducer, led_to)
        cached = self._rows.get(contact.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        row = self._row(contact, last, request_label(last, now, led_to), state.due, introducer)
        self._rows[contact.id] = (key, row)
        return row

    def _row(
        self, contact: Contact, last: Outreach | None, status: str, due: bool, introducer: str | None
    ) -> TableRow:
        search = known_search(self.store, contact)
        tone = "due" if due else ""
        if contact.archived:
            tone = "muted"
        return TableRow(
            key=str(contact.id),
            cells=(
                contact.name + (" (archived)" if contact.archived else ""),
                contact.company,
                status,
                contact.title,
                f"Intro by {introducer}" if introducer else contact.how_known_label,
                f"{last.sent_at.astimezone():%d %b %Y}" if last else "",
                PRIORITY_LABELS.get(contact.priority, ""),
            ),
            search=search,
            tone=tone,
        )

    def reveal(self, record_id: RecordId) -> None:
        self.call_after_refresh(self._reveal, record_id)

    def _reveal(self, record_id: RecordId) -> None:
        if not self.table.move_to_key(str(record_id)):
            self.query_one("#contact-filter", Input).value = ""
            self.table.set_filter("")
            self.table.move_to_key(str(record_id))
        self.table.focus()

    # Filter and sort ---------------------------------------------------------------------------------
    @on(Input.Changed, "#contact-filter")
    def _filter(self, event: Input.Changed) -> None:
        self.table.set_filter(event.value)
        self._show_summary()

    @on(Input.Submitted, "#contact-filter")
    def _filter_done(self) -> None:
        self.set_focus(self.table)

    def action_focus_filter(self) -> None:
        """/ from the list: into the field. A priority binding, so it happens as the app takes the key, before
        the keys queued behind it are handed to a widget ("/ada" typed fast lands in the field, not on the list
        where "a" would open a form). In the field, / is just a character."""
        field = self.query_one("#contact-filter", Input)
        if self.focused is field:
            raise SkipAction()
        self.set_focus(field)

    def action_leave_filter(self) -> None:
        """escape in the field: back to the list, at once (priority, as `/`); elsewhere escape is not ours."""
        if self.focused is not self.query_one("#contact-filter", Input):
            raise SkipAction()
        self.set_focus(self.table)

    def action_sort(self) -> None:
        order = list(SortBy)
        self.sort_by = order[(order.index(self.sort_by) + 1) % len(order)]
        self.reload()
        notify(self, f"Sorted by {self.sort_by.value}")

    def action_toggle_archived(self) -> None:
        self.show_archived = not self.show_archived
        self.reload()

    # The contact under the cursor --------------------------------------------------------------------
    def current(self) -> Contact | None:
        key = self.table.cursor_key
        contact = self.store.contacts.get(key) if key else None
        if contact is None:
            self.notify("No contact selected. Press a to add one.", severity="warning")
        return contact

    # Contacts ---------------------------------------------------------------------------------------
    @work
    async def action_add(self, prefill: Contact | None = None, intro: IntroRequest | None = None) -> None:
        from infoview_tui.ui.screens.contact_form import ContactFormScreen

        contact = await self.app.push_screen_wait(ContactFormScreen(prefill, self.store.contacts.all()))
        if contact is None:
            return
        saved = self.store.contacts.add(contact)
        if intro is not None:
            self.store.intros.update(
                replace(intro, status=IntroStatus.INTRODUCED, result_contact_id=saved.id)
            )
        self.reload()
        self._reveal(saved.id)
        notify(self, f"Added {saved.name}. Press m to reach out.")

    @work
    async def action_edit(self) -> None:
        from infoview_tui.ui.screens.contact_form import ContactFormScreen

        contact = self.current()
        if contact is None:
            return
        edited = await self.app.push_screen_wait(ContactFormScreen(contact, self.store.contacts.all()))
        if edited is not None:
            self.store.contacts.update(edited)
            self.reload()
            notify(self, f"Saved {edited.name}.")

    @work
    async def action_archive(self) -> None:
        from infoview_tui.ui.screens.dialogs import ConfirmScreen

        contact = self.current()
        if contact is None:
            return
        if contact.archived:
            self.store.contacts.update(replace(contact, archived=False))
            self.reload()
            notify(self, f"{contact.name} is back in your list.")
            return
        if await self.app.push_screen_wait(
            ConfirmScreen(
                f"Archive {contact.name}?", "They leave the list; their history stays (h shows archived)."
            )
        ):
            self.store.contacts.update(replace(contact, archived=True))
            self.reload()
            notify(self, f"Archived {contact.name}. Press h to see archived contacts.")

    # Outreach ---------------------------------------------------------------------------------------
    @work
    async def action_message(self) -> None:
        from infoview_tui.ui.screens.outreach_form import OutreachFormScreen

        contact = self.current()
        if contact is None:
            return
        introducer = self.store.contacts.get(contact.introduced_by_id)
        draft = await self.app.push_screen_wait(
            OutreachFormScreen(
                contact,
                self.clock,
                self.infoview.data_path.parent,
                introducer.name if introducer else "",
                self.store.profile,
            )
        )
        if draft is None:
            return
        self.store.outreach.add(replace(draft, contact_id=contact.id))
        self.reload()
        notify(
            self,
            f"Logged your request to {contact.name}. Most people don't reply; the 3B/7B nudges will remind you.",
        )

    def action_mark(self, replied: bool) -> None:
        contact = self.current()
        if contact is None:
            return
        try:
            change = lc.record_reply(self.store.outreach.all(), contact, self.clock.now(), replied=replied)
        except lc.LifecycleError:
            notify(
                self,
                f"No request to {contact.name} is waiting for an answer. Press m to log one.",
                severity="warning",
            )
            return
        self.apply(change)
        self.reload()
        if replied:
            notify(self, f"{contact.name} replied. Press s to schedule the conversation.")
        else:
            notify(self, f"{contact.name} declined. That is normal; thank them and move on.")

    @work
    async def action_followed_up(self) -> None:
        """Show the one 7B follow-up (from your profile and the first request) with the checker; ctrl+s
        records it as sent."""
        contact = self.current()
        if contact is None:
            return
        try:
            change = lc.record_follow_up_sent(self.store.outreach.all(), contact, self.clock.now())
        except lc.LifecycleError:
            self.notify("Nothing is waiting for a reply here.", severity="warning")
            return
        sent = [o for o in self.store.outreach.all() if o.contact_id == contact.id]
        original = max(sent, key=lambda o: o.sent_at).message if sent else ""
        text = follow_up_message(contact, original, self.store.profile.name)
        confirmed = await self.write_message(
            f"The one follow-up to {contact.name}",
            text,
            done_label="Mark it sent",
            file_stem=f"follow-up-{contact.name}",
        )
        if confirmed is None:
            return
        self.apply(change)
        self.reload()
        self.notify("Noted your one follow-up. If they still don't answer, let it go.")

    # Scheduling -------------------------------------------------------------------------------------
    @work
    async def action_schedule(self) -> None:
        from infoview_tui.ui.screens.schedule_form import ScheduleChoice, ScheduleFormScreen

        contact = self.current()
        if contact is None:
            return
        choice: ScheduleChoice | None = await self.app.push_screen_wait(
            ScheduleFormScreen(contact.name, self.clock, self.overlap_check())
        )
        if choice is None:
            return
        slot = lc.Slot(choice.when, choice.minutes, choice.medium, choice.location, choice.their_timezone)
        applied = self.apply(lc.schedule(contact, self.store.outreach.all(), slot, self.clock.now()))
        interview = applied.interview
        assert interview is not None  # schedule always adds the interview
        notify(self, f"Scheduled {contact.name} for {fmt_local(choice.when)}. Now prepare it.")
        await self.infoview.open_section(Section.PREPARE, interview.id)

    # Introductions ----------------------------------------------------------------------------------
    @work
    async def action_introduction(self) -> None:
        from infoview_tui.ui.screens.dialogs import PromptScreen

        contact = self.current()
        if contact is None:
            return
        if contact.how_known not in (
            HowKnown.MENTOR,
            HowKnown.PROFESSOR,
            HowKnown.FORMER_COLLEAGUE,
            HowKnown.FRIEND,
            HowKnown.FAMILY,
            HowKnown.CLASSMATE,
        ):
            self.notify(
                "Ask someone you know (a mentor or professor is best) for introductions.", severity="warning"
            )
        target = await self.app.push_screen_wait(
            PromptScreen(
                f"Whom did you ask {contact.name} to introduce you to?",
                placeholder="A name, a role or a company (e.g. 'someone in data at Fjord Payments')",
                help_text="When the introduction happens, open this contact (enter) and press l to add the new person.",
            )
        )
        if not target:
            return
        self.store.intros.add(
            IntroRequest(via_contact_id=contact.id, target=clean_line(target), asked_at=self.clock.now())
        )
        notify(self, f"Noted: {contact.name} may introduce you to {clean_line(target)}.")
        profile = self.store.profile
        await self.write_message(
            f"Ask {contact.name} for the introduction",
            intro_request_message(
                contact, clean_line(target), sender_name=profile.name, about_me=profile.intro
            ),
            done_label="Done",
            file_stem=f"introduction-{contact.name}",
        )

    def action_chains(self) -> None:
        """Where each introduction led, opened on the highlighted contact's chain."""
        from infoview_tui.ui.screens.chain_view import ChainsScreen

        # Not `current()`: with no contact highlighted the view still opens (on every chain), so no warning.
        key = self.table.cursor_key
        contact = self.store.contacts.get(key) if key else None
        self.app.push_screen(ChainsScreen(contact.id if contact else None))

    # Details ----------------------------------------------------------------------------------------
    @on(RecordTable.Selected, "#contacts")
    def _selected(self, event: RecordTable.Selected) -> None:
        self._open_details(event.key)

    def _open_details(self, contact_id: RecordId) -> None:
        """Push the details in this step (not from a worker), so the keys typed behind enter wait for them
        (`ui.type_ahead`) instead of reaching the list first."""
        from infoview_tui.ui.screens.contact_detail import ContactDetailScreen

        contact = self.store.contacts.get(contact_id)
        if contact is None:
            return
        now = self.clock.now()
        colleagues = colleagues_at_company(contact, self.store.contacts.all())
        self.app.push_screen(
            ContactDetailScreen(contact, self.store, now, colleagues), partial(self._after_details, contact)
        )

    def _after_details(self, contact: Contact, result: DetailAction | None) -> None:
        """What was chosen on the details: run it here, on the list."""
        if result is None:
            return
        if result.action == "introduced" and result.intro_id is not None:
            intro = self.store.intros.get(result.intro_id)
            if intro is not None:
                prefill = Contact(
                    name=intro.target,
                    how_known=HowKnown.INTRODUCTION,
                    introduced_by_id=contact.id,
                    introduced_by_name=contact.name,
                )
                self.action_add(prefill, intro)
            return
        if result.action == "open" and result.contact_id is not None:
            self._reveal(result.contact_id)
            return
        actions = {
            "edit": self.action_edit,
            "message": self.action_message,
            "schedule": self.action_schedule,
            "introduction": self.action_introduction,
            "replied": lambda: self.action_mark(True),
            "declined": lambda: self.action_mark(False),
            "followed_up": self.action_followed_up,
        }
        handler = actions.get(result.action)
        if handler is not None:
            handler()
