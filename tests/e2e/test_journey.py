"""End-to-end: the whole journey as a new user, keys only, in a real terminal, then the exports.

Add a contact, log outreach, schedule, prepare questions, run a short call with notes, end it, send the
thank-you, write a reflection tied to a new goal, find it again with search; then check the JSON backup
and the Markdown export.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import Terminal, installed_command

pytestmark = pytest.mark.e2e

NOTE_PLACEHOLDER = "Type a note, enter saves it"
"""The call's note field shows this only while it is empty."""
LIST_KEYS = "g Goals"
"""Reflect's footer shows this while the list has focus, not while the search field has it."""


def test_the_whole_journey_with_keys_only(
    tmp_path: Path, terminal_env: dict[str, str], terminals: list[Terminal]
) -> None:
    command = installed_command()
    data = tmp_path / "journey" / "infoview.json"
    t = Terminal([*command, "--data", str(data)], terminal_env)
    terminals.append(t)

    t.wait_for("Welcome to infoview-tui")
    t.send("1")
    t.wait_for("No contacts yet")
    t.send("a")  # add a contact
    t.wait_for("Add a contact")
    t.type("Maya Okafor")
    t.wait_for("Maya Okafor")
    t.send("C-s")
    t.wait_for("Added Maya Okafor")
    t.wait_gone("Add a contact")

    t.send("m")  # reach out
    t.wait_for("Reach out to Maya Okafor")
    t.send("C-s")
    t.wait_for("Logged your request")
    t.wait_gone("Reach out to Maya Okafor")
    t.send("r")  # she replied
    t.wait_for("1 of 1 replied")

    t.send("s")
    t.wait_for("Schedule with Maya Okafor")
    t.type("in 2 hours")
    t.wait_for("in 2 hours")
    t.send("C-s")
    t.wait_for("Prepare: ")  # the workspace opens
    t.wait_gone("Schedule with Maya Okafor")

    t.type("how analysts grow into leads")
    t.wait_for("how analysts grow in")
    t.send("C-b")  # a question from the bank
    t.wait_for("Add questions (best first)")
    t.send("Enter")
    t.wait_gone("Add questions (best first)")
    t.wait_for(" 1. ")
    t.send("C-n")  # one of my own
    t.wait_for("A question of your own")
    t.type("What surprised you in your first year?")
    t.wait_for("What surprised you i")
    t.send("Enter")
    t.wait_gone("A question of your own")
    t.wait_for(" 2.   What surprised you in your")  # in the list (cut to fit its column)
    t.escape(gone="Prepare: ")  # back to the list; what was typed is saved on the way out

    t.send("3")  # the call
    t.wait_for("Press ctrl+t")
    t.send("C-t")
    t.wait_for("Start the call clock now?")  # two hours before the time: it asks first
    t.send("y")
    t.wait_for("Small talk")
    t.send("F6")  # the opening is said: fold the script, and the notes list takes its room at 80x24
    t.wait_for("Opening script hidden")
    for note in ("she started in retail pricing", "! read Lean Analytics", "@ talk to Sam Lee at Northwind"):
        t.type(note)
        t.wait_for(note)
        t.send("Enter")
        t.wait_for(NOTE_PLACEHOLDER)  # the field took the line and is empty again
        t.wait_for(note.lstrip("!@ ")[:20])  # now in the notes table (cut to fit its column)
        if note.startswith("she"):
            t.send("C-n")  # the first question was asked
    t.send("C-l")  # end the call
    t.wait_for("End the call?")
    t.send("y")
    t.wait_for("Go to Follow up now?")
    t.send("y")
    t.wait_for("Follow up: Maya Okafor")
    t.send("C-s")  # thank-you sent
    t.wait_for("Thank-you sent")
    t.send("F7")  # the referral becomes a contact
    t.wait_for("Added Sam Lee")
    t.escape(gone="Follow up: Maya Okafor")

    t.send("5")
    t.wait_for("waiting for a reflection")
    t.send("Enter")
    t.wait_for("Reflect: ")
    t.type("Retail pricing taught her to test everything")
    t.wait_for("Retail pricing taugh")
    t.send("C-n")  # a new goal, ticked
    t.wait_for("A career goal")
    t.type("Grow into analytics leadership")
    t.wait_for("Grow into analytics ")
    t.send("Enter")
    t.wait_gone("A career goal")
    t.wait_for("Grow into analytics leadership")
    t.escape(gone="Reflect: ")  # leaving saves at once: no waiting for the autosave pause
    t.wait_for("1 conversation ")
    t.send("/")
    t.wait_gone(LIST_KEYS)  # the search field has focus: typed keys go there, not to the list
    t.type("test everyth")
    t.wait_for("test everyth")
    screen = t.wait_for("Maya Okafor")  # found again by a word from the reflection
    assert "1 conversation " in screen
    t.send("C-q")
    t.wait_for("EXITED:0")

    exported = subprocess.run(
        [*command, "export", "--format", "json", "--data", str(data)],
        check=False,
        capture_output=True,
        text=True,
        env=terminal_env,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    backup = json.loads(exported.stdout)
    names = {c["name"] for c in backup["contacts"]}
    assert {"Maya Okafor", "Sam Lee"} <= names
    [outreach] = backup["outreach"]
    assert outreach["status"] == "scheduled"
    [interview] = backup["interviews"]
    assert interview["stage"] == "reflected"
    assert interview["hope_to_learn"] == "how analysts grow into leads"
    assert [q["text"] for q in interview["questions"]][-1] == "What surprised you in your first year?"
    assert [n["text"] for n in interview["notes"]] == [
        "she started in retail pricing",
        "read Lean Analytics",
        "talk to Sam Lee at Northwind",
    ]
    assert [n["kind"] for n in interview["notes"]] == ["note", "action", "referral"]
    assert interview["follow_up"]["thank_you_sent_at"]
    [goal] = backup["goals"]
    assert interview["reflection"]["goal_ids"] == [goal["id"]]
    assert interview["reflection"]["takeaways"] == "Retail pricing taught her to test everything"

    folder = tmp_path / "notes"
    markdown = subprocess.run(
        [*command, "export", "--format", "markdown", "-o", str(folder), "--data", str(data)],
        check=False,
        capture_output=True,
        text=True,
        env=terminal_env,
        timeout=60,
    )
    assert markdown.returncode == 0, markdown.stderr
    [document] = folder.glob("*.md")
    text = document.read_text(encoding="utf-8")
    assert "Maya Okafor" in text and "Retail pricing taught her to test everything" in text
    assert "talk to Sam Lee at Northwind" in text and "Grow into analytics leadership" in text
