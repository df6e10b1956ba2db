"""Crash safety: a child process saving as fast as it can through the store is killed with SIGKILL at
random moments, many times; every time the file parses and holds every save that was acknowledged."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHILD = """
import sys
from pathlib import Path
from infoview_tui.domain.models import Contact
from infoview_tui.store import Store

store = Store.open(Path(sys.argv[1]))
start = int(sys.argv[2])
n = start
while True:
    saved = store.contacts.add(Contact(name=f"Person {n}", notes="é" * (n % 50)))
    if not store.flush(timeout=5):
        raise SystemExit("flush failed")
    print(saved.name, flush=True)  # acknowledged: it is on disk
    n += 1
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_moments_never_loses_an_acknowledged_save(tmp_path: Path) -> None:
    data = tmp_path / "infoview.json"
    acknowledged: list[str] = []
    rng = random.Random(20261125)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    rounds = 12
    for _ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data), str(len(acknowledged))],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        time.sleep(rng.uniform(0.4, 1.2))  # start-up plus a burst of saves
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=10)
        acknowledged += [line for line in out.splitlines() if line.startswith("Person ")]
        tables = json.loads(data.read_text(encoding="utf-8"))  # parses: never half-written
        names = {doc["name"] for doc in tables["contacts"].values()}
        missing = [name for name in acknowledged if name not in names]
        assert not missing, f"lost acknowledged saves: {missing[:5]}"
    assert len(acknowledged) > rounds  # the child really was saving when it was killed
    # A writer killed mid-save can leave its temp file behind; the next writer to open the file removes it.
    from infoview_tui.store import Store

    with Store.open(data):
        assert not list(tmp_path.glob(".infoview.json.*.tmp"))
