"""Provides the Dashboard's snapshot: every line it may show in the next 30 days (`AgendaPlan`), kept in the
user's cache folder under the fingerprint of the data file it was made from.

A start reads the data file's bytes and its fingerprint in a thread (`QuickStart`, begun before the app's
own imports) and, when a snapshot of exactly those bytes exists and covers the clock, the Dashboard shows the
user's data at once; the full load goes on in the background. A file written by another program, another
version or by hand has another fingerprint, so its snapshot (if any) is never shown: that start takes the
normal path. The snapshot is written when the app closes a file it holds whole and saved (`remember`).

The data file stays one self-contained TinyDB document: the snapshot is derived data beside it, never carried
by a sync tool, and a missing or damaged snapshot only costs the normal start. Imports no TinyDB and no
Textual (start-up reads it before either is needed).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from infoview_tui.fileio import content_digest

if TYPE_CHECKING:
    from infoview_tui.stages.agenda import AgendaPlan, Pending
    from infoview_tui.store.repository import Store

VALID_FOR = timedelta(days=30)
"""How long after it was made a snapshot still is the Dashboard (it holds every line up to then + 7 days)."""
KEEP = 4
"""Snapshots kept (newest first): one per data file in use, and a few for copies of it."""
FORMAT = 3
"""The snapshot's own layout; another value is ignored (never misread)."""
GROUPS = ("in_call", "upcoming", "waiting", "thank_yous", "promises", "reflections", "checkins")


def cache_folder() -> Path:
    """Where snapshots are kept: the user's cache folder (derived data, safe to delete)."""
    import platformdirs

    return Path(platformdirs.user_cache_path("infoview-tui", appauthor=False)) / "dashboard"


READ_BLOCK = 1 << 20
"""Bytes hashed at a time by `fingerprint_file`."""


def fingerprint_file(path: Path) -> bytes:
    """The data file's fingerprint, as the store keeps it (`fileio.content_digest` of its bytes,
    `DiskState.digest`), read a block at a time: reading it whole put a copy of the file in memory at
    every start (19 MB at 10,000 contacts, the peak's largest part before the records are decoded)."""
    digest = content_digest()
    with open(path, "rb") as handle:
        while block := handle.read(READ_BLOCK):
            digest.update(block)
    return digest.digest()


def _name(digest: bytes) -> str:
    return f"{digest.hex()}.json"


class QuickDashboard(Struct, frozen=True):
    """What the Dashboard shows before the file is decoded: its plan, and whether the file has no records."""

    plan: AgendaPlan
    empty: bool


# Writing ------------------------------------------------------------------------------------------------
def remember(store: Store, folder: Path | None = None) -> Path | None:
    """After the store is closed: keep the Dashboard's plan under the fingerprint of the file as it is on
    disk, when the records in memory are exactly that file (all decoded, everything saved, no merge waiting).
    Returns the snapshot's path, or None when nothing was kept. Never raises for a cache problem."""
    storage = store.storage
    disk = storage.disk
    if not store.loaded or disk is None or not disk.digest or storage.dirty or storage.merge_pending:
        return None
    from infoview_tui.stages.agenda import HORIZON, plan_agenda

    now = store.clock.now()
    plan = plan_agenda(
        store.contacts.all(), store.outreach.all(), store.interviews.all(), now, HORIZON + VALID_FOR
    )
    if plan.in_call:
        return None  # a call's clock runs in its record: the normal start shows it
    try:
        return save(folder or cache_folder(), disk.digest, QuickDashboard(plan, store.is_empty))
    except (OSError, ValueError, TypeError):
        return None


def save(folder: Path, digest: bytes, quick: QuickDashboard) -> Path:
    """Write one snapshot (atomically) and drop all but the newest `KEEP`."""
    from infoview_tui.fileio import atomic_write_text, ensure_folder

    ensure_folder(folder)
    target = folder / _name(digest)
    atomic_write_text(target, json.dumps(_encode(digest, quick), ensure_ascii=False, separators=(",", ":")))
    kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[KEEP:]:
        if old != target:
            with contextlib.suppress(OSError):
                old.unlink()
    return target


def _encode(digest: bytes, quick: QuickDashboard) -> dict[str, Any]:
    plan = quick.plan
    return {
        "format": FORMAT,
        "digest": digest.hex(),
        "empty": quick.empty,
        "made_at": plan.made_at.isoformat(),
        "until": plan.until.isoformat(),
        "stage_counts": {stage.value: n for stage, n in plan.stage_counts.items()},
        "reached_out": plan.reached_out,
        **{group: [_encode_pending(p) for p in getattr(plan, group)] for group in GROUPS},
    }


def _when(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _encode_pending(p: Pending) -> dict[str, Any]:
    from infoview_tui.store import codec

    out: dict[str, Any] = {"k": p.kind.value, "t": p.title, "d": p.detail, "r": p.record_id}
    for key, value in (("w", p.when), ("e", p.ends), ("j", p.join)):
        if value is not None:
            out[key] = _when(value)
    if p.day is not None:
        out["day"] = p.day.isoformat()
    if p.call is not None:
        out["call"] = codec.encode(p.call, compact=True)
    if p.request is not None:
        r = p.request
        out["req"] = [_when(r.sent_at), _when(r.nudged_at), _when(r.three_b), _when(r.seven_b)]
    return out


# Reading ------------------------------------------------------------------------------------------------
def load(folder: Path, digest: bytes, now: datetime) -> QuickDashboard | None:
    """The snapshot made from the file with this fingerprint, if there is one and it covers `now`."""
    quick = _load(folder, digest)
    return quick if quick is not None and quick.plan.covers(now) else None


def _load(folder: Path, digest: bytes) -> QuickDashboard | None:
    try:
        doc = json.loads((folder / _name(digest)).read_bytes())
        if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("digest") != digest.hex():
            return None
        return _decode(doc)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # missing, damaged or of another layout: the normal start


def _decode(doc: dict[str, Any]) -> QuickDashboard:
    from infoview_tui.domain.models import CallRecord, Stage
    from infoview_tui.stages.agenda import AgendaPlan, ItemKind, Pending
    from infoview_tui.stages.identify.nudges import Waiting
    from infoview_tui.store import codec

    kinds = {kind.value: kind for kind in ItemKind}
    time = datetime.fromisoformat

    def pending(doc: dict[str, Any]) -> Pending:
        get = doc.get
        when, ends, join, day, call, request = (
            get("w"),
            get("e"),
            get("j"),
            get("day"),
            get("call"),
            get("req"),
        )
        return Pending(
            kinds[doc["k"]],
            str(doc["t"]),
            str(doc["d"]),
            doc["r"],
            when=None if when is None else time(when),
            ends=None if ends is None else time(ends),
            join=None if join is None else time(join),
            day=None if day is None else date.fromisoformat(day),
            call=None if call is None else codec.decode(CallRecord, call),
            request=None if request is None else waiting(*request),
        )

    def waiting(sent: str, nudged: str | None, three_b: str, seven_b: str) -> Waiting:
        return Waiting(time(sent), None if nudged is None else time(nudged), time(three_b), time(seven_b))

    plan = AgendaPlan(
        made_at=time(doc["made_at"]),
        until=time(doc["until"]),
        stage_counts={Stage(k): int(v) for k, v in doc["stage_counts"].items()},
        reached_out=int(doc["reached_out"]),
        **{group: [pending(p) for p in doc[group]] for group in GROUPS},
    )
    return QuickDashboard(plan, bool(doc["empty"]))


class QuickStart:
    """Reads the data file's fingerprint and its Dashboard snapshot in a thread, begun before the app is
    imported (reading and hashing release the GIL); `result(now)` waits for it."""

    def __init__(self, path: Path, folder: Path | None = None) -> None:
        self._path = Path(os.path.realpath(os.path.expanduser(path)))
        self._folder = folder
        self._found: QuickDashboard | None = None
        self.digest: bytes | None = None
        """The fingerprint of the file as this read it (once `result` returned): the snapshot is the Dashboard
        of exactly those bytes, which may no longer be the file the store decodes later (a sync)."""
        self._thread = threading.Thread(target=self._read, name="infoview-quick-start", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        try:
            digest = fingerprint_file(self._path)
        except OSError:
            return  # no file yet, or unreadable: the normal start says why
        self.digest = digest
        self._found = _load(self._folder or cache_folder(), digest)

    def result(self, now: datetime, timeout: float = 3.0) -> QuickDashboard | None:
        """The snapshot of the file as it was read, if there is one covering `now` (None: the normal start)."""
        self._thread.join(timeout)
        found = None if self._thread.is_alive() else self._found
        return found if found is not None and found.plan.covers(now) else None
