"""infoview-tui: informational interviews, end to end, in the terminal."""

__version__ = "0.1.0"
