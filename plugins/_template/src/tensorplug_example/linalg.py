"""Primitives: products. (``batch_dot`` and ``transpose`` come from tensorplug.generic.)"""

from __future__ import annotations

from typing import Any

import numpy as np
from tensorplug import hookimpl


@hookimpl
def dot(x: Any, y: Any) -> Any:
    return np.dot(x, y)  # Theano-style N-D dot: (2, 3) . (4, 3, 5) -> (2, 4, 5)
