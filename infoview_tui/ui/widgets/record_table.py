"""Provides RecordTable: a virtual table that draws only the lines on screen, so 10,000+ rows filter as you type.

DataTable takes ~1.6 s to rebuild 10k rows and ListView builds a widget per row. RecordTable keeps rows as plain
tuples, pre-computes each row's search text once in `set_rows`, filters with substring tests into a list of row
indexes (narrowing the previous result when the new filter extends the old one), and renders with
the Line API: every repaint costs the same whether there are 10 rows or 100,000. Given `LazyRows` (keys and search
texts up front, cells on demand), it builds only the rows that are drawn.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, overload

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from infoview_tui.domain.safe_text import visible_controls
from infoview_tui.stages.identify.listing import filter_terms, narrows, rows_matching
from infoview_tui.ui.type_ahead import post_and_hold

__all__ = ["Column", "LazyRows", "RecordTable", "TableRow"]

Tone = Literal["", "due", "overdue", "muted", "done"]

_MIN_FLEX_WIDTH = 8
"""A flexible column never gets narrower than this; past that the table scrolls horizontally."""
_GAP = 1
"""Spaces between columns."""
_ELLIPSIS = "…"
_LINE_BREAKS_TO_SPACE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
"""Tabs and newlines in user text would break a line: draw them as spaces (other controls as U+FFFD)."""
_TONE_CLASSES = {
    "due": "record-table--due",
    "overdue": "record-table--overdue",
    "muted": "record-table--muted",
    "done": "record-table--done",
}


@dataclass(frozen=True, slots=True)
class Column:
    """A column heading and how much room it gets."""

    label: str
    """Heading text (plain, never markup)."""
    width: int | None = None
    """Cells wide; None shares the remaining width equally with other flexible columns (at least 8)."""
    align: Literal["left", "right"] = "left"
    """Right-aligned columns pad on the left (numbers, dates)."""
    hide_order: int = 0
    """0: always shown. Otherwise, when the columns do not fit the table's width, the column with the highest
    `hide_order` is left out first, then the next, until the rest fit (an 80-column terminal keeps what
    matters and drops the rest rather than cutting every column to a few characters)."""


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row: a stable key, the text of each cell, what the filter matches and an optional tone."""

    key: str
    """Stable id (a contact id as str, say); the cursor follows it across `set_rows`."""
    cells: tuple[str, ...]
    """Plain text, one per column; user text, so never parsed as markup."""
    search: str = ""
    """Text the filter matches; defaults to the cells joined by spaces. Stored case-folded."""
    tone: str = ""
    """"" | "due" | "overdue" | "muted" | "done": colours the row text."""

    def __post_init__(self) -> None:
        """Fill in and case-fold `search` once, so filtering never has to."""
        object.__setattr__(self, "search", (self.search or " ".join(self.cells)).casefold())


class LazyRows(Sequence[TableRow]):
    """Rows whose keys and search texts are known up front and whose cells are built when first drawn.

    A list of 10,000 contacts needs every key (the cursor follows it) and every search text (the filter), but
    only the few dozen rows on screen need their cells: `build(index)` makes row `index` (its key must be
    `keys[index]`), once.
    """

    def __init__(
        self,
        keys: Sequence[str],
        searches: Sequence[str],
        build: Callable[[int], TableRow],
        *,
        folded: bool = False,
    ) -> None:
        if len(keys) != len(searches):
            raise ValueError("one search text per key")
        self.keys = list(keys)
        """Every row's key, in order."""
        self.searches = list(searches) if folded else [text.casefold() for text in searches]
        """Every row's search text, case-folded (`folded`: they were given so)."""
        self._build = build
        self._built: dict[int, TableRow] = {}

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, index: int) -> TableRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[TableRow]: ...

    def __getitem__(self, index: int | slice) -> TableRow | list[TableRow]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self.keys):
            raise IndexError(index)
        row = self._built.get(index)
        if row is None:
            row = self._build(index)
            self._built[index] = row
        return row


def fit_cell(text: str, width: int, align: Literal["left", "right"] = "left") -> str:
    """`text` padded or truncated with "…" to exactly `width` terminal cells (wide characters count 2)."""
    if width <= 0:
        return ""
    if not text.isprintable():  # fast path: most cells are printable
        text = visible_controls(text.translate(_LINE_BREAKS_TO_SPACE), multiline=False)
    length = cell_len(text)
    if length > width:
        # set_cell_size pads with a space where a wide character would be split; drop that before the "…".
        text = set_cell_size(text, width - 1).rstrip(" ") + _ELLIPSIS
        length = cell_len(text)
    padding = " " * (width - length)
    return padding + text if align == "right" else text + padding


class RecordTable(ScrollView, can_focus=True):
    """A fast, read-only table with a sticky header, a row cursor and filter-as-you-type.

    Screens give it rows with `set_rows` and a filter with `set_filter`; it posts `Highlighted` when the cursor
    row changes and `Selected` on Enter or a click.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-table--header",
        "record-table--cursor",
        "record-table--even",
        "record-table--due",
        "record-table--overdue",
        "record-table--muted",
        "record-table--done",
    }

    DEFAULT_CSS = """
    RecordTable {
        height: 1fr;
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .record-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .record-table--header { background-tint: $foreground 5%; }
        }
        & > .record-table--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .record-table--header { background: ansi_bright_blue; color: ansi_default; }
        & > .record-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .record-table--even { background: $surface-lighten-1 50%; }
        &:dark > .record-table--even { background: $surface-darken-1 40%; }
        & > .record-table--due { color: $warning; }
        & > .record-table--overdue { color: $error; text-style: bold; }
        & > .record-table--muted { color: $text-muted; }
        & > .record-table--done { color: $success; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False, id="record-table.cursor-up"),
        Binding("down", "cursor_down", "Down", show=False, id="record-table.cursor-down"),
        Binding("pageup", "cursor_page_up", "Page up", show=False, id="record-table.page-up"),
        Binding("pagedown", "cursor_page_down", "Page down", show=False, id="record-table.page-down"),
        Binding("home", "cursor_first", "First", show=False, id="record-table.first"),
        Binding("end", "cursor_last", "Last", show=False, id="record-table.last"),
        Binding("enter", "select_cursor", "Open", tooltip="Open the highlighted row", id="record-table.open"),
    ]

    class Highlighted(Message):
        """The cursor moved to another row (`key` is None when no row is visible). Floods coalesce."""

        def __init__(self, table: RecordTable, key: str | None) -> None:
            self.table = table
            """The table whose cursor moved."""
            self.key = key
            """Key of the highlighted row, or None when no row is visible."""
            super().__init__()

        @property
        def control(self) -> RecordTable:
            """The table, so `@on(RecordTable.Highlighted, "#id")` works."""
            return self.table

        def can_replace(self, message: Message) -> bool:
            """A newer highlight from the same table makes this one pointless (holding a key down)."""
            return isinstance(message, RecordTable.Highlighted) and message.table is self.table

    class Selected(Message):
        """A row was chosen with Enter or a click."""

        def __init__(self, table: RecordTable, key: str) -> None:
            self.table = table
            """The table the row belongs to."""
            self.key = key
            """Key of the chosen row."""
            super().__init__()

        @property
        def control(self) -> RecordTable:
            """The table, so `@on(RecordTable.Selected, "#id")` works."""
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        empty_text: str = "Nothing here.",
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._columns: tuple[Column, ...] = tuple(columns)
        self.empty_text = empty_text
        """Shown (muted) when there are no rows and no filter."""
        self._rows: Sequence[TableRow] = []
        self._keys: list[str] = []
        """Every row's key, in order (the rows themselves may be built only when drawn)."""
        self._searches: Sequence[str] = []
        """Every row's case-folded search text, in order."""
        self._matches: Sequence[int] = range(0)
        """The indexes (in `_rows`) of the rows the filter lets through, ascending: a `range` while nothing is
        filtered out (a row's place is found by bisecting this, not from a table of keys: ~0.5 MiB each at
        10,000 rows)."""
        self._filter_text = ""
        self._terms: tuple[str, ...] = ()
        self._cursor = -1
        """Position of the cursor in `_matches`, -1 when nothing is visible."""
        self._highlighted_key: str | None = None
        """The key last announced with Highlighted, so moves within the same row stay quiet."""
        self._widths_cache: tuple[int, tuple[int, ...]] = (-1, ())
        self._update_virtual_size()

    # Public API ------------------------------------------------------------------------------------------------

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns, as given."""
        return self._columns

    @property
    def filter_text(self) -> str:
        """The filter as last passed to `set_filter`."""
        return self._filter_text

    @property
    def cursor_key(self) -> str | None:
        """Key of the highlighted row, or None when no row is visible."""
        if self._cursor < 0:
            return None
        return self._keys[self._matches[self._cursor]]

    @property
    def row_count(self) -> int:
        """Rows the filter lets through."""
        return len(self._matches)

    @property
    def total_count(self) -> int:
        """All rows, filtered or not."""
        return len(self._rows)

    @property
    def visible_keys(self) -> list[str]:
        """Keys of the rows the filter lets through, in order."""
        keys = self._keys
        return [keys[index] for index in self._matches]

    def set_rows(self, rows: Sequence[TableRow]) -> None:
        """Replace every row; the cursor stays on the same key if it is still visible, and the filter is re-applied.

        `LazyRows` are kept as given: only the rows drawn are ever built.
        """
        old_key = self.cursor_key
        old_cursor = self._cursor
        if isinstance(rows, LazyRows):
            self._rows, self._keys, searches = rows, rows.keys, rows.searches
        else:
            self._rows = list(rows)
            self._keys = [row.key for row in self._rows]
            searches = [row.search for row in self._rows]
        self._searches = searches
        self._matches = rows_matching(searches, range(len(searches)), self._terms)
        position = self._position_of(old_key)
        if position is None:
            # The row went away (deleted, say): stay at the same height rather than jump to the top.
            position = min(max(old_cursor, 0), len(self._matches) - 1)
        self._after_change(position)

    def set_filter(self, text: str) -> None:
        """Show only rows whose search text contains every whitespace-separated term (case-insensitive)."""
        self._filter_text = text
        terms = filter_terms(text)
        if terms == self._terms:
            return
        old_key = self.cursor_key
        source = self._matches if narrows(self._terms, terms) else range(len(self._searches))
        self._terms = terms
        self._matches = rows_matching(self._searches, source, terms)
        position = self._position_of(old_key)
        self._after_change(0 if position is None else position)

    def move_to_key(self, key: str) -> bool:
        """Put the cursor on `key` and scroll it into view; False if that row is not visible."""
        position = self._position_of(key)
        if position is None:
            return False
        self._move_cursor(position)
        return True

    # Filtering -------------------------------------------------------------------------------------------------

    def _position_of(self, key: str | None) -> int | None:
        """Where the row with `key` sits among the visible rows, or None."""
        if key is None:
            return None
        try:
            index = self._keys.index(key)  # keys are record ids, one per row; ~0.3 ms at 10,000 rows at most
        except ValueError:
            return None
        matches = self._matches
        position = bisect_left(matches, index)
        if position < len(matches) and matches[position] == index:
            return position
        return None

    def _after_change(self, position: int) -> None:
        """Rows or filter changed: resize the scroll area, place the cursor, repaint."""
        self._update_virtual_size()
        self._cursor = position if self._matches else -1
        if self.is_mounted and self.scroll_offset.y > self.max_scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False, force=True)
        self._scroll_to_cursor()
        self.refresh()
        self._announce()

    # Cursor ----------------------------------------------------------------------------------------------------

    @property
    def _page_rows(self) -> int:
        """Rows that fit under the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def _move_cursor(self, position: int) -> None:
        """Move the cursor to `position` (clamped), scroll it into view and announce the change."""
        if not self._matches:
            return
        position = max(0, min(position, len(self._matches) - 1))
        old = self._cursor
        if position != old:
            self._cursor = position
            scroll_y = self.scroll_offset.y
            self.refresh_lines(old + 1, 1)
            self.refresh_lines(position + 1, 1)
            self._scroll_to_cursor()
            if self.scroll_offset.y != scroll_y:
                self.refresh()
        self._announce()

    def _scroll_to_cursor(self) -> None:
        """Scroll the least distance that shows the cursor row below the sticky header."""
        if self._cursor < 0 or not self.is_mounted:
            return
        visible = self.scrollable_content_region.height - 1
        if visible <= 0:
            return  # Not laid out yet: on_resize calls again.
        top = self.scroll_offset.y
        if self._cursor < top:
            target = self._cursor
        elif self._cursor > top + visible - 1:
            target = self._cursor - visible + 1
        else:
            return
        self.scroll_to(y=target, animate=False, force=True)

    def _announce(self) -> None:
        """Post Highlighted if the cursor row's key changed since the last one."""
        key = self.cursor_key
        if key != self._highlighted_key:
            self._highlighted_key = key
            self.post_message(self.Highlighted(self, key))

    def action_cursor_up(self) -> None:
        """Move the cursor up one row."""
        self._move_cursor(self._cursor - 1)

    def action_cursor_down(self) -> None:
        """Move the cursor down one row."""
        self._move_cursor(self._cursor + 1)

    def action_cursor_page_up(self) -> None:
        """Move the cursor and the view up a page."""
        page = self._page_rows
        if self.is_mounted:
            self.scroll_to(y=self.scroll_offset.y - page, animate=False, force=True)
        self._move_cursor(self._cursor - page)
        self.refresh()

    def action_cursor_page_down(self) -> None:
        """Move the cursor and the view down a page."""
        page = self._page_rows
        if self.is_mounted:
            self.scroll_to(y=self.scroll_offset.y + page, animate=False, force=True)
        self._move_cursor(self._cursor + page)
        self.refresh()

    def action_cursor_first(self) -> None:
        """Move the cursor to the first row."""
        self._move_cursor(0)

    def action_cursor_last(self) -> None:
        """Move the cursor to the last row."""
        self._move_cursor(len(self._matches) - 1)

    def action_select_cursor(self) -> None:
        """Post Selected for the highlighted row; the keys typed behind it wait until the screen has handled it
        (it opens the row's screen or dialog: they go there, not to this list)."""
        key = self.cursor_key
        if key is not None:
            post_and_hold(self, self.Selected(self, key))

    # Events ----------------------------------------------------------------------------------------------------

    async def _on_click(self, event: events.Click) -> None:
        """A click on a row moves the cursor there and selects it; the header ignores clicks.

        The second click of a double click is ignored, so a double click opens the row once, not twice.
        """
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or event.chain > 1:
            return
        position = self.scroll_offset.y + offset.y - 1
        if 0 <= position < len(self._matches):
            event.stop()
            self._move_cursor(position)
            self.action_select_cursor()

    def _on_resize(self, event: events.Resize) -> None:
        """Keep the cursor on screen after the table changes size."""
        self._scroll_to_cursor()

    def _on_focus(self, event: events.Focus) -> None:
        """Repaint so the cursor switches to its focused style."""
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        """Repaint so the cursor switches to its dimmer style."""
        self.refresh()

    # Rendering -------------------------------------------------------------------------------------------------

    @staticmethod
    def _needed(columns: Sequence[Column]) -> int:
        """Cells `columns` need at the least (flexible ones at their minimum), gaps included."""
        fixed = sum(max(0, column.width) for column in columns if column.width is not None)
        flexible = sum(1 for column in columns if column.width is None)
        return fixed + flexible * _MIN_FLEX_WIDTH + _GAP * max(0, len(columns) - 1)

    @property
    def _min_width(self) -> int:
        """Cells the columns that are never left out need; narrower than that, the table scrolls sideways."""
        return self._needed([column for column in self._columns if not column.hide_order])

    def shown_columns(self, available: int) -> tuple[int, ...]:
        """Indexes of the columns shown at `available` cells: those with the highest `hide_order` are left
        out, one at a time, until the rest fit."""
        shown = list(range(len(self._columns)))
        columns = self._columns
        while self._needed([columns[i] for i in shown]) > available:
            hideable = [i for i in shown if columns[i].hide_order]
            if not hideable:
                break
            shown.remove(max(hideable, key=lambda i: columns[i].hide_order))
        return tuple(shown)

    def _update_virtual_size(self) -> None:
        """Header line plus one line per visible row (or one for the empty message)."""
        self.virtual_size = Size(self._min_width, 1 + max(1, len(self._matches)))

    def _column_widths(self, available: int) -> tuple[int, ...]:
        """Fixed widths as given; flexible columns share what is left equally, the first ones take the remainder.
        A column left out at this width (see `shown_columns`) gets -1."""
        cached_for, widths = self._widths_cache
        if cached_for == available:
            return widths
        shown = self.shown_columns(available)
        columns = [self._columns[i] for i in shown]
        flexible = [i for i in shown if self._columns[i].width is None]
        fixed = sum(max(0, column.width) for column in columns if column.width is not None)
        spare = available - fixed - _GAP * max(0, len(columns) - 1)
        result = [max(0, column.width or 0) if i in shown else -1 for i, column in enumerate(self._columns)]
        if flexible:
            share, extra = divmod(max(0, spare), len(flexible))
            for order, i in enumerate(flexible):
                result[i] = max(_MIN_FLEX_WIDTH, share + (1 if order < extra else 0))
        widths = tuple(result)
        self._widths_cache = (available, widths)
        return widths

    def _line_text(self, cells: Sequence[str], widths: tuple[int, ...]) -> str:
        """The cells fitted to their columns and joined with the gap."""
        columns = self._columns
        parts = [
            fit_cell(cells[i] if i < len(cells) else "", width, column.align)
            for i, (column, width) in enumerate(zip(columns, widths, strict=False))
            if width >= 0
        ]
        return (" " * _GAP).join(parts)

    def render_line(self, y: int) -> Strip:
        """Line 0 is the sticky header; line y shows visible row `scroll_y + y - 1`."""
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        base = self.rich_style
        full_width = max(width, self._min_width)
        widths = self._column_widths(full_width)
        get_style = self.get_component_rich_style

        if y == 0:
            text = self._line_text([column.label for column in self._columns], widths)
            style = get_style("record-table--header")
        elif not self._matches:
            if y != 1:
                return Strip.blank(width, base)
            if self._terms:
                message = f"No matches for '{' '.join(self._filter_text.split())}'"
            else:
                message = self.empty_text
            text = fit_cell(" " + message, full_width)
            style = base + get_style("record-table--muted")
        else:
            position = scroll_y + y - 1
            if position >= len(self._matches):
                return Strip.blank(width, base)
            row = self._rows[self._matches[position]]
            text = self._line_text(row.cells, widths)
            style = get_style("record-table--even") if position % 2 == 0 else base
            tone_class = _TONE_CLASSES.get(row.tone)
            if tone_class is not None:
                tone = get_style(tone_class)
                style = style + tone.without_color + Style.from_color(tone.color)
            if position == self._cursor:
                style = style + get_style("record-table--cursor")

        length = cell_len(text)
        if length < full_width:
            text += " " * (full_width - length)
            length = full_width
        strip = Strip([Segment(text, style)], length)
        if scroll_x or length != width:
            strip = strip.crop_extend(scroll_x, scroll_x + width, style)
        return strip
