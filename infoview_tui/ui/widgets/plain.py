"""Provides the one way to show user text: Textual `Content` built from the string, never parsed as markup.

Everything in the data file can come from someone else (a LinkedIn export, a pasted email, a synced file).
Textual parses markup in plain strings handed to `Static`, `Label`, `update`, `notify`, options and palette
hits, so `[@click=app.quit]x[/]` would become a live action and `[/]` a crash; and Textual passes ESC and C1
control characters straight to the terminal (OSC 52 sets the clipboard, OSC 2 the window title). Each helper
here builds `Content` from the text itself after `safe_text.visible_controls` (the second line of defence
after the cleaners at import and typing), so brackets show as typed and no escape sequence is ever written.

Literal strings of our own may still use markup; anything built from data goes through these helpers (a test,
tests/unit/test_markup_sinks.py, reads the UI modules and fails when it does not).
"""

from __future__ import annotations

import re
from typing import Protocol, TypeAlias, cast

from textual.content import Content
from textual.notifications import SeverityLevel

from infoview_tui.domain.safe_text import strip_controls, visible_controls

__all__ = [
    "Part",
    "assemble",
    "field_value",
    "highlight_substring",
    "notify",
    "palette_help",
    "plain",
    "safe",
    "styled",
]

Part: TypeAlias = "str | Content | tuple[str, str]"
"""A piece of a line for `assemble`: user text, Content already made safe, or (user text, style)."""

_LINE_BREAKS = str.maketrans({"\n": " ", "\t": " "})


def safe(text: object, *, one_line: bool = False) -> str:
    """`text` as a string fit for the terminal: every control character left in it shows as U+FFFD.

    With `one_line`, newlines and tabs become spaces (names in headers, palette hits, titles).
    """
    value = visible_controls(str(text), multiline=True)
    return value.translate(_LINE_BREAKS) if one_line else value


def plain(text: object, *, one_line: bool = False) -> Content:
    """User text as `Content`, shown exactly as typed (brackets and all), with no control characters."""
    return Content(safe(text, one_line=one_line))


def styled(text: object, style: str, *, one_line: bool = False) -> Content:
    """User text in one style (`"bold $text-accent"`, say); the style is ours, the text is never markup."""
    return Content.styled(safe(text, one_line=one_line), style)


def _safe_part(part: Part) -> Part:
    """One `assemble` part with its text made safe; a Content carrying control characters loses its styles."""
    if isinstance(part, str):
        return safe(part)
    if isinstance(part, tuple):
        text, style = part
        return (safe(text), style)
    if visible_controls(part.plain, multiline=True) == part.plain:
        return part
    return plain(part.plain)


def assemble(*parts: Part) -> Content:
    """`Content.assemble` for lines that mix our styles with user text: every string is taken literally."""
    return Content.assemble(*(_safe_part(part) for part in parts))


class _Notifier(Protocol):
    """Anything with Textual's `notify` (the App, a Screen, a Widget)."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None: ...


def notify(
    node: _Notifier,
    message: str,
    *,
    title: str = "",
    severity: SeverityLevel = "information",
    timeout: float | None = None,
) -> None:
    """A notification whose message and title are plain text: user text inside it is shown, never run."""
    node.notify(
        safe(message), title=safe(title, one_line=True), severity=severity, timeout=timeout, markup=False
    )


def palette_help(text: str) -> str:
    """Help text for a command-palette hit, shown literally.

    The palette calls `Content.from_markup(hit.help)`, which hands a `Content` back untouched, so passing one
    is the only way to show any string literally (`textual.markup.escape` misses `[PhD]`, `[$x]`, `[ a ]`).
    `Hit.help` is annotated `str`, hence the cast.
    """
    return cast(str, plain(text, one_line=True))


def highlight_substring(text: str, needle: str, style: str = "reverse") -> Content:
    """`text` as plain one-line Content with the first case-insensitive occurrence of `needle` styled.

    The command palette's own fuzzy highlighter parses the candidate as markup and takes exponential time on
    long repetitive names (seconds at 80 characters); a substring search is linear and matches our filter.
    """
    value = safe(text, one_line=True)
    content = Content(value)
    found = re.search(re.escape(needle.strip()), value, re.IGNORECASE) if needle.strip() else None
    if found is not None and found.end() > found.start():
        content = content.stylize(style, found.start(), found.end())
    return content


def field_value(text: str, *, multiline: bool = False) -> str:
    """Stored text to put in an Input or TextArea, which would pass control characters to the terminal.

    One line: each control character (newlines too) becomes a space, as `validation.clean_line` does when
    the field is saved; multi-line: they are dropped except newlines and tabs, as `clean_block` does. So
    editing a record that came in with control characters loses nothing that saving would have kept.
    """
    if multiline:
        return strip_controls(text, multiline=True)
    return strip_controls(text, replacement=" ")
