"""Provides schema migrations: one step per version, applied in memory when a file is opened.

A file records `schema_version` in its `meta` table. Version 0 is a bare TinyDB file with our tables and no
meta (as made by scripts or an early build). Each step takes the tables of version N and returns version N+1.
The migrated data reaches disk on the first save, after the run's backup of the old file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Tables = dict[str, dict[str, Any]]

SCHEMA_VERSION = 1
KNOWN_TABLES = frozenset(
    {"meta", "contacts", "outreach", "interviews", "questions", "goals", "intros", "_default"}
)


def file_version(tables: Tables) -> int:
    """The schema version a file says it has (0 when it has no meta)."""
    meta = tables.get("meta", {}).get("1")
    if not meta:
        return 0
    version = meta.get("schema_version")
    if not isinstance(version, int) or version < 0:
        raise ValueError("the meta table has no valid schema_version")
    return version


def _v0_to_v1(tables: Tables) -> Tables:
    """Add meta; drop TinyDB's empty default table; turn a legacy free-text `how_known` into `cold`."""
    out = {name: dict(table) for name, table in tables.items() if name != "_default"}
    for doc_id, doc in list(out.get("contacts", {}).items()):
        if doc.get("how_known") not in (
            None,
            "friend",
            "family",
            "classmate",
            "former_colleague",
            "mentor",
            "professor",
            "introduction",
            "cold",
        ):
            out["contacts"][doc_id] = {**doc, "how_known": "cold"}
    out["meta"] = {"1": {"schema_version": 1}}
    return out


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {0: _v0_to_v1}
"""Step from version N to N+1."""


def migrate(tables: Tables) -> tuple[Tables, int]:
    """Bring `tables` up to SCHEMA_VERSION; returns them and the version they started at."""
    start = version = file_version(tables)
    if start > SCHEMA_VERSION:
        # A newer file: there is no step down. Store.open turns this KeyError into "upgrade to open it".
        raise KeyError(start)
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        tables.setdefault("meta", {})["1"] = {
            **tables.get("meta", {}).get("1", {}),
            "schema_version": version,
        }
    return tables, start
