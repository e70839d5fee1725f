"""Primitives: element-wise functions of one tensor, plus pow.

(``square`` and ``clip`` are composites: tensorplug.generic provides them.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from tensorplug import hookimpl


@hookimpl
def abs(x: Any) -> Any:
    return np.abs(x)


@hookimpl
def negative(x: Any) -> Any:
    return np.negative(x)


@hookimpl
def sqrt(x: Any) -> Any:
    x = np.asarray(x)
    return np.sqrt(np.maximum(x, np.zeros((), x.dtype)))  # Keras: sqrt(negative) is 0


@hookimpl
def exp(x: Any) -> Any:
    return np.exp(x)


@hookimpl
def log(x: Any) -> Any:
    return np.log(x)


@hookimpl
def sign(x: Any) -> Any:
    return np.sign(x)


@hookimpl
def round(x: Any) -> Any:
    return np.round(x)  # half to even


@hookimpl
def sin(x: Any) -> Any:
    return np.sin(x)


@hookimpl
def cos(x: Any) -> Any:
    return np.cos(x)


@hookimpl
def pow(x: Any, a: Any) -> Any:
    return np.power(x, a)
