"""Provides Footer: Textual's Footer, compact, whose keys are born compact.

Textual's compact Footer gives each key the `-compact` class through a reactive watcher once the key is mounted,
and every such class change restyles that key on its own. A section's Footer is built again whenever the
focus moves (its keys follow the focused widget), so a first visit paid one restyle per key per build: ~40 ms
at 10,000 contacts, on the path to the first frame. Here each key carries the class from the start, so the
watcher finds nothing to change. What the Footer shows is the same.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

__all__ = ["Footer"]


class Footer(TextualFooter):
    """The Footer every screen uses, always compact."""

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(compact=True, show_command_palette=show_command_palette)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.add_class("-compact", update=False)  # before mounting: no restyle of its own
            yield widget
