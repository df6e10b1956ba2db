"""The benchmark's screen model: a figure ends when content text is on the rendered screen, never earlier.

scripts/benchmark.py times the app in a pty until given text is on screen. These tests keep its honesty fixes
from regressing without running the benchmark: text split by colour changes is found, while bytes a terminal
never shows (escape sequences, window titles, a burst before the content) never count, and text that a later
frame overwrote is gone.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _load(name: str) -> ModuleType:
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))  # benchmark.py imports ptykeys by name
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


ptykeys = _load("ptykeys")
benchmark = _load("benchmark")

MARK = "Upcoming interviews ("


def screen(data: bytes, cols: int = 60, rows: int = 10) -> Any:
    """A fresh screen model after `data`."""
    result = ptykeys.Screen(cols, rows)
    result.feed(data)
    return result


def test_text_split_across_escape_sequences_is_found() -> None:
    data = b"\x1b[?1049h\x1b[2J\x1b[5;3H\x1b[1;38;2;255;0;0mUpcoming\x1b[0m \x1b[3mintervi\x1b[0mews (84)"
    shown = screen(data)
    assert ptykeys.shows(MARK)(shown)
    assert shown.lines()[4].strip() == "Upcoming interviews (84)"


def test_text_split_across_reads_is_found_once_complete() -> None:
    shown = ptykeys.Screen(60, 10)
    whole = "\x1b[2;1HUpcoming \x1b[1mintervi\x1b[0mews (3) Zoë".encode()
    cut_inside_escape = whole.index(b"[1m")
    cut_inside_utf8 = whole.index("ë".encode()) + 1
    shown.feed(whole[:cut_inside_escape])
    assert not ptykeys.shows(MARK)(shown)
    shown.feed(whole[cut_inside_escape:cut_inside_utf8])
    assert ptykeys.shows(MARK)(shown)
    shown.feed(whole[cut_inside_utf8:])
    assert "Zoë" in shown.lines()[1]
    assert "[1m" not in shown.text()


def test_invisible_bytes_never_match() -> None:
    """The 13-byte burst before the content, a window title, a clipboard write: nothing on screen."""
    data = (
        b"\x1b[?1049h\x1b[?25l\x1b[?1003h\x1b[?2004h"  # modes (the first burst)
        b"\x1b]2;Upcoming interviews (84)\x07"  # a window title holding the very text
        b"\x1b]52;c;VXBjb21pbmcgaW50ZXJ2aWV3cyAo\x1b\\"  # OSC 52 clipboard
        b"\x1bP+qUpcoming interviews (\x1b\\"  # a DCS string
        b"\x1b[38;5;208m\x1b[48;2;1;2;3m"  # colours alone
    )
    shown = screen(data)
    assert not ptykeys.shows(MARK)(shown)
    assert shown.text().strip() == ""


def test_an_empty_or_quiet_stream_is_not_content() -> None:
    shown = screen(b"")
    assert not ptykeys.shows(MARK)(shown)
    assert not ptykeys.shows_line("D")(shown)


def test_overwritten_and_erased_text_is_gone() -> None:
    shown = screen(b"\x1b[3;1HUpcoming interviews (84)")
    assert ptykeys.shows(MARK)(shown)
    shown.feed(b"\x1b[3;1HIdentify\x1b[K")  # the next frame draws over it and erases the rest of the line
    assert not ptykeys.shows(MARK)(shown)
    shown.feed(b"\x1b[5;1HUpcoming interviews (2)\x1b[2J")
    assert not ptykeys.shows(MARK)(shown)


def test_a_count_is_not_found_inside_a_larger_one() -> None:
    shown = screen(b"\x1b[1;1H137 conversations")
    assert not ptykeys.shows("37 conversations")(shown)
    assert ptykeys.shows("137 conversations")(shown)


def test_echo_line_must_be_the_whole_row() -> None:
    shown = screen(b"\x1b[2;1H DATA S   \x1b[3;1H DATA SCIENCE team")
    assert ptykeys.shows_line("DATA S")(shown)
    assert not ptykeys.shows_line("DATA")(shown)
    assert ptykeys.all_of(ptykeys.shows_line("DATA S"), ptykeys.shows("team"))(shown)


def test_wide_characters_and_cursor_moves() -> None:
    """Wide characters take two cells; cursor moves land where a terminal puts them (y overwrites x)."""
    shown = screen("\x1b[1;1H日本\x1b[1;10Hx\x1b[2D\x1b[1Cy".encode(), cols=12, rows=2)
    assert shown.lines()[0] == "日本     y  "


def test_only_keys_that_change_the_screen_are_timed() -> None:
    """A trailing space changes neither the echo nor the count: timing it would time nothing."""
    keys = "AB \x7f\x7f"
    marks: list[str | None] = [
        "5 of 9 contacts",
        "2 of 9 contacts",
        "2 of 9 contacts",
        "2 of 9 contacts",
        "5 of 9 contacts",
    ]
    assert benchmark.typed_states(keys) == ["A", "AB", "AB ", "AB", "A"]
    assert benchmark.measured_keys(keys, marks) == [True, True, False, False, True]


def test_figures_say_timeout_instead_of_a_number() -> None:
    assert benchmark.spread([None, None]) == "TIMEOUT (2 of 2)"
    assert benchmark.spread([0.1, None, 0.3], 1000) == "200 (100–300) ms, TIMEOUT 1 of 3"
    assert benchmark.ratios([2.0, None], [1.0, 1.0]) == [2.0, None]
    assert benchmark.verdict(None, 1.0) == "TIMEOUT"
    assert benchmark.verdict(1.2, 1.3) == "ok"
    assert benchmark.verdict(1.4, 1.3) == "MISSED"


def test_the_memory_target_is_read_on_sessions_that_visited_no_other_section(tmp_path: Path) -> None:
    """At the size whose sections are timed, the loaded-memory target (the issue's: the data loaded, the
    Dashboard filled) is judged on sessions of its own; the figure after every section was visited is printed
    too, without a target, so neither hides the other."""
    data = tmp_path / "demo.json"
    data.write_bytes(b"x" * 2**20)
    Session = benchmark.Session

    def sessions(*loaded_mib: int) -> list[Any]:
        return [Session(start=1.0, rss_kib=60 * 1024, loaded_rss_kib=m * 1024) for m in loaded_mib]

    bare = [Session(start=0.5, rss_kib=34 * 1024) for _ in range(3)]
    _, _, used, visited = benchmark.size_rows(
        10000, data, sessions(95, 96, 97), bare, plain=sessions(78, 79, 81)
    )
    assert used.figure.startswith("79 ") and used.target == "≤ 80 MiB" and used.verdict == "ok"
    assert visited is not None and visited.figure.startswith("96 ")
    assert (visited.target, visited.verdict) == ("", "")
    alone = benchmark.size_rows(10000, data, sessions(95, 96, 97), bare)
    assert alone[2].figure.startswith("96 ") and alone[2].verdict == "MISSED" and alone[3] is None
