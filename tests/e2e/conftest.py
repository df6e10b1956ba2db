"""Helpers for end-to-end tests: run the installed `infoview-tui` in a real terminal (tmux) and read the screen."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
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
            "new-session",
            "-d",
            "-s",
            self.name,
            "-x",
            str(width),
            "-y",
            str(height),
            "env",
            *env_args,
            "sh",
            "-c",
            shell_command,
        )
        self._tmux("set-option", "-s", "escape-time", "0")

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], check=False, capture_output=True, text=True, timeout=20
        )
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", self.name)

    def send(self, *keys: str) -> None:
        """Press keys by their tmux names (Enter, C-q, F7). For Escape use `escape`, which waits for its effect."""
        assert "Escape" not in keys, (
            "use escape(gone=...): a lone escape followed at once by a key reads as alt+key"
        )
        self._tmux("send-keys", "-t", self.name, *keys)

    def escape(self, gone: str, timeout: float = 20.0) -> str:
        """Press Escape and wait until `gone` has left the screen (the dialog or screen it closed).

        The next key is sent only once the escape has visibly been handled, so the two never merge into
        alt+key and the key reaches the screen the escape led to, however busy the machine is.
        """
        self._tmux("send-keys", "-t", self.name, "Escape")
        return self.wait_gone(gone, timeout)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        return self.wait_until(lambda screen: text in screen, f"{text!r} did not appear", timeout)

    def wait_gone(self, text: str, timeout: float = 20.0) -> str:
        return self.wait_until(lambda screen: text not in screen, f"{text!r} did not go away", timeout)

    def wait_until(self, condition: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        """Poll the screen until `condition(screen)` holds; fail with the last screen after `timeout` s."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{what} within {timeout}s; the screen was:\n{screen}")

    def pid(self) -> int:
        """The pid of the app process (the child of the pane's shell)."""
        shell = int(self._tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").strip())
        out = subprocess.run(
            ["pgrep", "-P", str(shell)], check=False, capture_output=True, text=True
        ).stdout.split()
        return int(out[0]) if out else shell

    def close(self) -> None:
        subprocess.run(
            ["tmux", "-L", self.socket, "kill-session", "-t", self.name], check=False, capture_output=True
        )


def wait_for_exit(pid: int, timeout: float = 30.0) -> float:
    """Wait until process `pid` has ended (gone, or a zombie waiting for its parent); returns the seconds taken."""
    started = time.monotonic()
    stat = Path(f"/proc/{pid}/stat")
    while time.monotonic() - started < timeout:
        try:
            state = stat.read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, ProcessLookupError, IndexError):
            return time.monotonic() - started
        if state in ("Z", "X"):
            return time.monotonic() - started
        time.sleep(0.05)
    raise AssertionError(f"process {pid} was still running after {timeout}s")


@contextlib.contextmanager
def busy_cores(count: int = 2, seconds: float = 120.0) -> Iterator[None]:
    """Load the machine like a video call does: `count` busy loops that end by themselves after `seconds`."""
    loop = f"import time\ne = time.time() + {seconds}\nwhile time.time() < e: pass"
    loops = [subprocess.Popen([sys.executable, "-c", loop]) for _ in range(count)]
    try:
        yield
    finally:
        for process in loops:
            process.kill()
            process.wait(timeout=10)


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)


@pytest.fixture
def terminal_env(tmp_path: Path) -> dict[str, str]:
    """A minimal environment for the app: isolated home and config, a known terminal."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    # The first-start profile question is answered (it has its own Pilot tests), so tests see the section.
    settings = home / "config" / "infoview-tui" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('{"profile_asked": true}\n', encoding="utf-8")
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
