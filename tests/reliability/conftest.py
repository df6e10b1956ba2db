"""Fixtures for the fault suite: the Pilot setup from tests/app, the real-terminal helpers from tests/e2e."""

from __future__ import annotations

from tests.app.conftest import clock, data_path, settings_file, store  # noqa: F401 - fixtures, re-exported
from tests.e2e.conftest import terminal_env, terminals  # noqa: F401 - fixtures, re-exported
