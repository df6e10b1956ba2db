"""Provides reusable widgets: they show data given to them and post messages up; only screens use the store."""

from infoview_tui.widgets.record_table import Column, RecordTable, TableRow
from infoview_tui.widgets.section_bar import SectionBar

__all__ = ["Column", "RecordTable", "SectionBar", "TableRow"]
