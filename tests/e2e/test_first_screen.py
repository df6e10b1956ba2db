"""End-to-end: the installed `infoview-tui` in a real terminal shows the Dashboard, refuses a second copy,
lets `export` read the file while it is open, and quits cleanly."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import Terminal, installed_command

pytestmark = pytest.mark.e2e


def test_installed_app_opens_on_the_dashboard_and_guards_the_file(
    tmp_path: Path, terminal_env: dict[str, str], terminals: list[Terminal]
) -> None:
    command = installed_command()
    data = tmp_path / "data" / "infoview.json"
    made = subprocess.run(
        [*command, "demo", "--data", str(data)], capture_output=True, text=True, env=terminal_env, timeout=60
    )
    assert made.returncode == 0, made.stderr
    assert "Wrote a demo data set" in made.stdout

    terminal = Terminal([*command, "--data", str(data)], terminal_env)
    terminals.append(terminal)
    screen = terminal.wait_for("Upcoming interviews")
    assert "0 Dashboard" in screen and "1 Identify" in screen
    assert "Waiting for a reply" in screen

    second = subprocess.run(
        [*command, "--data", str(data)], capture_output=True, text=True, env=terminal_env, timeout=30
    )
    assert second.returncode == 2
    assert "already open" in second.stderr
    assert "Traceback" not in second.stderr

    exported = subprocess.run(
        [*command, "export", "--format", "json", "--data", str(data)],
        capture_output=True,
        text=True,
        env=terminal_env,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["contacts"]

    terminal.send("1")
    terminal.wait_for("Name ")
    terminal.send("C-q")
    terminal.wait_for("EXITED:0")


def test_sigterm_exits_cleanly_and_releases_the_file(
    tmp_path: Path, terminal_env: dict[str, str], terminals: list[Terminal]
) -> None:
    import os
    import signal

    command = installed_command()
    data = tmp_path / "infoview.json"
    terminal = Terminal([*command, "--data", str(data)], terminal_env)
    terminals.append(terminal)
    terminal.wait_for("Welcome to infoview-tui")
    os.kill(terminal.pid(), signal.SIGTERM)
    terminal.wait_for("EXITED:0")
    reopened = subprocess.run(
        [*command, "export", "--data", str(data)],
        capture_output=True,
        text=True,
        env=terminal_env,
        timeout=30,
    )
    assert reopened.returncode == 0 and json.loads(reopened.stdout)["questions"]
