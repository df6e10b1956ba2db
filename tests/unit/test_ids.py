"""Record ids: ULID format, time order, strict increase within a process, injectable clock and randomness."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from infoview_tui.domain.ids import (
    ALPHABET,
    IdGenerator,
    builtin_question_id,
    derived_id,
    id_time_ms,
    is_id,
    new_id,
)
from infoview_tui.domain.models import STARTER_QUESTIONS

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_an_id_is_26_crockford_characters_carrying_its_time() -> None:
    record_id = new_id(NOW)
    assert len(record_id) == 26
    assert set(record_id) <= set(ALPHABET)
    assert not set(record_id) & set("ILOU")
    assert is_id(record_id)
    assert id_time_ms(record_id) >= int(NOW.timestamp() * 1000)


def test_the_time_is_the_first_48_bits_so_later_ids_sort_after() -> None:
    make = IdGenerator()
    early = make(NOW)
    late = make(NOW + timedelta(milliseconds=1))
    assert early < late
    assert id_time_ms(early) == int(NOW.timestamp() * 1000)
    assert id_time_ms(late) == id_time_ms(early) + 1


def test_ids_made_in_the_same_millisecond_strictly_increase() -> None:
    make = IdGenerator()
    ids = [make(NOW) for _ in range(1000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == 1000
    assert {id_time_ms(i) for i in ids} == {int(NOW.timestamp() * 1000)}


def test_a_clock_that_goes_back_still_gives_increasing_ids() -> None:
    make = IdGenerator()
    first = make(NOW)
    second = make(NOW - timedelta(hours=1))
    assert second > first


def test_the_random_source_is_injectable_and_repeatable() -> None:
    one = IdGenerator(random.Random(7).randbytes)
    two = IdGenerator(random.Random(7).randbytes)
    assert [one(NOW + timedelta(seconds=i)) for i in range(5)] == [
        two(NOW + timedelta(seconds=i)) for i in range(5)
    ]
    fixed = bytes(range(10))
    record_id = IdGenerator()(NOW, lambda n: fixed[:n])
    assert int.from_bytes(fixed, "big") == _random_part(record_id)


def test_new_id_uses_the_process_wide_generator_and_keeps_increasing() -> None:
    ids = [new_id(NOW) for _ in range(50)] + [new_id(NOW, lambda n: bytes(n))]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        new_id(datetime(2026, 1, 1))


def test_derived_ids_are_the_same_for_the_same_inputs() -> None:
    assert derived_id(5, "contacts:1") == derived_id(5, "contacts:1")
    assert derived_id(5, "contacts:1") != derived_id(5, "contacts:2")
    assert id_time_ms(derived_id(5, "contacts:1")) == 5
    assert derived_id(0, "a", prefix=1) < derived_id(0, "a", prefix=2) < derived_id(0, "z", prefix=3)


def test_builtin_questions_have_fixed_ids_in_the_bank_order() -> None:
    ids = [builtin_question_id(i, text) for i, (_category, text) in enumerate(STARTER_QUESTIONS)]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(is_id(i) and id_time_ms(i) == 0 for i in ids)
    # A constant: every machine, every release, gives the first starter question this id.
    assert ids[0] == builtin_question_id(0, "What led you to your current role?")
    assert ids[0] == "0000000000000000BGMEY3B13Y"


def test_is_id_refuses_what_is_not_a_ulid() -> None:
    assert not is_id("1")
    assert not is_id(1)
    assert not is_id("8" + "0" * 25)  # beyond 128 bits
    assert not is_id("0" * 25 + "U")
    with pytest.raises(ValueError):
        id_time_ms("12")


def _random_part(record_id: str) -> int:
    value = 0
    for c in record_id:
        value = (value << 5) | ALPHABET.index(c)
    return value & ((1 << 80) - 1)
