"""Provides the app's screens: the Dashboard, one per stage, and dialogs.

Screens are imported on first use (a section's module loads when you first open it), so start-up only
pays for the Dashboard; `from infoview_tui.ui.screens import IdentifyScreen` still works.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "ConductScreen": "conduct",
    "DashboardScreen": "dashboard",
    "FollowUpScreen": "follow_up",
    "HelpScreen": "help",
    "IdentifyScreen": "identify",
    "PrepareScreen": "prepare",
    "ReflectScreen": "reflect",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"infoview_tui.ui.screens.{_WHERE[name]}"), name)
    raise AttributeError(name)
