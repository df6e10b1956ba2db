"""Provides the base for section screens: the section bar, the Footer, store access and record reveal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from infoview_tui.domain.dates import Clock
from infoview_tui.domain.models import Contact, Interview, RecordId
from infoview_tui.fileio import atomic_write_text
from infoview_tui.stages.agenda import Section
from infoview_tui.store import Store
from infoview_tui.ui.widgets import SectionBar
from infoview_tui.ui.widgets.footer import Footer
from infoview_tui.ui.widgets.plain import Part, notify

if TYPE_CHECKING:
    from infoview_tui.domain import lifecycle as lc
    from infoview_tui.ui.app import InfoviewApp


def who(contact: Contact | None, *, role: bool = True) -> tuple[Part, Part]:
    """The person a screen is about, as its header starts: the name, then their title at their company
    (`role=False`: the company only). One helper for every interview header."""
    name = contact.name if contact else "?"
    if contact is None:
        detail = ""
    elif role:
        detail = " at ".join(p for p in (contact.title, contact.company) if p)
    else:
        detail = contact.company
    return (name, "bold $text-accent"), (f"  {detail}" if detail else "", "")


def place(interview: Interview) -> str:
    """How and where the conversation happens: the medium, then the location when there is one."""
    return f"{interview.medium.label}{' · ' + interview.location if interview.location else ''}"


class HoldsTypedText(Protocol):
    """A screen whose fields can hold words not yet in the store: text inside an autosave pause, a half-typed
    call note. It registers with the app (`InfoviewApp.hold_typed_text`) while mounted, so every way out
    (ctrl+q, ctrl+c, SIGHUP, SIGTERM, SIGINT) can save it first."""

    def flush(self) -> None:
        """Put everything typed into the store now (the store then writes it to disk)."""
        ...


class AppScreen(Screen[None]):
    """A full screen of this app: the one typed way to the app, its store and its clock, and to store what a
    lifecycle use case decided (`apply`)."""

    @property
    def infoview(self) -> InfoviewApp:
        """The running app, typed (Textual's `self.app` is any App)."""
        return cast("InfoviewApp", self.app)

    @property
    def store(self) -> Store:
        """The data store the app opened."""
        return self.infoview.store

    @property
    def clock(self) -> Clock:
        """The store's clock (injected in tests), the only source of "now"."""
        return self.store.clock

    def apply(self, change: lc.Change) -> lc.Applied:
        """Store what a lifecycle use case returned."""
        from infoview_tui.domain import lifecycle  # after the first frame: the Dashboard changes nothing

        return lifecycle.apply(self.store, change)

    async def write_message(self, title: str, text: str, *, done_label: str, file_stem: str) -> str | None:
        """The message dialog for `text` (the live checker, copy, save to a file beside the data): the text as
        confirmed with ctrl+s (`done_label` says what that records), or None when it was closed. It waits for
        the dialog, so call it from a worker."""
        from infoview_tui.ui.screens.outreach_form import (
            MessageScreen,  # when first needed, not with a section
        )

        return await self.app.push_screen_wait(
            MessageScreen(
                title,
                text,
                done_label=done_label,
                folder=self.infoview.data_path.parent,
                file_stem=file_stem,
                clock=self.clock,
            )
        )

    def overlap_check(self, exclude_id: RecordId | None = None) -> Callable[[datetime, int], list[str]]:
        """What the schedule form asks about before saving: the interviews a time would overlap (all but
        `exclude_id`, the one being moved), as read now."""
        from infoview_tui.domain import lifecycle

        return partial(
            lifecycle.overlap_warnings,
            self.store.interviews.all(),
            self.store.contacts.all(),
            exclude_id=exclude_id,
        )


class SectionScreen(AppScreen):
    """A top-level section: subclasses set SECTION and compose their body."""

    SECTION: Section = Section.DASHBOARD
    _shown: tuple[int, object] | None = None
    """The store version and minute last shown."""

    def compose(self) -> ComposeResult:
        yield SectionBar(
            self.SECTION, note="DEMO DATA" if self.infoview.demo else "", read_only=self.store.holding
        )
        if self.store.loaded or self.shows_before_load():
            yield from self.compose_body()
        else:
            # A large file is still being read in the background: paint the frame now, the body when ready.
            yield Static("Loading your data…", classes="loading-state")
        yield Footer()

    def compose_body(self) -> ComposeResult:
        """The section's own widgets."""
        yield from ()

    def shows_before_load(self) -> bool:
        """Whether this section can show the user's data before the file is decoded (the Dashboard, from its
        snapshot); it then draws its body at once and `reload` runs without the store's records."""
        return False

    async def on_screen_resume(self) -> None:
        await self.refresh_data()

    async def refresh_data(self, force: bool = False) -> None:
        """Show the store's data; while the app is still reading the file, the loading line stays.

        Coming back to a section rebuilds it only when the data changed or a minute passed (due dates move).
        """
        if not self.store.loaded:
            if self.shows_before_load():
                self.reload()  # from the snapshot; `_shown` stays unset, so the loaded data replaces it
            return
        if self.query(".loading-state"):
            await self.recompose()
            force = True
        stamp = (self.store.version, self.clock.now().replace(second=0, microsecond=0))
        if force or stamp != self._shown:
            self._shown = stamp
            self.reload()

    async def _returned(self, _: object) -> None:
        """Back from a record's own screen (workspace, follow-up, reflection): show what changed there."""
        await self.refresh_data()

    def reload(self) -> None:
        """Read the store again and show it."""

    def reveal(self, record_id: RecordId) -> None:
        """Bring one record into view (Enter on a Dashboard item lands here)."""


CLIPBOARD_CAVEAT = (
    "Copied, if your terminal allows it (in tmux: set -s set-clipboard on; macOS Terminal ignores it). "
    "ctrl+o saves it to a file instead."
)


def copy_text(node: DOMNode, text: str) -> None:
    """Copy with the terminal's OSC 52 and say what that depends on (the file fallback is ctrl+o)."""
    node.app.copy_to_clipboard(text)
    node.app.notify(CLIPBOARD_CAVEAT, timeout=8)


def write_in_background(node: DOMNode, target: Path, text: str, done: str = "Saved to") -> None:
    """Write a file atomically off the UI thread and say how it went (exports, prep sheets, messages)."""

    def write() -> None:
        try:
            atomic_write_text(target, text)
        except OSError as exc:
            node.app.call_from_thread(notify, node.app, f"Could not write {target}: {exc}", severity="error")
            return
        node.app.call_from_thread(notify, node.app, f"{done} {target}")

    node.run_worker(write, thread=True, exit_on_error=False, group="write-file")


class InterviewScreen(AppScreen):
    """A full screen about one interview whose typed text saves itself after a short pause, and at once
    when the screen is left or the app quits (`flush`). Subclasses write their fields in `save_typed`."""

    AUTOSAVE_DELAY = 0.4

    def __init__(self, interview_id: RecordId) -> None:
        super().__init__()
        self.interview_id = interview_id
        self._autosave: Timer | None = None

    @property
    def interview(self) -> Interview:
        found = self.store.interviews.get(self.interview_id)
        assert found is not None
        return found

    @property
    def contact(self) -> Contact | None:
        return self.store.contacts.get(self.interview.contact_id)

    def schedule_save(self) -> None:
        """Something was typed: save it after the pause (typing again restarts the pause)."""
        if self._autosave is not None:
            self._autosave.stop()
        self._autosave = self.set_timer(self.AUTOSAVE_DELAY, self._save_now)

    def _save_now(self) -> None:
        self._autosave = None
        self.save_typed()

    def save_typed(self) -> None:
        """Write what is typed into the store."""

    def flush(self) -> None:
        """Save typed text now (leaving the screen, quitting)."""
        if self._autosave is not None:
            self._autosave.stop()
            self._save_now()

    def on_mount(self) -> None:
        self.infoview.hold_typed_text(self)

    def on_unmount(self) -> None:
        self.infoview.release_typed_text(self)
        try:
            self.flush()
        except NoMatches:  # already torn down (the app is quitting): the app flushed before that
            pass

    def action_back(self) -> None:
        self.flush()
        self.dismiss(None)
