"""Provides record ids that two machines never both create: ULIDs (26 characters of Crockford base32).

A ULID is 48 bits of milliseconds since the Unix epoch followed by 80 random bits, written so that sorting
the strings sorts them by time. `new_id` makes one at a given moment; within one process ids are strictly
increasing (a second id in the same millisecond, or with a clock that went back, takes the previous id's
time and its random part plus one), so sorting by id is the order records were added.

`derived_id` makes a ULID from a time and a name instead of randomness: the same inputs always give the same
id. The question bank's builtin questions (`builtin_question_id`) and the v1→v2 migration use it, so two
machines that start from the same text or the same old file agree on the ids.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from datetime import datetime

__all__ = [
    "ALPHABET",
    "IdGenerator",
    "builtin_question_id",
    "derived_id",
    "id_time_ms",
    "is_id",
    "new_id",
]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base32: no I, L, O or U, so an id read aloud or retyped is not misread."""

_TIME_BITS = 48
_RANDOM_BITS = 80
_MAX_TIME = (1 << _TIME_BITS) - 1
_MAX_RANDOM = (1 << _RANDOM_BITS) - 1
_DECODE = {c: i for i, c in enumerate(ALPHABET)}


def _encode(value: int) -> str:
    """A 128-bit number as 26 base32 characters (the first carries only 3 bits)."""
    chars = []
    for _ in range(26):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def _compose(ms: int, random_part: int) -> str:
    if not 0 <= ms <= _MAX_TIME:
        raise ValueError(f"time {ms} ms is outside what a ULID can hold")
    return _encode((ms << _RANDOM_BITS) | (random_part & _MAX_RANDOM))


def _ms(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment!r} cannot date an id")
    return max(0, int(moment.timestamp() * 1000))


_ULID = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")


def is_id(value: object) -> bool:
    """True for a well-formed ULID string (upper-case Crockford base32, 26 characters, first ≤ 7)."""
    return isinstance(value, str) and _ULID.fullmatch(value) is not None


def id_time_ms(record_id: str) -> int:
    """The milliseconds since the epoch a ULID carries; ValueError for something that is not one."""
    if not is_id(record_id):
        raise ValueError(f"{record_id!r} is not a record id")
    value = 0
    for c in record_id:
        value = (value << 5) | _DECODE[c]
    return value >> _RANDOM_BITS


class IdGenerator:
    """Makes ULIDs that strictly increase, from a clock reading and a source of random bytes.

    `rand(n)` returns n random bytes (`os.urandom` by default; a seeded `random.Random().randbytes` gives
    repeatable ids in tests and in the demo). Thread-safe.
    """

    def __init__(self, rand: Callable[[int], bytes] = os.urandom) -> None:
        self._rand = rand
        self._lock = threading.Lock()
        self._last_ms = -1
        self._last_random = 0

    def __call__(self, now: datetime | None = None, rand: Callable[[int], bytes] | None = None) -> str:
        """A new id dated `now` (the system clock when None); `rand` replaces the random source for this id."""
        ms = _ms(now if now is not None else datetime.now().astimezone())
        source = rand or self._rand
        with self._lock:
            if ms <= self._last_ms:
                ms = self._last_ms
                random_part = self._last_random + 1
                if random_part > _MAX_RANDOM:  # 2^80 ids in one millisecond: move to the next one
                    ms, random_part = ms + 1, int.from_bytes(source(10), "big")
            else:
                random_part = int.from_bytes(source(10), "big")
            self._last_ms, self._last_random = ms, random_part
        return _compose(ms, random_part)


_default = IdGenerator()


def new_id(now: datetime | None = None, rand: Callable[[int], bytes] | None = None) -> str:
    """A new record id dated `now` (the system clock when None).

    Ids from this process strictly increase. `rand` replaces `os.urandom` for this one id (tests); the
    ordering still holds, because the process-wide generator keeps the last time and random part.
    """
    return _default(now, rand)


def derived_id(ms: int, name: str, *, prefix: int | None = None) -> str:
    """The ULID at `ms` whose random part comes from `name` (SHA-256): the same inputs, the same id.

    `prefix` (0 ≤ prefix < 2^32), when given, fills the first 32 of the 80 random bits, so ids derived at the
    same time sort by it (the migration passes the old record number, keeping the order records were added).
    """
    import hashlib  # here: it loads OpenSSL (~4 ms of every start); only migrations and the question bank use it

    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:10], "big")
    if prefix is not None:
        if not 0 <= prefix < (1 << 32):
            raise ValueError(f"prefix {prefix} does not fit in 32 bits")
        digest = (prefix << 48) | (digest & ((1 << 48) - 1))
    return _compose(ms, digest)


def builtin_question_id(index: int, text: str) -> str:
    """The fixed id of the question bank's builtin question number `index` (0-based) with this text.

    Time 0, then the index + 1 in the first 32 random bits (so the builtins sort in the bank's order), then
    48 bits of SHA-256 of `builtin-question:<text>`. Every machine gives the same starter question the same
    id, so two copies' banks are the same records, not twins.
    """
    return derived_id(0, f"builtin-question:{text}", prefix=index + 1)
