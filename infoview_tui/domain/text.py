"""Provides `slug`, the one way a name becomes part of a file name, an address or a URL.

Lowercase ASCII words joined by hyphens. Letters NFKD cannot take apart (`ł`, `ø`, `ß`, ...) are spelled
out from a table first; callers that must keep their old output pass the table they always used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

__all__ = ["ASCII_SPELLINGS", "DEMO_SPELLINGS", "slug"]

DEMO_SPELLINGS: Mapping[int, str] = str.maketrans(
    {
        "'": "",
        "’": "",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "đ": "d",
        "ı": "i",
    }
)
"""The demo's table: its generated e-mail addresses and profile links were made with it and must not move."""

ASCII_SPELLINGS: Mapping[int, str] = {
    **DEMO_SPELLINGS,
    **str.maketrans(
        {
            "œ": "oe",
            "Œ": "OE",
            "Đ": "D",
            "ð": "d",
            "Ð": "D",
            "þ": "th",
            "Þ": "Th",
            "&": " and ",
        }
    ),
}
"""The full table: 'Zoë Ó Briain, Øresund & Co' gives 'zoe-o-briain-oresund-and-co'."""

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def slug(
    text: str,
    *,
    spellings: Mapping[int, str] | None = ASCII_SPELLINGS,
    max_length: int | None = None,
    fallback: str = "",
    any_script: bool = False,
) -> str:
    """`text` as lowercase ASCII words joined by hyphens, never with a path separator.

    `spellings` is applied before accents are dropped (None: no transliteration, other letters vanish);
    the result is cut to `max_length` characters; `fallback` stands in for an empty result.
    `any_script=True` keeps letters and digits of every script as they are and turns each other character
    into one hyphen (no runs merged): the file names the prep sheet and the thank-you drafts always had.
    """
    if any_script:
        kept = "".join(ch if ch.isalnum() else "-" for ch in text.casefold()).strip("-")
        return kept[:max_length] or fallback
    if spellings is None:
        folded = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text.translate(spellings))
        folded = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_WORD.sub("-", folded).strip("-")[:max_length] or fallback
