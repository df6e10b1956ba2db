"""Provides TypeAhead: keys typed while a dialog or screen is still opening wait for it, then reach it in order.

A key that opens a dialog starts a worker, and the dialog mounts and takes focus some hundreds of ms later on a
busy machine. Textual hands every key to whatever has focus when the key's turn comes, so the keys typed behind
`a` used to land on the list underneath: the first letters of the name were lost, and letters that are list
commands (r, o, x) ran on the highlighted contact. While a hold is on, the app gives keys and pastes to
`keep` instead of routing them; when the last hold ends, `flush` routes them, oldest first, to what has focus
then (the dialog's first field).

Holds are taken by the app around a key's action that starts a worker (until the worker pushes a screen or
ends) and around every screen push or pop (until the screen on top has its focus), and by a field that
submits on enter (`SubmitInput`, until its screen has handled the submit). Every hold ends by itself after `LIMIT`
seconds, so a dialog that never comes never swallows the keyboard.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from textual import events
from textual.dom import DOMNode
from textual.message import Message
from textual.timer import Timer
from textual.worker import Worker

__all__ = ["LIMIT", "KeysHandedOn", "Release", "TypeAhead", "post_and_hold"]

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
    ) -> None:
        self._route = route
        self._set_timer = set_timer
        self._set_interval = set_interval
        self._call_later = call_later
        self._holds: dict[object, Timer] = {}
        self._held: list[Typed] = []
        self._opening: dict[object, Release] = {}
        """Holds on workers that may push a screen: a push ends them (its own hold takes over)."""

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
            timer = self._holds.pop(token, None)
            self._opening.pop(token, None)
            if timer is None:
                return
            timer.stop()
            if not self._holds and self._held:
                self._call_later(self.flush)

        self._holds[token] = self._set_timer(LIMIT, release)
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
        if not self._holds and not self._held:
            return False
        self._held.append(event)
        if not self._holds:
            self._call_later(self.flush)
        return True

    async def flush(self) -> None:
        """Route the kept keys, oldest first, while no hold is on (a key may open the next dialog: the keys
        after it wait for that one)."""
        self._held.sort(key=lambda event: event.time)
        while self._held and not self._holds:
            event = self._held.pop(0)
            fresh: Typed = (
                events.Paste(event.text)
                if isinstance(event, events.Paste)
                else events.Key(event.key, event.character)
            )
            await self._route(fresh)


class KeysHandedOn(Message):
    """Posted right behind a message that may open a screen or move focus (a field's submit, a list's
    selection), along the same way up: it reaches the App after the screen has handled that message, and the
    App then lets the keys typed meanwhile go (`post_and_hold`)."""

    def __init__(self, release: Release) -> None:
        super().__init__()
        self.release = release


def post_and_hold(node: DOMNode, message: Message) -> Release | None:
    """Post `message` from `node` and hold the keyboard until the screen has handled it (or a screen is pushed
    or popped meanwhile): the keys typed behind the key that posted it go where it sends the user, not to
    `node`. None (and the message posted all the same) in an app without a type-ahead."""
    type_ahead = getattr(node.app, "type_ahead", None)
    if not isinstance(type_ahead, TypeAhead):
        node.post_message(message)
        return None
    release = type_ahead.hold(until_screen_change=True)
    node.post_message(message)
    node.post_message(KeysHandedOn(release))
    return release
