"""Provides Footer: Textual's compact Footer, built again only when the keys it shows change.

Textual's Footer rebuilds all its keys (unmount, compose, mount, style) every time the screen says its bindings
may have changed: on every focus move, and once per `refresh_bindings`, even several times for one change. A
first visit of Identify rebuilt it four times, ~25 ms each at 10,000 contacts, on the way to the first frame.
This Footer rebuilds once per burst of changes, and only when what it would show (each key, its description,
whether it is enabled, its tooltip) is different from what it shows.

Its keys are also compact from birth: Textual's gives each key the `-compact` class through a watcher once the
key is mounted, and that class change restyled each key on its own. What the Footer shows is the same, except
that `? Help` comes first (`FIRST_ACTIONS`), where a narrow terminal never cuts it off.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.compose import compose
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

__all__ = ["FIRST_ACTIONS", "Footer"]

FIRST_ACTIONS = frozenset({"help"})
"""Keys shown before the screen's own: at 80 columns a screen with many keys runs past the edge, and what is cut
off is the end of the line. `?` lists every key, so it must never be the one cut."""


class Footer(TextualFooter):
    """The Footer every screen uses, always compact."""

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(compact=True, show_command_palette=show_command_palette)
        self._rebuild_planned = False
        self._shown: Hashable = None
        """What the keys on display were built from (`_what_it_shows`); None before the first build."""
        self.builds = 0
        """How many times the keys were built (tests)."""

    def _what_it_shows(self) -> Hashable:
        """Everything about the screen's bindings that changes what the Footer draws."""
        shown = tuple(
            (
                binding.key,
                binding.key_display,
                binding.action,
                binding.description,
                binding.group,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (shown, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._what_it_shows()
            self.builds += 1
        # The top-level widgets, any key group holding its keys; every key compact before it is mounted.
        widgets = compose(self, _compact(super().compose()))
        first = [w for w in widgets if isinstance(w, FooterKey) and w.action in FIRST_ACTIONS]
        yield from first
        yield from (w for w in widgets if w not in first)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """The screen's bindings may have changed: rebuild once the burst is over, if the keys differ."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_planned:
            self._rebuild_planned = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_planned = False
        if self.is_attached and self._what_it_shows() != self._shown:
            await self.recompose()


def _compact(widgets: ComposeResult) -> ComposeResult:
    """Textual's Footer's widgets as it yields them (a key inside a key group too), each key made compact
    before mounting, so it never restyles itself for the class."""
    for widget in widgets:
        if isinstance(widget, FooterKey):
            widget.add_class("-compact", update=False)
        yield widget
