"""Provides the rules for untrusted text: which characters may reach the terminal, and which links may open.

Everything in the data file can come from someone else (a LinkedIn export, a pasted email, a synced file).
Pure functions, no Textual: the import, the forms and the store boundary call `strip_controls`; the UI calls
`visible_controls` again as a second line of defence, and `openable_url` before handing a link to a browser.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["BIDI_CONTROLS", "openable_url", "strip_controls", "visible_controls", "without_lone_surrogates"]

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Embeddings, overrides and isolates: they reorder what follows them on screen (Trojan Source)."""

_C0_C1_DEL = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)])
_SURROGATES = "\ud800-\udfff"
_UNSAFE = re.compile("[" + re.escape(_C0_C1_DEL + "".join(sorted(BIDI_CONTROLS))) + _SURROGATES + "]")
_UNSAFE_KEEP_LINES = re.compile(
    "["
    + re.escape("".join(ch for ch in _C0_C1_DEL if ch not in "\n\t") + "".join(sorted(BIDI_CONTROLS)))
    + _SURROGATES
    + "]"
)
REPLACEMENT = "\ufffd"
_LONE_SURROGATE = re.compile("[" + _SURROGATES + "]")


def without_lone_surrogates(text: str) -> str:
    """`text` with each lone surrogate as U+FFFD. A string holds one only when it came from a JSON escape such
    as `"\\ud800"` (a hand edit, another program): it is not text, it has no UTF-8 form, and a save (or
    anything else that encodes it) fails on it."""
    return _LONE_SURROGATE.sub(REPLACEMENT, text)


def strip_controls(text: str, *, multiline: bool = False, replacement: str = "") -> str:
    """`text` without C0/C1 controls, ESC, DEL, bidi overrides or lone surrogates.

    With `multiline`, newlines and tabs stay (CR LF and lone CR become LF). Everything else is kept exactly:
    emoji joiners (U+200D) and direction marks (U+200E/F) are harmless and part of real names.
    """
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return _UNSAFE_KEEP_LINES.sub(replacement, text)
    return _UNSAFE.sub(replacement, text)


def visible_controls(text: str, *, multiline: bool = True) -> str:
    """For display: any control character still in `text` shows as U+FFFD instead of reaching the terminal."""
    return strip_controls(text, multiline=multiline, replacement=REPLACEMENT)


def openable_url(url: str, *, allow_mailto: bool = False) -> str | None:
    """`url` if it is safe to hand to a browser or mail client, else None.

    Only http(s) links with a host (and `mailto:` when asked), with no whitespace or control characters,
    so the value can never be read as a command-line option or a local file.
    """
    value = url.strip()
    if not value or value != strip_controls(value) or any(ch.isspace() for ch in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https") and parts.netloc and not parts.netloc.startswith("-"):
        return value
    if allow_mailto and scheme == "mailto" and len(value) > len("mailto:"):
        return value
    return None
