"""Helpers for end-to-end tests: run the installed `infoview-tui` in a real terminal (tmux) and read the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "infoview-tui"


def installed_command() -> list[str]:
    """The installed console script, as a user would run it."""
    if not SCRIPT.exists():
        pytest.skip("infoview-tui is not installed next to this Python (pip install '.[test]')")
    return [str(SCRIPT)]


class Terminal:
    """One tmux session running a command; `screen()` reads what a person would see."""

    def __init__(self, command: list[str], env: dict[str, str], width: int = 120, height: int = 36) -> None:
        if shutil.which("tmux") is None:
            pytest.skip("tmux is not installed")
        self.name = f"infoview-e2e-{uuid.uuid4().hex[:8]}"
        self.socket = f"infoview-e2e-{os.getpid()}"
        shell_command = " ".join(_quote(part) for part in command) + "; echo EXITED:$?; sleep 60"
        env_args = [f"{k}={v}" for k, v in env.items()]
        self._tmux(
            "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
            "env", *env_args, "sh", "-c", shell_command,
        )  # fmt: skip
        self._tmux("set-option", "-s", "escape-time", "0")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20)
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def send(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)
        if "Escape" in keys:
            time.sleep(0.4)  # a lone escape must not merge with the next key into alt+key

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear within {timeout}s; the screen was:\n{screen}")

    def pid(self) -> int:
        """The pid of the app process (the child of the pane's shell)."""
        shell = int(self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        out = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True).stdout.split()
        return int(out[0]) if out else shell

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-session", "-t", self.name], capture_output=True)


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)


@pytest.fixture
def terminal_env(tmp_path: Path) -> dict[str, str]:
    """A minimal environment for the app: isolated home and config, a known terminal."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "TZ": "UTC",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()
