"""Random tensors. Without a seed it draws from tensorplug's process generator (seeded by
``tensorplug.utils.set_random_seed``); the generic implementation generates on the host with
numpy's PCG64, so one seed gives the same values on every backend that keeps it."""

from __future__ import annotations

from typing import Any

from ._markers import hookspec


@hookspec(firstresult=True)
def random_normal(shape: Any, mean: Any, stddev: Any, dtype: Any, seed: Any) -> Any:
    """Samples of a normal distribution.

    :param shape: a tuple of ints.
    :param mean: a Python float.
    :param stddev: a non-negative Python float.
    :param dtype: a float dtype name (the facade fills ``floatx()``).
    :param seed: an int, or None for the process generator.
    :returns: a tensor of ``shape``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def random_uniform(shape: Any, minval: Any, maxval: Any, dtype: Any, seed: Any) -> Any:
    """Samples of a uniform distribution on ``[minval, maxval)``.

    :param shape: a tuple of ints.
    :param minval: a Python float.
    :param maxval: a Python float greater than ``minval``.
    :param dtype: a float dtype name (the facade fills ``floatx()``).
    :param seed: an int, or None for the process generator.
    :returns: a tensor of ``shape``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def random_binomial(shape: Any, p: Any, dtype: Any, seed: Any) -> Any:
    """Bernoulli samples: 1 with probability ``p``, else 0.

    :param shape: a tuple of ints.
    :param p: a Python float in [0, 1].
    :param dtype: a float dtype name (the facade fills ``floatx()``).
    :param seed: an int, or None for the process generator.
    :returns: a tensor of ``shape`` holding 0 and 1.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def truncated_normal(shape: Any, mean: Any, stddev: Any, dtype: Any, seed: Any) -> Any:
    """Normal samples, re-drawn where more than two standard deviations from the mean.

    :param shape: a tuple of ints.
    :param mean: a Python float.
    :param stddev: a non-negative Python float.
    :param dtype: a float dtype name (the facade fills ``floatx()``).
    :param seed: an int, or None for the process generator.
    :returns: a tensor of ``shape``.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def random_normal_variable(
    shape: Any, mean: Any, scale: Any, dtype: Any, name: Any, seed: Any
) -> Any:
    """A variable initialised with normal samples.

    :param shape: a tuple of ints.
    :param mean: a Python float.
    :param scale: the standard deviation.
    :param dtype: a float dtype name (the facade fills ``floatx()``).
    :param name: optional name; may be ignored.
    :param seed: an int, or None for the process generator.
    :returns: a variable.

    .. versionadded:: 0.1
    """

@hookspec(firstresult=True)
def random_uniform_variable(
    shape: Any, low: Any, high: Any, dtype: Any, name: Any, seed: Any
) -> Any:
    """A variable initialised with uniform samples on ``[low, high)``.

    :param shape: a tuple of ints.
    :param low: a Python float.
    :param high: a Python float.
    :param dtype: a float dtype name (the facade fills ``floatx()``).
    :param name: optional name; may be ignored.
    :param seed: an int, or None for the process generator.
    :returns: a variable.

    .. versionadded:: 0.1
    """
