"""Provides the words typed in a dialog that was never saved, kept in a file beside the data file.

A dialog's fields are only stored when the user saves it (ctrl+s): that is the point of a dialog. But when the
app ends while one is open (ctrl+q, the terminal window closed, SIGTERM), what was typed in it is still the
user's words. They go to `<data>.unsaved-<time>.txt` (user-only), and the next start says where they are and
moves the file into `backups/`, so it is told once and kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from infoview_tui.domain.safe_text import strip_controls
from infoview_tui.fileio import atomic_write_text, ensure_folder
from infoview_tui.store.storage import backup_dir

SUFFIX = ".txt"


@dataclass(frozen=True)
class TypedField:
    """One field of an open dialog whose text the user changed and did not save."""

    dialog: str
    """The dialog's title as the user saw it, e.g. 'Add a contact'."""
    field: str
    """The field's label, e.g. 'Notes'."""
    text: str


def unsaved_path(data_path: Path, now: datetime) -> Path:
    """A new file name beside the data file for words typed at `now` (a number is added if it exists)."""
    stem = f"{data_path.name}.unsaved-{now.strftime('%Y%m%d-%H%M%S')}"
    candidate = data_path.with_name(stem + SUFFIX)
    n = 2
    while candidate.exists():
        candidate = data_path.with_name(f"{stem}-{n}{SUFFIX}")
        n += 1
    return candidate


def render(fields: list[TypedField], now: datetime) -> str:
    """The file's text: one block per field, headed by the dialog and the field."""
    lines = [
        f"Typed in infoview-tui on {now.strftime('%Y-%m-%d %H:%M')} in a dialog that was not saved.",
        "Copy what you need back into the app.",
        "",
    ]
    for field in fields:
        heading = f"== {strip_controls(field.dialog)}: {strip_controls(field.field)}"
        lines += [heading, strip_controls(field.text, multiline=True), ""]
    return "\n".join(lines)


def keep_unsaved(data_path: Path, fields: list[TypedField], now: datetime) -> Path | None:
    """Write `fields` to a new user-only file beside the data file; None when there is nothing to keep."""
    kept = [f for f in fields if f.text.strip()]
    if not kept:
        return None
    path = unsaved_path(data_path, now)
    atomic_write_text(path, render(kept, now))
    return path


def take_unsaved(data_path: Path) -> list[Path]:
    """Files of unsaved words left by an earlier run, moved into `backups/`; their new paths, oldest first."""
    found = sorted(data_path.parent.glob(f"{data_path.name}.unsaved-*{SUFFIX}"))
    moved = []
    for path in found:
        target_folder = backup_dir(data_path)
        try:
            ensure_folder(target_folder)
            target = target_folder / path.name
            path.replace(target)
        except OSError:
            target = path  # left where it is: still told about, still kept
        moved.append(target)
    return moved
