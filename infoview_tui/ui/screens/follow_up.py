"""Provides section 4, Follow up: conducted interviews and what each still owes, and the follow-up
workspace for one: the thank-you email, LinkedIn, referrals to add as contacts, and the next check-in."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from infoview_tui.domain import lifecycle as lc
from infoview_tui.domain.dates import DateParseError, fmt_local, humanize_delta, parse_day
from infoview_tui.domain.models import Contact, NoteKind, RecordId
from infoview_tui.stages.agenda import Section
from infoview_tui.stages.follow_up import drafts as fu
from infoview_tui.stages.follow_up.promises import is_promise, suggested_due
from infoview_tui.ui.screens.base import InterviewScreen, SectionScreen, copy_text, who, write_in_background
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.screens.links import mail_handler, open_link
from infoview_tui.ui.widgets import Column, RecordTable, TableRow, TextBox
from infoview_tui.ui.widgets.footer import Footer
from infoview_tui.ui.widgets.plain import assemble, field_value, notify, plain, styled

COLUMNS = (Column("Call", 17), Column("Person", 22), Column("Company", 20), Column("Still owed"))
EMPTY = "Nothing to follow up yet. After a call (section 3, ctrl+l ends it), its thank-you and referrals appear here."


class ActionList(OptionList):
    """The interview's action items as [x]/[ ] lines; space (or enter) ticks the highlighted one."""

    BINDINGS = [
        Binding("space", "select", "Done/undo", key_display="space"),
        Binding("d", "screen.set_due", "Due date"),
    ]


def action_line(item: fu.ActionItem, promise: bool = False) -> Content:
    """'[x] text · done Wed 25 Nov' or '[ ] text · promise · due Fri 27 Nov': done or not, and a promise or
    not, is said in words, not colour."""
    if item.done:
        when = f"done {item.done_at.astimezone():%a %d %b}" if item.done_at is not None else "done"
        return assemble(("[x] ", "bold $success"), (item.text, "$text-muted"), (f"  · {when}", "$text-muted"))
    due = f"  · due {item.due:%a %d %b}" if item.due is not None else ""
    source = "" if item.note_id is not None else "  · next step"
    if promise:
        return assemble(
            ("[ ] ", "bold"),
            item.text,
            ("  · promise", "bold $warning"),
            (f"{due or '  · no date'}{source}", "$text-muted"),
        )
    return assemble(("[ ] ", "bold"), item.text, (f"{due}{source}", "$text-muted"))


class FollowUpScreen(SectionScreen):
    """Every conversation held, with what it still owes; enter opens its follow-up."""

    SECTION = Section.FOLLOW_UP
    AUTO_FOCUS = "#held"

    def compose_body(self) -> ComposeResult:
        yield Static(id="follow-summary")
        yield RecordTable(COLUMNS, empty_text="Nothing held yet.", id="held")
        yield Static(EMPTY, id="empty", classes="empty-state")

    @property
    def table(self) -> RecordTable:
        return self.query_one("#held", RecordTable)

    def reload(self) -> None:
        now = self.clock.now()
        contacts = {c.id: c for c in self.store.contacts.all()}
        rows = []
        owing = 0
        for iv in lc.held(self.store.interviews.all()):
            contact = contacts.get(iv.contact_id)
            owed = fu.owed(iv, now)
            owing += bool(owed)
            due = iv.thank_you_due
            rows.append(
                TableRow(
                    key=str(iv.id),
                    cells=(
                        fmt_local(iv.call.ended_at),
                        contact.name if contact else "?",
                        contact.company if contact else "",
                        " · ".join(owed) or "all done",
                    ),
                    tone="overdue" if due is not None and due < now else ("due" if owed else "done"),
                )
            )
        self.table.set_rows(rows)
        self.set_class(not rows, "-empty")
        self.query_one("#follow-summary", Static).update(
            assemble(
                (f"{len(rows)} conversations", "bold"),
                (f"  ·  {owing} still owe something  ·  enter opens one", "$text-muted"),
            )
        )

    def reveal(self, record_id: RecordId) -> None:
        self.call_after_refresh(self._open, record_id)

    def _open(self, interview_id: RecordId) -> None:
        self.table.move_to_key(str(interview_id))
        if self.store.interviews.get(interview_id) is not None:
            self.app.push_screen(FollowUpDetailScreen(interview_id), self._returned)

    @on(RecordTable.Selected, "#held")
    def _selected(self, event: RecordTable.Selected) -> None:
        self._open(event.key)


class FollowUpDetailScreen(InterviewScreen):
    """Thank them, connect, add referrals, set a check-in. Text saves itself."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "mark_sent", "Mark sent"),
        Binding("ctrl+y", "copy", "Copy", priority=True),
        Binding("ctrl+g", "mail", "Mail it"),
        Binding("ctrl+o", "save_file", "Save file"),
        Binding("ctrl+r", "regenerate", "New draft"),
        Binding("ctrl+l", "open_linkedin", "LinkedIn", priority=True),
        Binding("f6", "connected", "Connected", priority=True),
        Binding("f7", "add_referral", "Add referral", priority=True),
        Binding("f8", "focus_actions", "Action items", priority=True),
        Binding("f9", "checkin_draft", "Check-in draft", priority=True),
    ]
    AUTO_FOCUS = "#thank-you"

    def compose(self) -> ComposeResult:
        iv = self.interview
        sender = self.store.profile.name
        draft = iv.follow_up.thank_you_draft or fu.thank_you_draft(iv, self.contact, sender)
        note = iv.follow_up.linkedin_note or fu.linkedin_note(iv, self.contact, sender)
        yield Static(id="follow-header")
        with Horizontal(id="follow"):
            with Vertical(id="follow-left"):
                yield Static(id="thank-you-status")
                yield TextBox(field_value(draft, multiline=True), id="thank-you", soft_wrap=True)
                yield Static(id="thank-you-count", classes="field-hint")
                yield Label("LinkedIn connection note")
                yield Input(field_value(note), id="linkedin-note", max_length=fu.LINKEDIN_NOTE_LIMIT)
                yield Static(id="linkedin-status", classes="field-hint")
            with VerticalScroll(id="follow-right"):
                yield Label("Referrals (f7 adds the highlighted one as a contact)")
                yield OptionList(id="referrals")
                yield Label("Action items (f8; space ticks, d sets a due date)")
                yield ActionList(id="actions")
                yield Label("Next check-in (e.g. 'in 3 weeks', '2026-12-15'; empty for none)")
                yield Input(id="checkin-date")
                yield Input(
                    field_value(iv.follow_up.checkin_note),
                    id="checkin-note",
                    placeholder="e.g. tell them how their advice worked out",
                )
                yield Static(id="checkin-status", classes="field-hint")
        yield Footer()

    def on_mount(self) -> None:
        checkin = self.interview.follow_up.next_checkin
        date_input = self.query_one("#checkin-date", Input)
        with date_input.prevent(Input.Changed):
            date_input.value = f"{checkin:%Y-%m-%d}" if checkin else ""
        if not self.interview.follow_up.thank_you_draft:
            self.save_typed()  # keep the generated draft, so what you see is what is stored
        self._show()

    # Showing -----------------------------------------------------------------------------------
    def _show(self) -> None:
        iv, contact = self.interview, self.contact
        now = self.store.clock.now()
        self.query_one("#follow-header", Static).update(
            assemble(
                ("Follow up: ", "$text-muted"),
                *who(contact, role=False),
                ("  ·  call ", "$text-muted"),
                fmt_local(iv.call.ended_at),
                ("  ·  still owed: ", "$text-muted"),
                " · ".join(fu.owed(iv, now)) or "nothing",
            )
        )
        sent = iv.follow_up.thank_you_sent_at
        due = iv.thank_you_due
        if sent is not None:
            status = styled(f"Thank-you sent {fmt_local(sent)} (ctrl+s to mark it unsent)", "$success")
        elif due is not None and due < now:
            status = styled(
                f"Thank-you OVERDUE by {humanize_delta(now - due).removeprefix('in ')}: send it today",
                "bold $error",
            )
        else:
            status = styled(
                f"Thank-you due {fmt_local(due)} ({humanize_delta(due - now) if due else ''})",
                "bold $warning",
            )
        self.query_one("#thank-you-status", Static).update(
            assemble(status, "\n", ("Subject: ", "$text-muted"), fu.thank_you_subject(iv, contact))
        )
        words = len(self.query_one("#thank-you", TextArea).text.split())
        self.query_one("#thank-you-count", Static).update(
            plain(
                f"{words} words"
                + ("  (aim for under 150)" if words > 150 else "")
                + "  ·  ctrl+y copy · ctrl+g mail · ctrl+o file · ctrl+s sent"
            )
        )
        note_len = len(self.query_one("#linkedin-note", Input).value)
        connected = iv.follow_up.linkedin_connected_at
        self.query_one("#linkedin-status", Static).update(
            plain(
                f"{note_len}/{fu.LINKEDIN_NOTE_LIMIT} characters  ·  "
                + (
                    f"connected {fmt_local(connected)}"
                    if connected
                    else "ctrl+l opens their profile · f6 marks connected"
                )
            )
        )
        referrals = [n for n in iv.notes if n.kind is NoteKind.REFERRAL]
        options = self.query_one("#referrals", OptionList)
        highlighted = options.highlighted
        options.set_options(
            [
                Option(
                    assemble(("✓ " if n.id in iv.follow_up.referral_note_ids else "+ ", "bold"), n.text),
                    id=str(n.id),
                )
                for n in referrals
            ]
            or [
                Option(
                    styled("No referrals noted (@ in a call note marks one)", "$text-muted"), disabled=True
                )
            ]
        )
        if referrals:
            options.highlighted = min(highlighted or 0, len(referrals) - 1)
        self._show_actions()

    def _show_actions(self) -> None:
        """The action items with [x]/[ ] and their dates, the highlight kept on the same row."""
        items = fu.action_items(self.interview)
        options = self.query_one("#actions", ActionList)
        highlighted = options.highlighted
        options.set_options(
            [
                Option(action_line(item, is_promise(item.text, self.contact)), id=str(n))
                for n, item in enumerate(items)
            ]
            or [
                Option(
                    styled(
                        "None noted (! in a call note marks one; next steps come from Reflect)", "$text-muted"
                    ),
                    disabled=True,
                )
            ]
        )
        if items:
            options.highlighted = min(highlighted or 0, len(items) - 1)

    # Saving ----------------------------------------------------------------------------------------
    def _refused(self, exc: lc.LifecycleError) -> None:
        notify(self, str(exc), severity="warning")

    @on(TextArea.Changed, "#thank-you")
    @on(Input.Changed, "#linkedin-note")
    @on(Input.Changed, "#checkin-note")
    def _changed(self) -> None:
        self.schedule_save()
        self._show()

    def save_typed(self) -> None:
        self.apply(
            lc.save_follow_up_text(
                self.interview,
                self.contact,
                thank_you=self.query_one("#thank-you", TextArea).text,
                linkedin_note=self.query_one("#linkedin-note", Input).value,
                checkin_note=self.query_one("#checkin-note", Input).value,
            )
        )

    @on(Input.Changed, "#checkin-date")
    def _checkin_changed(self, event: Input.Changed) -> None:
        status = self.query_one("#checkin-status", Static)
        text = event.value.strip()
        iv = self.interview
        if not text:
            try:
                self.apply(lc.set_checkin(iv, self.contact, None))
            except lc.TransitionError as exc:
                self._refused(exc)
                return
            status.update(
                plain(
                    f"No check-in set. Suggested: {fu.suggest_checkin(iv.call.ended_at or self.store.clock.now()):%a %d %b}"
                )
            )
            return
        try:
            day = parse_day(text, self.store.clock.now().astimezone().date(), ahead=True)
        except DateParseError as exc:
            status.update(styled(str(exc), "$warning"))
            return
        try:
            self.apply(lc.set_checkin(iv, self.contact, day))
        except lc.TransitionError as exc:
            self._refused(exc)
            return
        status.update(styled(f"Check in on {day:%a %d %b %Y}: it will show on the Dashboard.", "$success"))

    # Actions -------------------------------------------------------------------------------------
    def action_mark_sent(self) -> None:
        self.flush()
        iv = self.interview
        sent = iv.follow_up.thank_you_sent_at is None
        try:
            self.apply(lc.mark_thank_you_sent(iv, self.contact, self.clock.now(), sent=sent))
        except lc.TransitionError as exc:
            self._refused(exc)
            return
        self._show()
        self.notify("Marked as sent. Next: connect on LinkedIn." if sent else "Marked as not sent.")

    def action_copy(self) -> None:
        text = (
            self.query_one("#linkedin-note", Input).value
            if self.focused is self.query_one("#linkedin-note")
            else self.query_one("#thank-you", TextArea).text
        )
        copy_text(self, text)

    def action_mail(self) -> None:
        contact = self.contact
        url = fu.mailto_url(
            contact.email if contact else "",
            fu.thank_you_subject(self.interview, contact),
            self.query_one("#thank-you", TextArea).text,
        )
        handler = mail_handler()
        if handler is None:
            self.notify(
                "No program to open mail links was found on this computer, so nothing was opened. "
                "Copy the thank-you with ctrl+y or save it to a file with ctrl+o, then send it yourself.",
                severity="warning",
                timeout=12,
            )
            return
        if open_link(self.app, url, mail=True):
            notify(
                self,
                f"Asked {handler} to open your mail client with the thank-you filled in. If nothing opens, "
                "copy it with ctrl+y. Mark it sent with ctrl+s once it's gone.",
            )

    def action_save_file(self) -> None:
        from infoview_tui.domain.text import slug

        contact = self.contact
        name = slug(contact.name if contact else "thanks", any_script=True)
        target = self.infoview.data_path.parent / "messages" / f"thank-you-{name}-{self.interview_id}.txt"
        write_in_background(
            self,
            target,
            f"Subject: {fu.thank_you_subject(self.interview, contact)}\n\n{self.query_one('#thank-you', TextArea).text}\n",
        )

    @work
    async def action_regenerate(self) -> None:
        if await self.app.push_screen_wait(
            ConfirmScreen("Replace the draft with a new one from your notes?")
        ):
            draft = fu.thank_you_draft(self.interview, self.contact, self.store.profile.name)
            self.query_one("#thank-you", TextArea).text = field_value(draft, multiline=True)

    def action_open_linkedin(self) -> None:
        contact = self.contact
        if contact is None or not contact.linkedin_url:
            self.notify("No LinkedIn URL for them: add it in section 1.", severity="warning")
            return
        open_link(self.app, contact.linkedin_url)

    def action_connected(self) -> None:
        iv = self.interview
        connected = iv.follow_up.linkedin_connected_at is None
        try:
            self.apply(lc.mark_connected(iv, self.contact, self.clock.now(), connected=connected))
        except lc.TransitionError as exc:
            self._refused(exc)
            return
        self._show()

    def action_focus_actions(self) -> None:
        self.query_one("#actions", ActionList).focus()

    @on(OptionList.OptionSelected, "#actions")
    def _toggle_action(self, event: OptionList.OptionSelected) -> None:
        """Tick the chosen action item done now, or back to owed; the list and 'still owed' redraw."""
        items = fu.action_items(self.interview)
        index = int(event.option.id or -1)
        if not 0 <= index < len(items):
            return
        item = items[index]
        try:
            self.apply(lc.set_action_item_done(self.interview, item, self.clock.now(), done=not item.done))
        except lc.LifecycleError as exc:  # edited or removed meanwhile
            self._refused(exc)
            self._show()
            return
        self._show()
        notify(self, f"Done: {item.text}" if not item.done else f"Owed again: {item.text}")

    @work
    async def action_checkin_draft(self) -> None:
        """f9: the check-in ("what I did with your advice") in the message dialog with the live checker;
        ctrl+s marks it sent, which clears the planned check-in (its Dashboard reminder)."""
        self.flush()
        contact = self.contact
        name = contact.name if contact else "them"
        text = fu.checkin_draft(self.interview, contact, self.store.profile, self.clock.now())
        sent = await self.write_message(
            f"Check in with {name}: {fu.CHECKIN_SUBJECT}",
            text,
            done_label="Mark it sent",
            file_stem=f"check-in-{name}",
        )
        if sent is None:
            return
        if self.interview.follow_up.next_checkin is not None:
            try:
                self.apply(lc.set_checkin(self.interview, contact, None))
            except lc.TransitionError as exc:
                self._refused(exc)
                return
            self.query_one("#checkin-date", Input).value = ""  # its handler redraws the check-in line
        self._show()
        notify(self, f"Checked in with {name}. Set the next check-in below when you want another.")

    @work
    async def action_set_due(self) -> None:
        """d on an action item: ask for its due date (typed like any date) and store it, or clear it."""
        from infoview_tui.ui.screens.due_date import DueDateScreen

        items = fu.action_items(self.interview)
        index = self.query_one("#actions", ActionList).highlighted
        if index is None or not 0 <= index < len(items):
            self.notify("No action item here: ! in a call note marks one.", severity="warning")
            return
        item = items[index]
        today = self.clock.now().astimezone().date()
        chosen = await self.app.push_screen_wait(
            DueDateScreen(item.text, item.due, suggested_due(self.interview, today), today)
        )
        if chosen is None:
            return
        try:
            self.apply(lc.set_action_item_due(self.interview, item, chosen.day))
        except lc.LifecycleError as exc:  # edited or removed meanwhile
            self._refused(exc)
            self._show()
            return
        self._show()
        if chosen.day is None:
            notify(self, f"No due date for: {item.text}")
        else:
            notify(self, f"Due {chosen.day:%a %d %b}: {item.text}. It shows on the Dashboard until done.")

    def action_add_referral(self) -> None:
        iv = self.interview
        options = self.query_one("#referrals", OptionList)
        highlighted = options.highlighted_option
        introducer = self.contact
        try:
            applied = self.apply(
                lc.add_referral_as_contact(
                    iv, introducer, highlighted.id if highlighted and highlighted.id else None
                )
            )
        except lc.LifecycleError as exc:  # none left, or the interview is not held
            self._refused(exc)
            return
        added = next(r for r in applied.added if isinstance(r, Contact))
        self._show()
        notify(
            self,
            f"Added {added.name} to your contacts, introduced by {introducer.name if introducer else '?'}. Reach out from section 1.",
        )
