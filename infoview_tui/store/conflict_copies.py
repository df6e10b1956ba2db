"""Provides finding the conflict copies sync tools (and our own writer) leave beside the data file, and
putting one away in backups/ once it is merged.

Pure path logic (no parsing): for a data file `infoview.json` these names count, as each tool makes them:

- Dropbox: `infoview (Sam's conflicted copy 2026-11-29).json` (sometimes with ` (1)` inside the brackets)
- Nextcloud / ownCloud: `infoview (conflicted copy 2026-11-29 101500).json`
- Syncthing: `infoview.sync-conflict-20261129-101500-ABCDEFG.json`
- OneDrive: `infoview-LAPTOP.json` (the other computer's name: letters, digits and hyphens, up to 15)
- infoview-tui itself: `infoview.conflict-20261129-101500.json` (a copy the writer could not merge)

A copy the user chose never to merge is remembered by name in `backups/<stem>.ignored-copies.json`.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from infoview_tui.fileio import atomic_write_text, ensure_folder, fsync_dir

__all__ = [
    "ConflictCopy",
    "find_conflict_copies",
    "ignore_copy",
    "ignored_copies",
    "is_conflict_copy",
    "put_away",
]

ONEDRIVE_NOT_A_HOST = frozenset({"export", "backup", "demo", "copy", "old", "new", "merged", "base"})
"""Suffixes that look like OneDrive's `-HOSTNAME` but are what people name their own copies."""


@dataclass(frozen=True, slots=True)
class ConflictCopy:
    """A conflict copy found beside the data file, and which tool left it."""

    path: Path
    tool: str
    """`Dropbox`, `Nextcloud or ownCloud`, `Syncthing`, `OneDrive` or `infoview-tui`."""


def _patterns(path: Path) -> list[tuple[str, re.Pattern[str]]]:
    stem, suffix = re.escape(path.stem), re.escape(path.suffix)
    return [
        ("Dropbox", re.compile(rf"{stem} \(.+['’]s conflicted copy [^)]*(\(\d+\))?\){suffix}")),
        ("Nextcloud or ownCloud", re.compile(rf"{stem} \(conflicted copy [^)]*\){suffix}")),
        ("Syncthing", re.compile(rf"{stem}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Z0-9]{{7}}{suffix}")),
        ("infoview-tui", re.compile(rf"{stem}\.conflict-\d{{8}}-\d{{6}}(-\d+)?{suffix}")),
        ("OneDrive", re.compile(rf"{stem}-(?P<host>[A-Za-z0-9][A-Za-z0-9-]{{0,14}}){suffix}")),
    ]


def conflict_tool(candidate: Path, path: Path) -> str | None:
    """Which tool's conflict-copy name `candidate` has for the data file `path`, or None."""
    if candidate.parent != path.parent or candidate.name == path.name:
        return None
    for tool, pattern in _patterns(path):
        match = pattern.fullmatch(candidate.name)
        if match is None:
            continue
        host = match.groupdict().get("host")
        if host is not None and (host.lower() in ONEDRIVE_NOT_A_HOST or host.isdigit()):
            return None
        return tool
    return None


def is_conflict_copy(candidate: Path, path: Path) -> bool:
    """True when `candidate` is a conflict copy of the data file `path` (by its name and place)."""
    return conflict_tool(Path(os.path.abspath(candidate)), Path(os.path.abspath(path))) is not None


def _ignore_file(path: Path) -> Path:
    return path.parent / "backups" / f"{path.stem}.ignored-copies.json"


def ignored_copies(path: Path) -> set[str]:
    """Names of the copies the user chose never to merge (an unreadable list counts as empty)."""
    try:
        names = json.loads(_ignore_file(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {n for n in names if isinstance(n, str)} if isinstance(names, list) else set()


def ignore_copy(path: Path, copy: Path) -> None:
    """Never offer `copy` again (it stays where it is)."""
    names = sorted(ignored_copies(path) | {copy.name})
    # Escaped: a name that is not UTF-8 on disk reaches Python with a lone surrogate in it, which has no UTF-8
    # form (written as is, answering "never" to that copy crashed the app); escaped, it reads back the same.
    atomic_write_text(_ignore_file(path), json.dumps(names, ensure_ascii=True, indent=1) + "\n")


def find_conflict_copies(path: Path) -> list[ConflictCopy]:
    """The conflict copies beside the data file `path`, oldest name first, without those ignored; only
    regular files (a folder or a symlink with such a name is left alone)."""
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    skip = ignored_copies(path)
    found = []
    for entry in entries:
        if entry.name in skip:
            continue
        with contextlib.suppress(OSError):
            if not entry.is_file(follow_symlinks=False):
                continue
            tool = conflict_tool(path.parent / entry.name, path)
            if tool is not None:
                found.append(ConflictCopy(path.parent / entry.name, tool))
    return sorted(found, key=lambda c: c.path.name)


def put_away(copy: Path, path: Path) -> Path:
    """Move a merged copy into backups/ beside the data file (a rename: atomic, nothing copied); returns
    where it went. A name already taken there gets `-2`, `-3`, …"""
    folder = path.parent / "backups"
    ensure_folder(folder)
    target = folder / copy.name
    count = 2
    while target.exists():
        target = folder / f"{copy.stem}-{count}{copy.suffix}"
        count += 1
    os.replace(copy, target)
    fsync_dir(folder)
    fsync_dir(copy.parent)
    return target
