"""The plain-text helpers: user text is shown as typed (brackets included), never as markup, with no control
character left to reach the terminal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from infoview_tui.domain.safe_text import BIDI_CONTROLS
from infoview_tui.ui.widgets.plain import (
    assemble,
    field_value,
    highlight_substring,
    notify,
    palette_help,
    plain,
    safe,
    styled,
)
from infoview_tui.ui.widgets.record_table import fit_cell

MARKUP = [
    "Bob Smith [PhD]",
    "Head of Data [/ex-Google]",
    "! read [/] now",
    "[@click=app.screenshot('infoview.json','.')]ShotMe[/]",
    "[bold",
    "[link=file:///etc/passwd]pw[/link]",
    "[$accent]x[/]",
    "[ PhD ]",
    "back\\slash\\",
]
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff" + "".join(BIDI_CONTROLS) + "]")
"""What must never be left in displayed text (newline and tab are layout, not controls)."""


@pytest.mark.parametrize("text", MARKUP)
def test_markup_shows_literally_in_every_helper(text: str) -> None:
    assert plain(text).plain == text
    assert styled(text, "bold").plain == text
    assert assemble(("x ", "bold"), text, (text, "italic")).plain == f"x {text}{text}"
    assert not any("@click" in str(span.style) for span in assemble(text).spans)


@pytest.mark.parametrize("text", MARKUP)
def test_palette_help_survives_the_palettes_markup_parser(text: str) -> None:
    """The palette calls Content.from_markup on help text; ours comes back untouched."""
    assert Content.from_markup(palette_help(text)).plain == text


def test_controls_become_visible_and_escape_sequences_break() -> None:
    hostile = "A\x1b]52;c;SGVsbG8=\x07B\x1b]2;PWNED\x07C\x1b[2JD\u009b31mE\u009d0;x\u009cF\u202eG\x7fH\x00I"
    shown = plain(hostile).plain
    assert "\x1b" not in shown and "\u009b" not in shown and "\u202e" not in shown and "\x00" not in shown
    assert shown.startswith("A\ufffd]52;c;SGVsbG8=\ufffdB") and "[2JD" in shown
    assert plain("line one\nline\ttwo").plain == "line one\nline\ttwo"
    assert plain("line one\nline\ttwo", one_line=True).plain == "line one line two"


def test_joiners_marks_and_emoji_are_kept() -> None:
    text = "Zoë 👩🏽\u200d💻 שלום\u200f 🏳️\u200d🌈"
    assert plain(text).plain == text


def test_a_lone_surrogate_from_a_hand_edited_file_cannot_break_output() -> None:
    shown = plain("a\ud800b").plain
    assert shown == "a\ufffdb"
    shown.encode("utf-8")


def test_assemble_cleans_content_parts_too() -> None:
    risky = Content("x\x1b[2Jy")  # a Content someone built without the helper
    assert "\x1b" not in assemble(risky, plain("z")).plain
    fine = styled("kept", "bold")
    assert assemble(fine).spans == fine.spans


def test_highlight_substring_marks_the_match_without_parsing_markup() -> None:
    content = highlight_substring("open contact: Zed [PhD] Alpha", "zed [phd]")
    assert content.plain == "open contact: Zed [PhD] Alpha"
    [span] = content.spans
    assert (span.start, span.end) == (14, 23)
    assert highlight_substring("open contact: Ann", "zzz").spans == []
    assert highlight_substring("a\nb", "").plain == "a b"


def test_highlight_substring_is_fast_on_names_that_stall_the_fuzzy_matcher() -> None:
    """Textual's fuzzy matcher takes seconds on 80 repetitive characters; ours is a linear search."""
    import time

    name = "open contact: " + ("ze d " * 2000)
    started = time.perf_counter()
    highlight_substring(name, "e e e e")
    assert (
        time.perf_counter() - started < 1.0
    )  # linear: milliseconds; the fuzzy matcher: seconds (generous for a busy machine)


def test_field_value_drops_controls_the_way_saving_does() -> None:
    assert field_value("Ada\x1b]2;x\x07 Lovelace") == "Ada ]2;x  Lovelace"
    assert field_value("Ada\nLovelace") == "Ada Lovelace"
    assert field_value("one\ntwo\x1b[2J\tthree", multiline=True) == "one\ntwo[2J\tthree"


def test_notify_is_plain_and_clean() -> None:
    class Recorder:
        def __init__(self) -> None:
            self.calls: list[tuple[str, dict[str, object]]] = []

        def notify(self, message: str, **kwargs: object) -> None:
            self.calls.append((message, kwargs))

    recorder = Recorder()
    notify(recorder, "Added [@click=app.quit]x[/] \x1b]2;t\x07", title="Hi\nthere", severity="warning")
    [(message, kwargs)] = recorder.calls
    assert message == "Added [@click=app.quit]x[/] \ufffd]2;t\ufffd"
    assert kwargs == {"title": "Hi there", "severity": "warning", "timeout": None, "markup": False}


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200))
def test_nothing_unsafe_survives_any_helper(text: str) -> None:
    for shown in (
        safe(text),
        plain(text).plain,
        styled(text, "bold").plain,
        assemble(text, (text, "b")).plain,
    ):
        assert not UNSAFE.search(shown)
    assert not UNSAFE.search(fit_cell(text, 30))
    assert not UNSAFE.search(highlight_substring(text, text[:3]).plain)


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=200))
def test_printable_text_is_shown_exactly(text: str) -> None:
    if UNSAFE.search(text) or "\r" in text:
        return
    assert plain(text).plain == text
    assert Content.from_markup(palette_help(text)).plain == safe(text, one_line=True)
