"""Keep freed heap memory for reuse on glibc (performance only).

glibc returns free memory at the top of the heap to the OS as soon as 128 KiB are free,
so numpy's per-op temporaries fault their pages in again on every training step. When
the numpy backend loads, it asks glibc to keep 64 MiB (``mallopt(M_TOP_PAD)``), which
roughly doubles small-model training throughput here. Nothing happens on other
platforms, when the user set ``MALLOC_TOP_PAD_`` themselves, or with
``TENSORPLUG_NUMPY_MALLOC_TOP_PAD=0``.
"""

from __future__ import annotations

import ctypes
import os
import sys

ENV = "TENSORPLUG_NUMPY_MALLOC_TOP_PAD"
DEFAULT_PAD = 64 << 20
M_TOP_PAD = -2


def keep_heap_top() -> bool:
    """Apply the setting; True when glibc accepted it."""
    if not sys.platform.startswith("linux") or "MALLOC_TOP_PAD_" in os.environ:
        return False
    try:
        pad = int(os.environ.get(ENV, DEFAULT_PAD))
    except ValueError:
        return False
    if pad <= 0:
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(M_TOP_PAD, pad))
    except (OSError, AttributeError):  # not glibc
        return False
