"""Provides the app's screens: the Dashboard, one per stage, and dialogs."""

from infoview_tui.screens.conduct import ConductScreen
from infoview_tui.screens.dashboard import DashboardScreen
from infoview_tui.screens.follow_up import FollowUpScreen
from infoview_tui.screens.help import HelpScreen
from infoview_tui.screens.identify import IdentifyScreen
from infoview_tui.screens.prepare import PrepareScreen
from infoview_tui.screens.reflect import ReflectScreen

__all__ = [
    "ConductScreen",
    "DashboardScreen",
    "FollowUpScreen",
    "HelpScreen",
    "IdentifyScreen",
    "PrepareScreen",
    "ReflectScreen",
]
