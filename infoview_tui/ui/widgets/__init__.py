"""Provides reusable widgets: they show data given to them and post messages up; only screens use the store.

Each widget's module is imported when the widget is first asked for, so the first frame (the Dashboard)
loads only the widgets it shows.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from infoview_tui.ui.widgets.call_timer import CallTimer
    from infoview_tui.ui.widgets.note_input import NoteInput
    from infoview_tui.ui.widgets.record_table import Column, LazyRows, RecordTable, TableRow
    from infoview_tui.ui.widgets.section_bar import SectionBar
    from infoview_tui.ui.widgets.text_box import TextBox
    from infoview_tui.ui.widgets.toggles import MarkedCheckbox, MarkedSelectionList

_MODULES = {
    "CallTimer": "call_timer",
    "Column": "record_table",
    "LazyRows": "record_table",
    "MarkedCheckbox": "toggles",
    "MarkedSelectionList": "toggles",
    "NoteInput": "note_input",
    "RecordTable": "record_table",
    "SectionBar": "section_bar",
    "TableRow": "record_table",
    "TextBox": "text_box",
}

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


def __getattr__(name: str) -> Any:
    """A widget class, its module imported on first use."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
