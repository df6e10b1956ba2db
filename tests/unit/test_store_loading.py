"""The load path: the garbage collector is paused while a file is parsed and decoded and always restored,
and priming the writer is left to the caller when asked."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from infoview_tui.domain.dates import FixedClock
from infoview_tui.domain.models import Contact, Interview, Note, replace
from infoview_tui.store import DataFileError, Store
from infoview_tui.store.repository import paused_gc

CLOCK = FixedClock(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))


@pytest.fixture(autouse=True)
def _collector_as_found() -> Iterator[None]:
    """Whatever a test does to the collector, the next test finds it enabled and unfrozen."""
    yield
    gc.unfreeze()
    gc.enable()


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "infoview.json"
    with Store.open(path, clock=CLOCK) as store:
        store.contacts.add_many(Contact(name=f"Person {n}", company="Acme") for n in range(50))
    return path


def test_the_collector_is_off_inside_and_back_on_after() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_back_on_after_an_error() -> None:
    with pytest.raises(RuntimeError), paused_gc(freeze=True):
        raise RuntimeError("decoding failed")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0, "nothing is frozen when loading failed"


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_nested_pauses_restore_the_collector_once_at_the_outermost_end() -> None:
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled(), "the outer pause is still loading"
    assert gc.isenabled()


def test_freeze_moves_what_was_loaded_out_of_the_collectors_reach() -> None:
    with paused_gc(freeze=True):
        kept = [{"n": [n]} for n in range(1000)]
    assert gc.isenabled()
    assert gc.get_freeze_count() >= len(kept)


def test_load_all_decodes_everything_and_restores_the_collector(data_file: Path) -> None:
    store = Store.open(data_file, clock=CLOCK, preload=False)
    try:
        store.load_all(prime=False, freeze=True)
        assert store.loaded and len(store.contacts) == 50
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        store.close()


def test_load_all_of_a_record_that_does_not_fit_raises_and_restores_the_collector(data_file: Path) -> None:
    text = data_file.read_text(encoding="utf-8").replace('"name": "Person 7"', '"name": 7', 1)
    data_file.write_text(text, encoding="utf-8")
    store = Store.open(data_file, clock=CLOCK, preload=False)
    try:
        with pytest.raises(DataFileError, match="does not fit"):
            store.load_all(prime=False, freeze=True)
        assert gc.isenabled()
        assert gc.get_freeze_count() == 0
    finally:
        store.close()
    assert '"name": 7' in data_file.read_text(encoding="utf-8"), "the file is left untouched"


def test_load_all_without_prime_starts_no_background_work(data_file: Path) -> None:
    store = Store.open(data_file, clock=CLOCK, preload=False)
    try:
        store.load_all(prime=False)
        assert store.storage._thread is None and not store.storage.primed
        store.storage.prime()
        assert store.flush() and store.storage._thread is not None
    finally:
        store.close()


def test_a_profile_saved_after_the_writer_was_primed_reaches_the_file(data_file: Path) -> None:
    """The writer keeps each document's text by identity: the header must be replaced, not changed in place."""
    import time

    from infoview_tui.domain.models import Profile

    ana = Profile(name="Ana Lee", email="ana@example.com")
    with Store.open(data_file, clock=CLOCK) as store:
        deadline = time.monotonic() + 20
        while not store.storage.primed:
            assert time.monotonic() < deadline, "never primed"
            time.sleep(0.01)
        store.save_profile(ana)
    with Store.open(data_file, clock=CLOCK, read_only=True) as reopened:
        assert reopened.profile == ana


@pytest.mark.parametrize("layout", ["the writer's", "one line"])
def test_a_lone_surrogate_escaped_in_the_file_is_read_as_a_replacement_character(
    tmp_path: Path, layout: str
) -> None:
    """`"\\ud800"` in a hand-edited file decodes to a string that is not text: the file opened, but every
    save failed on it, and a call note holding one could not be packed. It is read as U+FFFD; an escaped
    pair (an emoji) stays the character it is."""
    path = tmp_path / "infoview.json"
    with Store.open(path, clock=CLOCK) as store:
        contact = store.contacts.add(Contact(name="Zoë"))
        store.interviews.add(Interview(contact_id=contact.id, notes=(Note(text="NOTE", offset_s=1.0),)))
    text = path.read_text(encoding="utf-8")
    text = text.replace('"Zoë"', '"Zo\\ud800 \\ud83d\\ude00"').replace('"NOTE"', '"lone \\udc80 here"')
    if layout == "one line":
        text = json.dumps(json.loads(text), ensure_ascii=True)
    path.write_text(text, encoding="utf-8")
    with Store.open(path, clock=CLOCK) as store:
        store.load_all(prime=False)
        contact = store.contacts.all()[0]
        interview = store.interviews.all()[0]
        assert contact.name == "Zo\ufffd \U0001f600"
        assert interview.notes[0].text == "lone \ufffd here"
        store.contacts.update(replace(contact, company="Acme"))  # a save writes the whole file
    # The changed contact was written anew; the unchanged interview's line was copied as it was (a save
    # copies unchanged documents), and reads the same way again.
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert [c["name"] for c in saved["contacts"].values()] == ["Zo\ufffd \U0001f600"]
    with Store.open(path, clock=CLOCK) as store:
        store.load_all(prime=False)
        assert store.contacts.all()[0].company == "Acme"
        assert store.interviews.all()[0].notes[0].text == "lone \ufffd here"


@pytest.mark.parametrize(
    ("json_text", "lone"),
    [
        ('"\\ud800"', True),
        ('"x\\udc00"', True),
        ('"\\uD800 "', True),
        ('"\\ud83d mid \\ude00"', True),
        ('"\\ud83d\\ude00"', False),
        ('"\\udbff\\udfff"', False),
        ('"\\u0001 plain"', False),
    ],
)
def test_only_an_escape_of_half_a_pair_sends_a_file_to_be_cleaned(json_text: str, lone: bool) -> None:
    """An escaped emoji (a pair) is one character: a file holding one was rebuilt whole at every reading
    (2.2x slower at 50,000 contacts, found by a review), as if it held a lone half."""
    from infoview_tui.store.storage import _may_hold_surrogates

    assert _may_hold_surrogates(json_text) is lone
    parsed = json.loads(json_text)
    assert any(0xD800 <= ord(c) <= 0xDFFF for c in parsed) is lone
