"""Provides the schedule form: when (typed as people type it), how long, how, and where."""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, tzinfo

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from infoview_tui.domain import validation
from infoview_tui.domain.dates import (
    EXAMPLES,
    Clock,
    DateParseError,
    ParsedWhen,
    fmt_local,
    humanize_delta,
    parse_when,
    zone_named,
    zone_problem,
)
from infoview_tui.domain.models import DEFAULT_DURATION_MINUTES, Medium
from infoview_tui.stages.prepare.scheduling import duration_warning
from infoview_tui.ui.screens.dialogs import ConfirmScreen
from infoview_tui.ui.widgets.field_note import FieldNote
from infoview_tui.ui.widgets.plain import assemble, field_value, plain


@functools.cache
def _zones() -> frozenset[str]:
    try:
        return frozenset(zoneinfo.available_timezones())
    except Exception:
        return frozenset()


def zone_or_problem(name: str) -> tuple[tzinfo | None, str | None]:
    """An IANA time zone by name, or a message saying what to type; empty is fine (same as yours).

    The checks live in the core (`dates.zone_named`): an over-long, path-like or NUL-holding name is a
    message, never an OSError, whether typed here or read from a hand-edited file.
    """
    return zone_named(name), zone_problem(name)


@dataclass(frozen=True, slots=True)
class ScheduleChoice:
    """What the schedule form returns."""

    when: datetime
    minutes: int
    medium: Medium
    location: str
    their_timezone: str = ""


class ScheduleFormScreen(ModalScreen[ScheduleChoice | None]):
    """Schedule or reschedule. Past, ambiguous or overlapping times are questioned before saving."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self,
        who: str,
        clock: Clock,
        overlaps: Callable[[datetime, int], list[str]],
        *,
        when_text: str = "",
        minutes: int = DEFAULT_DURATION_MINUTES,
        medium: Medium = Medium.VIDEO,
        location: str = "",
        their_timezone: str = "",
        title: str = "",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.who = who
        self.clock = clock
        self.overlaps = overlaps
        self.initial = (when_text, minutes, medium, location)
        self.their_timezone = their_timezone
        self.heading = title or f"Schedule with {who}"
        self.parsed: ParsedWhen | None = None

    def compose(self) -> ComposeResult:
        when_text, minutes, medium, location = self.initial
        with Vertical(classes="dialog form-dialog"):
            yield Static(
                assemble((self.heading, "bold"), ("   ctrl+s saves · esc cancels", "$text-muted")),
                classes="dialog-title",
            )
            with VerticalScroll(classes="form-body"):
                with Vertical(classes="form-field"):
                    yield Label("When", classes="field-label")
                    yield Input(when_text, id="when", placeholder=f"e.g. {EXAMPLES}", compact=True)
                    yield FieldNote(id="when-preview", classes="field-hint")
                with Vertical(classes="form-field"):
                    yield Label("Minutes allotted", classes="field-label")
                    yield Input(str(minutes), id="minutes", restrict=r"\d*", max_length=3, compact=True)
                    yield FieldNote(id="minutes-hint", classes="field-hint")
                with Vertical(classes="form-field"):
                    yield Label("How", classes="field-label")
                    yield Select(
                        [(m.label, m) for m in Medium],
                        value=medium,
                        allow_blank=False,
                        id="medium",
                        compact=True,
                    )
                with Vertical(classes="form-field"):
                    yield Label("Link or place", classes="field-label")
                    yield Input(
                        field_value(location),
                        id="location",
                        placeholder="https://meet… or an address",
                        compact=True,
                    )
                with Vertical(classes="form-field"):
                    yield Label("Their time zone", classes="field-label")
                    yield Input(
                        field_value(self.their_timezone),
                        id="timezone",
                        placeholder="e.g. Europe/Berlin; empty if the same as yours",
                        suggester=SuggestFromList(sorted(_zones()), case_sensitive=False),
                        compact=True,
                    )
                    yield FieldNote(id="timezone-hint", classes="field-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self._preview()
        self._minutes_hint()
        self._timezone_hint()
        self.query_one("#when", Input).focus()

    @on(Input.Changed, "#when")
    def _preview(self) -> None:
        text = self.query_one("#when", Input).value
        preview = self.query_one("#when-preview", Label)
        self.parsed = None
        if not text.strip():
            preview.update(plain(f"Type it as you'd say it: {EXAMPLES}"))
            preview.set_class(False, "-error")
            return
        try:
            self.parsed = parse_when(text, self.clock.now())
        except DateParseError as exc:
            preview.update(plain(str(exc)))
            preview.set_class(True, "-error")
            return
        when = self.parsed.when
        note = "  (check: " + " ".join(self.parsed.questions) + ")" if self.parsed.questions else ""
        preview.update(plain(f"→ {fmt_local(when)} ({humanize_delta(when - self.clock.now())}){note}"))
        preview.set_class(bool(self.parsed.questions), "-error")

    @on(Input.Changed, "#timezone")
    @on(Input.Changed, "#when")
    def _timezone_hint(self) -> None:
        hint = self.query_one("#timezone-hint", Label)
        name = self.query_one("#timezone", Input).value.strip()
        zone, problem = zone_or_problem(name)
        hint.set_class(bool(problem), "-error")
        if problem:
            hint.update(plain(problem))
        elif zone is not None and self.parsed is not None:
            hint.update(plain(f"Their time: {self.parsed.when.astimezone(zone):%a %d %b %H:%M} ({name})"))
        else:
            hint.update("")

    @on(Input.Changed, "#minutes")
    def _minutes_hint(self) -> None:
        minutes, problem = validation.check_minutes(self.query_one("#minutes", Input).value)
        hint = self.query_one("#minutes-hint", Label)
        hint.update(plain(problem or (duration_warning(minutes or 0) or "")))
        hint.set_class(bool(problem or duration_warning(minutes or 0)), "-error")

    def action_save(self) -> None:
        self._preview()
        minutes, problem = validation.check_minutes(self.query_one("#minutes", Input).value)
        if self.parsed is None or problem or minutes is None:
            self.notify("Not saved yet: fix the time or the minutes.", severity="warning")
            self.query_one("#when" if self.parsed is None else "#minutes", Input).focus()
            return
        medium = self.query_one("#medium", Select).value
        zone_name = self.query_one("#timezone", Input).value.strip()
        if zone_or_problem(zone_name)[1]:
            self.notify("Not saved yet: fix their time zone, or leave it empty.", severity="warning")
            self.query_one("#timezone", Input).focus()
            return
        choice = ScheduleChoice(
            when=self.parsed.when,
            minutes=minutes,
            medium=medium if isinstance(medium, Medium) else Medium.VIDEO,
            location=validation.clean_line(self.query_one("#location", Input).value),
            their_timezone=zone_name,
        )
        questions = list(self.parsed.questions) + self.overlaps(choice.when, choice.minutes)
        if not questions:
            self.dismiss(choice)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(choice)

        self.app.push_screen(
            ConfirmScreen(
                f"Schedule for {fmt_local(choice.when)}?", "\n".join(questions), yes="Use it", no="Change it"
            ),
            answered,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
