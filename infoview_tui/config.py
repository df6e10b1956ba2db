"""Provides where things live (data file, settings) and the small settings file (the chosen theme)."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import msgspec
from msgspec import Struct

from infoview_tui.domain.safe_text import without_lone_surrogates
from infoview_tui.fileio import atomic_write_text

APP_NAME = "infoview-tui"
DATA_ENV = "INFOVIEW_DATA"
DATA_FILE_NAME = "infoview.json"


def default_data_path() -> Path:
    """The data file used when neither --data nor INFOVIEW_DATA says otherwise."""
    import platformdirs  # imported on first use: start-up time matters

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / DATA_FILE_NAME


def resolve_data_path(cli_value: str | None = None) -> Path:
    """--data wins, then INFOVIEW_DATA, then the platform's data folder."""
    raw = cli_value or os.environ.get(DATA_ENV) or ""
    if raw.strip():
        return Path(os.path.expanduser(raw.strip())).absolute()
    return default_data_path()


def machine_name() -> str:
    """This computer's readable name (its host name), shown to the other computer."""
    # A host name that is not UTF-8 comes with a lone surrogate in it, which no save could write.
    return without_lone_surrogates(socket.gethostname()) or "another computer"


def settings_path() -> Path:
    """The settings file in the platform's config folder."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "settings.json"


MACHINE_ID_FILE = "machine-id"
_machine_id: str | None = None


def machine_id_path() -> Path:
    """Where this computer's machine id is kept: the platform's config folder (not synced with the data)."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / MACHINE_ID_FILE


def machine_id(path: Path | None = None) -> str:
    """This computer's id, stamped as `updated_by` on every record it changes: a ULID made on first use.

    Kept in `machine-id` in the config folder (mode 0600) so it stays the same across runs and data files;
    a missing or damaged file gets a new id. When the folder cannot be written the id lives for this run
    only (records still get a consistent stamp; the next run makes another).
    """
    global _machine_id
    from infoview_tui.domain.ids import is_id, new_id

    target = path or machine_id_path()
    if path is None and _machine_id is not None:
        return _machine_id
    try:
        found = target.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        found = ""
    if not is_id(found):
        found = new_id()
        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write_text(target, found + "\n")
            os.chmod(target, 0o600)
        except OSError:
            pass
    if path is None:
        _machine_id = found
    return found


class Settings(Struct):
    """Preferences remembered between runs."""

    theme: str = "textual-dark"
    profile_asked: bool = False
    """The first-start question "who are you?" was shown (answered or skipped): it is never asked again."""

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        """Read settings; anything missing or unreadable falls back to defaults."""
        try:
            raw = json.loads((path or settings_path()).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        theme = raw.get("theme")
        settings = cls(theme=theme) if isinstance(theme, str) and theme else cls()
        settings.profile_asked = raw.get("profile_asked") is True
        return settings

    def save(self, path: Path | None = None) -> None:
        """Write settings atomically, user-only."""
        atomic_write_text(path or settings_path(), json.dumps(msgspec.structs.asdict(self), indent=2) + "\n")
