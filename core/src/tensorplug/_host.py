"""Host arrays: numpy arrays and scalars, accepted by every backend."""

from __future__ import annotations

import sys
from typing import Any


def is_host_array(x: Any) -> bool:
    """True for a numpy array or numpy scalar (never imports numpy itself)."""
    np = sys.modules.get("numpy")
    return np is not None and isinstance(x, (np.ndarray, np.generic))
