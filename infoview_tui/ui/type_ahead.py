"""Provides TypeAhead: keys are handled one at a time, each after the last has had its whole effect, and keys
typed while a dialog or screen is still opening wait for it, then reach it in order.

Textual hands a key to the focused widget and runs the bindings only once the key has bubbled back up to the
App; meanwhile the App hands the keys typed behind it to the same widget. So under a burst (a fast typist, a
busy machine) `Bea` ctrl+s `aCarl` saved one contact "BeaaCarl", escape then `note` typed the note into the
prompt being cancelled, F2 then `call Bob` saved the note without its kind, and a key that opens a dialog saw
the keys behind it land on the list underneath (letters lost; r, o, x run on the highlighted contact).

Here the App routes a key, then holds the keyboard until a marker (`KeysHandedOn`) posted right behind the key
has followed it the same way up to the App: by then every handler and binding the key reached has run. Keys
arriving meanwhile are kept (`keep`) and routed, oldest first, one at a time the same way (`flush`). Other holds:
around a key's action that starts a worker (until the worker pushes a screen or ends), around every screen push
or pop (until the screen on top has its focus), and behind a message that may move focus (`post_and_hold`: a
field's submit, a list's selection). No hold outlives `LIMIT` seconds, so nothing can swallow the keyboard.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable

from textual import events
from textual.dom import DOMNode
from textual.message import Message
from textual.timer import Timer
from textual.worker import Worker

__all__ = ["LIMIT", "KeysHandedOn", "Release", "TypeAhead", "hold_keys", "post_and_hold"]

LIMIT = 3.0
"""Seconds a hold may last: past this the keys go to what has focus, as they would without a hold."""
_POLL = 0.05
"""How often a hold on workers looks whether they have ended (seconds)."""

Release = Callable[[], None]
Typed = events.Key | events.Paste


class TypeAhead:
    """The holds on the keyboard and the keys kept while one is on (one per app)."""

    def __init__(
        self,
        route: Callable[[Typed], Awaitable[None]],
        set_timer: Callable[[float, Callable[[], None]], Timer],
        set_interval: Callable[[float, Callable[[], None]], Timer],
        call_later: Callable[[Callable[[], Awaitable[None]]], object],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._route = route
        self._set_timer = set_timer
        self._set_interval = set_interval
        self._call_later = call_later
        self._clock = clock
        self._holds: dict[object, float] = {}
        """Each hold on and when it ends by itself (`LIMIT` after it began)."""
        self._held: list[Typed] = []
        self._opening: dict[object, Release] = {}
        """Holds that a screen pushed or popped ends (its own hold takes over)."""
        self._limit: Timer | None = None
        """Set while keys wait: ends the holds that outlived `LIMIT`, so waiting keys always go somewhere."""

    @property
    def holding(self) -> bool:
        return bool(self._holds)

    @property
    def held(self) -> int:
        """How many keys and pastes are waiting."""
        return len(self._held)

    def hold(self, *, until_screen_change: bool = False) -> Release:
        """Hold the keyboard until the returned function is called (once is enough; later calls do nothing)
        or, with `until_screen_change`, until a screen is pushed or popped (whose own hold then takes over)."""
        token = object()

        def release() -> None:
            if self._holds.pop(token, None) is None:
                return
            self._opening.pop(token, None)
            if not self._holds and self._held:
                self._call_later(self.flush)

        self._holds[token] = self._clock() + LIMIT
        if until_screen_change:
            self._opening[token] = release
        return release

    def hold_for(self, workers: Iterable[Worker[object]]) -> None:
        """Hold the keyboard while `workers` (started by a key's action) run, until one pushes a screen."""
        running = [worker for worker in workers if not worker.is_finished]
        if not running:
            return
        release = self.hold(until_screen_change=True)

        def check() -> None:
            if release not in self._opening.values():  # ended by a screen change or by the limit
                poll.stop()
            elif all(worker.is_finished for worker in running):
                poll.stop()
                release()

        poll = self._set_interval(_POLL, check)

    def screen_changed(self) -> None:
        """A screen was pushed or popped: the holds waiting for that end (the app holds again until the screen
        on top has its focus)."""
        for release in list(self._opening.values()):
            release()

    def keep(self, event: Typed) -> bool:
        """Keep `event` when the keyboard is held or keys are still waiting their turn; False: route it now."""
        self._expire()
        if not self._holds and not self._held:
            return False
        self._held.append(event)
        if not self._holds:
            self._call_later(self.flush)
        elif self._limit is None:
            self._limit = self._set_timer(LIMIT, self._on_limit)
        return True

    def _expire(self) -> None:
        """End the holds that outlived `LIMIT` (a marker that never came back: its widget was removed)."""
        now = self._clock()
        for token, ends in list(self._holds.items()):
            if ends <= now:
                del self._holds[token]
                self._opening.pop(token, None)

    def _on_limit(self) -> None:
        self._limit = None
        self._expire()
        if not self._holds:
            if self._held:
                self._call_later(self.flush)
        elif self._held:
            self._limit = self._set_timer(max(0.0, min(self._holds.values()) - self._clock()), self._on_limit)

    async def flush(self) -> None:
        """Route the kept keys, oldest first, while no hold is on: routing one holds again until it has had
        its effect, and the next goes when that hold ends."""
        self._held.sort(key=lambda event: event.time)
        while self._held and not self._holds:
            event = self._held.pop(0)
            fresh: Typed = (
                events.Paste(event.text)
                if isinstance(event, events.Paste)
                else events.Key(event.key, event.character)
            )
            fresh.time = event.time  # kept again, it keeps its place among the others
            await self._route(fresh)
        if not self._held and self._limit is not None:
            self._limit.stop()
            self._limit = None


class KeysHandedOn(Message):
    """Posted right behind a key or a message that may open a screen or move focus (a field's submit, a list's
    selection), the same way up: it reaches the App after every handler on that way has run, and the App then
    lets the next key go (`release`)."""

    def __init__(self, release: Release) -> None:
        super().__init__()
        self.release = release


def hold_keys(node: DOMNode) -> Release | None:
    """Hold the keyboard of `node`'s app until a screen is pushed or popped, or until the release; None in an
    app without a type-ahead. The holder posts a `KeysHandedOn` with the release behind what it posted."""
    type_ahead = getattr(node.app, "type_ahead", None)
    return type_ahead.hold(until_screen_change=True) if isinstance(type_ahead, TypeAhead) else None


def post_and_hold(node: DOMNode, message: Message) -> Release | None:
    """Post `message` from `node` and hold the keyboard until the screen has handled it (or a screen is pushed
    or popped meanwhile): the keys typed behind the key that posted it go where it sends the user, not to
    `node`. None (and the message posted all the same) in an app without a type-ahead."""
    release = hold_keys(node)
    node.post_message(message)
    if release is not None:
        node.post_message(KeysHandedOn(release))
    return release
