"""Independent plain-NumPy references for the variables, random, slicing and dropout
families (Keras 2.3 semantics), and the theoretical moments random samples are checked
against. Imports numpy and the standard library only: never ``tensorplug_numpy`` nor
``tensorplug.generic``.
"""

from __future__ import annotations

import builtins
import math
from typing import Any

import numpy as np

# --- slicing ---------------------------------------------------------------------------


def slice_ref(x: Any, start: Any, size: Any) -> np.ndarray:
    """``tf.slice``: ``x[start[i] : start[i] + size[i]]`` per axis; size -1 = the rest."""
    x = np.asarray(x, dtype=np.float64)
    index = tuple(builtins.slice(b, x.shape[i] if n == -1 else b + n)
                  for i, (b, n) in enumerate(zip(start, size)))
    return x[index].copy()


def reverse_ref(x: Any, axes: Any) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    for axis in ((axes,) if isinstance(axes, int) else tuple(axes)):
        x = np.flip(x, axis)
    return x.copy()


def arange_ref(start: Any, stop: Any = None, step: Any = 1, dtype: Any = "int32") -> np.ndarray:
    """Keras: ``arange(n)`` is ``[0, n)``; values ``start + i * step``, ``ceil`` count."""
    if stop is None:
        start, stop = 0, start
    count = max(0, math.ceil((stop - start) / step))
    return np.array([start + i * step for i in builtins.range(count)], dtype=np.float64)


def repeat_ref(x: Any, n: int) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    out = np.empty((x.shape[0], n, x.shape[1]))
    for i in builtins.range(n):
        out[:, i, :] = x
    return out


# --- variables -------------------------------------------------------------------------


def identity_ref(x: Any, name: Any = None) -> np.ndarray:
    return np.array(x, dtype=np.float64)


def size_ref(x: Any, name: Any = None) -> np.ndarray:
    return np.array(math.prod(np.shape(x)), dtype=np.float64)


def count_params_ref(x: Any) -> int:
    return int(math.prod(np.shape(x)))


def moving_average_ref(x: Any, value: Any, momentum: float) -> np.ndarray:
    return (np.asarray(x, dtype=np.float64) * momentum
            + np.asarray(value, dtype=np.float64) * (1.0 - momentum))


# --- random: theoretical moments -------------------------------------------------------

def _phi(z: float) -> float:
    return math.exp(-z * z / 2) / math.sqrt(2 * math.pi)


def normal_moments(mean: float, stddev: float) -> tuple[float, float, float]:
    """(mean, variance, fourth central moment) of N(mean, stddev**2)."""
    return mean, stddev ** 2, 3 * stddev ** 4


def truncated_normal_moments(mean: float, stddev: float,
                             at: float = 2.0) -> tuple[float, float, float]:
    """Moments of N(mean, stddev**2) restricted to ``mean +/- at * stddev``."""
    mass = math.erf(at / math.sqrt(2))
    m2 = 1 - 2 * at * _phi(at) / mass
    m4 = 3 * m2 - 2 * at ** 3 * _phi(at) / mass
    return mean, stddev ** 2 * m2, stddev ** 4 * m4


def uniform_moments(low: float, high: float) -> tuple[float, float, float]:
    width = high - low
    return (low + high) / 2, width ** 2 / 12, width ** 4 / 80


def bernoulli_moments(p: float) -> tuple[float, float, float]:
    q = 1 - p
    return p, p * q, p * q * (1 - 3 * p * q)


def moment_errors(samples: Any, moments: tuple[float, float, float]) -> tuple[float, float]:
    """How many standard errors the sample mean and (population) variance lie from the
    theoretical ones: ``SE(mean) = sqrt(var / n)``, ``SE(var) = sqrt((mu4 - var**2) / n)``.
    A zero standard error (a constant distribution) demands exact equality."""
    x = np.asarray(samples, dtype=np.float64).ravel()
    n = x.size
    mean, var, mu4 = moments
    se_mean = math.sqrt(var / n)
    se_var = math.sqrt(max(mu4 - var * var, 0.0) / n)
    got_mean = float(x.mean())
    got_var = float(np.mean((x - got_mean) ** 2))

    def z(got: float, want: float, se: float) -> float:
        if se == 0:
            return 0.0 if abs(got - want) <= 1e-12 * max(1.0, abs(want)) else math.inf
        return abs(got - want) / se

    return z(got_mean, mean, se_mean), z(got_var, var, se_var)

