"""Provides the bar at the top that shows the five steps and which section you are in."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from infoview_tui.stages.agenda import Section
from infoview_tui.ui.widgets.plain import assemble


class SectionBar(Widget):
    """`0 Dashboard  1 Identify  2 Prepare …` with the current section highlighted."""

    DEFAULT_CSS = """
    SectionBar { height: 1; background: $panel; }
    """

    def __init__(self, current: Section, note: str = "", read_only: bool = False) -> None:
        super().__init__()
        self.current = current
        self.note = note
        self.read_only = read_only
        """Nothing reaches the data file (another computer has it open): the bar starts with READ-ONLY."""

    def render(self) -> Content:
        lead = (
            (" READ-ONLY ", "bold reverse $warning")
            if self.read_only
            else (" infoview ", "bold $text-accent")
        )
        parts: list[str | tuple[str, str]] = [lead]
        for section in Section:
            label = f" {section.value} {section.title} "
            if section is self.current:
                parts.append((label, "bold reverse $accent"))
            else:
                parts.append((label, "$text-muted"))
        if self.note:
            parts.append((f"  {self.note}", "bold $warning"))
        return assemble(*parts)
