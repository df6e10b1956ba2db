"""`domain.text.slug`: the one way a name becomes part of a file name, an address or a link.

Each caller keeps the output it always had: the Markdown file names spell out letters and `&`, the demo's
addresses use its older table, the outreach draft keeps only ASCII letters (at most 40, 'message' if none),
and the prep sheet and thank-you files keep letters of every script.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infoview_tui.domain.text import DEMO_SPELLINGS, slug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zoë Ó Briain, Øresund", "zoe-o-briain-oresund"),
        ("Łukasz Wróbel", "lukasz-wrobel"),
        ("Harbor & Rail Logistics", "harbor-and-rail-logistics"),
        ("Þórsdóttir Œuvre Đức", "thorsdottir-oeuvre-duc"),
        ("O’Neill's ../../etc/passwd", "oneills-etc-passwd"),
        ("  ---  ", ""),
        ("李华", ""),
    ],
)
def test_full_spellings(text: str, expected: str) -> None:
    assert slug(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Harbor & Rail Logistics", "harbor-rail-logistics"),  # the demo never spelled out '&'
        ("Đức", "uc"),  # nor capital Đ: its generated addresses must not move
        ("Łukasz Ødegaard", "lukasz-odegaard"),
    ],
)
def test_demo_spellings(text: str, expected: str) -> None:
    assert slug(text, spellings=DEMO_SPELLINGS) == expected


def test_outreach_draft_names() -> None:
    def draft(text: str) -> str:
        return slug(text, spellings=None, max_length=40, fallback="message")

    assert draft("Zoë Ó Briain") == "zo-briain"
    assert draft("李华") == "message"
    assert draft("a" * 60) == "a" * 40


def test_any_script_keeps_letters_and_each_separator() -> None:
    assert slug("Zoë  Ó-Briain", any_script=True) == "zoë--ó-briain"
    assert slug("李华 / x", any_script=True) == "李华---x"
    assert slug("!!", any_script=True, fallback="thanks") == "thanks"


@given(st.text(max_size=40))
def test_never_a_path_separator_or_an_edge_hyphen(text: str) -> None:
    for out in (
        slug(text),
        slug(text, spellings=DEMO_SPELLINGS),
        slug(text, spellings=None, max_length=40, fallback="message"),
        slug(text, any_script=True),
    ):
        assert "/" not in out and "\\" not in out and "\x00" not in out
        assert out == out.strip("-") or (out.endswith("-") and len(out) == 40)  # only a cut may end on '-'
