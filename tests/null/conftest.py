from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
import tensorplug


@pytest.fixture(autouse=True)
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Each test gets an empty TENSORPLUG_HOME, no env overrides, and a fresh registry."""
    home = tmp_path / "tphome"
    monkeypatch.setenv("TENSORPLUG_HOME", str(home))
    monkeypatch.delenv("TENSORPLUG_BACKEND", raising=False)
    monkeypatch.delenv("TENSORPLUG_TRACE", raising=False)
    tensorplug.refresh_backends()
    yield home
    monkeypatch.undo()
    tensorplug.refresh_backends()


@pytest.fixture
def home(clean_env: Path) -> Path:
    return clean_env
