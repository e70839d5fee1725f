"""Primitives: creating, converting and inspecting tensors (numpy arrays here)."""

from __future__ import annotations

from typing import Any

import numpy as np
from tensorplug import hookimpl


@hookimpl
def convert_to_tensor(x: Any, dtype: Any) -> Any:
    return np.asarray(x, dtype=dtype)


@hookimpl
def to_numpy(x: Any) -> Any:
    return np.asarray(x)


@hookimpl
def is_tensor(x: Any) -> Any:
    return isinstance(x, (np.ndarray, np.generic))


@hookimpl
def variable(value: Any, dtype: Any, name: Any, constraint: Any) -> Any:
    return np.array(value, dtype=dtype)  # a copy: set_value updates it in place


@hookimpl
def int_shape(x: Any) -> Any:
    return np.shape(x)


@hookimpl
def dtype(x: Any) -> Any:
    return np.asarray(x).dtype.name


@hookimpl
def set_value(x: Any, value: Any) -> Any:
    x[...] = value
    return x


@hookimpl
def zeros(shape: Any, dtype: Any, name: Any) -> Any:
    return np.zeros(shape, dtype=dtype)


@hookimpl
def ones(shape: Any, dtype: Any, name: Any) -> Any:
    return np.ones(shape, dtype=dtype)


@hookimpl
def eye(size: Any, dtype: Any, name: Any) -> Any:
    return np.eye(size[0], size[1], dtype=dtype)


@hookimpl
def cast(x: Any, dtype: Any) -> Any:
    return np.asarray(x).astype(dtype)
