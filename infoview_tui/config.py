"""Provides where things live (data file, settings) and the small settings file (the chosen theme)."""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
from dataclasses import asdict, dataclass
from pathlib import Path

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


MACHINE_ID_FILE = "machine-id"


def machine_id(path: Path | None = None) -> str:
    """This computer's stable id: 16 random hex digits kept in the config folder (0600), made on first use.

    Two computers sharing a notebook tell each other apart by it; an unreadable or odd file gets a new id.
    """
    import platformdirs

    target = path or platformdirs.user_config_path(APP_NAME, appauthor=False) / MACHINE_ID_FILE
    try:
        found = target.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        found = ""
    if re.fullmatch(r"[0-9a-f]{16}", found):
        return found
    made = secrets.token_hex(8)
    try:
        atomic_write_text(target, made + "\n")
    except OSError:
        pass  # a read-only config folder: this run still has an id, the next makes another
    return made


def machine_name() -> str:
    """This computer's readable name (its host name), shown to the other computer."""
    return socket.gethostname() or "another computer"


def settings_path() -> Path:
    """The settings file in the platform's config folder."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "settings.json"


@dataclass(slots=True)
class Settings:
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
        atomic_write_text(path or settings_path(), json.dumps(asdict(self), indent=2) + "\n")
