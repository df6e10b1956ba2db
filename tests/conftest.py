"""Shared test setup: keep every test away from the real home folder and the user's data file."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

# Times are shown in the local zone: pin it so Dashboard text and snapshots are the same on every machine.
os.environ["TZ"] = "UTC"
time.tzset()


@pytest.fixture(autouse=True)
def _isolate_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point HOME and the XDG folders into tmp_path and drop INFOVIEW_DATA, so nothing touches real files."""
    home = tmp_path / "home"
    data = tmp_path / "xdg-data"
    config = tmp_path / "xdg-config"
    for folder in (home, data, config):
        folder.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("INFOVIEW_DATA", raising=False)
