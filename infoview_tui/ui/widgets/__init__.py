"""Provides reusable widgets: they show data given to them and post messages up; only screens use the store.

Widgets load on first use, so start-up pays only for the section bar.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from infoview_tui.ui.widgets.section_bar import SectionBar

if TYPE_CHECKING:
    from infoview_tui.ui.widgets.call_timer import CallTimer
    from infoview_tui.ui.widgets.note_input import NoteInput
    from infoview_tui.ui.widgets.record_table import Column, RecordTable, TableRow

_WHERE = {
    "CallTimer": "call_timer",
    "Column": "record_table",
    "NoteInput": "note_input",
    "RecordTable": "record_table",
    "TableRow": "record_table",
}

__all__ = ["CallTimer", "Column", "NoteInput", "RecordTable", "SectionBar", "TableRow"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"infoview_tui.ui.widgets.{_WHERE[name]}"), name)
    raise AttributeError(name)
