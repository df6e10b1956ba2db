"""The app's load path: the Dashboard shows the data before the writer is primed, and the collector is back."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import OptionList

from infoview_tui.demo import populate_demo
from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import replace
from infoview_tui.store import Store
from tests.app.conftest import SIZE, make_app, until


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    yield
    gc.unfreeze()
    gc.enable()


async def test_the_dashboard_shows_the_data_before_the_writer_is_primed(
    data_path: Path, clock: FixedClock, settings_file: Path
) -> None:
    with Store.open(data_path, clock=clock) as filled:
        populate_demo(filled, clock.now())
        expected = len(filled.interviews)
    store = Store.open(data_path, clock=clock, preload=False)  # as the CLI opens it for the app
    app = make_app(store, settings_file)
    rows_when_primed: list[int] = []
    prime = store.storage.prime

    def watched_prime() -> None:
        agenda = app.screen.query(OptionList)
        rows_when_primed.append(agenda.first().option_count if agenda else 0)
        prime()

    store.storage.prime = watched_prime  # type: ignore[method-assign]
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: store.storage.primed, "the first save's backup to be primed")
            assert len(rows_when_primed) == 1 and rows_when_primed[0] > 0, "primed before the agenda had rows"
            assert "Upcoming interviews (" in str(
                app.screen.query_one(OptionList).get_option_at_index(0).prompt
            )
            assert gc.isenabled() and gc.get_freeze_count() > 0
            # A save after the load reaches the disk (the writer works with what was loaded).
            contact = store.contacts.all()[0]
            store.contacts.update(replace(contact, notes="met at the fair"))
            assert store.flush()
    finally:
        store.close()
    with Store.open(data_path, clock=clock) as reopened:
        assert len(reopened.interviews) == expected
        assert reopened.contacts.all()[0].notes == "met at the fair"
