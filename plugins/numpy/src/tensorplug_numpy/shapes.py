"""Reshaping, joining, repeating and indexing numpy tensors."""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

from tensorplug import backend as K

from ._impls import Impls


def build(xp: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_numpy.shapes")

    @ns.impl(fast=xp.ndarray.reshape)
    def reshape(x: Any, shape: Any) -> Any:
        return xp.asarray(x).reshape(shape)

    @ns.impl(fast=xp.concatenate)
    def concatenate(tensors: Any, axis: Any) -> Any:
        return xp.concatenate(tensors, axis)

    @ns.impl(fast=xp.stack)
    def stack(x: Any, axis: Any) -> Any:
        return xp.stack(x, axis)

    @ns.impl(fast=xp.expand_dims)
    def expand_dims(x: Any, axis: Any) -> Any:
        return xp.expand_dims(x, axis)

    @ns.impl(fast=xp.squeeze)
    def squeeze(x: Any, axis: Any) -> Any:
        return xp.squeeze(x, axis)

    @ns.impl(fast=xp.ravel)
    def flatten(x: Any) -> Any:
        return xp.ravel(x)

    @ns.impl()
    def batch_flatten(x: Any) -> Any:
        x = xp.asarray(x)
        return x.reshape(x.shape[0], math.prod(x.shape[1:]))

    @ns.impl(fast=xp.transpose)
    def permute_dimensions(x: Any, pattern: Any) -> Any:
        return xp.transpose(x, pattern)

    @ns.impl(fast=xp.tile)
    def tile(x: Any, n: Any) -> Any:
        return xp.tile(x, n)

    @ns.impl(fast=xp.repeat)
    def repeat_elements(x: Any, rep: Any, axis: Any) -> Any:
        return xp.repeat(x, rep, axis)

    @ns.impl()
    def gather(reference: Any, indices: Any) -> Any:
        return xp.take(reference, xp.asarray(indices), 0)

    @ns.impl()
    def one_hot(indices: Any, num_classes: Any) -> Any:
        hits = xp.asarray(indices)[..., None] == xp.arange(num_classes)
        return hits.astype(K.floatx())

    return ns
