"""Shared test setup: keep every test away from the real home folder and the user's data file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# The package is not installed into the test venv; make the checkout importable however pytest is started
# (`pytest` as a script does not put the working folder on sys.path, `python -m pytest` does).
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


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
