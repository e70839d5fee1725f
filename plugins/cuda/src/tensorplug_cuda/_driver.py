"""Counting CUDA devices through the driver library with ctypes (never imports CuPy).

``probe()`` must stay light: loading ``libcuda.so.1`` and asking it for the device
count takes milliseconds and needs neither CuPy nor the CUDA toolkit.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from typing import Any

#: The driver library's name on this platform.
LIBRARY = "nvcuda.dll" if sys.platform == "win32" else "libcuda.so.1"

#: Every "unavailable" reason starts with this, so it reads the same in ``info``,
#: ``doctor``, the selection error and the conformance suite's skip reason.
NO_DEVICE = "no CUDA device"

_CUDA_SUCCESS = 0
_CUDA_ERRORS = {
    3: "CUDA_ERROR_NOT_INITIALIZED",
    34: "CUDA_ERROR_STUB_LIBRARY",
    46: "CUDA_ERROR_DEVICES_UNAVAILABLE",
    100: "CUDA_ERROR_NO_DEVICE",
    999: "CUDA_ERROR_UNKNOWN",
}

Loader = Callable[[str], Any]


def _error(code: int) -> str:
    return f"error {code} ({_CUDA_ERRORS.get(code, 'see cuda.h')})"


def _visible() -> str:
    value = os.environ.get("CUDA_VISIBLE_DEVICES")
    return "" if value is None else f"; CUDA_VISIBLE_DEVICES={value!r}"


def device_count(loader: Loader | None = None) -> tuple[int, str | None]:
    """``(count, None)`` when the driver sees devices, else ``(0, reason)``.

    :param loader: opens a shared library by name; ``None`` means ``ctypes.CDLL``
        (looked up at call time, so tests can replace it).
    """
    try:
        lib = (loader or ctypes.CDLL)(LIBRARY)
    except OSError:
        return 0, f"{NO_DEVICE}: no CUDA driver ({LIBRARY} not found)"
    try:
        code = int(lib.cuInit(0))
        if code != _CUDA_SUCCESS:
            return 0, (f"{NO_DEVICE}: the CUDA driver's cuInit failed with "
                       f"{_error(code)}{_visible()}")
        count = ctypes.c_int(0)
        code = int(lib.cuDeviceGetCount(ctypes.byref(count)))
    except (AttributeError, OSError) as exc:  # not a usable driver library
        return 0, f"{NO_DEVICE}: {LIBRARY} is not a usable CUDA driver ({exc})"
    if code != _CUDA_SUCCESS:
        return 0, f"{NO_DEVICE}: cuDeviceGetCount failed with {_error(code)}"
    if count.value < 1:
        return 0, f"{NO_DEVICE}: the CUDA driver reports 0 devices{_visible()}"
    return count.value, None
