"""Provides the profile dialog: who you are, for every message, the opening script and the thank-you.

Asked once on the first start of a new, empty data file (escape skips it) and opened any time from the
command palette ("Edit your profile"). It returns the edited `Profile`; the app stores it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from infoview_tui.domain.models import Profile
from infoview_tui.domain.profile import LABELS, edit_profile
from infoview_tui.ui.widgets.plain import field_value, plain, styled
from infoview_tui.ui.widgets.submit_input import SubmitInput

PLACEHOLDERS = {
    "name": "as you sign your messages",
    "intro": "e.g. I'm a third-year economics student exploring product design",
    "email": "optional",
    "linkedin_url": "optional: linkedin.com/in/…",
    "school_or_field": "optional: e.g. Economics, University of Leeds",
}


class ProfileFormScreen(ModalScreen[Profile | None]):
    """Your name and one-line introduction (and, optionally, email, LinkedIn, school or field)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Skip"),
    ]

    def __init__(self, profile: Profile, *, first_start: bool = False) -> None:
        super().__init__(classes="dialog-screen")
        self.profile = profile
        self.first_start = first_start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="profile-form"):
            title = "Who are you?" if self.first_start else "Your profile"
            yield Static(styled(title, "bold"), classes="dialog-title")
            yield Static(
                plain(
                    "Requests, the opening script, thank-yous and LinkedIn notes are signed with this, "
                    "instead of [your name]. It stays in your data file."
                ),
                classes="dialog-help",
            )
            for key, label in LABELS.items():
                with Horizontal(classes="profile-row"):
                    yield Label(plain(label), classes="profile-label")
                    yield SubmitInput(
                        field_value(getattr(self.profile, key)),
                        placeholder=PLACEHOLDERS[key],
                        id=f"profile-{key.replace('_', '-')}",
                        compact=True,
                    )
            yield Label("", id="profile-error", classes="field-error")
            later = "esc skips (later: ctrl+p → Edit your profile)" if self.first_start else "esc cancels"
            yield Static(plain(f"ctrl+s saves · {later}"), classes="field-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Skip (esc)" if self.first_start else "Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#profile-name", Input).focus()

    def _value(self, key: str) -> str:
        return self.query_one(f"#profile-{key.replace('_', '-')}", Input).value

    def action_save(self) -> None:
        edited, problems = edit_profile(self.profile, **{key: self._value(key) for key in LABELS})
        if problems:
            key, problem = next(iter(problems.items()))
            self.query_one("#profile-error", Label).update(plain(f"{LABELS[key]}: {problem}"))
            self.query_one(f"#profile-{key.replace('_', '-')}", Input).focus()
            return
        self.dismiss(edited)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _next_field(self) -> None:
        """Enter moves to the next field; on the last one it saves."""
        if self.focused is self.query_one("#profile-school-or-field", Input):
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()
