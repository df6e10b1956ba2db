"""Asks the C allocator to keep the process's memory in one heap (Linux with glibc only).

glibc gives each thread that allocates while another holds the heap an arena of its own. The app decodes the
data file, builds indexes and saves on worker threads, and Python allocates every string over 512 bytes (a
note, a message, a research text) with malloc: each arena then keeps freed pages the others cannot reuse.
Measured at 10,000 contacts with every section visited, RSS was ~100 MiB with glibc's default (up to eight
arenas per core) and ~95 with one. Python holds the GIL around nearly every allocation, so threads hardly ever
contend for that one arena.

`MALLOC_ARENA_MAX` (or `GLIBC_TUNABLES=glibc.malloc.arena_max=N`) in the environment does the same but must be
set before the process starts; a user's own setting wins (we do not touch it).
"""

from __future__ import annotations

import os
import sys
import typing
from collections.abc import Callable, Mapping
from typing import Any

M_ARENA_MAX = -8
"""mallopt's parameter number for the arena limit (glibc's malloc.h)."""
ARENAS = 1


def _glibc_mallopt() -> Callable[[int, int], int] | None:
    """glibc's `mallopt`, or None on any other C library or platform."""
    if sys.platform != "linux":
        return None
    try:
        os.confstr("CS_GNU_LIBC_VERSION")  # glibc only: musl and others raise
    except (ValueError, OSError):
        return None
    try:
        return _mallopt_from_ctypes_core()
    except (ImportError, AttributeError, TypeError, OSError):  # pragma: no cover - an unusual ctypes
        pass
    try:  # pragma: no cover - the same through ctypes itself
        import ctypes

        mallopt: Callable[[int, int], int] = ctypes.CDLL(None).mallopt
        mallopt.argtypes = (ctypes.c_int, ctypes.c_int)  # type: ignore[attr-defined]
        mallopt.restype = ctypes.c_int  # type: ignore[attr-defined]
    except (ImportError, OSError, AttributeError):
        return None
    return mallopt


def _mallopt_from_ctypes_core() -> Callable[[int, int], int]:
    """`mallopt` through `_ctypes`, the C core of ctypes: importing ctypes itself (its module defines ~60
    classes) took ~4.5 ms, in front of the first frame; this ~0.8."""
    import _ctypes

    if typing.TYPE_CHECKING:
        Simple = _ctypes._SimpleCData[int]
    else:
        Simple = _ctypes._SimpleCData  # not subscriptable at run time

    class Int(Simple):  # ctypes.c_int
        _type_ = "i"

    class Function(_ctypes.CFuncPtr):  # a C function of ctypes.CDLL
        _flags_ = _ctypes.FUNCFLAG_CDECL
        _restype_ = Int

    class Process:  # what ctypes.CDLL(None) is to CFuncPtr: a handle to the process's own symbols
        _handle = _ctypes.dlopen(typing.cast("str", None), 0)  # NULL: this process (typeshed wants a path)

    function = Function(("mallopt", typing.cast("Any", Process())))
    function.argtypes = (Int, Int)
    return typing.cast("Callable[[int, int], int]", function)


def limit_arenas(
    environ: Mapping[str, str] | None = None,
    mallopt: Callable[[int, int], int] | None = None,
) -> bool:
    """Keep malloc to `ARENAS` arena(s); call before any thread starts. True when the limit was set.

    `environ` and `mallopt` are for tests (the process's own by default)."""
    env = os.environ if environ is None else environ
    if "MALLOC_ARENA_MAX" in env or "glibc.malloc.arena_max" in env.get("GLIBC_TUNABLES", ""):
        return False
    call = mallopt if mallopt is not None else _glibc_mallopt()
    if call is None:
        return False
    return bool(call(M_ARENA_MAX, ARENAS))
