"""Provides small modal dialogs: a yes/no confirmation and a one-line prompt.

Titles and messages often quote the data ("Archive Bob Smith [PhD]?"), so every string shown is plain text.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from infoview_tui.ui.widgets.field_note import FieldNote
from infoview_tui.ui.widgets.plain import field_value, plain, styled
from infoview_tui.ui.widgets.submit_input import SubmitInput


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something; y/enter confirms, n/escape cancels."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str, message: str = "", yes: str = "Yes", no: str = "No") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(styled(self.title_text, "bold"), classes="dialog-title")
            # Always there, even empty: the title and buttons are docked, and a panel with nothing but docked
            # widgets in it is sized as if it were empty (its border only: "Delete this note?" showed a blank
            # box).
            yield Static(
                plain(self.message), classes="dialog-message" if self.message else "dialog-message -empty"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain(f"{self.yes} (y)"), variant="primary", id="yes", compact=True)
                yield Button(plain(f"{self.no} (n)"), id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text (a file path, a name); enter accepts, escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, placeholder: str = "", value: str = "", help_text: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self.title_text = title
        self.placeholder = placeholder
        self.value = value
        self.help_text = help_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(styled(self.title_text, "bold"), classes="dialog-title")
            yield SubmitInput(
                value=field_value(self.value), placeholder=self.placeholder, id="prompt-input", compact=True
            )
            yield FieldNote(id="prompt-error", classes="field-error")
            if self.help_text:
                yield Static(plain(self.help_text), classes="dialog-help")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.query_one("#prompt-error", Label).update("Type something, or press escape to cancel.")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
