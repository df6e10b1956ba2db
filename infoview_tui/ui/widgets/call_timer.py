"""Provides the call timer: large elapsed digits, time remaining, the state message and the phase cue.

It only shows the `TimerStatus` it is given (computed from stored timestamps by the screen); state changes
are dash-prefixed classes (`-running`, `-wrap-up`, `-time-up`, `-overtime`, `-paused`) styled in app.tcss.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from infoview_tui.domain.timing import TimerState, TimerStatus, fmt_clock
from infoview_tui.ui.widgets.plain import plain, styled

STATE_CLASSES = {
    TimerState.READY: "-ready",
    TimerState.RUNNING: "-running",
    TimerState.PAUSED: "-paused",
    TimerState.WRAP_UP: "-wrap-up",
    TimerState.TIME_UP: "-time-up",
    TimerState.OVERTIME: "-overtime",
    TimerState.ENDED: "-ended",
}


class CallTimer(Horizontal):
    """Elapsed time in big digits beside remaining time, the state and the phase."""

    def compose(self) -> ComposeResult:
        yield Digits("00:00", id="elapsed")
        with Vertical(id="timer-side"):
            yield Static(id="remaining")
            yield Static(id="timer-message")
            yield Static(id="phase")

    def show(self, status: TimerStatus, allotted_minutes: int) -> None:
        """Display one moment of the call clock."""
        digits = fmt_clock(status.elapsed)
        self.query_one("#elapsed", Digits).update(digits)  # markup-ok: Digits draws digits only
        if status.remaining.total_seconds() >= 0:
            remaining = f"{fmt_clock(status.remaining)} left of {allotted_minutes} min"
        else:
            remaining = f"{fmt_clock(-status.remaining, signed=True)} over {allotted_minutes} min"
        self.query_one("#remaining", Static).update(styled(remaining, "bold"))
        message = self.query_one("#timer-message", Static)
        message.update(plain(status.message))
        message.display = bool(
            status.message
        )  # no blank row while running: the phase cue sits under the time
        cue = status.phase.cue if status.state not in (TimerState.READY, TimerState.ENDED) else ""
        self.query_one("#phase", Static).update(styled(cue, "$text-muted"))
        for state, css_class in STATE_CLASSES.items():
            self.set_class(state is status.state, css_class)
