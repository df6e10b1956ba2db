"""CI runs what the README promises: the README's test command verbatim, after the static checks it lists.

A contributor who copies the README gets the same result as CI, and a check added to CI is one they can run too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CI = ROOT / ".ci" / "run"
README = ROOT / "README.md"

CHECKS = (".venv/bin/ruff check .", ".venv/bin/ruff format --check .", ".venv/bin/mypy")
"""The static checks, as README "Development" spells them."""


def script_lines() -> list[str]:
    """The commands of `.ci/run`, without comments or blank lines."""
    lines = (line.strip() for line in CI.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def readme_test_command() -> str:
    """The one-line install-and-test command at the top of the README."""
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("python3 -m venv .venv") and "pytest" in line:
            return line
    raise AssertionError("README has no one-line test command")


def test_ci_runs_the_readme_test_command_verbatim_and_last() -> None:
    assert script_lines()[-1] == readme_test_command()


def test_ci_runs_the_readme_static_checks_before_the_tests() -> None:
    lines = script_lines()
    readme = README.read_text(encoding="utf-8")
    positions = []
    for check in CHECKS:
        assert check in readme, f"README no longer lists {check!r}"
        assert check in lines, f".ci/run does not run {check!r}"
        positions.append(lines.index(check))
    assert positions == sorted(positions)
    assert max(positions) < lines.index(readme_test_command())


def test_ci_installs_the_tools_it_runs_before_running_them() -> None:
    lines = script_lines()
    install = next(i for i, line in enumerate(lines) if re.search(r"pip install '\.\[test,dev\]'", line))
    assert install < min(lines.index(check) for check in CHECKS)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_ci_script_is_executable_bash_that_stops_on_the_first_failure() -> None:
    assert os.access(CI, os.X_OK)
    assert "set -euo pipefail" in script_lines()
    subprocess.run(["bash", "-n", str(CI)], check=True)
