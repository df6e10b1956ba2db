"""Provides `SteadyOptionList`: an OptionList that keeps its drawn options through a resize that leaves its width
as it was.

Textual's OptionList forgets every drawn option on each Resize, because a drawn option is only right for the
width it was drawn at. A list's first Resize comes right after its first layout, at the width it has just been
drawn at: the Dashboard drew its ~35 visible options twice before its first frame (~12 ms of every start).
Here the drawings are dropped only when the width changed. (Relies on Textual 8.2.8's `OptionList._on_resize`
calling `_clear_caches` and on `_get_option_render` being where options are drawn; textual is pinned.)
"""

from __future__ import annotations

from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class SteadyOptionList(OptionList):
    """An OptionList whose drawn options survive a resize that keeps its width."""

    _drawn_width: int | None = None
    """The content width the kept drawings were made at (all at one width: they are dropped at each new one)."""
    _resizing = False
    """Set by this class's Resize handler, which Textual runs right before OptionList's own."""

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        if not self._option_render_cache:  # the first drawing since they were dropped sets their width
            self._drawn_width = self.scrollable_content_region.width
        return super()._get_option_render(option, style)

    def _on_resize(self) -> None:
        self._resizing = True

    def _clear_caches(self) -> None:
        resizing, self._resizing = self._resizing, False
        if resizing and self.scrollable_content_region.width == self._drawn_width:
            self.refresh()
            return
        super()._clear_caches()
