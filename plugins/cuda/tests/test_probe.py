"""probe(): CuPy found by find_spec, devices counted through the driver with ctypes."""

from __future__ import annotations

import ctypes
import importlib.util
import subprocess
import sys
from typing import Any

import pytest
from tensorplug_cuda import _driver, _entry


class FakeDriver:
    """Stands in for ``ctypes.CDLL("libcuda.so.1")``."""

    def __init__(self, init: int = 0, count: int = 1, count_rc: int = 0) -> None:
        self.init, self.count, self.count_rc = init, count, count_rc
        self.opened: list[str] = []

    def __call__(self, name: str) -> FakeDriver:
        self.opened.append(name)
        return self

    def cuInit(self, flags: int) -> int:  # noqa: N802 - the driver's name
        assert flags == 0
        return self.init

    def cuDeviceGetCount(self, ref: Any) -> int:  # noqa: N802 - the driver's name
        ref._obj.value = self.count
        return self.count_rc


def no_library(name: str) -> Any:
    raise OSError(f"{name}: cannot open shared object file: No such file or directory")


@pytest.fixture
def cupy_found(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: object() if name == "cupy" else real(name, *a))


def test_no_cupy(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "cupy" else real(name, *a))
    monkeypatch.setattr(ctypes, "CDLL", FakeDriver())  # must not even be consulted
    available, reason = _entry.probe()
    assert not available
    assert reason == _entry.NO_CUPY
    assert "pip install tensorplug-cuda[cuda12]" in reason


def test_no_driver(monkeypatch: pytest.MonkeyPatch, cupy_found: None) -> None:
    monkeypatch.setattr(ctypes, "CDLL", no_library)
    available, reason = _entry.probe()
    assert not available
    assert reason == "no CUDA device: no CUDA driver (libcuda.so.1 not found)"


@pytest.mark.parametrize(("driver", "expected"), [
    (FakeDriver(init=100), "cuInit failed with error 100 (CUDA_ERROR_NO_DEVICE)"),
    (FakeDriver(init=999), "cuInit failed with error 999 (CUDA_ERROR_UNKNOWN)"),
    (FakeDriver(count=0), "the CUDA driver reports 0 devices"),
    (FakeDriver(count_rc=3), "cuDeviceGetCount failed with error 3"),
], ids=["init-no-device", "init-unknown", "zero-devices", "count-fails"])
def test_no_device(monkeypatch: pytest.MonkeyPatch, cupy_found: None,
                   driver: FakeDriver, expected: str) -> None:
    monkeypatch.setattr(ctypes, "CDLL", driver)
    available, reason = _entry.probe()
    assert not available
    assert reason.startswith("no CUDA device: ")
    assert expected in reason
    assert driver.opened == [_driver.LIBRARY]


def test_visible_devices_named(monkeypatch: pytest.MonkeyPatch, cupy_found: None) -> None:
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "")
    monkeypatch.setattr(ctypes, "CDLL", FakeDriver(init=100))
    assert "CUDA_VISIBLE_DEVICES=''" in _entry.probe()[1]


def test_not_a_driver(monkeypatch: pytest.MonkeyPatch, cupy_found: None) -> None:
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())
    available, reason = _entry.probe()
    assert not available
    assert reason.startswith("no CUDA device: libcuda.so.1 is not a usable CUDA driver")


def test_devices_found(monkeypatch: pytest.MonkeyPatch, cupy_found: None) -> None:
    monkeypatch.setattr(ctypes, "CDLL", FakeDriver(count=2))
    assert _entry.probe() == (True, "CuPy found; the CUDA driver reports 2 device(s)")


def test_this_machine() -> None:
    """The real probe, without mocks: here (no GPU) it names the missing device."""
    available, reason = _entry.probe()
    if available:
        pytest.skip(f"this machine has a CUDA device ({reason}); gpu_check.sh covers it")
    assert reason.startswith("no CUDA device") or reason == _entry.NO_CUPY


def test_probe_never_imports_cupy() -> None:
    code = ("import sys, tensorplug, tensorplug_cuda._entry as e\n"
            "e.probe(); tensorplug.list_backends()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('cupy', 'cupyx')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


class FakeRuntime:
    def __init__(self, result: Any) -> None:
        self.result = result

    def getDeviceCount(self) -> int:  # noqa: N802 - CuPy's name
        if isinstance(self.result, BaseException):
            raise self.result
        return int(self.result)


def fake_cupy(result: Any) -> Any:
    from types import SimpleNamespace

    runtime = FakeRuntime(result)
    return SimpleNamespace(__version__="14.2.0", cuda=SimpleNamespace(runtime=runtime))


def test_load_confirms_with_cupy_runtime() -> None:
    from tensorplug import BackendUnavailableError

    assert _entry.device_count(fake_cupy(3)) == 3
    with pytest.raises(BackendUnavailableError, match="no CUDA device: CuPy's runtime"):
        _entry.device_count(fake_cupy(0))
    err = RuntimeError("cudaErrorInsufficientDriver: CUDA driver version is insufficient")
    with pytest.raises(BackendUnavailableError, match="no CUDA device: CuPy 14.2.0 cannot "
                       "reach a CUDA device .RuntimeError: cudaErrorInsufficientDriver"):
        _entry.device_count(fake_cupy(err))


def test_load_without_device_raises_unavailable() -> None:
    """The real ``load()`` with the installed CuPy and no device."""
    pytest.importorskip("cupy")
    from tensorplug import BackendUnavailableError

    if _entry.probe()[0]:
        pytest.skip("this machine has a CUDA device; gpu_check.sh covers load()")
    with pytest.raises(BackendUnavailableError, match="no CUDA device"):
        _entry.load()
