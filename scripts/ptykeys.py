"""Provides a tiny driver for timing a TUI in a real pseudo-terminal by what its screen shows.

Used by scripts/benchmark.py. `Screen` is a small VT100/xterm screen model: it applies the text, cursor moves
and erases a terminal program writes, and drops what a terminal never shows (colours, modes, window titles,
clipboard and other OSC/DCS strings). `PtyApp` spawns a command in a pty of a given size, feeds everything it
writes into a `Screen`, and waits until a given condition holds on the rendered screen (for example "this text
is on screen"), with a time limit: a burst of invisible bytes, or silence, never counts as content.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

_TOKEN = re.compile(
    r"\x1b\[(?P<params>[0-?]*)[ -/]*(?P<final>[@-~])"  # CSI: cursor, erase, colours, modes
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: window title, clipboard, hyperlinks: never on screen
    r"|\x1b[P_^X][\s\S]*?\x1b\\"  # DCS, APC, PM, SOS strings
    r"|\x1b[()*+#%][\s\S]"  # character sets, DEC line modes
    r"|\x1b(?P<esc>[^\[\]P_^X()*+#%])"  # two-byte escapes: ESC 7, ESC 8, ESC M, ESC c ...
    r"|(?P<ctrl>[\x00-\x1a\x1c-\x1f\x7f-\x9f])"  # C0 and C1 controls
    r"|(?P<text>[^\x00-\x1f\x7f-\x9f]+)"  # printable text
)
_INCOMPLETE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*\x1b?|[P_^X][\s\S]*|[()*+#%])?\Z")
"""An escape sequence cut off at the end of what has been read so far: kept until the rest arrives."""

Condition = Callable[["Screen"], bool]
"""Something that holds, or not, for what a screen shows."""


def char_width(char: str) -> int:
    """Cells a character takes on a terminal: 2 for wide (CJK, most emoji), 0 for combining marks."""
    if char.isascii():
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class Screen:
    """What a `cols`×`rows` terminal shows after the bytes fed to it (text only; attributes are dropped)."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.cells = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self.saved = (0, 0)
        self.pending = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._last = " "

    # Feeding --------------------------------------------------------------------------------------------
    def feed(self, data: bytes) -> None:
        """Apply bytes as a terminal would; a sequence cut at the end waits for the next call."""
        text = self.pending + self._decoder.decode(data)
        self.pending = ""
        pos, end = 0, len(text)
        while pos < end:
            match = _TOKEN.match(text, pos)
            cut = text[pos] == "\x1b" and (match is None or match.group("esc") is not None)
            if cut and _INCOMPLETE.match(text, pos):
                self.pending = text[pos:][-65536:]
                return
            if match is None:  # a lone ESC before something no rule knows: drop the ESC
                pos += 1
                continue
            pos = match.end()
            if match.group("text") is not None:
                self._write(match.group("text"))
            elif match.group("ctrl") is not None:
                self._control(match.group("ctrl"))
            elif match.group("final") is not None:
                self._csi(match.group("params"), match.group("final"))
            elif match.group("esc") is not None:
                self._escape(match.group("esc"))

    def _write(self, text: str) -> None:
        for char in text:
            width = char_width(char)
            if width == 0:
                continue
            if self.col + width > self.cols:  # deferred autowrap, as xterm does
                self.col = 0
                self._index()
            line = self.cells[self.row]
            line[self.col] = char
            if width == 2:
                line[self.col + 1] = ""
            self.col += width
            self._last = char

    def _index(self) -> None:
        if self.row == self.rows - 1:
            self.cells.pop(0)
            self.cells.append([" "] * self.cols)
        else:
            self.row += 1

    def _control(self, char: str) -> None:
        if char == "\r":
            self.col = 0
        elif char in "\n\x0b\x0c":
            self._index()
        elif char == "\b":
            self.col = max(0, min(self.col, self.cols - 1) - 1)
        elif char == "\t":
            self.col = min(self.cols - 1, (self.col // 8 + 1) * 8)

    def _escape(self, char: str) -> None:
        if char == "7":
            self.saved = (self.row, self.col)
        elif char == "8":
            self.row, self.col = self.saved
        elif char == "M":
            self.row = max(0, self.row - 1)
        elif char in "DE":
            self._index()
            if char == "E":
                self.col = 0
        elif char == "c":
            self._erase_all()
            self.row = self.col = 0

    def _erase_all(self) -> None:
        self.cells = [[" "] * self.cols for _ in range(self.rows)]

    def _csi(self, params: str, final: str) -> None:
        if params.startswith(("?", ">", "<", "=")):
            if final in "hl" and any(p in ("47", "1047", "1049") for p in params[1:].split(";")):
                self._erase_all()  # switching to or from the alternate screen: a fresh page
            return
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        first = numbers[0] if numbers else 0
        count = max(1, first)
        if final in "Hf":
            row = numbers[0] if numbers else 1
            col = numbers[1] if len(numbers) > 1 else 1
            self.row = min(self.rows - 1, max(1, row) - 1)
            self.col = min(self.cols - 1, max(1, col) - 1)
        elif final == "A":
            self.row = max(0, self.row - count)
        elif final == "B":
            self.row = min(self.rows - 1, self.row + count)
        elif final == "C":
            self.col = min(self.cols - 1, self.col + count)
        elif final == "D":
            self.col = max(0, min(self.col, self.cols - 1) - count)
        elif final in "EF":
            self.row = min(self.rows - 1, self.row + count) if final == "E" else max(0, self.row - count)
            self.col = 0
        elif final == "G":
            self.col = min(self.cols - 1, count - 1)
        elif final == "d":
            self.row = min(self.rows - 1, count - 1)
        elif final == "K":
            line = self.cells[self.row]
            start, stop = {0: (self.col, self.cols), 1: (0, self.col + 1)}.get(first, (0, self.cols))
            line[start:stop] = [" "] * (stop - start)
        elif final == "J":
            if first == 0:
                self.cells[self.row][self.col :] = [" "] * (self.cols - self.col)
                rows = range(self.row + 1, self.rows)
            elif first == 1:
                self.cells[self.row][: self.col + 1] = [" "] * (self.col + 1)
                rows = range(self.row)
            else:
                rows = range(self.rows)
            for row in rows:
                self.cells[row] = [" "] * self.cols
        elif final == "X":
            stop = min(self.cols, self.col + count)
            self.cells[self.row][self.col : stop] = [" "] * (stop - self.col)
        elif final == "b":
            self._write(self._last * count)
        elif final in "SL":
            for _ in range(count):
                self.cells.insert(self.row if final == "L" else self.rows, [" "] * self.cols)
                self.cells.pop(self.rows if final == "L" else 0)
        elif final in "TM":
            for _ in range(count):
                self.cells.pop(self.rows - 1 if final == "T" else self.row)
                self.cells.insert(0 if final == "T" else self.rows - 1, [" "] * self.cols)

    # Reading ------------------------------------------------------------------------------------------
    def lines(self) -> list[str]:
        """Each row's text, as a person would read it (wide characters once, trailing spaces kept)."""
        return ["".join(row) for row in self.cells]

    def text(self) -> str:
        return "\n".join(self.lines())


def shows(text: str) -> Condition:
    """The text is on one row of the screen (not preceded by a digit, so '37 x' is not found in '137 x')."""
    pattern = re.compile(r"(?<!\d)" + re.escape(text))
    return lambda screen: any(pattern.search(line) for line in screen.lines())


def shows_line(text: str) -> Condition:
    """A row holds exactly this text, apart from spaces at either end (an input field's echo)."""
    wanted = text.strip()
    return lambda screen: any(line.strip() == wanted for line in screen.lines())


def shows_match(pattern: str) -> Condition:
    """A row matches the regular expression."""
    compiled = re.compile(pattern)
    return lambda screen: any(compiled.search(line) for line in screen.lines())


def all_of(*conditions: Condition) -> Condition:
    return lambda screen: all(condition(screen) for condition in conditions)


class PtyApp:
    """A program running in a pseudo-terminal, its output drained into a `Screen` as it comes."""

    def __init__(self, args: list[str], env: dict[str, str], cols: int = 120, rows: int = 40) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.screen = Screen(cols, rows)
        self.bytes_read = 0
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color", "COLUMNS": str(cols), "LINES": str(rows)},
            close_fds=True,
            start_new_session=True,
        )
        os.close(slave)
        self.closed = False

    def _read(self, timeout: float) -> float | None:
        """Read what has come within `timeout`; the moment it was read, or None if nothing came."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return None
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            return None
        if not chunk:
            return None
        moment = time.perf_counter()
        self.bytes_read += len(chunk)
        self.screen.feed(chunk)
        return moment

    def wait_until(self, condition: Condition, limit: float) -> float | None:
        """The moment (perf_counter) the screen first satisfied `condition`, or None after `limit` seconds."""
        if condition(self.screen):
            return time.perf_counter()
        deadline = time.perf_counter() + limit
        while (left := deadline - time.perf_counter()) > 0:
            moment = self._read(min(left, 0.05))
            if moment is not None and condition(self.screen):
                return moment
            if moment is None and self.proc.poll() is not None:
                return None  # it exited
        return None

    def settle(self, quiet: float = 0.3, limit: float = 5.0) -> None:
        """Drain output until nothing has come for `quiet` seconds (pacing between steps, never a measurement)."""
        deadline = time.perf_counter() + limit
        last = time.perf_counter()
        while time.perf_counter() < deadline:
            if self._read(0.02) is not None:
                last = time.perf_counter()
            elif time.perf_counter() - last >= quiet:
                return

    def press(self, key: bytes) -> float:
        """Write a key; the moment it was written."""
        moment = time.perf_counter()
        os.write(self.master, key)
        return moment

    def key_to(self, key: bytes, condition: Condition, limit: float = 10.0) -> float | None:
        """Seconds from writing `key` until the screen satisfies `condition`; None on timeout.

        Refuses (None) when the condition already holds before the key: that would time nothing.
        """
        self.settle(quiet=0.01, limit=0.05)  # take in anything already written
        if condition(self.screen):
            return None
        sent = self.press(key)
        seen = self.wait_until(condition, limit)
        return None if seen is None else seen - sent

    def peak_rss_kib(self) -> int | None:
        """The child's peak resident memory so far (VmHWM), in KiB."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        except OSError:
            return None
        return None

    def close(self) -> None:
        """Ask it to quit (ctrl+q), then kill it if it has not within 10 s; always reap it."""
        if self.closed:
            return
        self.closed = True
        try:
            with contextlib.suppress(OSError):
                os.write(self.master, b"\x11")
            deadline = time.perf_counter() + 10
            while self.proc.poll() is None and time.perf_counter() < deadline:
                self._read(0.05)  # keep draining so it can finish writing and exit
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait(timeout=10)
        finally:
            os.close(self.master)
