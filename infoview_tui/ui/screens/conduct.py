"""Provides section 3, Conduct: the live call screen.

A big timer computed from stored timestamps, a note field that keeps focus (enter saves a stamped note,
on disk within a second), the prepared questions with the current one highlighted and a pacing line, the
purpose line, and ending the call. Every key works while typing (ctrl+ and F-keys).

Two modes, always named above the note field: TYPING (the field has focus: every printable key, digits
included, is note text) and COMMANDS (escape leaves the field: 0–5 switch sections, ctrl+r's list takes e/x;
n, i or enter go back to typing). Escape only ever leaves the field, and a key that was already on its way to
the field when it lost focus is handed on as a command, never inserted (see `NoteInput`).

What is typed in the note field but not yet entered is kept on the interview as a draft (after a pause in
typing, on leaving the section and on every way out of the app) and comes back in the field next time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from infoview_tui.domain import lifecycle as lc
from infoview_tui.domain.dates import fmt_local, humanize_delta
from infoview_tui.domain.models import Interview, Note, NoteKind, QuestionCategory, RecordId
from infoview_tui.domain.timing import SteadyClock, TimerState, fmt_clock, fmt_offset, timer_status
from infoview_tui.stages.agenda import Section
from infoview_tui.stages.conduct import call
from infoview_tui.stages.prepare.brief import Brief, build_brief
from infoview_tui.ui.screens.base import SectionScreen, place, who
from infoview_tui.ui.screens.dialogs import ConfirmScreen, PromptScreen
from infoview_tui.ui.widgets import CallTimer, Column, NoteInput, RecordTable, TableRow
from infoview_tui.ui.widgets.brief_view import BriefView
from infoview_tui.ui.widgets.plain import Part, assemble, notify, styled

KIND_MARKS = {
    NoteKind.NOTE: "",
    NoteKind.ACTION: "! action",
    NoteKind.REFERRAL: "@ referral",
    NoteKind.INSIGHT: "* insight",
}
NOTE_COLUMNS = (Column("At", 6), Column("Kind/tag", 9), Column("Q", 3, "right"), Column("Note"))
TYPING_TITLE = "TYPING · esc: commands"
COMMANDS_TITLE = "COMMANDS · n/enter: type · 0–5: sections"
TYPING_HINT = "Type a note, enter saves it  (! action  @ referral  * insight)"
COMMANDS_HINT = "Not typing: press n (or i, enter) to type a note"
EMPTY = (
    "No interview to conduct. Schedule one in section 1 (press 1, pick a person, press s) and prepare it "
    "in section 2; on the day, this screen runs the call."
)
DRAFT_DELAY = 1.5
"""Seconds of no typing before a half-typed note is kept on the interview as a draft."""


def _kind_and_tag(note: Note) -> str:
    """The Kind/tag cell: 'action', 'Trends', 'referral Insights' (the line under the list shows all in full)."""
    parts = [KIND_MARKS[note.kind].split(" ")[-1]] if note.kind is not NoteKind.NOTE else []
    if note.tiara is not None:
        parts.append(note.tiara.label)
    return " ".join(parts)


_CALL_ACTIONS = frozenset(
    {
        "toggle_clock",
        "next_question",
        "end_call",
        "kind",
        "jump",
        "other_question",
        "review_notes",
        "tiara",
        "toggle_script",
        "toggle_brief",
    }
)
"""Keys that act on the interview on screen: hidden while there is none."""


class ConductScreen(SectionScreen):
    """The call. The note field has focus unless you move it."""

    SECTION = Section.CONDUCT
    AUTO_FOCUS = ""  # no automatic focus: `reload` puts it in the note field, or nowhere when empty
    BINDINGS = [
        Binding("ctrl+t", "toggle_clock", "Start/pause", priority=True),
        Binding(
            "ctrl+n", "next_question", "Next Q", tooltip="Mark the current question asked", priority=True
        ),
        Binding("ctrl+l,f10", "end_call", "End call", priority=True),
        Binding("f2", "kind('action')", "Action"),
        Binding("f3", "kind('referral')", "Referral"),
        Binding("f4", "kind('insight')", "Insight"),
        Binding("ctrl+g", "jump", "Go to Q", tooltip="Jump to any question", priority=True),
        Binding(
            "ctrl+o",
            "other_question",
            "Add Q",
            tooltip="A question asked that wasn't prepared",
            priority=True,
        ),
        Binding("ctrl+r", "review_notes", "Edit notes", priority=True),
        Binding("f5", "tiara", "TIARA tag", show=False),
        Binding("e", "edit_note", "Edit note", show=False),
        Binding("x,delete", "delete_note", "Delete note", show=False),
        Binding(
            "ctrl+s,f6", "toggle_script", "Script", tooltip="Show or hide the opening script", priority=True
        ),
        Binding(
            "f7",
            "toggle_brief",
            "Brief",
            tooltip="What you already know about them (the note field keeps the keys)",
            priority=True,
            show=False,
        ),
        Binding("escape", "leave_note", "Commands", tooltip="Leave the note field: keys become commands"),
        Binding("n,i,enter", "type_note", "Type", tooltip="Back into the note field"),
    ]

    def __init__(self) -> None:
        # Born with the classes a first visit gives it (the script open; short in a short terminal): a screen's
        # class change restyles every widget on it, ~35 ms at 10,000 contacts on the way to the first frame.
        short = self.app.size.height < self.SHORT
        super().__init__(classes="-script-open -short" if short else "-script-open")
        self.interview_id: RecordId | None = None
        self.chosen_question: int | None = None
        self.next_kind = NoteKind.NOTE
        self.next_tiara: QuestionCategory | None = None
        self._ticker: Timer | None = None
        self._draft_timer: Timer | None = None
        self._field_owner: RecordId | None = None
        """The interview whose note (or draft) the note field holds."""
        self._call_clock: SteadyClock | None = None
        self.script_open = True
        """The opening script is shown in full (ctrl+s/F6 folds it to one line, before or during the call)."""
        self._body_composed = False
        """The call's widgets are composed (not the loading line while a large file is read)."""
        self._mode_shown: tuple[object, ...] | None = None
        """What the mode line and the Footer's keys were last drawn for (see `_show_mode`)."""
        self._script_shown: object = None
        """What the script area last showed, so the once-a-second tick only redraws it when it changes."""
        self.brief_open = False
        """The brief is shown at the top, in the script's place (F7; never opened by anything else)."""
        self._brief: tuple[tuple[RecordId, object], Brief] | None = None
        """The brief of the interview shown, kept while the store is unchanged (keyed by id and version)."""

    # Layout -----------------------------------------------------------------------------------------
    def compose_body(self) -> ComposeResult:
        self._body_composed = True
        yield Static(id="call-header")
        with Horizontal(id="call"):
            with Vertical(id="call-left"):
                yield BriefView(id="call-brief")
                yield CallTimer(id="timer")
                yield Static(id="call-script")
                yield RecordTable(
                    NOTE_COLUMNS, empty_text="Notes appear here: type below, enter saves.", id="notes"
                )
                yield Static(id="note-detail")
                yield Static(id="note-kind")
                yield NoteInput(placeholder=TYPING_HINT, id="note", classes="-commands")
            with Vertical(id="call-right"):
                yield Static(id="call-pacing")
                yield OptionList(id="call-questions")
        yield Static(EMPTY, id="empty", classes="empty-state")

    @property
    def interview(self) -> Interview | None:
        return self.store.interviews.get(self.interview_id) if self.interview_id is not None else None

    @property
    def call_clock(self) -> SteadyClock:
        """The time for the call's clock and stamps: never goes backwards while the app runs."""
        if self._call_clock is None:
            self._call_clock = SteadyClock(self.clock)
        return self._call_clock

    @property
    def note_input(self) -> NoteInput:
        return self.query_one("#note", NoteInput)

    @property
    def typing(self) -> bool:
        """TYPING mode: the note field has focus (else COMMANDS)."""
        focused = self.focused
        return focused is not None and focused.id == "note"  # no DOM query: Textual asks per binding, often

    def on_mount(self) -> None:
        self._ticker = self.set_interval(1.0, self._tick, pause=True)
        self.infoview.hold_typed_text(self)
        if self._body_composed:  # else the file is still read: `reload` shows them once the body is there
            self._show_mode()
            self._show_kind()

    SHORT = 32
    """Below this many rows an open script takes the notes list's place (both fit from about 32)."""

    def on_resize(self, event: events.Resize) -> None:
        short = event.size.height < self.SHORT
        if short != self.has_class("-short"):
            self.set_class(short, "-short")
            self._show_brief()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_mode()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._show_mode()

    def _show_mode(self) -> None:
        """Name the mode in words on the note field's border (never by colour alone) and in its hint.

        Only when something the mode or the Footer's keys depend on changed: each change restyles the whole
        screen and redraws the Footer, and a first visit moves focus several times (~40 ms each at 10,000)."""
        if not self._body_composed:
            return  # opened while the file is still read: the loading line has no note field yet
        focused = self.focused
        typing = focused is not None and focused.id == "note"
        shown = (
            focused.id if focused is not None else None,
            self.interview_id is None,
            self.has_class("-empty"),
        )
        if shown == self._mode_shown:
            return
        self._mode_shown = shown
        field = self.note_input
        field.border_title = TYPING_TITLE if typing else COMMANDS_TITLE
        field.placeholder = TYPING_HINT if typing else COMMANDS_HINT
        # On the field, not the screen: a screen's class change restyles every widget on it (~40 ms at 10,000
        # on a first visit, which moves focus into the field), the field's restyles the field.
        field.set_class(not typing, "-commands")
        self.refresh_bindings()

    def _start_typing(self) -> None:
        """Into the note field now (not after the keys already queued): later keys are note text."""
        self.set_focus(self.note_input)
        self._show_mode()

    def _stop_typing(self) -> None:
        """Out of the note field now: later keys are commands (digits switch sections)."""
        self.set_focus(self.query_one("#call-questions", OptionList))
        self._show_mode()

    def on_unmount(self) -> None:
        self.infoview.release_typed_text(self)

    def on_screen_suspend(self) -> None:
        if self._ticker is not None:
            self._ticker.pause()
        self.flush()

    # Loading ---------------------------------------------------------------------------------------
    def reveal(self, record_id: RecordId) -> None:
        self.interview_id = record_id
        self.chosen_question = None
        self.reload()

    def reload(self) -> None:
        self._show_kind()
        now = self.call_clock.now()
        interview = lc.pick_interview(self.store.interviews.all(), now, self.interview_id)
        empty = interview is None
        if empty != self.has_class("-empty"):
            self.set_class(empty, "-empty")
            self.refresh_bindings()
        if interview is None:
            self.set_focus(None)
            return
        switched = interview.id != self.interview_id
        if switched:
            self.chosen_question = None
        self.interview_id = interview.id
        self._show_header(interview)
        self._show_brief()
        self._show_notes(interview)
        self._show_questions(interview)
        self._tick()
        if self._ticker is not None:
            self._ticker.resume()
        self._take_over_field(interview)
        if switched or self.focused is None:
            self.note_input.focus()

    def _show_header(self, interview: Interview) -> None:
        """Who, where, and the purpose line (left out while the open script says it, to leave room at 80x24)."""
        contact = self.store.contacts.get(interview.contact_id)
        parts: list[Part] = [*who(contact), ("  ·  ", "$text-muted"), place(interview)]
        if not self.script_open or call.is_conducted(interview):
            parts += [
                "\n",
                ("Purpose: ", "bold"),
                interview.hope_to_learn or "(add what you hope to learn in Prepare)",
            ]
        self.query_one("#call-header", Static).update(assemble(*parts))

    def _show_notes(self, interview: Interview) -> None:
        table = self.query_one("#notes", RecordTable)
        rows = [
            TableRow(
                key=str(note.id),
                cells=(
                    fmt_offset(note.offset_s),
                    _kind_and_tag(note),
                    str(note.question_index + 1) if note.question_index is not None else "",
                    note.text,
                ),
                tone="due" if note.kind in (NoteKind.ACTION, NoteKind.REFERRAL) else "",
            )
            for note in interview.notes
        ]
        table.set_rows(rows)
        if rows and not table.has_focus:
            table.move_to_key(rows[-1].key)
        self._show_note_detail(interview)

    @on(RecordTable.Highlighted, "#notes")
    def _note_highlighted(self) -> None:
        interview = self.interview
        if interview is not None:
            self._show_note_detail(interview)

    def _show_note_detail(self, interview: Interview) -> None:
        """The highlighted note (the newest unless you move in the list) in full, wrapped: the table cuts it."""
        detail = self.query_one("#note-detail", Static)
        note_id = self._selected_note_id()
        note = next((n for n in interview.notes if n.id == note_id), None)
        detail.display = note is not None
        if note is None:
            return
        tags = [fmt_offset(note.offset_s)]
        if note.kind is not NoteKind.NOTE:
            tags.append(note.kind.value)
        if note.question_index is not None:
            tags.append(f"Q{note.question_index + 1}")
        if note.tiara is not None:
            tags.append(f"TIARA: {note.tiara.label}")
        detail.update(assemble((" · ".join(tags) + "  ", "bold $text-muted"), note.text))

    def _show_questions(self, interview: Interview) -> None:
        current = call.current_question(interview, self.chosen_question)
        options = []
        for index, question in enumerate(interview.questions):
            mark = "✓ " if question.asked else ("▶ " if index == current else "  ")
            style = "$text-muted" if question.asked else ("bold" if index == current else "")
            options.append(
                Option(
                    assemble(
                        (mark, "bold $success" if question.asked else "bold $accent"),
                        ("★ " if question.must_ask else "", "$warning"),
                        (question.text, style),
                    )
                )
            )
        option_list = self.query_one("#call-questions", OptionList)
        option_list.set_options(
            options
            or [Option(styled("No questions prepared: ctrl+o adds one", "$text-muted"), disabled=True)]
        )
        if current is not None:
            option_list.highlighted = current

    def _tick(self) -> None:
        interview = self.interview
        if interview is None:
            return
        now = self.call_clock.now()
        status = timer_status(interview.call, interview.duration_minutes, now)
        self.query_one("#timer", CallTimer).show(status, interview.duration_minutes)
        self.query_one("#call-pacing", Static).update(
            assemble(("Questions  ", "bold"), call.pacing_line(interview, now))
        )
        self._show_script(interview, status.state, now)
        if not interview.call.running and self._ticker is not None:
            self._ticker.pause()

    def _show_script(self, interview: Interview, state: TimerState, now: datetime) -> None:
        """Before and during the call: the start time and the opening script, in full or folded to one line."""
        key: tuple[object, ...]
        if state is TimerState.ENDED:
            key = (state, interview.call.ended_at)
        elif state is TimerState.READY:
            key = (
                state,
                self.script_open,
                interview,
                self.store.profile,
                humanize_delta((interview.scheduled_at or now) - now),
            )
        else:
            key = (TimerState.RUNNING, self.script_open, interview, self.store.profile)
        if key == self._script_shown:
            return  # the tick runs every second: redraw only what changed
        self._script_shown = key
        script = self.query_one("#call-script", Static)
        if state is TimerState.ENDED:
            self.set_class(False, "-script-open")
            script.update(
                styled(
                    f"This call ended {fmt_local(interview.call.ended_at)} after {fmt_clock(call.actual_length(interview))}. "
                    "Press 4 to follow up. Notes can still be edited (ctrl+r).",
                    "$text-muted",
                )
            )
            return
        lines: list[str | tuple[str, str]] = []
        if state is TimerState.READY and interview.scheduled_at is not None:
            join = interview.join_at or interview.scheduled_at
            when = interview.scheduled_at
            lines.append(
                (
                    f"Press ctrl+t when the call begins: {fmt_local(when)} ({humanize_delta(when - now)}), "
                    f"join at {join.astimezone():%H:%M}\n",
                    "bold",
                )
            )
        self.set_class(self.script_open, "-script-open")
        if self.script_open:
            lines.append(("Opening script", "bold"))
            lines.append(("  F6 or ctrl+s hides it\n", "$text-muted"))
            contact = self.store.contacts.get(interview.contact_id)
            for line in call.opening_script(interview, contact, self.store.profile):
                lines += ["• ", line, "\n"]
        else:
            lines.append(("Opening script hidden: F6 or ctrl+s shows it", "$text-muted"))
        if lines[-1] == "\n":
            lines.pop()  # no blank line under the script
        script.update(assemble(*lines))

    # Saving ------------------------------------------------------------------------------------------
    def _save(self, interview: Interview) -> Interview:
        saved = self.store.interviews.update(interview)
        self._tick()
        return saved

    def _apply(self, change: lc.Change, interview: Interview) -> Interview:
        """Store a lifecycle change to the call and show the clock; the interview as it now is."""
        stored = self.apply(change).interview or interview
        self._tick()
        return stored

    def _refused(self, exc: lc.LifecycleError) -> None:
        """The lifecycle refused a key: say why in its one line."""
        notify(self, str(exc), severity="warning")

    @on(NoteInput.Entered, "#note")
    def save_note(self, event: NoteInput.Entered) -> None:
        """Lines left the note field (it is already empty, so later keys go into the next note): save them."""
        if not event.note_input.claim(event):
            return  # already saved by `flush` (the app was quitting)
        interview = self.interview
        if interview is None or interview.id != self._field_owner:
            # Nowhere to put them: give the words back rather than drop them.
            event.note_input.value = " ".join((*event.lines, event.note_input.value)).rstrip()
            self.notify("No call here to add the note to. Open an interview first.", severity="warning")
            return
        updated = self._add_notes(interview, event.lines)
        self._show_kind()
        self._show_notes(updated)

    def _add_notes(self, interview: Interview, lines: Iterable[str]) -> Interview:
        """Stamp the notes and save them at once (a pasted thousand lines is one save, not a thousand: each
        save writes the whole interview); the draft becomes what the field holds now (keys typed after enter).
        The first note takes the kind and tag chosen for the next note."""
        updated = interview
        for text in lines:
            noted = lc.take_note(
                updated,
                text,
                self.call_clock.now(),
                kind=self.next_kind,
                chosen_question=self.chosen_question,
                tiara=self.next_tiara,
            )
            updated = noted.interview or updated
            self.next_kind, self.next_tiara = NoteKind.NOTE, None
        return self._save(call.set_draft(updated, self.note_input.value))

    # The draft: a note typed but not entered -------------------------------------------------------
    @on(NoteInput.Changed, "#note")
    def _note_typed(self) -> None:
        """Keep the half-typed note after a pause in typing (typing again restarts the pause)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self._save_draft)

    def _save_draft(self) -> None:
        """Store what the note field holds as the draft of the interview it belongs to."""
        self._draft_timer = None
        owner = self.store.interviews.get(self._field_owner)
        if owner is None or not self.query("#note"):
            return
        drafted = call.set_draft(owner, self.note_input.value)
        if drafted is not owner:
            self.store.interviews.update(drafted)

    def flush(self) -> None:
        """Save now every line entered but not yet saved, and the half-typed note (leaving, quitting, a signal)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if not self.query("#note"):
            return
        interview = self.store.interviews.get(self._field_owner)
        lines = self.note_input.claim_all()
        if interview is not None and lines:
            self._add_notes(interview, lines)
        self._save_draft()

    def _take_over_field(self, interview: Interview) -> None:
        """Showing another interview: keep the field's text as the old one's draft, bring back this one's."""
        if interview.id == self._field_owner:
            return
        self.flush()
        self._field_owner = interview.id
        field = self.note_input
        with field.prevent(NoteInput.Changed):
            field.value = interview.note_draft
            field.cursor_position = len(field.value)
        if interview.note_draft:
            self.notify("Your unfinished note is back in the note field.", timeout=6)

    def _show_kind(self) -> None:
        parts = []
        if self.next_kind is not NoteKind.NOTE:
            parts.append(f"next note: {self.next_kind.value}")
        if self.next_tiara is not None:
            parts.append(f"TIARA: {self.next_tiara.label}")
        kind = self.query_one("#note-kind", Static)
        kind.update(styled("  ".join(parts), "bold $warning"))
        kind.display = bool(parts)  # no empty line taking room at 80x24

    # Actions --------------------------------------------------------------------------------------
    @work(exclusive=True, group="clock")
    async def action_toggle_clock(self) -> None:
        interview = self.interview
        if interview is None:
            self.notify("No interview here.", severity="warning")
            return
        now = self.call_clock.now()
        if interview.scheduled_at is not None and call.starts_off_schedule(interview, now):
            when = interview.scheduled_at
            if not await self.app.push_screen_wait(
                ConfirmScreen(
                    "Start the call clock now?",
                    f"This call is scheduled for {fmt_local(when)} ({humanize_delta(when - now)}). "
                    "Start the clock only when the conversation begins.",
                    yes="Start now",
                    no="Not yet",
                )
            ):
                return
            interview = self.interview  # notes may have been saved while the dialog was open
            if interview is None:
                return
        try:
            change = lc.toggle_call_clock(interview, self.call_clock.now())
        except lc.TransitionError as exc:
            self._refused(exc)
            return
        updated = self._apply(change, interview)
        if updated.call.running and self._ticker is not None:
            self._ticker.resume()

    def action_next_question(self) -> None:
        interview = self.interview
        if interview is None:
            return
        try:
            change = lc.mark_question_asked(interview, self.call_clock.now(), self.chosen_question)
        except lc.NotFoundError:
            self.notify("All prepared questions are asked. ctrl+o adds one.", severity="warning")
            return
        updated = self._apply(change, interview)
        self.chosen_question = None
        self._show_questions(updated)

    @work
    async def action_jump(self) -> None:
        interview = self.interview
        if interview is None or not interview.questions:
            return
        answer = await self.app.push_screen_wait(
            PromptScreen("Go to question number", placeholder=f"1–{len(interview.questions)}")
        )
        interview = self.interview  # notes may have been saved while the dialog was open
        if interview is None:
            return
        if answer and answer.strip().isdigit() and 1 <= int(answer) <= len(interview.questions):
            self.chosen_question = int(answer) - 1
            self._show_questions(interview)
        elif answer:
            notify(self, f"Type a number from 1 to {len(interview.questions)}.", severity="warning")

    @work
    async def action_other_question(self) -> None:
        interview = self.interview
        if interview is None:
            return
        text = await self.app.push_screen_wait(PromptScreen("A question you asked that wasn't prepared"))
        interview = (
            self.interview
        )  # read again: notes typed ahead may have been saved while the dialog was open
        if text and interview is not None:
            try:
                updated = self._apply(lc.add_unprepared_question(interview, text), interview)
            except lc.LifecycleError as exc:
                self._refused(exc)
                return
            self.chosen_question = len(updated.questions) - 1
            self._show_questions(updated)

    def action_kind(self, kind: str) -> None:
        chosen = NoteKind(kind)
        self.next_kind = NoteKind.NOTE if self.next_kind is chosen else chosen
        self._show_kind()

    def action_tiara(self) -> None:
        order: list[QuestionCategory | None] = [None, *call.TIARA]
        self.next_tiara = order[(order.index(self.next_tiara) + 1) % len(order)]
        self._show_kind()

    def action_review_notes(self) -> None:
        """ctrl+r: into the notes list (COMMANDS: e edits, x deletes), or from it back to typing."""
        notes = self.query_one("#notes", RecordTable)
        if self.focused is notes:
            self._start_typing()
        elif notes.row_count:
            if self.script_open and self.has_class("-short") and self.interview is not None:
                self.action_toggle_script()  # the list is folded away under an open script
            self.set_focus(notes)
            self._show_mode()

    def action_leave_note(self) -> None:
        """escape: out of the note field, so keys are commands (0–5 switch sections). Never back in."""
        if self.typing:
            self._stop_typing()

    def action_type_note(self) -> None:
        """n, i or enter in COMMANDS mode: back into the note field."""
        self._start_typing()

    @on(OptionList.OptionSelected, "#call-questions")
    def _question_picked(self, event: OptionList.OptionSelected) -> None:
        """enter on a question (COMMANDS mode): it becomes the current one, and you are typing again."""
        interview = self.interview
        if (
            interview is not None
            and event.option_index < len(interview.questions)
            and event.option_index != call.current_question(interview, self.chosen_question)
        ):
            self.chosen_question = event.option_index
            self._show_questions(interview)
        self._start_typing()

    @on(RecordTable.Selected, "#notes")
    def _note_picked(self) -> None:
        """enter on a note in the list: edit it (as e does)."""
        self.action_edit_note()

    # The brief: what you already know about them -------------------------------------------------------
    def brief(self) -> Brief | None:
        """The shown interview's brief, built again only when the store changed (a few ms at 10k records)."""
        interview_id = self.interview_id
        if interview_id is None:
            return None
        key = (interview_id, self.store.version)
        if self._brief is None or self._brief[0] != key:
            interview = self.interview
            if interview is None:
                return None
            contacts = {c.id: c for c in self.store.contacts.all()}
            self._brief = (
                key,
                build_brief(interview, self.store.interviews.all(), contacts, self.clock.now()),
            )
        return self._brief[1]

    def _show_brief(self) -> None:
        """Draw the brief while it is open (two items a section on a short terminal), else hide it."""
        if not self._body_composed:
            return
        view = self.query_one("#call-brief", BriefView)
        brief = self.brief()
        field = self.note_input
        # The key is named on the note field's bottom border (the Footer has no room at 80 columns).
        if brief is None or brief.is_empty:
            field.border_subtitle = ""
        elif self.brief_open:
            field.border_subtitle = "F7 hides the brief"
        else:
            field.border_subtitle = "F7 brief"
        shown = self.brief_open and brief is not None and not brief.is_empty
        self.set_class(shown, "-brief-open")
        if brief is None or not shown:
            view.display = False
            return
        limit = 2 if self.has_class("-short") else None
        view.show(brief, title="The brief  ·  F7 hides it", limit=limit)

    def action_toggle_brief(self) -> None:
        """F7: show or hide the brief at the top. The focus stays where it is: typing still goes to the note."""
        if self.interview_id is None:
            return
        brief = self.brief()
        if not self.brief_open and (brief is None or brief.is_empty):
            self.notify(
                "Nothing to brief: no earlier calls with them, and no notes from others at their "
                "company or in their role."
            )
            return
        self.brief_open = not self.brief_open
        self._show_brief()

    def action_toggle_script(self) -> None:
        """ctrl+s / F6: show the opening script in full, or fold it to one line (before or during the call)."""
        self.script_open = not self.script_open
        interview = self.interview
        if interview is not None:
            self._show_header(interview)
        self._tick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Editing keys act on the notes list only while it has focus; mode keys only where they mean something."""
        # Called for every binding whenever the Footer is drawn (a hundred times on a first visit): no DOM queries.
        if not self._body_composed:
            return action not in ("edit_note", "delete_note", "leave_note", "type_note")
        if action in ("edit_note", "delete_note"):
            focused = self.focused
            return focused is not None and focused.id == "notes"
        if action == "leave_note":
            return self.typing
        if action == "type_note":
            return not self.typing and self.interview_id is not None and not self.has_class("-empty")
        # No interview on screen: the Footer keeps to what the empty state says to press.
        return action not in _CALL_ACTIONS or not self.has_class("-empty")

    def _selected_note_id(self) -> RecordId | None:
        key = self.query_one("#notes", RecordTable).cursor_key
        return key or None

    @work
    async def action_edit_note(self) -> None:
        interview, note_id = self.interview, self._selected_note_id()
        if interview is None or note_id is None:
            return
        note = next(n for n in interview.notes if n.id == note_id)
        text = await self.app.push_screen_wait(PromptScreen("Edit the note", value=note.text))
        interview = self.interview  # read again, as above
        if text and interview is not None:
            try:
                updated = self._apply(lc.reword_note(interview, note_id, text), interview)
            except lc.LifecycleError as exc:  # a blank edit, or the note was deleted meanwhile
                self._refused(exc)
                return
            self._show_notes(updated)

    @work
    async def action_delete_note(self) -> None:
        interview, note_id = self.interview, self._selected_note_id()
        if interview is None or note_id is None:
            return
        confirmed = await self.app.push_screen_wait(ConfirmScreen("Delete this note?"))
        interview = self.interview  # read again, as above
        if confirmed and interview is not None:
            try:
                updated = self._apply(lc.remove_note(interview, note_id), interview)
            except lc.NotFoundError as exc:
                self._refused(exc)
                return
            self._show_notes(updated)

    @work
    async def action_end_call(self) -> None:
        self.flush()  # a line entered just before ctrl+l counts in the summary
        interview = self.interview
        if interview is None:
            return
        if not lc.allowed(interview, lc.Event.END_CALL):
            if lc.status_of(interview) in (lc.Status.SCHEDULED, lc.Status.PREPARED):
                self.notify(
                    "The clock hasn't started: ctrl+t starts it when the call begins.", severity="warning"
                )
            else:
                self._refused(lc.TransitionError(lc.Event.END_CALL, lc.status_of(interview)))
            return
        referrals = call.captured(interview, NoteKind.REFERRAL)
        actions = call.captured(interview, NoteKind.ACTION)
        summary = [f"{len(interview.notes)} notes, {len(referrals)} referrals, {len(actions)} actions."]
        summary += [f"@ {n.text}" for n in referrals[:5]] + [f"! {n.text}" for n in actions[:5]]
        title = "End the call?" if interview.notes else "End the call? You haven't noted anything."
        if not await self.app.push_screen_wait(
            ConfirmScreen(title, "\n".join(summary), yes="End call", no="Keep going")
        ):
            return
        self.flush()
        interview = self.interview  # read again: keys typed before ctrl+l may have saved a note meanwhile
        if interview is None or not lc.allowed(interview, lc.Event.END_CALL):
            return
        contact = self.store.contacts.get(interview.contact_id)
        ended = self._apply(
            lc.finish_call(interview, contact, self.call_clock.now(), self.store.profile.name), interview
        )
        self._show_notes(ended)
        length = fmt_clock(call.actual_length(ended))
        if await self.app.push_screen_wait(
            ConfirmScreen(
                f"Call ended after {length}. Thank-you due in 24 h.",
                "Send it while the conversation is fresh. Go to Follow up now?",
                yes="Follow up",
                no="Stay here",
            )
        ):
            await self.infoview.open_section(Section.FOLLOW_UP, ended.id)
