"""Primitives: activations. (``relu``, ``sigmoid`` and ``softmax`` come from
tensorplug.generic.)"""

from __future__ import annotations

from typing import Any

import numpy as np
from tensorplug import hookimpl


@hookimpl
def tanh(x: Any) -> Any:
    return np.tanh(x)


@hookimpl
def softplus(x: Any) -> Any:
    return np.logaddexp(0, x)  # log(exp(x) + 1) without overflow
