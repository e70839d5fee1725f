"""Placeholders and stop_gradient."""

from __future__ import annotations

from typing import Any

from .._errors import InvalidArgumentError
from ..backend._args import floatx_or
from ._symbol import Symbol, TensorSpec


def placeholder(shape: Any = None, ndim: Any = None, dtype: Any = None, sparse: bool = False,
                name: Any = None) -> Symbol:
    """A symbolic input. ``shape`` may hold None dims; ``ndim`` alone gives an all-None
    shape of that rank; ``shape`` wins when both are given."""
    if sparse:
        raise InvalidArgumentError("K.placeholder: sparse placeholders are not supported. "
                                   "Received: sparse=True.")
    if shape is None:
        if ndim is None:
            raise InvalidArgumentError("K.placeholder: specify either a shape or ndim value. "
                                       "Received: shape=None, ndim=None.")
        shape = (None,) * int(ndim)
    try:
        shape = tuple(None if d is None else int(d) for d in shape)
    except TypeError:
        raise InvalidArgumentError(f"K.placeholder: shape must be a tuple of ints or None. "
                                   f"Received: shape={shape!r}.") from None
    return Symbol("placeholder", (), TensorSpec(shape, floatx_or(dtype)), name=name)


def is_placeholder(x: Any) -> bool:
    """True when ``x`` was made by :func:`placeholder`."""
    return isinstance(x, Symbol) and x.op == "placeholder"


def is_keras_tensor(x: Any) -> bool:
    """True for a symbol produced by a Keras layer or Input (``_keras_history``).

    :raises ValueError: when ``x`` is not a tensor at all (Keras 2 behaviour).
    """
    from .. import backend as K

    if not isinstance(x, Symbol) and not K.is_tensor(x):
        raise InvalidArgumentError(f"Unexpectedly found an instance of type "
                                   f"`{type(x).__name__}`. Expected a symbolic tensor "
                                   f"instance.")
    return hasattr(x, "_keras_history")


def stop_gradient(variables: Any) -> Any:
    """Identity whose gradient is zero; a list gives a list."""
    if isinstance(variables, (list, tuple)):
        return [stop_gradient(v) for v in variables]
    if isinstance(variables, Symbol):
        return Symbol("stop_gradient", (variables,), variables.spec)
    return variables


