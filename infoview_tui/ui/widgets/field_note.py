"""Provides FieldNote: the hint or problem line under a form field, taking no room while it is empty.

Forms keep one under most fields; an empty line each would push the last fields and the Save button off an
80x24 terminal. A note wraps (it never runs off the dialog's edge) and shows only when it has something to say.
"""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Label

__all__ = ["FieldNote"]


class FieldNote(Label):
    """A Label that hides itself while empty; screens `update` it as they would any Label."""

    # As wide as its container, so a long message wraps (a Label is as wide as its text, and was cut off by a
    # dialog's edge at 80 columns); forms' notes add their own indent (.field-error, .field-hint).
    DEFAULT_CSS = """
    FieldNote { width: 1fr; height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes)
        self.display = False

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        """Show `content`; an empty one hides the line."""
        super().update(content, layout=layout)  # markup-ok: callers' update() calls are checked as sinks
        self.display = bool(str(content))
