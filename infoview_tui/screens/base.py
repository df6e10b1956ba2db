"""Provides the base for section screens: the section bar, the Footer, store access and record reveal."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from infoview_tui.agenda import Section
from infoview_tui.dates import Clock
from infoview_tui.store import Store
from infoview_tui.widgets import SectionBar

if TYPE_CHECKING:
    from infoview_tui.app import InfoviewApp


class SectionScreen(Screen[None]):
    """A top-level section: subclasses set SECTION and compose their body."""

    SECTION: Section = Section.DASHBOARD
    _shown: tuple[int, object] | None = None
    """The store version and minute last shown."""

    @property
    def infoview(self) -> InfoviewApp:
        return cast("InfoviewApp", self.app)

    @property
    def store(self) -> Store:
        return self.infoview.store

    @property
    def clock(self) -> Clock:
        return self.store.clock

    def compose(self) -> ComposeResult:
        yield SectionBar(self.SECTION, note="DEMO DATA" if self.infoview.demo else "")
        if self.store.loaded:
            yield from self.compose_body()
        else:
            # A large file is still being read in the background: paint the frame now, the body when ready.
            yield Static("Loading your data…", classes="loading-state")
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        """The section's own widgets."""
        yield from ()

    async def on_screen_resume(self) -> None:
        await self.refresh_data()

    async def refresh_data(self, force: bool = False) -> None:
        """Show the store's data; while the app is still reading the file, the loading line stays.

        Coming back to a section rebuilds it only when the data changed or a minute passed (due dates move).
        """
        if not self.store.loaded:
            return
        if self.query(".loading-state"):
            await self.recompose()
            force = True
        stamp = (self.store.version, self.clock.now().replace(second=0, microsecond=0))
        if force or stamp != self._shown:
            self._shown = stamp
            self.reload()

    def reload(self) -> None:
        """Read the store again and show it."""

    def reveal(self, record_id: int) -> None:
        """Bring one record into view (Enter on a Dashboard item lands here)."""


def move_cursor_to_key(table: DataTable[object], key: str) -> bool:
    """Put a DataTable's cursor on the row with `key`; False if it is not there."""
    try:
        index = table.get_row_index(key)
    except Exception:  # noqa: BLE001 - RowDoesNotExist
        return False
    table.move_cursor(row=index, animate=False)
    table.focus()
    return True


Row = tuple[str, tuple[object, ...]]
"""A table row: its key and its cells."""


class RecordListScreen(SectionScreen):
    """A section that lists records in a table, with an empty state that says what to do."""

    COLUMNS: tuple[str, ...] = ()
    EMPTY = "Nothing here yet."

    def compose_body(self) -> ComposeResult:
        yield Static(id="list-summary")
        table: DataTable[object] = DataTable(id="records", cursor_type="row", zebra_stripes=True)
        table.add_columns(*self.COLUMNS)
        yield table
        yield Static(self.EMPTY, id="empty", classes="empty-state")

    def rows(self) -> list[Row]:
        """The rows to show, in order."""
        return []

    def summary(self, count: int) -> str:
        return ""

    def reload(self) -> None:
        from textual.widgets import Static

        table: DataTable[object] = self.query_one("#records", DataTable)
        current = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value if table.row_count else None
        rows = self.rows()
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        self.set_class(not rows, "-empty")
        self.query_one("#list-summary", Static).update(self.summary(len(rows)))
        if current is not None:
            move_cursor_to_key(table, current)
        if rows:
            table.focus()

    def reveal(self, record_id: int) -> None:
        self.reload()
        move_cursor_to_key(self.query_one("#records", DataTable), str(record_id))
