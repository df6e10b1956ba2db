"""Provides the rule for a notebook open on two computers at once: who has it open, and is that still true.

The lock file beside the data file only sees this computer. So the file's header carries `open_by`:
`{"machine": <machine id>, "name": <host name>, "heartbeat": <ISO 8601 UTC>}`, written when the app opens the
file, refreshed while it runs and removed when it closes cleanly. Another computer that opens the file while
that heartbeat is recent warns before anything is written.

When the heartbeat is refreshed is a trade-off between seeing an open app and not rewriting the file: a sync
tool uploads the whole file on every change, so an app that sits idle never rewrites it just to say it is
alive. The heartbeat is written on open, and refreshed only together with a save the app makes anyway, at
most every `HEARTBEAT_EVERY`. An app left idle for longer than `RECENT` therefore stops warning the other
computer; it holds nothing unsaved, and its next save merges whatever the other computer wrote meanwhile.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from msgspec import Struct

from infoview_tui.domain.dates import humanize_delta

HEARTBEAT_EVERY = timedelta(minutes=5)
"""A save refreshes the heartbeat when it is at least this old."""
RECENT = timedelta(minutes=15)
"""A heartbeat younger than this (or up to this far in the future: clocks differ) means "open there now"."""
FIELD = "open_by"
"""The header key."""


class Presence(Struct, frozen=True):
    """A computer that has the notebook open."""

    machine: str
    """Its machine id (see `config.machine_id`)."""
    name: str
    """Its host name, for people."""
    heartbeat: datetime
    """When it last said so (aware, UTC)."""

    def encode(self) -> dict[str, str]:
        """The header value."""
        return {
            "machine": self.machine,
            "name": self.name,
            "heartbeat": self.heartbeat.astimezone(UTC).isoformat(timespec="seconds"),
        }


def read_presence(header: Mapping[str, Any] | None) -> Presence | None:
    """The `open_by` of a file's header; None when there is none or it is not one (a hand edit)."""
    value = header.get(FIELD) if isinstance(header, Mapping) else None
    if not isinstance(value, Mapping):
        return None
    machine, name, beat = value.get("machine"), value.get("name"), value.get("heartbeat")
    if not (isinstance(machine, str) and machine and isinstance(beat, str)):
        return None
    try:
        when = datetime.fromisoformat(beat)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return Presence(machine, name if isinstance(name, str) and name else machine, when)


def open_elsewhere(header: Mapping[str, Any] | None, machine: str, now: datetime) -> Presence | None:
    """Another computer that has the file open now (a heartbeat within `RECENT`), or None."""
    found = read_presence(header)
    if found is None or found.machine == machine:
        return None
    age = now - found.heartbeat
    return found if -RECENT < age < RECENT else None


def heartbeat_due(header: Mapping[str, Any] | None, machine: str, now: datetime) -> bool:
    """Whether a save should refresh this computer's heartbeat (missing, someone else's, or old)."""
    found = read_presence(header)
    if found is None or found.machine != machine:
        return True
    return not timedelta(0) <= now - found.heartbeat < HEARTBEAT_EVERY


def later(mine: Any, other: Any) -> Any:
    """Two copies' `open_by` when both changed it: the later heartbeat (a present one over none)."""
    a, b = read_presence({FIELD: mine}), read_presence({FIELD: other})
    if a is None:
        return other if b is not None else mine
    if b is None:
        return mine
    return other if (b.heartbeat, b.machine) > (a.heartbeat, a.machine) else mine


def warning(presence: Presence, now: datetime) -> str:
    """'Sam-laptop has this notebook open (last seen 3 min ago).'"""
    age = now - presence.heartbeat
    seen = "just now" if abs(age) < timedelta(minutes=1) else humanize_delta(-abs(age))
    return f"{presence.name} has this notebook open (last seen {seen})."
