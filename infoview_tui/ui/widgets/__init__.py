"""Provides reusable widgets: they show data given to them and post messages up; only screens use the store."""

from __future__ import annotations

from infoview_tui.ui.widgets.call_timer import CallTimer
from infoview_tui.ui.widgets.note_input import NoteInput
from infoview_tui.ui.widgets.record_table import Column, LazyRows, RecordTable, TableRow
from infoview_tui.ui.widgets.section_bar import SectionBar
from infoview_tui.ui.widgets.text_box import TextBox
from infoview_tui.ui.widgets.toggles import MarkedCheckbox, MarkedSelectionList

__all__ = [
    "CallTimer",
    "Column",
    "LazyRows",
    "MarkedCheckbox",
    "MarkedSelectionList",
    "NoteInput",
    "RecordTable",
    "SectionBar",
    "TableRow",
    "TextBox",
]
