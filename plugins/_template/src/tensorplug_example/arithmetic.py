"""Primitives: element-wise functions of two tensors, with broadcasting.

numpy >= 2 already follows the result rules (NEP 50), so each hook can name numpy's
own ufunc as its fast binding: ``@native(np.add)`` makes ``K.add`` call ``np.add``
directly, while the registry checks this wrapper's signature against the spec.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from tensorplug import hookimpl, native


@hookimpl
@native(np.add)
def add(x: Any, y: Any) -> Any:
    return np.add(x, y)


@hookimpl
@native(np.subtract)
def subtract(x: Any, y: Any) -> Any:
    return np.subtract(x, y)


@hookimpl
@native(np.multiply)
def multiply(x: Any, y: Any) -> Any:
    return np.multiply(x, y)


@hookimpl
def divide(x: Any, y: Any) -> Any:
    return np.true_divide(x, y)


@hookimpl
def maximum(x: Any, y: Any) -> Any:
    return np.maximum(x, y)


@hookimpl
def minimum(x: Any, y: Any) -> Any:
    return np.minimum(x, y)


@hookimpl
def equal(x: Any, y: Any) -> Any:
    return np.equal(x, y)


@hookimpl
def not_equal(x: Any, y: Any) -> Any:
    return np.not_equal(x, y)


@hookimpl
def greater(x: Any, y: Any) -> Any:
    return np.greater(x, y)


@hookimpl
def greater_equal(x: Any, y: Any) -> Any:
    return np.greater_equal(x, y)


@hookimpl
def less(x: Any, y: Any) -> Any:
    return np.less(x, y)


@hookimpl
def less_equal(x: Any, y: Any) -> Any:
    return np.less_equal(x, y)


@hookimpl
def where(condition: Any, x: Any, y: Any) -> Any:
    return np.where(condition, x, y)
