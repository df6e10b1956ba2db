"""Provides the add/edit contact form: a modal that validates inline and keeps everything typed."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from infoview_tui.domain import validation
from infoview_tui.domain.models import Channel, Contact, HowKnown, RecordId, Route, replace
from infoview_tui.ui.widgets import TextBox
from infoview_tui.ui.widgets.field_note import FieldNote
from infoview_tui.ui.widgets.plain import assemble, field_value, notify, plain

HOW_KNOWN_OPTIONS = [
    ("Friend", HowKnown.FRIEND),
    ("Family", HowKnown.FAMILY),
    ("Classmate", HowKnown.CLASSMATE),
    ("Former colleague", HowKnown.FORMER_COLLEAGUE),
    ("Mentor", HowKnown.MENTOR),
    ("Professor", HowKnown.PROFESSOR),
    ("Introduction (someone introduced you)", HowKnown.INTRODUCTION),
    ("Cold outreach (found them yourself)", HowKnown.COLD),
]
CHANNEL_OPTIONS = [(c.label, c) for c in Channel]
PRIORITY_OPTIONS = [("High", 1), ("Normal", 2), ("Low", 3)]


class ContactFormScreen(ModalScreen[Contact | None]):
    """Add or edit a contact. ctrl+s saves; escape cancels. Problems show under their field."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, contact: Contact | None, others: Sequence[Contact], title: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self.contact = contact or Contact(name="", how_known=HowKnown.COLD, channel=Channel.LINKEDIN)
        self.others = [c for c in others if c.id != self.contact.id and not c.archived]
        self.heading = title or ("Edit contact" if contact and contact.id else "Add a contact")

    def compose(self) -> ComposeResult:
        c = self.contact
        introducer = c.introduced_by_name
        if c.introduced_by_id is not None:
            match = next((o for o in self.others if o.id == c.introduced_by_id), None)
            introducer = match.name if match else introducer
        with Vertical(classes="dialog form-dialog"):
            yield Static(
                assemble((self.heading, "bold"), ("   ctrl+s saves · esc cancels", "$text-muted")),
                classes="dialog-title",
            )
            with VerticalScroll(classes="form-body"):
                yield from self._field("Name (required)", self._input(c.name, "name", "Full name"))
                yield from self._field(
                    "How you know them",
                    Select(
                        HOW_KNOWN_OPTIONS, value=c.how_known, allow_blank=False, id="how_known", compact=True
                    ),
                )
                yield from self._field(
                    "Introduced by",
                    self._input(
                        introducer,
                        "introduced_by",
                        "a contact (type to pick) or any name",
                        SuggestFromList([field_value(o.name) for o in self.others], case_sensitive=False),
                    ),
                    group="intro-field",
                )
                yield from self._field(
                    "Where you found them",
                    Select(
                        CHANNEL_OPTIONS,
                        value=c.channel or Channel.LINKEDIN,
                        allow_blank=False,
                        id="channel",
                        compact=True,
                    ),
                    group="cold-field",
                )
                yield from self._field("Title", self._input(c.title, "title", "e.g. Data Scientist"))
                yield from self._field("Company", self._input(c.company, "company"))
                yield from self._field("Industry", self._input(c.industry, "industry", "e.g. Climate tech"))
                yield from self._field("Email", self._input(c.email, "email", "name@example.com"))
                yield from self._field(
                    "LinkedIn URL",
                    self._input(c.linkedin_url, "linkedin_url", "https://www.linkedin.com/in/…"),
                )
                yield from self._field("Tags", self._input(", ".join(c.tags), "tags", "comma separated"))
                yield from self._field(
                    "Priority",
                    Select(
                        PRIORITY_OPTIONS, value=c.priority, allow_blank=False, id="priority", compact=True
                    ),
                )
                yield from self._field(
                    "Notes",
                    TextBox(field_value(c.notes, multiline=True), id="notes", soft_wrap=True, compact=True),
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    @staticmethod
    def _input(
        value: str, field_id: str, placeholder: str = "", suggester: SuggestFromList | None = None
    ) -> Input:
        """A one-line field showing a stored value; control characters in it never reach the terminal."""
        return Input(
            field_value(value), id=field_id, placeholder=placeholder, suggester=suggester, compact=True
        )

    @staticmethod
    def _field(label: str, widget: Input | Select[object] | TextArea, group: str = "") -> ComposeResult:
        with Vertical(classes=f"form-field {group}".strip(), id=f"field-{widget.id}"):
            yield Label(plain(label), classes="field-label")
            yield widget
            yield FieldNote(id=f"error-{widget.id}", classes="field-error")

    def on_mount(self) -> None:
        self._show_route_fields()
        self.query_one("#name", Input).focus()

    @on(Select.Changed, "#how_known")
    def _route_changed(self) -> None:
        self._show_route_fields()

    def _show_route_fields(self) -> None:
        how = self.query_one("#how_known", Select).value
        route = how.route if isinstance(how, HowKnown) else Route.KNOWN
        self.query_one("#field-introduced_by").display = route is Route.INTRODUCTION
        self.query_one("#field-channel").display = route is Route.COLD

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value

    def build(self) -> tuple[Contact | None, dict[str, str]]:
        """The contact as typed, or the problems by field id (nothing is cleared)."""
        errors: dict[str, str] = {}
        email = validation.clean_line(self._value("email"))
        url = validation.clean_line(self._value("linkedin_url"))
        for field_id, value, check in (
            ("name", self._value("name"), validation.check_name),
            ("email", email, validation.check_email),  # checked as it will be stored: no control characters
            ("linkedin_url", url, validation.check_url),
        ):
            problem = check(value)
            if problem:
                errors[field_id] = problem
        how = self.query_one("#how_known", Select).value
        assert isinstance(how, HowKnown)
        introducer = validation.clean_line(self._value("introduced_by"))
        introducer_id: RecordId | None = None
        if how is HowKnown.INTRODUCTION:
            if not introducer:
                errors["introduced_by"] = "Who introduced you? Pick a contact or type their name."
            match = next((o for o in self.others if o.name.casefold() == introducer.casefold()), None)
            introducer_id = match.id if match else None
        channel = self.query_one("#channel", Select).value
        priority = self.query_one("#priority", Select).value
        if errors:
            return None, errors
        contact = replace(
            self.contact,
            name=validation.clean_line(self._value("name"), validation.MAX_NAME),
            how_known=how,
            introduced_by_id=introducer_id if how is HowKnown.INTRODUCTION else None,
            introduced_by_name=introducer if how is HowKnown.INTRODUCTION else "",
            channel=channel if how is HowKnown.COLD and isinstance(channel, Channel) else None,
            title=validation.clean_line(self._value("title")),
            company=validation.clean_line(self._value("company")),
            industry=validation.clean_line(self._value("industry")),
            email=email,
            linkedin_url=validation.normalise_url(url),
            tags=validation.parse_tags(self._value("tags")),
            priority=priority if isinstance(priority, int) else 2,
            notes=validation.clean_block(self.query_one("#notes", TextArea).text),
        )
        return contact, {}

    def action_save(self) -> None:
        contact, errors = self.build()
        for error_label in self.query(".field-error").results(Label):
            error_label.update("")
        for field_id, message in errors.items():
            self.query_one(f"#error-{field_id}", Label).update(plain(message))
        if errors:
            first = next(iter(errors))
            self.query_one(f"#{first}").focus()
            notify(self, "Not saved yet: " + " ".join(errors.values()), severity="warning")
            return
        self.dismiss(contact)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
