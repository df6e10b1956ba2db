"""End-to-end in a real pseudo-terminal: a hostile LinkedIn export is imported and shown, and no escape
sequence from it ever reaches the terminal.

Names, companies and positions hold OSC 52 (sets the clipboard), OSC 2 (sets the window title), `ESC [2J`
(clears the screen), C1 controls, bidi overrides and markup. After `infoview-tui import linkedin`, the app
runs in a pty and visits every section, the hostile contact's details, the palette (searching the name),
Follow up and Help; every byte it writes is kept and searched. The test waits for text on screen, never for
a fixed time.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import io
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from infoview_tui.domain.models import CallRecord, ChosenQuestion, Interview, Note, NoteKind, Stage, TimeSpan
from infoview_tui.store import Store

from .conftest import installed_command

pytestmark = pytest.mark.e2e

OSC52 = "\x1b]52;c;SGVsbG8gZnJvbSBhIENTVg==\x07"
OSC2 = "\x1b]2;PWNED\x07"
CLEAR = "\x1b[2J"
C1 = "\u009b31m\u009d0;c1\u009c"
BIDI = "\u202eevil\u202c"
ROWS = [
    (
        "Ada" + OSC52,
        "Zed" + OSC2 + " [@click=app.quit]q[/]",
        "https://www.linkedin.com/in/ada-zed",
        CLEAR + "ClearCo [/ex-Google]",
        "Head of Data " + C1 + " " + BIDI,
        "03 Feb 2025",
    ),
    (
        "Bob",
        "Smith [PhD]" + CLEAR,
        "https://www.linkedin.com/in/bob-smith",
        C1 + " Corp",
        "[bold",
        "17 Nov 2024",
    ),
    ("Eve" + BIDI, "Mallory" + OSC52, "", OSC2 + "Inc", "! read [/] now", "29 Aug 2023"),
]
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")


def hostile_connections_csv(path: Path) -> None:
    """A Connections.csv in LinkedIn's layout (notes preamble, then the header) with hostile values."""
    out = io.StringIO()
    out.write('Notes:\n"When exporting your connection data, some email addresses may be missing."\n\n')
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for first, last, url, company, position, connected in ROWS:
        writer.writerow((first, last, url, "", company, position, connected))
    path.write_text(out.getvalue(), encoding="utf-8")


class PtyApp:
    """The installed app in a pseudo-terminal; everything it writes is kept in `output`."""

    def __init__(self, args: list[str], env: dict[str, str], cols: int = 120, rows: int = 36) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
        os.close(slave)
        self.output = bytearray()

    def _read(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            with contextlib.suppress(OSError):  # OSError: the app has gone and the pty is closed
                self.output += os.read(self.master, 1 << 16)

    def wait_for(self, text: str, since: int, timeout: float = 30.0) -> int:
        """Read until `text` appears in what was written after byte `since`; returns where output ends now."""
        wanted = text.encode()
        deadline = time.monotonic() + timeout
        while wanted not in self.output[since:]:
            if time.monotonic() > deadline or self.proc.poll() is not None:
                tail = bytes(self.output[-1500:]).decode("utf-8", "replace")
                raise AssertionError(
                    f"{text!r} never appeared (exit code {self.proc.poll()}); the last output:\n{tail!r}"
                )
            self._read(0.05)
        return len(self.output)

    def press(self, keys: str, then: str, timeout: float = 30.0) -> None:
        """Send `keys` and wait until the app has written `then` in response."""
        since = len(self.output)
        os.write(self.master, keys.encode())
        self.wait_for(then, since, timeout)

    def press_until(self, key: str, then: str, attempts: int = 3, timeout: float = 10.0) -> None:
        """Send `key` again until `then` appears: a key that lands before a new screen gives its list focus
        is dropped, so a navigation key (enter) is repeated rather than the test sleeping first."""
        for attempt in range(attempts):
            try:
                return self.press(key, then, timeout)
            except AssertionError:
                if attempt == attempts - 1 or self.proc.poll() is not None:
                    raise

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(timeout=10)
        os.close(self.master)


def add_interviews(data: Path) -> None:
    """An upcoming call (Conduct) and a held one with hostile notes (Follow up) for the hostile contact."""
    with Store.open(data) as store:
        zed = next(c for c in store.contacts.all() if "Zed" in c.name)
        now = datetime.now(UTC)
        ended = now - timedelta(hours=2)
        store.interviews.add(
            Interview(
                contact_id=zed.id,
                scheduled_at=now + timedelta(days=1),
                stage=Stage.SCHEDULED,
                hope_to_learn="how " + OSC2 + " data teams [/] work " + C1,
                questions=(ChosenQuestion("What led you here? " + OSC52 + " [@click=app.quit]x[/]"),),
            )
        )
        store.interviews.add(
            Interview(
                contact_id=zed.id,
                scheduled_at=ended - timedelta(minutes=30),
                stage=Stage.CONDUCTED,
                call=CallRecord(spans=(TimeSpan(ended - timedelta(minutes=28), ended),), ended_at=ended),
                notes=(
                    Note("! read [/] now " + OSC2, 60.0, id="1", kind=NoteKind.ACTION),
                    Note(
                        "talk to Maya " + OSC52 + " at " + CLEAR + "Northwind",
                        120.0,
                        id="2",
                        kind=NoteKind.REFERRAL,
                    ),
                    Note("engines " + C1 + BIDI + " reward patience", 180.0, id="3", kind=NoteKind.INSIGHT),
                ),
            )
        )


def test_a_hostile_linkedin_import_never_writes_its_escape_sequences_to_the_terminal(
    tmp_path: Path, terminal_env: dict[str, str]
) -> None:
    command = installed_command()
    data = tmp_path / "data" / "infoview.json"
    export = tmp_path / "Connections.csv"
    hostile_connections_csv(export)
    imported = subprocess.run(
        [*command, "import", "linkedin", str(export), "--data", str(data)],
        capture_output=True,
        env=terminal_env,
        timeout=60,
        check=False,
    )
    assert imported.returncode == 0, imported.stderr.decode("utf-8", "replace")
    add_interviews(data)

    app = PtyApp([*command, "--data", str(data)], terminal_env)
    try:
        app.wait_for("to do now", 0)  # the Dashboard: a thank-you is owed
        app.press("1", "sorted by")  # Identify: the hostile contact sorts first
        app.press_until("\r", "none yet: press m to write a request")  # their details
        app.press("\x1b", "sorted by")
        app.press("2", "to prepare")  # Prepare
        app.press(
            "3", "Press ctrl+t when the call begins"
        )  # Conduct: the upcoming call, its header and script
        app.press("\x10", "Search for commands")  # ctrl+p works while the note field has focus
        app.press("go to: 4", "Switch to the Follow Up section")
        app.press("\r", "still owe something")  # Follow up
        app.press_until("\r", "LinkedIn connection note")  # the held call's follow-up: referrals and actions
        app.press("\x1b", "still owe something")
        app.press("5", "g goals")  # Reflect
        app.press("0", "to do now")
        app.press("\x10", "Search for commands")
        app.press("zed", "open contact: ")  # the palette found the hostile name
        app.press("\x1b", "to do now")
        app.press("?", "infoview-tui keys")  # Help
        app.press("\x1b", "to do now")
        assert app.proc.poll() is None, "the app stopped"

        written = bytes(app.output)
        text = written.decode("utf-8", "replace")
        assert b"\x1b]52;" not in written, "the clipboard escape from the data reached the terminal"
        assert b"\x1b]2;" not in written and b"PWNED\x07" not in written, (
            "the title escape reached the terminal"
        )
        assert CLEAR.encode() not in written, "the clear-screen escape from the data reached the terminal"
        assert "\ufffd[2J" in text, "the [2J from the data should show as text"
        for char in ("\u009b", "\u009d", "\u009c", "\u202e", "\u202c"):
            assert char not in text, f"{char!r} from the data reached the terminal"
        assert "[@click=app.quit]" in text and "[/ex-Google]" in text  # markup shown as typed

        since = len(app.output)
        os.write(app.master, b"\x11")  # ctrl+q
        deadline = time.monotonic() + 30
        while app.proc.poll() is None and time.monotonic() < deadline:
            app._read(0.05)
        assert app.proc.returncode == 0, bytes(app.output[since:]).decode("utf-8", "replace")[-500:]
    finally:
        app.close()
