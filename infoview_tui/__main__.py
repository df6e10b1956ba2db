"""Provides `python -m infoview_tui`."""

from infoview_tui.cli import main

raise SystemExit(main())
