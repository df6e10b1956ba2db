"""Provides the app's screens: the Dashboard, one per stage, records and dialogs, one module each.

Nothing is imported here: the app imports a section's module when that section is first opened, so start-up
only pays for the Dashboard. Import a screen from its module (`infoview_tui.ui.screens.identify`).
"""
