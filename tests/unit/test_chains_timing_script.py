"""scripts/chains_timing.py runs end to end on a small file and prints every figure it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "chains_timing.py"


def test_the_timing_script_prints_each_figure() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--size", "200", "--rounds", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    out = done.stdout
    assert "size 200:" in out and " chains, " in out
    for label in ("build_chains", "chain view, built", "chain view, again", "help screen (floor)"):
        assert label in out and " ms  (" in out.split(label, 1)[1].split("\n", 1)[0]
