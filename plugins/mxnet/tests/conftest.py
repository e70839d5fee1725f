"""Every test here runs on the mxnet backend (selected once for the session)."""

from __future__ import annotations

from typing import Any

import pytest
import tensorplug


@pytest.fixture(scope="session", autouse=True)
def mxnet_backend() -> Any:
    tensorplug.set_backend("mxnet")
    import mxnet

    return mxnet


@pytest.fixture
def mx(mxnet_backend: Any) -> Any:
    return mxnet_backend
