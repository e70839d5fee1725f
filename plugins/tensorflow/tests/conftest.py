"""Each test runs on the TensorFlow backend with an empty TENSORPLUG_HOME."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
import tensorplug


@pytest.fixture(autouse=True)
def tf_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TENSORPLUG_HOME", str(tmp_path / "tphome"))
    monkeypatch.delenv("TENSORPLUG_BACKEND", raising=False)
    monkeypatch.delenv("TENSORPLUG_TRACE", raising=False)
    tensorplug.refresh_backends()
    tensorplug.set_backend("tensorflow")
    yield
    tensorplug.refresh_backends()
