"""Provides the garbage collector's pacing: full collections happen while the user is idle, not in the middle
of a keystroke.

CPython starts a full (oldest-generation) collection after every tenth collection of the middle one. With a
10,000-contact notebook open that pass takes 50-70 ms on this project's 2-core reference machine, because
it walks every object made since the records were loaded and frozen (the screens, the caches, the search
index). It lands on whatever happens to be running: a keystroke in a search, the chain view opening. Paced,
the full pass waits until nothing was typed or clicked for a moment (`collect_if_due`, called by the app in
idle time). A much higher automatic threshold (`SAFETY_EVERY`) stays as a backstop, so a session that never
pauses still collects.

The young generations are untouched: their collections take about a millisecond and free most garbage.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

FULL_EVERY = 10
"""Middle-generation collections between two full ones, as CPython's default: a full collection is due
after this many (and runs at the next idle moment)."""
SAFETY_EVERY = 1000
"""The automatic threshold while paced: a full collection runs anyway after this many middle-generation ones
(about seven million allocations), even if the user never pauses."""


@contextlib.contextmanager
def paced() -> Iterator[None]:
    """While inside: automatic full collections only as the backstop; the previous thresholds after."""
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], SAFETY_EVERY)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def collect_if_due() -> bool:
    """A full collection now, if one is due (see `FULL_EVERY`) and the collector is on (loading pauses it);
    whether one ran. Call it only while the user is idle."""
    if not gc.isenabled() or gc.get_count()[2] < FULL_EVERY:
        return False
    gc.collect()
    return True
