"""Provides the complete JSON backup (CSV, calendar and Markdown exports live in their own modules).

The backup is `Store.export_dict()`: `{"schema_version": 2, "exported_by": ..., "profile": {...}, "<kind>":
[record, ...]}` for contacts, outreach, interviews, questions, goals and intros, every field written out.
Each record has its `id`, a ULID (26 characters of Crockford base32: 48 bits of milliseconds, then 80 random
bits; see `domain.ids`), and every reference to another record (`contact_id`, `introduced_by_id`, a chosen
question's `question_id`, a follow-up's `referral_note_ids`, a reflection's `goal_ids`, a call note's `id`, ...)
holds such an id. `updated_at` and `updated_by` say when and on which computer (its machine id) the record
last changed. Removed records (tombstones in the data file) are not in the backup.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any


def export_json(data: Mapping[str, Any]) -> str:
    """The whole data set (`Store.export_dict()`) as pretty JSON text (UTF-8, non-ASCII kept)."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
