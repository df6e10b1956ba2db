"""Provides the complete JSON backup (CSV, calendar and Markdown exports live in their own modules)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def export_json(data: Mapping[str, Any]) -> str:
    """The whole data set (`Store.export_dict()`) as pretty JSON text (UTF-8, non-ASCII kept)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
