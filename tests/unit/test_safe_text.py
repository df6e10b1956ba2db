"""The rules for untrusted text: what may reach the terminal, and which links may open."""

from __future__ import annotations

import pytest

from infoview_tui.domain.safe_text import BIDI_CONTROLS, openable_url, strip_controls, visible_controls
from infoview_tui.domain.validation import clean_block, clean_line

HOSTILE = (
    "a\x1b]52;c;aGk=\x07b\x1b]2;title\x07c\x1b[2Jd\u009b31me\u009d0;x\u009cf\x7fg\x00h\u202ei\u2066j\ud800k"
)


def test_strip_controls_removes_every_escape_c1_and_bidi_override() -> None:
    cleaned = strip_controls(HOSTILE)
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\x7f" not in cleaned and "\x00" not in cleaned
    assert not any(0x80 <= ord(ch) <= 0x9F for ch in cleaned)
    assert not BIDI_CONTROLS & set(cleaned)
    assert "\ud800" not in cleaned
    assert cleaned == "a]52;c;aGk=b]2;titlec[2Jd31me0;xfghijk"


def test_strip_controls_keeps_real_text_exactly() -> None:
    text = "Zoë 👩\u200d💻 שלום\u200f [PhD] [/] [@click=app.quit]x[/]\ttab"
    assert strip_controls(text) == text.replace("\t", "")
    assert strip_controls(text, multiline=True) == text


def test_multiline_keeps_lines_and_normalises_line_ends() -> None:
    assert strip_controls("one\r\ntwo\rthree\n\x1bfour", multiline=True) == "one\ntwo\nthree\nfour"
    assert strip_controls("one\ntwo") == "onetwo"


def test_visible_controls_marks_what_it_removes() -> None:
    assert visible_controls("a\x1b[2Jb") == "a\ufffd[2Jb"
    assert visible_controls("line\nnext") == "line\nnext"


def test_form_cleaners_drop_controls_and_bidi_but_keep_joiners() -> None:
    assert clean_line("Ann\x1b]2;pwned\x07 \u202eLee") == "Ann ]2;pwned Lee"
    assert clean_line("👩\u200d💻 dev") == "👩\u200d💻 dev"
    assert clean_block("first\r\nsecond\x1b[2J") == "first\nsecond[2J"


@pytest.mark.parametrize(
    "url",
    ["https://www.linkedin.com/in/ann", "http://example.com/a?b=c#d", "HTTPS://EXAMPLE.COM"],
)
def test_web_links_open(url: str) -> None:
    assert openable_url(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "--gpu-launcher=xcalc",
        "-https://x.com",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<script>",
        "https://",
        "http://-x.com",
        "https://a.com/\x1b]2;x\x07",
        "https://a.com/ b",
        "https://a.com/\nb",
        "mailto:ann@example.com",
        "",
        "   ",
    ],
)
def test_other_links_never_open(url: str) -> None:
    assert openable_url(url) is None


def test_mailto_only_when_asked() -> None:
    assert openable_url("mailto:ann@example.com?subject=Thanks", allow_mailto=True) is not None
    assert openable_url("mailto:", allow_mailto=True) is None
