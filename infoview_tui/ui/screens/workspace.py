"""Provides the preparation workspace for one interview: research, what you hope to learn, the questions
with a pacing estimate, the checklist, rescheduling and the prep sheet. Everything saves as you type."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from infoview_tui.domain import lifecycle as lc
from infoview_tui.domain.dates import fmt_local, humanize_delta
from infoview_tui.domain.models import Interview
from infoview_tui.domain.timing import pacing
from infoview_tui.domain.validation import clean_line
from infoview_tui.stages.prepare import question_bank
from infoview_tui.stages.prepare.brief import Brief, build_brief
from infoview_tui.ui.screens.base import InterviewScreen, place, who, write_in_background
from infoview_tui.ui.screens.brief_dialog import BriefScreen
from infoview_tui.ui.screens.dialogs import PromptScreen
from infoview_tui.ui.screens.links import open_link
from infoview_tui.ui.screens.question_picker import NEW, QuestionPickerScreen
from infoview_tui.ui.screens.schedule_form import ScheduleChoice, ScheduleFormScreen, zone_or_problem
from infoview_tui.ui.widgets import MarkedCheckbox, TextBox
from infoview_tui.ui.widgets.footer import Footer
from infoview_tui.ui.widgets.plain import Part, assemble, field_value, notify, plain, styled

CHECKS = (
    ("researched_person", "Researched the person"),
    ("researched_company", "Researched the company"),
    ("questions_chosen", "Questions chosen"),
    ("confirmed_time", "Confirmed the time"),
    ("link_tested", "Link or place tested"),
)


class WorkspaceScreen(InterviewScreen):
    """Prepare one interview. Text saves itself; keys act on the questions and the schedule.

    The question keys (m, e, [ and ]) act on the highlighted question wherever the focus is on this screen,
    except in a text field, where letters are text. x removes only from the list itself, where the row it
    removes is the one in focus."""

    BINDINGS = [
        # The Footer shows these in this order (most used first); escape is last, and ? lists every key.
        Binding("ctrl+b", "add_question", "Add question"),
        Binding("ctrl+n", "new_question", "New question"),
        Binding("ctrl+g", "start_call", "Go to call"),
        Binding("ctrl+r", "reschedule", "Reschedule"),
        Binding("ctrl+o", "prep_sheet", "Prep sheet"),
        Binding("ctrl+l", "open_linkedin", "LinkedIn"),
        Binding(
            "f7",
            "brief",
            "Brief",
            tooltip="What you already know: earlier calls, promises, others",
            show=False,  # the brief's own line names the key; the Footer has no room left
        ),
        Binding("escape", "back", "Back"),
        Binding("m", "must_ask", "Must ask", show=False),
        Binding("e", "edit_question", "Edit", show=False),
        Binding("x,delete", "remove_question", "Remove", show=False),
        Binding("left_square_bracket,shift+up", "move(-1)", "Move up", key_display="[", show=False),
        Binding("right_square_bracket,shift+down", "move(1)", "Move down", key_display="]", show=False),
    ]
    AUTO_FOCUS = "#hope"

    def compose(self) -> ComposeResult:
        iv = self.interview
        yield Static(id="workspace-header")
        yield Static(id="workspace-brief")
        with Horizontal(id="workspace"):
            with Vertical(id="workspace-left"):
                yield Label("What I hope to learn (your re-introduction uses it)")
                yield Input(
                    field_value(iv.hope_to_learn),
                    id="hope",
                    placeholder="e.g. how data teams at scale-ups decide what to build",
                )
                yield Label("Research: the person (role, path, what you share)")
                yield TextBox(
                    field_value(iv.research_person, multiline=True), id="research-person", soft_wrap=True
                )
                yield Label("Research: the company (what it does, news, teams)")
                yield TextBox(
                    field_value(iv.research_company, multiline=True), id="research-company", soft_wrap=True
                )
            with Vertical(id="workspace-right"):
                yield Static(id="pacing")
                yield OptionList(id="questions")
                yield Static(
                    styled(
                        "ctrl+b add · ctrl+n new · m must ask · e edit · x remove · [ ] move", "$text-muted"
                    ),
                    id="question-keys",
                )
                yield Label("Checklist")
                for field, label in CHECKS:
                    checked = getattr(iv.checklist, field)
                    yield MarkedCheckbox(plain(label), checked, id=f"check-{field}", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self._brief = self._build_brief()
        self._show_brief()
        self._show()

    # The brief: built once (other conversations do not change while you prepare this one) ---------------
    def _build_brief(self) -> Brief:
        contacts = {c.id: c for c in self.store.contacts.all()}
        return build_brief(self.interview, self.store.interviews.all(), contacts, self.store.clock.now())

    def _show_brief(self) -> None:
        """One line (no row to spare at 80x24): what the brief holds, and F7 for the whole of it."""
        line = self.query_one("#workspace-brief", Static)
        line.display = not self._brief.is_empty
        if not self._brief.is_empty:
            line.update(assemble(("F7 brief: ", "bold"), self._brief.summary))

    def action_brief(self) -> None:
        """F7: the whole brief in a dialog (a fresh one: a call may have ended in another window)."""
        self.flush()
        self._brief = self._build_brief()
        self._show_brief()
        if self._brief.is_empty:
            self.notify(
                "Nothing to brief yet: no earlier calls with them, and no notes from others at "
                "their company or in their role."
            )
            return
        self.app.push_screen(BriefScreen(self._brief))

    # Showing ----------------------------------------------------------------------------------------
    def _show(self, keep_highlight: int | None = None) -> None:
        iv = self.interview
        contact = self.store.contacts.get(iv.contact_id)
        now = self.store.clock.now()
        when = (
            f"{fmt_local(iv.scheduled_at)} ({humanize_delta(iv.scheduled_at - now)}) · {iv.duration_minutes} min · "
            f"{place(iv)}"
            if iv.scheduled_at
            else "not scheduled yet: ctrl+r"
        )
        zone, _ = zone_or_problem(iv.their_timezone)
        their = (
            f"  ·  their time {iv.scheduled_at.astimezone(zone):%a %H:%M} ({iv.their_timezone})"
            if zone is not None and iv.scheduled_at is not None
            else ""
        )
        effective = question_bank.effective_checklist(iv)
        for field, _ in CHECKS:
            box = self.query_one(f"#check-{field}", Checkbox)
            with box.prevent(Checkbox.Changed):
                box.value = getattr(effective, field)
        done, total, missing = question_bank.readiness(iv)
        ready = f"{done}/{total} ready" + (f" · to do: {', '.join(missing)}" if missing else " · all set")
        self.query_one("#workspace-header", Static).update(
            assemble(
                ("Prepare: ", "$text-muted"),
                *who(contact),
                "\n",
                when,
                (their, "$text-muted"),
                "\n",
                (ready, "$success" if not missing else "$warning"),
                *merged_note(iv.merged),
            )
        )
        plan = pacing(len(iv.questions), iv.duration_minutes)
        self.query_one("#pacing", Static).update(
            assemble(
                ("Questions  ", "bold"),
                (plan.summary, "" if plan.fits else "bold $error"),
            )
        )
        option_list = self.query_one("#questions", OptionList)
        highlighted = option_list.highlighted if keep_highlight is None else keep_highlight
        options = [
            Option(
                assemble(
                    (f"{n:>2}. ", "$text-muted"),
                    ("★ " if q.must_ask else "  ", "bold $warning"),
                    q.text,
                    (f"  {q.category.label}", "$text-muted"),
                )
            )
            for n, q in enumerate(iv.questions, 1)
        ]
        option_list.set_options(
            options
            or [Option(styled("No questions yet: ctrl+b picks from your bank", "$text-muted"), disabled=True)]
        )
        if iv.questions:  # a question is always highlighted, so m/e/[/] act on it from anywhere here
            highlighted = 0 if highlighted is None else highlighted
            option_list.highlighted = max(0, min(highlighted, len(iv.questions) - 1))

    # Saving ----------------------------------------------------------------------------------------
    def _save(self, interview: Interview) -> None:
        """Write the interview edited while preparing (the lifecycle keeps its stage in step)."""
        self.apply(lc.save_preparation(interview))

    @on(Input.Changed, "#hope")
    @on(TextArea.Changed, "#research-person")
    @on(TextArea.Changed, "#research-company")
    def _text_changed(self) -> None:
        self.schedule_save()

    def save_typed(self) -> None:
        change = lc.edit_preparation(
            self.interview,
            hope_to_learn=self.query_one("#hope", Input).value,
            research_person=self.query_one("#research-person", TextArea).text,
            research_company=self.query_one("#research-company", TextArea).text,
        )
        if not change.empty:
            self.apply(change)
            self._show()

    @on(Checkbox.Changed)
    def _check_changed(self, event: Checkbox.Changed) -> None:
        field = (event.checkbox.id or "").removeprefix("check-")
        try:
            change = lc.set_checklist_item(self.interview, field, event.value)
        except lc.NotFoundError:  # a checkbox that is not a checklist item
            return
        if not change.empty:
            self.apply(change)
            self._show()

    # Questions ------------------------------------------------------------------------------------
    def _current_index(self) -> int | None:
        index = self.query_one("#questions", OptionList).highlighted
        if index is None or not self.interview.questions:
            self.notify("No question selected. ctrl+b adds one.", severity="warning")
            return None
        return index

    def _change(self, interview: Interview, highlight: int | None = None) -> None:
        self._save(interview)
        self._show(highlight)

    @work
    async def action_add_question(self) -> None:
        iv = self.interview
        ranked = question_bank.rank(self.store.questions.all())
        chosen = {q.question_id for q in iv.questions if q.question_id is not None}
        picked = await self.app.push_screen_wait(QuestionPickerScreen(ranked, chosen))
        if picked == NEW:
            self.action_new_question()
            return
        if isinstance(picked, list):
            added = 0
            for question_id in picked:
                question = self.store.questions.get(question_id)
                if question is None:
                    continue
                change = lc.choose_question(self.interview, question)  # read again: each adds to the last
                if not change.empty:
                    self.apply(change)
                    added += 1
            if added:
                self._show(len(self.interview.questions) - 1)
                self.query_one("#questions", OptionList).focus()

    @work
    async def action_new_question(self) -> None:
        text = await self.app.push_screen_wait(
            PromptScreen(
                "A question of your own (it joins your bank)",
                placeholder="e.g. How do you decide what to build next?",
            )
        )
        if not text:
            return
        try:
            change = lc.add_own_question(self.interview, text)
        except lc.LifecycleError as exc:
            notify(self, str(exc), severity="warning")
            return
        self.apply(change)
        self._show(len(self.interview.questions) - 1)
        self.query_one("#questions", OptionList).focus()

    @work
    async def action_edit_question(self) -> None:
        index = self._current_index()
        if index is None:
            return
        text = await self.app.push_screen_wait(
            PromptScreen("Edit the question (for this interview)", value=self.interview.questions[index].text)
        )
        if text:
            self._change(question_bank.edit_text(self.interview, index, clean_line(text, 300)), index)

    def action_must_ask(self) -> None:
        index = self._current_index()
        if index is not None:
            self._change(question_bank.toggle_must_ask(self.interview, index), index)
            if not self._list_has_focus():  # the list is not where the eye is: say what changed
                question = self.interview.questions[index]
                notify(
                    self, f"{'★ Must ask' if question.must_ask else 'No longer must ask'}: {question.text}"
                )

    def action_remove_question(self) -> None:
        if not self._list_has_focus():  # removing is not undone: only where the highlighted row is in view
            self.notify("x removes the highlighted question from the question list: tab to it first.")
            return
        index = self._current_index()
        if index is not None:
            self._change(question_bank.remove(self.interview, index), index)

    def action_move(self, delta: int) -> None:
        index = self._current_index()
        if index is not None:
            target = max(0, min(len(self.interview.questions) - 1, index + delta))
            self._change(question_bank.move(self.interview, index, delta), target)

    def _list_has_focus(self) -> bool:
        return isinstance(self.focused, OptionList)

    # Schedule, LinkedIn, prep sheet, call ---------------------------------------------------------
    @work
    async def action_reschedule(self) -> None:
        self.flush()  # text typed just before ctrl+r is saved first
        iv = self.interview
        contact = self.store.contacts.get(iv.contact_id)
        when_text = f"{iv.scheduled_at.astimezone():%Y-%m-%d %H:%M}" if iv.scheduled_at else ""
        choice: ScheduleChoice | None = await self.app.push_screen_wait(
            ScheduleFormScreen(
                contact.name if contact else "?",
                self.clock,
                self.overlap_check(exclude_id=iv.id),
                when_text=when_text,
                minutes=iv.duration_minutes,
                medium=iv.medium,
                location=iv.location,
                their_timezone=iv.their_timezone,
                title="Reschedule" if iv.scheduled_at else "Schedule",
            )
        )
        if choice is None:
            return
        iv = self.interview  # read again: nothing saved while the form was open is overwritten
        moved = choice.when != iv.scheduled_at or choice.minutes != iv.duration_minutes
        slot = lc.Slot(choice.when, choice.minutes, choice.medium, choice.location, choice.their_timezone)
        try:
            self.apply(lc.reschedule(iv, slot))
        except lc.LifecycleError as exc:  # held or cancelled: the lifecycle says why in one line
            notify(self, str(exc), severity="warning")
            return
        self._show()
        if moved:
            self.query_one("#check-confirmed_time", Checkbox).value = False
            notify(self, f"Moved to {fmt_local(choice.when)}. Confirm the new time with them.")

    def action_open_linkedin(self) -> None:
        contact = self.store.contacts.get(self.interview.contact_id)
        if contact is None or not contact.linkedin_url:
            self.notify("No LinkedIn URL for this person: add it in section 1 (e).", severity="warning")
            return
        if open_link(self.app, contact.linkedin_url):
            notify(self, f"Opening {contact.linkedin_url}")

    def action_prep_sheet(self) -> None:
        from infoview_tui.domain.text import slug
        from infoview_tui.exchange.prep_sheet import prep_sheet
        from infoview_tui.exchange.snapshot import Snapshot

        self.flush()
        iv = self.interview
        contact = self.store.contacts.get(iv.contact_id)
        name = slug(contact.name if contact else "interview", any_script=True)
        target = self.infoview.data_path.parent / "prep" / f"prep-{name}-{iv.id}.md"
        sheet = prep_sheet(Snapshot.of(self.store), iv.id, self.store.clock.now())
        write_in_background(self, target, sheet, "Prep sheet saved to")

    async def action_start_call(self) -> None:
        from infoview_tui.stages.agenda import Section

        self.flush()
        await self.infoview.open_section(Section.CONDUCT, self.interview_id)


def merged_note(lines: tuple[str, ...]) -> list[Part]:
    """A header line for values a merge set aside on this interview (the first, and how many more)."""
    if not lines:
        return []
    more = f" (+{len(lines) - 1} more)" if len(lines) > 1 else ""
    return ["\n", ("Merged from another copy: ", "bold $warning"), lines[0], (more, "$text-muted")]
