"""Provides what the user typed in open dialogs and has not saved, for every way out of the app.

The app remembers each dialog's field texts once it has drawn (`remember`), and on a way out compares:
a field whose text changed is the user's words (`typed_fields`), kept by `store.unsaved.keep_unsaved`.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from infoview_tui.store.unsaved import TypedField

_opened_with: WeakKeyDictionary[Screen[object], dict[Widget, str]] = WeakKeyDictionary()


def _text(widget: Widget) -> str | None:
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    return None


def _fields(screen: Screen[object]) -> list[Widget]:
    return [w for w in screen.query("Input, TextArea") if _text(w) is not None]


def remember(screen: Screen[object]) -> None:
    """Note the texts a dialog's fields opened with (call once it has mounted)."""
    _opened_with[screen] = {w: _text(w) or "" for w in _fields(screen)}


def _title(screen: Screen[object]) -> str:
    for title in screen.query(".dialog-title"):
        if isinstance(title, Static):
            words = str(title.render()).strip().split("  ")[0].strip()
            if words:
                return words
    return type(screen).__name__.removesuffix("Screen")


def _label(widget: Widget) -> str:
    parent = widget.parent
    if parent is not None:
        before = list(parent.children)[: list(parent.children).index(widget)]
        for sibling in reversed(before):
            if isinstance(sibling, Label):
                return str(sibling.render()).strip()
    return (widget.id or "a field").replace("-", " ").replace("_", " ")


def typed_fields(screen: Screen[object]) -> list[TypedField]:
    """The fields of `screen` whose text differs from what it opened with (all of them if not remembered)."""
    opened = _opened_with.get(screen, {})
    found = []
    for widget in _fields(screen):
        text = _text(widget) or ""
        if text.strip() and text != opened.get(widget, ""):
            found.append(TypedField(_title(screen), _label(widget), text))
    return found
