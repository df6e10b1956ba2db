"""Provides how messages address a person: the name a greeting uses and the name a note uses.

Pure core: the one place the honorific rule is written (outreach requests and follow-up drafts share it).
"""

from __future__ import annotations

__all__ = ["HONORIFICS", "greeting_name", "short_name"]

HONORIFICS = frozenset({"dr", "prof", "professor", "mr", "mrs", "ms", "mx", "miss", "sir", "dame", "rev"})
"""Titles a name may start with (with or without a full stop), compared case-insensitively."""


def _titled(tokens: list[str]) -> bool:
    return len(tokens) > 1 and tokens[0].rstrip(".").casefold() in HONORIFICS


def greeting_name(name: str) -> str:
    """'Ada' for 'Ada Lovelace'; 'Dr. Hopper' for 'Dr. Grace Hopper'; a placeholder when there is no name."""
    tokens = name.split()
    if not tokens:
        return "[their name]"
    return f"{tokens[0]} {tokens[-1]}" if _titled(tokens) else tokens[0]


def short_name(name: str) -> str:
    """The name a note uses: 'Aisha' for 'Aisha Bello', 'Hopper' for 'Dr. Grace Hopper', '' for no name."""
    tokens = name.split()
    if _titled(tokens):
        return tokens[-1]
    return tokens[0] if tokens else ""
