"""Provides the data folder's safety check: a folder others may write to is reported, and made private when
it is ours.

Anyone who can write to the folder can replace the data file (rename is all it takes). The folder counts as
ours, and is tightened to 0700 without asking, when it is the default data folder (the app created it), or
when it belongs to the user and holds nothing but this data file's own files (lock, backups, exports, prep
sheets, messages, conflict copies, temp files). Any other folder (a shared or synced folder with other
files in it) is only reported: changing its mode could break something else.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from infoview_tui.fileio import DIR_MODE, is_private_mode

OUR_FOLDERS = frozenset({"backups", "exports", "prep", "messages"})
"""Folders the app makes beside the data file."""


def only_our_files(folder: Path, data_file: Path) -> bool:
    """True when every entry in `folder` belongs to `data_file` (or the folder is empty)."""
    name, stem, suffix = data_file.name, data_file.stem, data_file.suffix
    try:
        entries = os.listdir(folder)
    except OSError:
        return False
    for entry in entries:
        if entry in (name, name + ".lock") or entry in OUR_FOLDERS:
            continue
        if entry.startswith(f".{name}.") and entry.endswith(".tmp"):
            continue
        if entry.startswith(".infoview-probe-"):
            continue
        if entry.startswith(f"{stem}.conflict-") and entry.endswith(suffix):
            continue
        return False
    return True


def secure_data_folder(data_file: Path, *, default_folder: Callable[[], Path | None]) -> str | None:
    """Check the data file's folder; returns a one-line notice when others may write to it, else None.

    Tightens the folder to 0700 when it is ours (see the module docstring) and says so. `default_folder`
    is only asked when the folder is not private (finding it imports platformdirs).
    """
    folder = data_file.parent
    try:
        info = os.stat(folder)
    except OSError:
        return None
    mode = stat.S_IMODE(info.st_mode)
    if is_private_mode(mode):
        return None
    owner = os.getuid() if hasattr(os, "getuid") else info.st_uid
    ours = folder == default_folder() or (info.st_uid == owner and only_our_files(folder, data_file))
    if ours:
        try:
            os.chmod(folder, DIR_MODE)
        except OSError as exc:
            return (
                f"{folder} is writable by other users (mode {mode:o}) and could not be made private: "
                f"{exc.strerror}."
            )
        return (
            f"{folder} was writable by other users (mode {mode:o}); it holds only infoview-tui's files, so "
            "it was made private (700)."
        )
    return (
        f"{folder} is writable by other users (mode {mode:o}): anyone with an account here could replace "
        f"your data file. If the folder is yours alone: chmod 700 {folder}"
    )
