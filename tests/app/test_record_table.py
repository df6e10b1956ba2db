"""Pilot tests for RecordTable: cursor keys, Enter and clicks, filtering, rendering, and 10k-row timings."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Sequence

from rich.cells import cell_len
from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Footer

from infoview_tui.ui.widgets import Column, RecordTable, TableRow
from infoview_tui.ui.widgets.record_table import LazyRows, fit_cell

SIZE = (100, 30)
"""Table: 29 lines tall (Footer takes one), so 1 header line and 28 row lines; 100 wide."""
PAGE = 28

COLUMNS = (Column("Name"), Column("Company"), Column("Due", width=10, align="right"))
FIRST = ("Ann", "Bob", "Cleo", "Dana", "Émile", "Farah", "Gus", "Hiro", "Ines", "Jon")
LAST = ("Smith", "Okafor", "Nguyen", "García", "Müller", "Tanaka", "Rossi", "Kowalski", "Ahmed", "Lee")
COMPANIES = ("Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka", "Tyrell", "Dyne")


def make_rows(count: int) -> list[TableRow]:
    """`count` contact-like rows with keys "0", "1", …; names and companies repeat so filters match subsets."""
    return [
        TableRow(
            key=str(i),
            cells=(
                f"{FIRST[i % 10]} {LAST[(i // 10) % 10]} #{i}",
                COMPANIES[(i // 100) % 10],
                f"2026-{i % 12 + 1:02}-{i % 28 + 1:02}",
            ),
            tone=("", "due", "overdue", "muted", "done")[i % 5],
        )
        for i in range(count)
    ]


class TableApp(App[None]):
    """A RecordTable and a Footer; records the messages the table posts."""

    def __init__(self, rows: Sequence[TableRow] = (), columns: Sequence[Column] = COLUMNS) -> None:
        super().__init__()
        self.initial_rows = list(rows)
        self.columns = list(columns)
        self.selected: list[str] = []
        self.highlighted: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield RecordTable(self.columns, empty_text="No contacts yet.", id="table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(RecordTable).set_rows(self.initial_rows)

    def on_record_table_selected(self, message: RecordTable.Selected) -> None:
        self.selected.append(message.key)

    @on(RecordTable.Highlighted, "#table")
    def remember_highlight(self, message: RecordTable.Highlighted) -> None:
        self.highlighted.append(message.key)


class ComposeTimeApp(App[None]):
    """Rows given before the table is mounted, the way a screen's compose might."""

    def compose(self) -> ComposeResult:
        table = RecordTable(COLUMNS)
        table.set_rows(make_rows(40))
        table.set_filter("ann")
        assert table.move_to_key("30")
        yield table


def line(table: RecordTable, y: int) -> str:
    """Text of the table's content line `y` (0 is the header)."""
    return table.render_line(y).text


async def test_exports_and_row_defaults() -> None:
    row = TableRow("7", ("Ann SMITH", "Straße"))
    assert row.search == "ann smith strasse"
    assert TableRow("8", ("x",), search="Custom TEXT").search == "custom text"
    table = RecordTable(COLUMNS)
    assert (table.row_count, table.total_count, table.cursor_key, table.filter_text) == (0, 0, None, "")


async def test_rows_and_filter_can_be_set_before_mount() -> None:
    app = ComposeTimeApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.query_one(RecordTable)
        assert table.visible_keys == ["0", "10", "20", "30"] and table.cursor_key == "30"
        assert "#30" in line(table, 4)
        await pilot.press("up")
        assert table.cursor_key == "20"


async def test_keys_move_the_cursor_and_keep_it_in_view() -> None:
    app = TableApp(make_rows(100))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        assert app.focused is table
        assert table.cursor_key == "0"
        await pilot.press("down", "down")
        assert table.cursor_key == "2"
        await pilot.press("up")
        assert table.cursor_key == "1"
        await pilot.press("pagedown")
        assert table.cursor_key == str(1 + PAGE)
        await pilot.press("pageup")
        assert table.cursor_key == "1"
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_key == "99"
        assert table.scroll_offset.y == table.max_scroll_y > 0
        # The last row sits on the last line and the header stays on top.
        assert "#99" in line(table, PAGE) and "Name" in line(table, 0)
        await pilot.press("up")
        assert table.cursor_key == "98"
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_key == "0"
        assert table.scroll_offset.y == 0
        assert "#0" in line(table, 1)
        await pilot.press("up")  # already at the top: stays
        assert table.cursor_key == "0"


async def test_enter_posts_selected_and_moves_post_highlighted() -> None:
    app = TableApp(make_rows(20))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        assert app.highlighted == ["0"]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.selected == ["2"]
        assert app.highlighted[-1] == "2"
        assert set(app.highlighted) <= {"0", "1", "2"}  # floods may coalesce; the last one always arrives
        assert table.move_to_key("15") is True
        await pilot.pause()
        assert app.highlighted[-1] == "15"
        await pilot.press("enter")
        await pilot.pause()
        assert app.selected == ["2", "15"]
        active = app.screen.active_bindings["enter"]
        assert active.binding.description == "Open" and active.binding.show


async def test_highlighted_messages_coalesce_per_table() -> None:
    first, second = RecordTable(COLUMNS), RecordTable(COLUMNS)
    older = RecordTable.Highlighted(first, "1")
    assert older.can_replace(RecordTable.Highlighted(first, "2"))
    assert not older.can_replace(RecordTable.Highlighted(second, "2"))
    assert not older.can_replace(RecordTable.Selected(first, "2"))
    assert RecordTable.Selected(first, "1").control is first


async def test_filter_is_case_insensitive_and_all_terms_must_match() -> None:
    app = TableApp(make_rows(300))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        table.set_filter("ANN  smith")
        assert table.filter_text == "ANN  smith"
        assert table.visible_keys == ["0", "100", "200"]
        assert (table.row_count, table.total_count) == (3, 300)
        table.set_filter("smith ann")  # order of terms does not matter
        assert table.visible_keys == ["0", "100", "200"]
        table.set_filter("ann smith globex")
        assert table.visible_keys == ["100"]
        table.set_filter("émile")  # non-ASCII folds too
        assert table.row_count == 30
        table.set_filter("MÜLLER émile")
        assert table.visible_keys == ["44", "144", "244"]
        table.set_filter("   ")
        assert table.row_count == 300
        await pilot.pause()
        assert table.cursor_key == "44"  # clearing the filter keeps the row you were on, in view
        assert any("#44 " in line(table, y) for y in range(1, PAGE + 1))


async def test_incremental_filtering_matches_a_full_scan() -> None:
    rows = make_rows(1000)
    app = TableApp(rows)
    async with app.run_test(size=SIZE):
        table = app.query_one(RecordTable)
        # Typing, deleting, adding and replacing terms: narrowing must never lose or keep the wrong rows.
        typed = "a an ann ann_ ann_s ann_sm ann_s an_s s_ann nn ann_2026-0 ann_2026-01 2026-01_ann o ok okafor_acme"
        for text in [*(word.replace("_", " ") for word in typed.split()), "okafor", "", "#99", "#9"]:
            table.set_filter(text)
            terms = text.casefold().split()
            expected = [row.key for row in rows if all(term in row.search for term in terms)]
            assert table.visible_keys == expected, text


async def test_no_matches_and_empty_tables_say_so_and_cursor_is_none() -> None:
    app = TableApp(make_rows(10))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        table.set_filter("zzz")
        await pilot.pause()
        assert table.cursor_key is None and table.row_count == 0
        assert "No matches for 'zzz'" in line(table, 1)
        assert app.highlighted[-1] is None
        table.set_filter("")
        table.set_rows([])
        await pilot.pause()
        assert "No contacts yet." in line(table, 1)
        assert line(table, 2).strip() == ""
        await pilot.press("down", "end", "enter")
        assert app.selected == [] and table.cursor_key is None
        table.set_rows(make_rows(3))
        await pilot.pause()
        assert table.cursor_key == "0"
        assert app.highlighted[-1] == "0"


async def test_user_text_is_never_markup() -> None:
    rows = [
        TableRow("1", ("[bold]Ann[/bold]", "[red]x", "[link=x]y")),
        TableRow("2", ("tab\there", "new\nline", "")),
    ]
    app = TableApp(rows)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        assert "[bold]Ann[/bold]" in line(table, 1) and "[red]x" in line(table, 1)
        second = table.render_line(2)
        assert "tab here" in second.text and "new line" in second.text
        assert second.cell_length == table.size.width
        table.set_filter("[red")
        assert table.visible_keys == ["1"]


async def test_set_rows_keeps_the_cursor_on_the_same_key() -> None:
    rows = make_rows(50)
    app = TableApp(rows)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        assert table.move_to_key("40")
        table.set_rows(list(reversed(rows)))
        assert table.cursor_key == "40"
        assert table.visible_keys[0] == "49"
        # The highlighted row is deleted: the cursor stays at the same height.
        position = table.visible_keys.index("40")
        table.set_rows([row for row in reversed(rows) if row.key != "40"])
        assert table.cursor_key == table.visible_keys[position] == "39"
        # The filter is re-applied to new rows.
        table.set_filter("ann")
        table.set_rows(make_rows(60))
        assert table.visible_keys == ["0", "10", "20", "30", "40", "50"]


async def test_move_to_key_scrolls_into_view_and_refuses_hidden_rows() -> None:
    app = TableApp(make_rows(500))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        assert table.move_to_key("321")
        await pilot.pause()
        assert table.cursor_key == "321"
        shown = [line(table, y) for y in range(1, PAGE + 1)]
        assert any("#321 " in text for text in shown)
        table.set_filter("ann")
        assert table.move_to_key("7") is False
        assert table.move_to_key("missing") is False
        assert table.move_to_key("300")
        assert table.cursor_key == "300"


async def test_clicking_a_row_moves_the_cursor_and_selects_it() -> None:
    app = TableApp(make_rows(100))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        assert await pilot.click(RecordTable, offset=(5, 3))  # line 3 = third row
        await pilot.pause()
        assert table.cursor_key == "2"
        assert app.selected == ["2"]
        await pilot.click(RecordTable, offset=(5, 0))  # the header: nothing
        await pilot.pause()
        assert app.selected == ["2"]
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        top = table.scroll_offset.y
        assert top > 0
        await pilot.click(RecordTable, offset=(5, 1))  # first row line, scrolled
        await pilot.pause()
        assert app.selected == ["2", str(top)]
        await pilot.double_click(RecordTable, offset=(5, 2))  # opens once, not twice
        await pilot.pause()
        assert app.selected == ["2", str(top), str(top + 1)]


async def test_truncation_and_wide_characters_keep_columns_aligned() -> None:
    columns = (Column("Name", width=12), Column("Notes"), Column("Due", width=10, align="right"))
    rows = [
        TableRow("1", ("Ann Smith-Jones the Third", "short", "2026-01-05")),
        TableRow("2", ("山田太郎さんと鈴木さん", "絵文字 😀😀😀 " * 20, "明日")),
        TableRow("3", ("😀😀😀😀😀😀😀", "x", "today")),
        TableRow("4", ("a", "", "")),
    ]
    app = TableApp(rows, columns)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        width = table.size.width
        assert width == 100
        lines = [table.render_line(y) for y in range(6)]
        for strip in lines:
            assert strip.cell_length == width
        texts = [strip.text for strip in lines]
        assert texts[1].startswith("Ann Smith-J… ")
        assert "…" in texts[2] and "…" in texts[3]
        notes_start = 12 + 1
        due_start = width - 10
        for text in texts[:5]:
            # Column boundaries sit at the same cell offsets on every line.
            assert cell_len(_prefix_cells(text, notes_start)) == notes_start
            assert text[len(_prefix_cells(text, notes_start)) - 1] == " "
        assert texts[0].rstrip().endswith("Due") and cell_len(texts[0].rstrip()) == width
        assert texts[2].endswith("      明日") and texts[1].endswith("2026-01-05")
        assert cell_len(_prefix_cells(texts[2], due_start)) == due_start


def _prefix_cells(text: str, cells: int) -> str:
    """The characters of `text` that fill its first `cells` cells (asserts a wide character is not split)."""
    total = 0
    for index, char in enumerate(text):
        if total == cells:
            return text[:index]
        total += cell_len(char)
        assert total <= cells + 1
    return text


def test_fit_cell_always_returns_the_exact_width() -> None:
    samples = ("", "a", "hello world", "日本語テキスト", "😀a😀b😀", "é́e", "tab\tnew\nline", "a" * 50)
    for text in samples:
        for width in range(14):
            for align in ("left", "right"):
                fitted = fit_cell(text, width, align)
                assert cell_len(fitted) == width, (text, width, align, fitted)
    assert fit_cell("日本語", 4) == "日… "
    assert fit_cell("abcdef", 4) == "abc…"
    assert fit_cell("ab", 5, "right") == "   ab"


async def test_flexible_columns_share_the_width_and_follow_resizes() -> None:
    app = TableApp(make_rows(5))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        # 100 - 10 (Due) - 2 gaps = 88, shared by Name and Company.
        header = line(table, 0)
        assert header.index("Company") == 45 and header.rstrip().endswith("Due")
        await pilot.resize_terminal(60, 30)
        await pilot.pause()
        header = line(table, 0)
        assert len(header) == 60 and header.index("Company") == 25 and header.endswith("Due")
        await pilot.resize_terminal(20, 30)  # narrower than the minimum: flexible columns keep 8 cells
        await pilot.pause()
        assert table.render_line(0).cell_length == table.scrollable_content_region.width
        assert line(table, 0).index("Company") == 9


async def test_columns_that_do_not_fit_are_left_out_highest_hide_order_first() -> None:
    columns = (
        Column("Name", 20),
        Column("Company", 20),
        Column("Title", hide_order=1),
        Column("How", 20, hide_order=3),
        Column("Due", 10, align="right", hide_order=2),
    )
    rows = [TableRow(key="1", cells=("Ann Smith", "Acme", "Engineer", "Cold via LinkedIn", "2026-11-30"))]
    app = TableApp(rows, columns)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()
        # 100 wide: everything fits (20+20+8+20+10 and 4 gaps = 82).
        assert line(table, 0).split() == ["Name", "Company", "Title", "How", "Due"]
        assert line(table, 1).split()[-1] == "2026-11-30"
        await pilot.resize_terminal(75, 30)  # 82 > 75: "How" (hide_order 3) goes first
        await pilot.pause()
        assert line(table, 0).split() == ["Name", "Company", "Title", "Due"]
        assert "Cold" not in line(table, 1) and line(table, 1).rstrip().endswith("2026-11-30")
        await pilot.resize_terminal(55, 30)  # then "Due" (2), then "Title" (1)
        await pilot.pause()
        assert line(table, 0).split() == ["Name", "Company", "Title"]
        await pilot.resize_terminal(45, 30)
        await pilot.pause()
        assert line(table, 0).split() == ["Name", "Company"]
        assert table.virtual_size.width == 41, "only the columns never left out set the scroll width"
        await pilot.resize_terminal(120, 30)  # wide again: all come back
        await pilot.pause()
        assert line(table, 0).split() == ["Name", "Company", "Title", "How", "Due"]


async def test_cursor_zebra_and_tones_have_their_own_styles() -> None:
    app = TableApp(make_rows(10))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()

        def style(y: int) -> object:
            return next(iter(table.render_line(y))).style

        focused_cursor = style(1)
        assert focused_cursor == table.rich_style + table.get_component_rich_style("record-table--cursor")
        assert style(2) != style(4)  # tone "due" vs tone "muted"
        header = style(0)
        assert header is not None and header.bold  # type: ignore[attr-defined]
        table.blur()
        await pilot.pause()
        assert style(1) != focused_cursor  # a dimmer cursor while not focused


async def test_timings_for_10k_rows() -> None:
    rows = [
        TableRow(
            key=str(i),
            cells=(
                f"{FIRST[i % 10]} {LAST[(i // 10) % 10]} {i}",
                f"{COMPANIES[(i // 100) % 10]} {('Labs', 'Group', 'Inc', 'Partners')[i % 4]}",
                f"2026-{i % 12 + 1:02}-{i % 28 + 1:02}",
            ),
            search=f"{FIRST[i % 10]} {LAST[(i // 10) % 10]} {i} {COMPANIES[(i // 100) % 10]} "
            f"{FIRST[i % 10].lower()}.{LAST[(i // 10) % 10].lower()}{i}@example.com product manager berlin",
        )
        for i in range(10_000)
    ]
    app = TableApp(columns=COLUMNS)
    async with app.run_test(size=(120, 36)) as pilot:
        table = app.query_one(RecordTable)
        await pilot.pause()

        started = time.perf_counter()
        table.set_rows(rows)
        set_rows_s = time.perf_counter() - started
        await pilot.pause()

        filter_times: dict[str, float] = {}
        for text in (
            "a",
            "an",
            "ann",
            "ann s",
            "ann smi",
            "ann sm",
            "an",
            "",
            "berlin",
            "zzz",
            "e",
            "er",
            "ber",
        ):
            started = time.perf_counter()
            table.set_filter(text)
            filter_times[text] = time.perf_counter() - started

        # A keystroke as the user sees it: filter, then let Textual repaint.
        table.set_filter("")
        await pilot.pause()
        started = time.perf_counter()
        table.set_filter("okafor")
        await pilot.pause()
        keystroke_s = time.perf_counter() - started

        table.set_filter("")
        table.move_to_key("5000")
        await pilot.pause()
        render_big = _best_render_time(table)
        table.set_rows(rows[:100])
        await pilot.pause()
        render_small = _best_render_time(table)

        worst = max(filter_times, key=filter_times.__getitem__)
        print(
            f"\nRecordTable 10k: set_rows {set_rows_s * 1000:.1f} ms; "
            f"set_filter worst {filter_times[worst] * 1000:.2f} ms ({worst!r}), "
            f"mean {sum(filter_times.values()) / len(filter_times) * 1000:.2f} ms; "
            f"filter+repaint {keystroke_s * 1000:.1f} ms; "
            f"render 36 lines: 10k rows {render_big * 1000:.2f} ms, 100 rows {render_small * 1000:.2f} ms"
        )
        # Generous bounds for shared CI; the targets are 50 ms, 30 ms and 100 ms.
        assert set_rows_s < 0.3
        assert max(filter_times.values()) < 0.3
        assert keystroke_s < 0.5
        assert render_big < max(4 * render_small, 0.02)


def _best_render_time(table: RecordTable) -> float:
    """Fastest of five renders of every line on screen."""
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for y in range(table.size.height):
            table.render_line(y)
        best = min(best, time.perf_counter() - started)
    return best


def test_a_table_of_10k_rows_holds_nothing_per_row_beyond_its_rows() -> None:
    """`set_rows` keeps the rows' keys and search texts as given and, unfiltered, a `range` of them: no pair,
    index or key table per row (those took ~1.5 MiB per list of 10,000 contacts). Filtering keeps only the
    indexes of the rows that match, and a filter on one key still finds it."""
    keys = [f"01M8MR7YP8P2P9W4K1EC8{n:05d}" for n in range(10_000)]
    searches = [f"person {n} acme product manager" for n in range(10_000)]
    rows = LazyRows(keys, searches, lambda index: TableRow(keys[index], (searches[index],)), folded=True)
    table = RecordTable(COLUMNS)
    tracemalloc.start()
    try:
        table.set_rows(rows)
        size, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size < 64 * 1024, f"set_rows kept {size / 1024:.0f} KiB"
    assert table.row_count == table.total_count == 10_000 and table.cursor_key == keys[0]
    table.set_filter("person 9999 ")
    assert table.visible_keys == [keys[9999]]
    assert table.move_to_key(keys[9999]) and table.cursor_key == keys[9999]
    assert not table.move_to_key(keys[5])
