"""The app's store before its first frame: the file claimed (lock and folder checks), the `Store` built by
whatever needs it first (store/deferred.py)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import Contact
from infoview_tui.store import Store, StoreLockedError
from infoview_tui.store.claim import claim_file
from infoview_tui.store.deferred import DeferredStore

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    target = tmp_path / "data" / "infoview.json"
    with Store.open(target, clock=FixedClock(NOW)) as store:
        store.contacts.add(Contact(name="Ada"))
    return target


def test_claiming_takes_the_lock_and_reads_nothing(path: Path) -> None:
    before = path.read_bytes()
    deferred = DeferredStore(claim_file(path), clock=FixedClock(NOW))
    try:
        assert not deferred.built and not deferred.loaded and not deferred.holding
        assert deferred.path == path.resolve()
        with pytest.raises(StoreLockedError):
            Store.open(path)  # the claim holds the writer lock like an open store
    finally:
        assert deferred.close() is True
    assert not deferred.built  # closing a store never built builds nothing
    assert path.read_bytes() == before
    Store.open(path).close()  # the lock was let go


def test_the_store_is_built_at_first_use_on_the_claimed_lock(path: Path) -> None:
    errors: list[BaseException] = []
    deferred = DeferredStore(claim_file(path), clock=FixedClock(NOW))
    deferred.set_error_handler(errors.append)  # set before the build: the built store has it
    assert [c.name for c in deferred.contacts.all()] == ["Ada"]  # anything else builds the store
    assert deferred.built
    store = deferred.store()
    assert store._on_error is not None
    store._on_error(OSError("disk full"))
    assert [str(e) for e in errors] == ["disk full"]
    deferred.contacts.add(Contact(name="Grace"))
    assert deferred.close() is True  # the store's own close: saved, lock released
    with Store.open(path, read_only=True) as again:
        assert sorted(c.name for c in again.contacts.all()) == ["Ada", "Grace"]
    Store.open(path).close()


def test_threads_asking_together_share_one_store(path: Path) -> None:
    deferred = DeferredStore(claim_file(path), clock=FixedClock(NOW))
    built: list[Store] = []
    start = threading.Barrier(4)

    def ask() -> None:
        start.wait()
        built.append(deferred.store())

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert len(built) == 4 and len({id(s) for s in built}) == 1
    deferred.close()


def test_once_closed_it_is_never_built(path: Path) -> None:
    deferred = DeferredStore(claim_file(path), clock=FixedClock(NOW))
    deferred.close()
    with pytest.raises(RuntimeError, match="closed before"):
        deferred.store()
    Store.open(path).close()
