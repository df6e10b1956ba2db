"""Provides the complete JSON backup (CSV, calendar and Markdown exports live in their own modules)."""

from __future__ import annotations

import json
from typing import Any

from infoview_tui.store import Store


def export_json(store: Store, snapshot: dict[str, list[Any]] | None = None) -> str:
    """The whole data set as pretty JSON text (UTF-8, non-ASCII kept)."""
    data: dict[str, Any] = store.export_dict(snapshot)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
