"""Provides reusable widgets: they show data given to them and post messages up; only screens use the store."""

from infoview_tui.widgets.call_timer import CallTimer
from infoview_tui.widgets.record_table import Column, RecordTable, TableRow
from infoview_tui.widgets.section_bar import SectionBar

__all__ = ["CallTimer", "Column", "RecordTable", "SectionBar", "TableRow"]
