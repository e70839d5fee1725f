"""Loaded by pytest only when it collects this package: a clear usage error when the
suite is run without its plugin or without ``--tensorplug-backend``."""

from __future__ import annotations

import pytest

from tensorplug.testing._state import STATE, usage_message


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not STATE.configured:
        raise pytest.UsageError(usage_message())
