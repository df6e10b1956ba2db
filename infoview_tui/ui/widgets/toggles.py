"""Provides toggles whose state reads without colour: `MarkedCheckbox` shows `[x]` or `[ ]`, and
`MarkedSelectionList` puts the same mark before each row.

Textual draws a toggle as a block whose colour alone says on or off, which a monochrome terminal, a
colour-blind reader or a screenshot in grey cannot tell apart. The marks keep Textual's width (three cells),
so layouts do not move.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

ON = "[x]"
"""The mark of a ticked box."""
OFF = "[ ]"
"""The mark of an empty box."""

SelectionType = TypeVar("SelectionType")


class MarkedCheckbox(Checkbox):
    """A checkbox drawn as `[x] label` or `[ ] label` (colour as well, never colour alone)."""

    @property
    def _button(self) -> Content:
        return Content.assemble((ON if self.value else OFF, self.get_visual_style("toggle--button")))


class MarkedSelectionList(SelectionList[SelectionType]):
    """A selection list whose rows start with `[x]` or `[ ]`."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        if len(segments) < 4:  # no row on this line: nothing to mark
            return strip
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:  # a blank line below the rows
            return strip
        mark = ON if selection.value in self._selected else OFF
        style = segments[1].style  # the button's own style, with the row index the mouse uses
        return Strip([Segment(mark, style), *segments[3:]], strip.cell_length)
