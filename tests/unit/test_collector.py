"""The garbage collector's pacing: automatic full collections are held back while the app runs, and a due
one runs when `collect_if_due` is called (the app calls it while the user is idle)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from infoview_tui.ui import collector


@pytest.fixture
def full_collections() -> Iterator[list[int]]:
    """The generation of every collection that runs during the test (2: a full one)."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    try:
        yield seen
    finally:
        gc.callbacks.remove(note)


def make_due() -> None:
    """Enough middle-generation collections for a full one to be due (each counts towards the oldest)."""
    gc.collect()  # counts start from zero
    for _ in range(collector.FULL_EVERY):
        gc.collect(1)
    assert gc.get_count()[2] >= collector.FULL_EVERY


def test_paced_raises_only_the_full_threshold_and_puts_it_back() -> None:
    before = gc.get_threshold()
    with collector.paced():
        assert gc.get_threshold() == (before[0], before[1], collector.SAFETY_EVERY)
    assert gc.get_threshold() == before


def test_paced_puts_the_threshold_back_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), collector.paced():
        raise RuntimeError("the app crashed")
    assert gc.get_threshold() == before


def test_a_due_full_collection_runs_when_asked(full_collections: list[int]) -> None:
    make_due()
    full_collections.clear()
    assert collector.collect_if_due() is True
    assert full_collections == [2]
    assert gc.get_count()[2] == 0


def test_nothing_runs_when_no_full_collection_is_due(full_collections: list[int]) -> None:
    gc.collect()
    full_collections.clear()
    assert collector.collect_if_due() is False
    assert full_collections == []


def test_nothing_runs_while_loading_has_the_collector_paused(full_collections: list[int]) -> None:
    make_due()
    full_collections.clear()
    gc.disable()
    try:
        assert collector.collect_if_due() is False
    finally:
        gc.enable()
    assert full_collections == []
