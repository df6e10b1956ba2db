"""The test run itself refuses network connections (see tests/conftest.py), so any feature that tried one
would fail its tests; this proves the guard is active."""

from __future__ import annotations

import socket

import pytest


def test_opening_an_internet_connection_fails_the_test() -> None:
    with pytest.raises(AssertionError, match="network connection"):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
