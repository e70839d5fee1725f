"""Primitives: reductions and scans.

(``mean``, ``var``, ``std`` and ``logsumexp`` are composites from tensorplug.generic.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from tensorplug import hookimpl


@hookimpl
def sum(x: Any, axis: Any, keepdims: Any) -> Any:
    return np.sum(x, axis=axis, keepdims=keepdims)


@hookimpl
def prod(x: Any, axis: Any, keepdims: Any) -> Any:
    return np.prod(x, axis=axis, keepdims=keepdims)


@hookimpl
def max(x: Any, axis: Any, keepdims: Any) -> Any:
    return np.max(x, axis=axis, keepdims=keepdims)


@hookimpl
def min(x: Any, axis: Any, keepdims: Any) -> Any:
    return np.min(x, axis=axis, keepdims=keepdims)


@hookimpl
def any(x: Any, axis: Any, keepdims: Any) -> Any:
    return np.any(x, axis=axis, keepdims=keepdims)


@hookimpl
def all(x: Any, axis: Any, keepdims: Any) -> Any:
    return np.all(x, axis=axis, keepdims=keepdims)


@hookimpl
def argmax(x: Any, axis: Any) -> Any:
    return np.argmax(x, axis=axis)  # first occurrence on ties


@hookimpl
def argmin(x: Any, axis: Any) -> Any:
    return np.argmin(x, axis=axis)


@hookimpl
def cumsum(x: Any, axis: Any) -> Any:
    return np.cumsum(x, axis=axis)


@hookimpl
def cumprod(x: Any, axis: Any) -> Any:
    return np.cumprod(x, axis=axis)
