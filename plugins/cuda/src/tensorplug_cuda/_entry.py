"""Entry point of the CUDA backend: ``probe()`` never imports CuPy; ``load()`` does."""

from __future__ import annotations

import importlib.util
from types import ModuleType
from typing import Any

from tensorplug import BackendUnavailableError

from . import _driver

NO_CUPY = ("CuPy is not installed (pip install tensorplug-cuda[cuda12], "
           "or tensorplug-cuda[cuda13] for CUDA 13)")


def probe() -> tuple[bool, str]:
    """Available when CuPy is importable and the CUDA driver counts at least one device."""
    if importlib.util.find_spec("cupy") is None:
        return False, NO_CUPY
    count, problem = _driver.device_count()
    if problem is not None:
        return False, problem
    return True, f"CuPy found; the CUDA driver reports {count} device(s)"


def device_count(cupy: ModuleType) -> int:
    """The device count as CuPy's runtime sees it; raises when it sees none."""
    try:
        count = int(cupy.cuda.runtime.getDeviceCount())
    except Exception as exc:  # CUDARuntimeError: driver too old, no device, ...
        raise BackendUnavailableError(
            f"{_driver.NO_DEVICE}: CuPy {cupy.__version__} cannot reach a CUDA device "
            f"({type(exc).__name__}: {exc}).\nFix: install an NVIDIA driver that supports "
            f"CuPy's CUDA version, or choose another backend.") from exc
    if count < 1:
        raise BackendUnavailableError(f"{_driver.NO_DEVICE}: CuPy's runtime reports 0 devices.")
    return count


def load() -> list[Any]:
    import cupy

    from . import build

    return build(cupy, device_count=device_count(cupy))
