"""Provides the outreach composer: templates filled from the contact, a live checker, copy, save, and log."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from infoview_tui.domain.dates import Clock, DateParseError, fmt_local, parse_when
from infoview_tui.domain.models import Channel, Contact, Outreach, OutreachStatus, Profile
from infoview_tui.domain.text import slug
from infoview_tui.domain.validation import clean_block
from infoview_tui.stages.identify.outreach import Template, check, default_template, fill
from infoview_tui.ui.screens.base import copy_text, write_in_background
from infoview_tui.ui.widgets import MarkedCheckbox, TextBox
from infoview_tui.ui.widgets.field_note import FieldNote
from infoview_tui.ui.widgets.plain import assemble, field_value, plain, styled


def show_check(checker: Static, message: str, *, strict: bool = False) -> None:
    """The live checker's verdict on `message`, in words (✓ or one bullet per problem), not colour alone."""
    result = check(message, strict=strict)
    if result.ok:
        checker.update(
            styled(
                f"✓ {result.word_count} words · reads well: connection first, no job request, ends with a question",
                "$success",
            )
        )
        return
    parts: list[str | tuple[str, str]] = [(f"{result.word_count} words", "bold")]
    for problem in result.problems:
        parts += ["\n", ("• ", "$warning"), problem]
    checker.update(assemble(*parts))


def save_message_file(screen: Screen[Any], folder: Path, stem: str, now: datetime, text: str) -> None:
    """Write a message to `messages/<stem>-<time>.txt` in `folder`, off the UI thread, and say where."""
    stamp = now.astimezone().strftime("%Y%m%d-%H%M")
    name = slug(stem, spellings=None, max_length=40, fallback="message")
    write_in_background(
        screen, folder / "messages" / f"{name}-{stamp}.txt", text + "\n", "Saved the message to"
    )


class MessageScreen(ModalScreen[str | None]):
    """One message to send yourself (an introduction request, the 7B follow-up): edit it with the live
    checker, copy it or save it to a file; ctrl+s confirms (`done_label` says what that records)."""

    BINDINGS = [
        Binding("ctrl+s", "done", "Done"),
        Binding("ctrl+y", "copy", "Copy", priority=True),
        Binding("ctrl+o", "save_file", "Save to file"),
        Binding("escape", "cancel", "Close"),
    ]

    def __init__(
        self, title: str, message: str, *, done_label: str, folder: Path, file_stem: str, clock: Clock
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.initial = message
        self.done_label = done_label
        self.folder = folder
        self.file_stem = file_stem
        self.clock = clock

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog composer-dialog message-dialog"):
            yield Static(
                assemble(
                    (self.title_text, "bold"),
                    (
                        f"   ctrl+s {self.done_label.lower()} · ctrl+y copy · ctrl+o file · esc close",
                        "$text-muted",
                    ),
                ),
                classes="dialog-title",
            )
            yield TextBox(field_value(self.initial, multiline=True), id="message", soft_wrap=True)
            yield Static(id="checker", classes="checker")
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain(f"{self.done_label} (ctrl+s)"), variant="primary", id="done")
                yield Button("Copy (ctrl+y)", id="copy")
                yield Button("Save to file (ctrl+o)", id="save-file")
                yield Button("Close (esc)", id="cancel")

    def on_mount(self) -> None:
        self._check()
        self.query_one("#message", TextArea).focus()

    @property
    def message(self) -> str:
        return self.query_one("#message", TextArea).text

    @on(TextArea.Changed, "#message")
    def _check(self) -> None:
        show_check(self.query_one("#checker", Static), self.message)

    def action_done(self) -> None:
        self.dismiss(clean_block(self.message))

    def action_copy(self) -> None:
        copy_text(self, self.message)

    def action_save_file(self) -> None:
        save_message_file(self, self.folder, self.file_stem, self.clock.now(), self.message)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {
            "done": self.action_done,
            "copy": self.action_copy,
            "save-file": self.action_save_file,
            "cancel": self.action_cancel,
        }
        action = actions.get(event.button.id or "")
        if action:
            action()


class OutreachFormScreen(ModalScreen[Outreach | None]):
    """Write and log a request for an informational interview. ctrl+s logs it."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Log it"),
        Binding("ctrl+y", "copy", "Copy", priority=True),
        Binding("ctrl+o", "save_file", "Save to file"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        contact: Contact,
        clock: Clock,
        folder: Path,
        introducer_name: str = "",
        profile: Profile | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.contact = contact
        self.profile = profile or Profile()
        self.clock = clock
        self.folder = folder
        self.introducer_name = introducer_name or contact.introduced_by_name
        self.sent_at: datetime | None = None

    def compose(self) -> ComposeResult:
        c = self.contact
        template = default_template(c)
        channel = c.channel or (Channel.EMAIL if c.email else Channel.LINKEDIN)
        with Vertical(classes="dialog composer-dialog"):
            yield Static(
                assemble(
                    (f"Reach out to {c.name}", "bold"),
                    ("   ctrl+s logs it · esc cancels", "$text-muted"),
                ),
                classes="dialog-title",
            )
            with Horizontal(classes="composer-options"):
                yield Select(
                    [(t.label, t) for t in Template],
                    value=template,
                    allow_blank=False,
                    id="template",
                    compact=True,
                )
                yield Select(
                    [(ch.label, ch) for ch in Channel],
                    value=channel,
                    allow_blank=False,
                    id="channel",
                    compact=True,
                )
                yield MarkedCheckbox("75-word style", id="strict", compact=True)
            yield TextBox(self._fill(template), id="message", soft_wrap=True, compact=True)
            yield Static(id="checker", classes="checker")
            with Horizontal(classes="composer-options"):
                with Vertical(classes="form-field"):
                    yield Label("Sent", classes="field-label")
                    yield Input("now", id="sent-at", compact=True)
                    yield FieldNote(id="sent-preview", classes="field-hint")
                with Vertical(classes="form-field"):
                    yield Label("Status", classes="field-label")
                    yield Select(
                        [(s.label, s) for s in OutreachStatus],
                        value=OutreachStatus.SENT,
                        allow_blank=False,
                        id="status",
                        compact=True,
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Log it (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Copy (ctrl+y)", id="copy", compact=True)
                yield Button("Save to file (ctrl+o)", id="save-file", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def _fill(self, template: Template) -> str:
        message = fill(
            template,
            self.contact,
            sender_name=self.profile.name,
            about_me=self.profile.intro,
            introducer_name=self.introducer_name,
        )
        return field_value(message, multiline=True)

    def on_mount(self) -> None:
        self._check()
        self._sent_preview()
        self.query_one("#message", TextArea).focus()

    @property
    def message(self) -> str:
        return self.query_one("#message", TextArea).text

    @on(Select.Changed, "#template")
    def _template_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, Template):
            self.query_one("#message", TextArea).text = self._fill(event.value)

    @on(TextArea.Changed, "#message")
    @on(Checkbox.Changed, "#strict")
    def _check(self) -> None:
        show_check(
            self.query_one("#checker", Static), self.message, strict=self.query_one("#strict", Checkbox).value
        )

    @on(Input.Changed, "#sent-at")
    def _sent_preview(self) -> None:
        text = self.query_one("#sent-at", Input).value
        preview = self.query_one("#sent-preview", Label)
        try:
            parsed = parse_when(text, self.clock.now(), ahead=False)  # when it was sent: looking back
        except DateParseError as exc:
            self.sent_at = None
            preview.update(plain(str(exc)))
            preview.set_class(True, "-error")
            return
        self.sent_at = parsed.when
        future = parsed.when > self.clock.now()
        preview.update(plain(f"→ {fmt_local(parsed.when)}" + ("  (in the future?)" if future else "")))
        preview.set_class(future, "-error")

    def action_save(self) -> None:
        self._sent_preview()
        if self.sent_at is None:
            self.notify("When did you send it? Type 'now', 'yesterday 3pm' or a date.", severity="warning")
            self.query_one("#sent-at", Input).focus()
            return
        status = self.query_one("#status", Select).value
        channel = self.query_one("#channel", Select).value
        self.dismiss(
            Outreach(
                contact_id=self.contact.id,
                sent_at=self.sent_at,
                channel=channel if isinstance(channel, Channel) else Channel.OTHER,
                message=clean_block(self.message),
                status=status if isinstance(status, OutreachStatus) else OutreachStatus.SENT,
                responded_at=self.sent_at
                if status in (OutreachStatus.REPLIED, OutreachStatus.DECLINED)
                else None,
            )
        )

    def action_copy(self) -> None:
        copy_text(self, self.message)

    def action_save_file(self) -> None:
        save_message_file(self, self.folder, self.contact.name, self.clock.now(), self.message)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        actions = {
            "save": self.action_save,
            "copy": self.action_copy,
            "save-file": self.action_save_file,
            "cancel": self.action_cancel,
        }
        action = actions.get(event.button.id or "")
        if action:
            action()
