"""Shared test setup: keep every test away from the real home folder and the user's data file."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from socket import _Address  # typeshed's name for what socket.connect accepts

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


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app makes no network calls: any attempt to reach an internet address fails the test."""
    import socket

    real_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: _Address) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"the app tried to open a network connection to {address!r}")
        real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
