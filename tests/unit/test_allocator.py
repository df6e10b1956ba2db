"""The app keeps glibc's malloc to one arena (allocator.py), before any thread of its own starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from infoview_tui import allocator, cli


def test_the_limit_is_asked_of_mallopt() -> None:
    calls: list[tuple[int, int]] = []

    def mallopt(param: int, value: int) -> int:
        calls.append((param, value))
        return 1

    assert allocator.limit_arenas(environ={}, mallopt=mallopt) is True
    assert calls == [(-8, 1)]  # M_ARENA_MAX in glibc's malloc.h


def test_a_refused_limit_says_so() -> None:
    assert allocator.limit_arenas(environ={}, mallopt=lambda param, value: 0) is False


def test_the_users_own_setting_wins() -> None:
    calls: list[int] = []

    def mallopt(param: int, value: int) -> int:
        calls.append(value)
        return 1

    assert allocator.limit_arenas(environ={"MALLOC_ARENA_MAX": "4"}, mallopt=mallopt) is False
    tunables = {"GLIBC_TUNABLES": "glibc.malloc.tcache_count=0:glibc.malloc.arena_max=4"}
    assert allocator.limit_arenas(environ=tunables, mallopt=mallopt) is False
    assert calls == []
    other = {"GLIBC_TUNABLES": "glibc.malloc.tcache_count=0"}  # tunables that leave the arenas alone
    assert allocator.limit_arenas(environ=other, mallopt=mallopt) is True


def _glibc() -> bool:
    try:
        return sys.platform == "linux" and bool(os.confstr("CS_GNU_LIBC_VERSION"))
    except (ValueError, OSError):
        return False


@pytest.mark.skipif(not _glibc(), reason="glibc only")
def test_glibc_takes_the_limit_in_a_fresh_process() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("MALLOC_ARENA_MAX", "GLIBC_TUNABLES")}
    code = "import sys; from infoview_tui.allocator import limit_arenas; print(limit_arenas(), 'ctypes' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]  # through ctypes' C core: importing ctypes took ~4.5 ms


@pytest.mark.skipif(not _glibc(), reason="glibc only")
def test_the_c_core_path_reaches_mallopt() -> None:
    """The path taken on glibc (not the ctypes fallback, which would hide a broken one): mallopt answers 1
    for a setting it takes and 0 for a value it refuses (M_MXFAST, 1, takes at most 160 bytes), so both
    arguments arrive as given."""
    mallopt = allocator._mallopt_from_ctypes_core()
    assert mallopt(allocator.M_ARENA_MAX, 1) == 1
    assert mallopt(1, 100_000) == 0


def test_elsewhere_nothing_is_called(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert allocator._glibc_mallopt() is None
    assert allocator.limit_arenas(environ={}) is False


def test_the_app_limits_arenas_before_its_first_thread(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`_run_app` asks for the limit before QuickStart starts its reading thread (arenas are per thread)."""
    import infoview_tui.store.dashboard_cache as dashboard_cache

    order: list[str] = []

    class Stop(Exception):
        pass

    def quick_start(path: Path) -> None:
        order.append("QuickStart")
        raise Stop

    def limit() -> bool:
        order.append("limit")
        return True

    monkeypatch.setattr(allocator, "limit_arenas", limit)
    monkeypatch.setattr(dashboard_cache, "QuickStart", quick_start)
    with pytest.raises(Stop):
        cli._run_app(tmp_path / "data.json")
    assert order == ["limit", "QuickStart"]
