"""Provides `TextBox`, the multi-line field every form uses: Textual's TextArea plus ctrl+home and ctrl+end.

Textual 8.2.8's TextArea binds home/end to the line only; in every editor people know, ctrl+home and
ctrl+end go to the start and end of the whole text (with shift, selecting on the way).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import TextArea


class TextBox(TextArea):
    """A multi-line field: ctrl+home and ctrl+end move to the start and end of the text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+home", "text_start", "Start of text", show=False),
        Binding("ctrl+end", "text_end", "End of text", show=False),
        Binding("ctrl+shift+home", "text_start(True)", "Select to start of text", show=False),
        Binding("ctrl+shift+end", "text_end(True)", "Select to end of text", show=False),
    ]

    def action_text_start(self, select: bool = False) -> None:
        """The cursor to the first character (selecting from where it was with shift)."""
        self.move_cursor(self.document.start, select=select)

    def action_text_end(self, select: bool = False) -> None:
        """The cursor after the last character (selecting from where it was with shift)."""
        self.move_cursor(self.document.end, select=select)
