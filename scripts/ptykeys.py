"""Provides a tiny driver for measuring keystroke-to-screen latency of a TUI in a real pseudo-terminal.

Used by scripts/benchmark.py: spawn a command in a pty of a given size, wait until it goes quiet, send
keys, and time how long until the screen update it causes has been written (the end of the output burst).
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
import time


class PtyApp:
    """A program running in a pseudo-terminal, its output drained as it comes."""

    def __init__(self, args: list[str], env: dict[str, str], cols: int = 120, rows: int = 36) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen(
            args,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color"},
            close_fds=True,
        )
        os.close(slave)
        self.output = bytearray()

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:
            return False
        self.output += chunk
        return bool(chunk)

    def settle(self, quiet: float = 0.5, limit: float = 30.0) -> None:
        """Read until nothing has come for `quiet` seconds."""
        deadline = time.monotonic() + limit
        last = time.monotonic()
        while time.monotonic() < deadline:
            if self._read(0.02):
                last = time.monotonic()
            elif time.monotonic() - last >= quiet:
                return

    def wait_for(self, text: bytes, limit: float = 30.0) -> None:
        deadline = time.monotonic() + limit
        while text not in self.output and time.monotonic() < deadline:
            self._read(0.05)
        if text not in self.output:
            raise RuntimeError(f"{text!r} never appeared")

    def key_latency(self, key: bytes, quiet: float = 0.15) -> float:
        """Seconds from writing `key` until the last byte of the screen update it caused."""
        self.settle(quiet=0.2)
        sent = time.perf_counter()
        os.write(self.master, key)
        last_byte = None
        while True:
            if self._read(0.01):
                last_byte = time.perf_counter()
            elif last_byte is not None and time.perf_counter() - last_byte >= quiet:
                break
            elif last_byte is None and time.perf_counter() - sent > 10:
                raise RuntimeError(f"no screen update after {key!r}")
        return last_byte - sent

    def close(self) -> None:
        try:
            os.write(self.master, b"\x11")  # ctrl+q
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)
