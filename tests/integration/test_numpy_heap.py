"""The numpy backend's glibc heap setting: applied on Linux, skipped on request."""

from __future__ import annotations

import sys

import pytest
from tensorplug_numpy import _heap


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc setting, Linux only")
def test_applied_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_TOP_PAD_", raising=False)
    monkeypatch.delenv(_heap.ENV, raising=False)
    assert _heap.keep_heap_top() is True


@pytest.mark.parametrize("env", [{_heap.ENV: "0"}, {"MALLOC_TOP_PAD_": "131072"},
                                 {_heap.ENV: "lots"}])
def test_skipped_when_the_user_decides(monkeypatch: pytest.MonkeyPatch,
                                       env: dict[str, str]) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert _heap.keep_heap_top() is False
