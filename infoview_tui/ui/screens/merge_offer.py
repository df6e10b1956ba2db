"""Provides the start-up offer to merge the conflict copies sync tools left beside the data file.

Once the Dashboard shows the data, a worker looks beside the file (`store.conflict_copies`), reads and
checks each copy and works out what merging it would do; then, one copy at a time, a dialog offers to merge
it (m), not now (n / escape), or never for this copy (v). A merged copy goes into backups/; what happened is
said in a notification. The merge is the store's (`Store.merge_copy`), the same engine as `infoview-tui
merge` and as an outside change while the app runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from infoview_tui.store.conflict_copies import (
    ConflictCopy,
    find_conflict_copies,
    ignore_copy,
    ignored_copies,
    put_away,
)
from infoview_tui.store.errors import DataFileError, UnusableData
from infoview_tui.store.merge import MergeReport
from infoview_tui.store.other_copy import read_other_copy
from infoview_tui.ui.widgets.plain import notify, plain, styled

if TYPE_CHECKING:
    from infoview_tui.ui.app import InfoviewApp

__all__ = ["CopyOffer", "MergeCopyScreen", "offer_conflict_copies"]

Answer = Literal["merge", "later", "never"]


@dataclass(frozen=True, slots=True)
class CopyOffer:
    """One conflict copy, checked, with what merging it would do."""

    copy: ConflictCopy
    tables: dict[str, dict[str, Any]]
    preview: MergeReport
    changed_at: datetime | None


class MergeCopyScreen(ModalScreen[Answer]):
    """Offer to merge one conflict copy: m merges, n or escape asks again next start, v never asks again."""

    BINDINGS = [
        Binding("m", "answer('merge')", "Merge"),
        Binding("n,escape", "answer('later')", "Not now"),
        Binding("v", "answer('never')", "Never for this copy"),
    ]

    def __init__(self, offer: CopyOffer) -> None:
        super().__init__(classes="dialog-screen")
        self.offer = offer

    def compose(self) -> ComposeResult:
        copy = self.offer.copy
        when = f", changed {self.offer.changed_at:%d %b %Y %H:%M}" if self.offer.changed_at else ""
        lines = self.offer.preview.lines(done=False, shown=3)
        with Vertical(classes="dialog"):
            yield Static(styled("Merge another copy of your notebook?", "bold"), classes="dialog-title")
            yield Static(
                plain(
                    f"{copy.tool} left a copy beside your data file: {copy.path.name}{when}. "
                    "Merging it would:\n"
                    + "\n".join(lines)
                    + "\nNothing is lost; the copy then moves to backups/."
                ),
                id="merge-offer-text",
                classes="dialog-message",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain("Merge (m)"), variant="primary", id="merge", compact=True)
                yield Button(plain("Not now (n)"), id="later", compact=True)
                yield Button(plain("Never for this copy (v)"), id="never", compact=True)

    def on_mount(self) -> None:
        self.query_one("#merge", Button).focus()

    def action_answer(self, answer: Answer) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        answer: Answer = (
            "merge" if event.button.id == "merge" else "never" if event.button.id == "never" else "later"
        )
        self.dismiss(answer)


def offer_conflict_copies(app: InfoviewApp) -> None:
    """Look for conflict copies off the UI thread, then offer each (the app's start-up hook)."""
    if app.store.read_only or app.store.holding or app.demo:
        return  # a merge writes the file: not while it is open read-only
    app.run_worker(lambda: _find_offers(app), thread=True, exit_on_error=False, group="conflict-copies")


def _find_offers(app: InfoviewApp) -> None:
    """Worker: every conflict copy beside the file, read, checked and previewed; unusable ones are named."""
    store = app.store
    offers: list[CopyOffer] = []
    problems: list[str] = []
    for copy in find_conflict_copies(store.path):
        try:
            tables = store.check_tables(read_other_copy(copy.path))
        except DataFileError as exc:
            problems.append(str(exc))
            continue
        except UnusableData as exc:
            problems.append(f"{copy.path} cannot be merged: {exc.reason}.")
            continue
        try:
            changed_at: datetime | None = datetime.fromtimestamp(copy.path.stat().st_mtime)
        except OSError:
            changed_at = None
        offers.append(CopyOffer(copy, tables, store.merge_copy(tables, dry_run=True), changed_at))
    for problem in problems:
        app.call_from_thread(
            notify, app, problem, title="A conflict copy was left alone", severity="warning", timeout=20
        )
    if offers:
        app.call_from_thread(_offer_next, app, offers)


def _offer_next(app: InfoviewApp, offers: list[CopyOffer]) -> None:
    """Show the first offer; its answer is acted on, then the next one is shown."""
    if not offers:
        return
    offer, rest = offers[0], offers[1:]
    shown = any(
        isinstance(s, MergeCopyScreen) and s.offer.copy.path == offer.copy.path for s in app.screen_stack
    )
    if shown or not offer.copy.path.exists() or offer.copy.path.name in ignored_copies(app.store.path):
        _offer_next(app, rest)  # offered already (a second look found it too), merged or set to never
        return

    def answered(answer: Answer | None) -> None:
        _act(app, offer, answer or "later")
        app.call_after_refresh(_offer_next, app, rest)

    app.push_screen(MergeCopyScreen(offer), answered)


def _act(app: InfoviewApp, offer: CopyOffer, answer: Answer) -> None:
    store, name = app.store, offer.copy.path.name
    if answer == "never":
        try:
            ignore_copy(store.path, offer.copy.path)
        except OSError as exc:
            notify(app, f"Could not remember that choice: {exc}", severity="warning")
            return
        notify(app, f"{name} will not be offered again; it stays beside your data file.")
        return
    if answer != "merge":
        return
    report = store.merge_copy(offer.tables)
    try:
        moved = put_away(offer.copy.path, store.path)
    except OSError as exc:
        where = f" It could not be moved to backups/ ({exc}); delete it by hand."
    else:
        where = f" The copy is now {moved}."
    notify(app, f"Merged {name}: {report.summary()}.{where}", title="Merged another copy", timeout=20)
    app.call_later(app.refresh_sections)
