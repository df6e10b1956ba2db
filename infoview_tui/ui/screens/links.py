"""Provides the one way the app hands a link to a browser or a mail client: `open_link`.

A contact's profile link or a meeting link can come from an import or a synced file. The browser command gets
the link as an argument, so a value like `--gpu-launcher=…` would be read as an option, and `file:` or
`javascript:` links do things a click should not. `open_link` opens only what `safe_text.openable_url`
accepts (http(s) with a host; `mailto:` only for mail, and only mail links for mail) and otherwise tells the
user in a plain-text notification (the link may hold `[`, which notifications would read as markup).
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from textual.app import App

from infoview_tui.domain.safe_text import openable_url, visible_controls
from infoview_tui.ui.widgets.plain import notify

__all__ = ["mail_handler", "open_link", "refusal"]

SHOWN_LIMIT = 60


def refusal(url: str, *, mail: bool = False) -> str | None:
    """None when `url` may be opened; else the one-line message saying why it was not."""
    safe = openable_url(url, allow_mailto=mail)
    if safe is not None and safe.lower().startswith("mailto:") == mail:
        return None
    shown = " ".join(visible_controls(url, multiline=False).split())
    shown = shown if len(shown) <= SHOWN_LIMIT else shown[: SHOWN_LIMIT - 1] + "…"
    if mail:
        return f"Not opened: '{shown}' is not a mail link."
    return f"Not opened: '{shown}' is not a web address (https://…). Fix the link in section 1 (e)."


LINUX_OPENERS = ("xdg-open", "gio", "kde-open", "gnome-open", "exo-open")
"""Programs that hand a `mailto:` link to the desktop's mail client (Python's `webbrowser` cannot tell
whether one exists: it reports success or fails silently)."""


def mail_handler() -> str | None:
    """The program that would open a `mailto:` link here, or None when there is none to ask.

    macOS (`open`) and Windows (the shell's default app) always have one; elsewhere `$BROWSER` or a desktop
    opener such as `xdg-open` must be on PATH. A terminal on a server usually has neither.
    """
    if sys.platform == "darwin":
        return "open"
    if sys.platform.startswith("win"):
        return "Windows"
    for entry in os.environ.get("BROWSER", "").split(os.pathsep):
        command = entry.strip().split(" ")[0] if entry.strip() else ""
        if command and shutil.which(command):
            return os.path.basename(command)
    for name in LINUX_OPENERS:
        if shutil.which(name):
            return name
    return None


def open_link(app: App[Any], url: str, *, mail: bool = False) -> bool:
    """Open `url` in the browser (or, with `mail`, the mail client) when it is safe; returns whether it was.

    A refused link gets a warning notification naming it (plain text, control characters made visible).
    """
    problem = refusal(url, mail=mail)
    if problem is not None:
        notify(app, problem, severity="warning")
        return False
    app.open_url(url.strip())
    return True
