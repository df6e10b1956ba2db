"""End-to-end: what is typed during a call survives every way out, and fast typing on a loaded machine.

In a real terminal (tmux) with the installed command: closing the terminal (SIGHUP), SIGTERM and ctrl+q right
after a note was entered and while a line is half typed keep the note in the file and bring the half line
back as a draft; a hundred notes sent back to back while two busy loops load both cores all arrive intact
and in order.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from infoview_tui.domain.models import ChosenQuestion, Contact, Interview, Stage
from infoview_tui.store import Store

from .conftest import Terminal, busy_cores, installed_command, wait_for_exit

pytestmark = pytest.mark.e2e


def seed_call(data: Path, *, padding: int = 0) -> None:
    """One interview starting in two minutes; `padding` contacts of 2 KB each make every save slower."""
    with Store.open(data) as store:
        ada = store.contacts.add(Contact(name="Ada Lovelace", company="Analytical Engines"))
        store.contacts.add_many(Contact(name=f"Person {n}", notes="x" * 2000) for n in range(padding))
        store.interviews.add(
            Interview(
                contact_id=ada.id,
                scheduled_at=datetime.now().astimezone() + timedelta(minutes=2),
                stage=Stage.PREPARED,
                questions=(ChosenQuestion("What led you to your current role?"),),
            )
        )


def the_interview(data: Path) -> dict[str, Any]:
    """The one interview as it is in the data file."""
    interviews: dict[str, dict[str, Any]] = json.loads(data.read_text(encoding="utf-8"))["interviews"]
    [interview] = interviews.values()
    return interview


def start_call(terminal: Terminal) -> None:
    terminal.wait_for("Upcoming interviews", timeout=60)
    terminal.send("3")
    terminal.wait_for("Press ctrl+t")
    terminal.send("C-t")
    terminal.wait_for("Small talk")


def close_the_terminal(terminal: Terminal, pid: int) -> None:
    terminal.close()  # the pane's terminal goes away: the kernel sends SIGHUP


def send_sigterm(terminal: Terminal, pid: int) -> None:
    os.kill(pid, signal.SIGTERM)


def press_ctrl_q(terminal: Terminal, pid: int) -> None:
    terminal.send("C-q")


@pytest.mark.parametrize(
    "way_out",
    [close_the_terminal, send_sigterm, press_ctrl_q],
    ids=["SIGHUP-terminal-closed", "SIGTERM", "ctrl+q"],
)
def test_a_note_just_entered_and_a_half_typed_line_survive(
    way_out: Callable[[Terminal, int], None],
    tmp_path: Path,
    terminal_env: dict[str, str],
    terminals: list[Terminal],
) -> None:
    command = installed_command()
    data = tmp_path / "infoview.json"
    seed_call(data, padding=5000)  # ~10 MB: the note's save is still on its way to disk when the signal comes

    first = Terminal([*command, "--data", str(data)], terminal_env)
    terminals.append(first)
    start_call(first)
    first.type("she started as a weaver")
    first.send("Enter")
    first.type("and then she half")
    first.wait_for("and then she half")  # enter was handled: keys are handled in order
    pid = first.pid()
    way_out(first, pid)
    assert wait_for_exit(pid, timeout=30) < 15, "quitting took too long"

    interview = the_interview(data)
    assert [note["text"] for note in interview["notes"]] == ["she started as a weaver"]
    assert interview["note_draft"] == "and then she half"

    second = Terminal([*command, "--data", str(data)], terminal_env)
    terminals.append(second)
    second.wait_for("Upcoming interviews", timeout=60)
    second.send("3")
    screen = second.wait_for("unfinished note is back")
    assert "and then she half" in screen and "she started as a weaver" in screen
    second.type(" a loom")
    second.send("Enter")
    second.wait_for("and then she half a loom")
    second.send("C-q")
    second.wait_for("EXITED:0")
    interview = the_interview(data)
    assert [note["text"] for note in interview["notes"]] == [
        "she started as a weaver",
        "and then she half a loom",
    ]
    assert "note_draft" not in interview  # cleared (an empty draft is not written)


def test_a_hundred_notes_sent_back_to_back_under_load_arrive_intact_and_in_order(
    tmp_path: Path, terminal_env: dict[str, str], terminals: list[Terminal]
) -> None:
    command = installed_command()
    data = tmp_path / "infoview.json"
    seed_call(data, padding=500)
    lines = [f"rapid{n:03d} intact" for n in range(100)]

    terminal = Terminal([*command, "--data", str(data)], terminal_env)
    terminals.append(terminal)
    start_call(terminal)
    with busy_cores(2):
        for line in lines:  # no waiting between notes: keys pile up while the app is busy
            terminal.type(line)
            terminal.send("Enter")
        terminal.wait_for(lines[-1], timeout=120)
        terminal.send("C-q")
        terminal.wait_for("EXITED:0", timeout=60)

    assert [note["text"] for note in the_interview(data)["notes"]] == lines
