"""Provides `DeferredStore`: a claimed data file whose `Store` is built where it is first needed.

The app claims its file (the writer lock and the folder's checks, `claim.claim_file`) before its first frame,
and draws the Dashboard from its snapshot. The store itself (TinyDB, the background writer, the records'
classes: ~40 ms of imports) is built by the first thing that needs it, which is the loading thread right after
that frame. Anything that asks the store for more than its path, clock, notices or whether it is loaded gets
the built store's answer (`__getattr__`), so an early use is only slower, never different.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from infoview_tui.domain.dates import Clock
from infoview_tui.store.claim import Claim

if TYPE_CHECKING:
    from infoview_tui.store.repository import Store
    from infoview_tui.store.storage import OutsideChange

__all__ = ["DeferredStore"]


class DeferredStore:
    """A `Store` in waiting: the file is claimed, nothing is read, and the store is built at first use."""

    # Slots: setting anything else raises, where it would otherwise land here instead of on the store.
    __slots__ = (
        "__weakref__",  # lists built from the store are kept by it (weakly)
        "_building",
        "_claim",
        "_closed",
        "_on_change",
        "_on_error",
        "_store",
        "clock",
        "notices",
        "path",
        "read_only",
    )

    def __init__(self, claim: Claim, *, clock: Clock) -> None:
        self.path: Path = claim.path
        self.clock = clock
        self.read_only = claim.read_only
        self.notices: list[str] = list(claim.notices)
        self._claim = claim
        self._store: Store | None = None
        self._building = threading.Lock()
        self._closed = False
        self._on_error: Callable[[BaseException], None] | None = None
        self._on_change: Callable[[OutsideChange | None], None] | None = None

    @property
    def built(self) -> bool:
        return self._store is not None

    def store(self) -> Store:
        """The store, built now if nothing built it yet (on whichever thread asks first; the others wait)."""
        store = self._store
        if store is not None:
            return store
        with self._building:
            if self._store is None:
                if self._closed:
                    raise RuntimeError(f"{self.path} was closed before its store was built")
                from infoview_tui.store.repository import Store

                built = Store.on_claim(self._claim, clock=self.clock, on_error=self._on_error)
                built.set_change_handler(self._on_change)
                self._store = built
            return self._store

    def __getattr__(self, name: str) -> Any:
        # Only called for what this class does not have itself: everything else is the built store's.
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.store(), name)

    @property
    def loaded(self) -> bool:
        return self._store is not None and self._store.loaded

    @property
    def holding(self) -> bool:
        """Changes kept in memory only (`Store.open_read_only`, after the records are read): never before."""
        return self._store is not None and self._store.holding

    def set_error_handler(self, handler: Callable[[BaseException], None] | None) -> None:
        with self._building:
            self._on_error = handler
            if self._store is not None:
                self._store.set_error_handler(handler)

    def set_change_handler(self, handler: Callable[[OutsideChange | None], None] | None) -> None:
        with self._building:
            self._on_change = handler
            if self._store is not None:
                self._store.set_change_handler(handler)

    def flush(self, timeout: float | None = 10.0) -> bool:
        return True if self._store is None else self._store.flush(timeout)

    def close(self) -> bool:
        """Close the store if it was built (saving what is pending); else only let the claim's lock go."""
        with self._building:
            self._closed = True
            store = self._store
        if store is not None:
            return store.close()
        self._claim.release()
        return True

    @property
    def set_aside(self) -> Path | None:
        return None if self._store is None else self._store.set_aside

    @property
    def last_error(self) -> BaseException | None:
        return None if self._store is None else self._store.last_error
