"""Provides exports of the data file: a complete JSON backup (more formats arrive with later sections)."""

from __future__ import annotations

import json
from typing import Any

from infoview_tui.store import Store

JSON_FORMAT_DOC = """\
infoview-tui JSON export: an object with
  schema_version  the data file's schema version
  exported_by     the program and version that wrote it
  contacts        [{id, name, title, company, industry, email, linkedin_url, how_known, introduced_by_id, ...}]
  outreach        [{id, contact_id, sent_at, channel, message, status, responded_at, nudged_at, interview_id}]
  interviews      [{id, contact_id, scheduled_at, duration_minutes, stage, medium, location, questions,
                    call {spans, ended_at}, notes [{id, text, offset_s, kind, ...}], follow_up, reflection, ...}]
  questions       [{id, text, category, builtin, times_used, rating_total, rating_count}]
  goals           [{id, title, description, active}]
  intros          [{id, via_contact_id, target, status, result_contact_id}]
Datetimes are ISO 8601 with a UTC offset; offset_s is seconds into the call.
"""


def export_json(store: Store, snapshot: dict[str, list[Any]] | None = None) -> str:
    """The whole data set as pretty JSON text (UTF-8, non-ASCII kept)."""
    data: dict[str, Any] = store.export_dict(snapshot)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
