"""TypeAhead's own rules, without a screen: what is kept while a hold is on, the order keys come out in, and
that no hold outlives its limit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual import events

from infoview_tui.ui import type_ahead as ta


class FakeTimer:
    def __init__(self, delay: float, callback: Callable[[], None]) -> None:
        self.delay = delay
        self.callback = callback
        self.stopped = False

    def stop(self) -> None:
        self.stopped = True

    def fire(self) -> None:
        if not self.stopped:
            self.callback()


class Harness:
    """A TypeAhead with timers and call_later the test runs by hand."""

    def __init__(self) -> None:
        self.routed: list[str] = []
        self.timers: list[FakeTimer] = []
        self.later: list[Callable[[], Awaitable[None]]] = []
        self.now = 100.0
        self.type_ahead = ta.TypeAhead(
            self._route, self._timer, self._timer, self.later.append, clock=lambda: self.now
        )

    async def _route(self, event: Any) -> None:
        self.routed.append(event.text if isinstance(event, events.Paste) else event.key)

    def _timer(self, delay: float, callback: Callable[[], None]) -> Any:
        timer = FakeTimer(delay, callback)
        self.timers.append(timer)
        return timer

    async def run_later(self) -> None:
        while self.later:
            await self.later.pop(0)()


def key(name: str, at: float) -> events.Key:
    event = events.Key(name, name if len(name) == 1 else None)
    event.time = at
    return event


async def test_nothing_is_kept_without_a_hold() -> None:
    harness = Harness()
    assert harness.type_ahead.keep(key("a", 1.0)) is False
    assert harness.type_ahead.held == 0


async def test_kept_keys_come_out_oldest_first_once_the_last_hold_ends() -> None:
    harness = Harness()
    first = harness.type_ahead.hold()
    second = harness.type_ahead.hold()
    # A key that bubbled up late (typed first) is kept after one typed later: time decides the order.
    assert harness.type_ahead.keep(key("b", 2.0))
    assert harness.type_ahead.keep(key("a", 1.0))
    paste = events.Paste("pasted")
    paste.time = 3.0
    assert harness.type_ahead.keep(paste)
    first()
    await harness.run_later()
    assert harness.routed == []  # one hold is still on
    second()
    second()  # a second call does nothing
    await harness.run_later()
    assert harness.routed == ["a", "b", "pasted"]
    assert harness.type_ahead.held == 0 and not harness.type_ahead.holding


async def test_a_key_arriving_while_kept_keys_wait_their_turn_queues_behind_them() -> None:
    harness = Harness()
    release = harness.type_ahead.hold()
    harness.type_ahead.keep(key("a", 1.0))
    release()  # the flush is scheduled, not run yet
    assert harness.type_ahead.keep(key("b", 2.0)) is True  # must not overtake "a"
    await harness.run_later()
    assert harness.routed == ["a", "b"]


async def test_no_hold_outlives_its_limit() -> None:
    """A hold whose end never comes (a marker lost with its widget) lets the waiting keys go after LIMIT."""
    harness = Harness()
    harness.type_ahead.hold()
    harness.type_ahead.keep(key("a", 1.0))
    (timer,) = harness.timers  # only keys waiting start a timer
    assert timer.delay == ta.LIMIT
    harness.now += ta.LIMIT
    timer.fire()
    await harness.run_later()
    assert harness.routed == ["a"] and not harness.type_ahead.holding


async def test_a_key_arriving_after_the_limit_ends_an_expired_hold() -> None:
    harness = Harness()
    harness.type_ahead.hold()
    harness.now += ta.LIMIT + 1
    assert harness.type_ahead.keep(key("a", 1.0)) is False  # nothing holds any more: route it now


async def test_a_screen_change_ends_the_holds_waiting_for_it_only() -> None:
    harness = Harness()
    harness.type_ahead.hold(until_screen_change=True)
    plain = harness.type_ahead.hold()
    harness.type_ahead.keep(key("a", 1.0))
    harness.type_ahead.screen_changed()
    await harness.run_later()
    assert harness.routed == [] and harness.type_ahead.holding
    plain()
    await harness.run_later()
    assert harness.routed == ["a"]


async def test_a_key_that_holds_again_keeps_the_keys_behind_it() -> None:
    """Routing a kept key can start the next hold (it opens another dialog): the rest wait for that one."""
    harness = Harness()
    holds: list[Callable[[], None]] = []

    async def route(event: Any) -> None:
        harness.routed.append(event.key)
        if event.key == "a":
            holds.append(harness.type_ahead.hold())

    harness.type_ahead._route = route
    release = harness.type_ahead.hold()
    for at, name in enumerate("xay"):
        harness.type_ahead.keep(key(name, float(at)))
    release()
    await harness.run_later()
    assert harness.routed == ["x", "a"]
    holds[0]()
    await harness.run_later()
    assert harness.routed == ["x", "a", "y"]


@pytest.mark.parametrize("finished", [True, False])
async def test_a_hold_on_workers_ends_when_they_end(finished: bool) -> None:
    class Worker:
        is_finished = finished

    harness = Harness()
    worker = Worker()
    harness.type_ahead.hold_for([worker])  # type: ignore[list-item]
    assert harness.type_ahead.holding is (not finished)
    if finished:
        return
    poll = harness.timers[-1]
    poll.fire()
    assert harness.type_ahead.holding
    worker.is_finished = True
    poll.fire()
    assert not harness.type_ahead.holding and poll.stopped
