"""Shared fixtures: a fresh tensorplug selection per test."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No config file, no env selection, nothing loaded; restored afterwards."""
    import tensorplug
    from tensorplug import _discovery

    monkeypatch.delenv("TENSORPLUG_BACKEND", raising=False)
    monkeypatch.delenv("TENSORPLUG_TRACE", raising=False)
    monkeypatch.setenv("TENSORPLUG_HOME", str(HERE / "_no_home"))
    original = _discovery.entry_point_source
    tensorplug.refresh_backends()
    yield
    _discovery.entry_point_source = original
    tensorplug.refresh_backends()


@pytest.fixture
def sim(fresh: None) -> Iterator[object]:
    """The ``cuda_on_numpy`` backend selected process-wide; yields the K facade."""
    import cuda_on_numpy
    import tensorplug
    from tensorplug import backend as K

    cuda_on_numpy.install()
    tensorplug.set_backend(cuda_on_numpy.NAME)
    yield K
