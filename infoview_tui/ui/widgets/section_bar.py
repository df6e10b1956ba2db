"""Provides the bar at the top that shows the five steps and which section you are in."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from infoview_tui.stages.agenda import Section
from infoview_tui.ui.widgets.plain import Part, assemble


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
        """The bar as wide as there is room for: when the brand, the sections and a flag (READ-ONLY, DEMO DATA)
        do not all fit (80 columns), the brand goes first, then the flags' padding, so the flags and every
        section stay on screen."""
        sections: list[Part] = [
            (f" {s.value} {s.title} ", "bold reverse $accent" if s is self.current else "$text-muted")
            for s in Section
        ]
        flags: list[tuple[str, str]] = [("READ-ONLY", "bold reverse $warning")] if self.read_only else []
        if self.note:
            flags.append((self.note, "bold reverse $warning"))
        lead: Part = (
            (" READ-ONLY ", "bold reverse $warning")
            if self.read_only
            else (" infoview ", "bold $text-accent")
        )
        note: list[Part] = [(f"  {self.note}", "bold $warning")] if self.note else []
        candidates: list[list[Part]] = [
            [lead, *sections, *note],
            [*((f" {text} ", style) for text, style in flags), *sections],
            [*((f"{text} ", style) for text, style in flags), *sections],
        ]
        width = self.size.width or None
        for parts in candidates:  # a last space past the edge is no loss
            text = "".join(part[0] if isinstance(part, tuple) else str(part) for part in parts)
            if width is None or len(text.rstrip()) <= width:
                break
        return assemble(*parts)
