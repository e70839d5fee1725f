"""Generic composites: random tensors from the host generator, and dropout.

Random values are drawn on the host with numpy's ``Generator(PCG64(seed))`` (the
process generator of ``tensorplug._rng`` when ``seed`` is None), in float64, cast to
the requested dtype on the host, and handed to the backend with ``convert_to_tensor``.
So one seed gives the same values on every backend that keeps these implementations.
numpy is imported inside the functions (the core imports without it).
"""

from __future__ import annotations

import math
from typing import Any

from .. import _rng
from .._dtypes import kind
from .._errors import IncompatibleShapesError, InvalidArgumentError
from ..hookspecs import hookimpl

#: Samples further than this many standard deviations from the mean are re-drawn.
TRUNCATE_AT = 2.0


def normal_samples(shape: tuple[int, ...], mean: float, stddev: float, seed: Any) -> Any:
    rng = _rng.generator(seed)
    return mean + stddev * rng.standard_normal(math.prod(shape)).reshape(shape)


def uniform_samples(shape: tuple[int, ...], low: float, high: float, dtype: str,
                    seed: Any) -> Any:
    """Uniform on ``[low, high)`` *in* ``dtype``: a float64 draw rounding up to
    ``high`` when cast is moved to the largest ``dtype`` value below it."""
    import numpy as np

    rng = _rng.generator(seed)
    out = rng.uniform(low, high, math.prod(shape)).reshape(shape).astype(dtype)
    top = np.nextafter(np.asarray(high, dtype), np.asarray(low, dtype))
    return np.minimum(out, top)


def truncated_samples(shape: tuple[int, ...], mean: float, stddev: float,
                      seed: Any) -> Any:
    import numpy as np

    rng = _rng.generator(seed)
    z = rng.standard_normal(math.prod(shape))
    bad = np.flatnonzero(np.abs(z) > TRUNCATE_AT)
    while bad.size:  # re-draw only the rejected entries, in order
        z[bad] = rng.standard_normal(bad.size)
        bad = bad[np.abs(z[bad]) > TRUNCATE_AT]
    return mean + stddev * z.reshape(shape)


def binomial_samples(shape: tuple[int, ...], p: float, seed: Any) -> Any:
    rng = _rng.generator(seed)
    return rng.random(math.prod(shape)).reshape(shape) < p


def noise_shape_for(noise_shape: Any, shape: tuple[int, ...]) -> tuple[int, ...]:
    """Resolve ``noise_shape`` against ``x``'s shape (right-aligned; None entries take
    ``x``'s dimension) and check that it broadcasts to it."""
    if noise_shape is None:
        return shape
    ns = tuple(noise_shape)
    lead = len(shape) - len(ns)
    resolved = tuple(shape[lead + i] if d is None and lead + i >= 0 else d
                     for i, d in enumerate(ns))
    if lead < 0 or any(d is None or (d != 1 and d != shape[lead + i])
                       for i, d in enumerate(resolved)):
        raise IncompatibleShapesError(
            f"K.dropout: noise_shape {ns} does not broadcast to x's shape {shape}.\n"
            f"Received: noise_shape={ns}, x.shape={shape}.\nFix: use x's rank, with each "
            f"dimension equal to x's or 1 (None takes x's).")
    return resolved  # type: ignore[return-value]


def _dims(shape: Any) -> tuple[int, ...]:
    """A shape as ints: a tuple, or (in a graph) what a symbolic shape evaluated to --
    a 1-D integer tensor or a tuple holding 0-d ones."""
    return tuple(int(d) for d in shape)


class RandomComposites:
    ops: Any

    def _host_tensor(self, values: Any, dtype: str) -> Any:
        import numpy as np

        return self.ops.convert_to_tensor(np.asarray(values).astype(dtype), dtype)

    @hookimpl(trylast=True)
    def random_normal(self, shape: Any, mean: Any, stddev: Any, dtype: Any,
                      seed: Any) -> Any:
        return self._host_tensor(normal_samples(_dims(shape), mean, stddev, seed), dtype)

    @hookimpl(trylast=True)
    def random_uniform(self, shape: Any, minval: Any, maxval: Any, dtype: Any,
                       seed: Any) -> Any:
        return self._host_tensor(uniform_samples(_dims(shape), minval, maxval, dtype, seed),
                                 dtype)

    @hookimpl(trylast=True)
    def random_binomial(self, shape: Any, p: Any, dtype: Any, seed: Any) -> Any:
        return self._host_tensor(binomial_samples(_dims(shape), p, seed), dtype)

    @hookimpl(trylast=True)
    def truncated_normal(self, shape: Any, mean: Any, stddev: Any, dtype: Any,
                         seed: Any) -> Any:
        return self._host_tensor(truncated_samples(_dims(shape), mean, stddev, seed), dtype)

    @hookimpl(trylast=True)
    def random_normal_variable(self, shape: Any, mean: Any, scale: Any, dtype: Any,
                               name: Any, seed: Any) -> Any:
        import numpy as np

        values = np.asarray(normal_samples(_dims(shape), mean, scale, seed)).astype(dtype)
        return self.ops.variable(values, dtype, name, None)

    @hookimpl(trylast=True)
    def random_uniform_variable(self, shape: Any, low: Any, high: Any, dtype: Any,
                                name: Any, seed: Any) -> Any:
        values = uniform_samples(_dims(shape), low, high, dtype, seed)
        return self.ops.variable(values, dtype, name, None)

    @hookimpl(trylast=True)
    def dropout(self, x: Any, level: Any, noise_shape: Any, seed: Any) -> Any:
        import numpy as np

        o = self.ops
        dtype = o.dtype(x)
        if kind(dtype) != "f":
            raise InvalidArgumentError(
                f"K.dropout: x must be a float tensor. Received: x of dtype {dtype}.\n"
                f"Fix: K.cast(x, K.floatx()) first.")
        shape = noise_shape_for(noise_shape, tuple(o.int_shape(x)))
        keep = np.asarray(_rng.generator(seed).random(math.prod(shape)).reshape(shape)
                          >= level)
        mask = (keep * (1.0 / (1.0 - level))).astype(dtype)
        return o.multiply(x, o.convert_to_tensor(mask, dtype))
