"""End-to-end: a note typed during a call survives `kill -9` a moment later, and the call resumes."""

from __future__ import annotations

import json
import os
import signal
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from infoview_tui.domain.models import ChosenQuestion, Contact, Interview, Stage
from infoview_tui.store import Store

from .conftest import Terminal, installed_command

pytestmark = pytest.mark.e2e


def test_a_note_survives_sigkill_and_the_call_resumes(
    tmp_path: Path, terminal_env: dict[str, str], terminals: list[Terminal]
) -> None:
    command = installed_command()
    data = tmp_path / "infoview.json"
    with Store.open(data) as store:
        ada = store.contacts.add(Contact(name="Ada Lovelace", company="Analytical Engines"))
        store.interviews.add(
            Interview(
                contact_id=ada.id,
                scheduled_at=datetime.now().astimezone() + timedelta(minutes=2),
                stage=Stage.PREPARED,
                questions=(ChosenQuestion("What led you to your current role?"),),
            )
        )

    first = Terminal([*command, "--data", str(data)], terminal_env)
    terminals.append(first)
    first.wait_for("Upcoming interviews")
    first.send("3")
    first.wait_for("Press ctrl+t")
    first.send("C-t")
    first.wait_for("Small talk")
    first.type("she started as a weaver")
    first.send("Enter")
    first.wait_for("she started as a weaver")
    time.sleep(0.8)  # within a second of typing it
    os.kill(first.pid(), signal.SIGKILL)
    first.wait_for("EXITED:137")

    saved = json.loads(data.read_text(encoding="utf-8"))
    [interview] = saved["interviews"].values()
    assert interview["notes"][0]["text"] == "she started as a weaver"

    second = Terminal([*command, "--data", str(data)], terminal_env)
    terminals.append(second)
    second.wait_for("Upcoming interviews")
    second.send("3")
    screen = second.wait_for("she started as a weaver")
    assert "Press ctrl+t" not in screen  # the clock is still running: the call resumed
    second.send("C-q")
    second.wait_for("EXITED:0")
