"""Provides BriefView: the brief before a call (`stages.prepare.brief`), one line an item, shown as given.

It only draws the `Brief` a screen hands it (attributes down): headings in bold, then each item with its
lead (when, who, and "done"/"not done yet" in words, so nothing is told by colour alone) and the text, cut
with an ellipsis at the edge. `limit` keeps a short terminal's brief to a few items a section; what it leaves
out is counted in the section's "+N more" line.
"""

from __future__ import annotations

from textual.widgets import Static

from infoview_tui.stages.prepare.brief import Brief
from infoview_tui.ui.widgets.plain import Part, assemble

__all__ = ["BriefView"]


class BriefView(Static):
    """The brief, or nothing at all (the widget hides itself when the brief is empty)."""

    DEFAULT_CSS = """
    BriefView { height: auto; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show(self, brief: Brief, *, title: str = "", limit: int | None = None, spaced: bool = False) -> None:
        """Draw `brief` under an optional `title` line.

        `limit`: at most that many items a section, with short leads (the status alone, the name without
        the role) and "+N more" on the heading's line, for a short terminal. `spaced`: a blank line between
        sections (where there is room to scroll).
        """
        self.display = not brief.is_empty
        if brief.is_empty:
            self.update("")
            return
        parts: list[Part] = []
        if title:
            parts += [(title, "bold $text-accent"), "\n"]
        for number, section in enumerate(brief.sections):
            items = section.items if limit is None else section.items[:limit]
            more = section.more + len(section.items) - len(items)
            if spaced and number:
                parts.append("\n")
            parts += [(section.title, "bold")]
            if more and limit is not None:
                parts += [(f"  +{more} more", "$text-muted")]
            parts.append("\n")
            for item in items:
                lead = item.short or item.lead if limit is not None else item.lead
                parts += ["  ", (lead, "bold $text-warning" if item.done is False else "$text-muted"), "  "]
                parts += [item.text, "\n"]
            if more and limit is None:
                parts += [(f"  +{more} more", "$text-muted"), "\n"]
        parts.pop()  # no blank line at the bottom
        self.update(assemble(*parts))
