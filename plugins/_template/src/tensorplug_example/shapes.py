"""Primitives: reshaping, joining, repeating and indexing.

(``stack``, ``expand_dims``, ``squeeze``, ``flatten``, ``batch_flatten``,
``repeat_elements`` and ``one_hot`` come from tensorplug.generic.)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from tensorplug import hookimpl


@hookimpl
def reshape(x: Any, shape: Any) -> Any:
    return np.reshape(x, shape)


@hookimpl
def concatenate(tensors: Any, axis: Any) -> Any:
    return np.concatenate(tensors, axis=axis)


@hookimpl
def permute_dimensions(x: Any, pattern: Any) -> Any:
    return np.transpose(x, pattern)


@hookimpl
def tile(x: Any, n: Any) -> Any:
    return np.tile(x, n)


@hookimpl
def gather(reference: Any, indices: Any) -> Any:
    return np.take(reference, np.asarray(indices), axis=0)
