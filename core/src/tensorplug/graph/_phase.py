"""The learning phase: a symbol fed by K.function (default 0, test), or a Python int
after ``set_learning_phase``. Process-wide and independent of the backend."""

from __future__ import annotations

from typing import Any

from .._errors import InvalidArgumentError
from ._symbol import Symbol, TensorSpec

_value: int | None = None
_symbol = Symbol("learning_phase", (), TensorSpec((), "int32"), name="keras_learning_phase")


def learning_phase() -> Any:
    """The train/test flag: a symbol (fed as a K.function input, default 0) or, after
    :func:`set_learning_phase`, the Python int 0 (test) or 1 (train)."""
    return _symbol if _value is None else _value


def set_learning_phase(value: int) -> None:
    """Fix the learning phase to 0 (test) or 1 (train) for graphs built afterwards."""
    global _value
    if value not in (0, 1) or isinstance(value, float):
        raise InvalidArgumentError(f"Expected learning phase to be 0 or 1. "
                                   f"Received: value={value!r}.")
    _value = int(value)


def reset_learning_phase() -> None:
    """Back to the symbolic learning phase (used by clear_session)."""
    global _value
    _value = None


def _resolve(value: Any) -> Any:
    return value() if callable(value) else value


def in_train_phase(x: Any, alt: Any, training: Any = None) -> Any:
    """``x`` in the training phase, ``alt`` otherwise (callables are called).

    With a symbolic phase the choice is a graph node made at evaluation time.
    """
    from .. import backend as K

    if training is None:
        training = learning_phase()
    if isinstance(training, Symbol):
        x, alt = _resolve(x), _resolve(alt)
        return K.where(K.cast(training, "bool"), x, alt)
    if training in (1, True):
        return _resolve(x)
    if training in (0, False):
        return _resolve(alt)
    return K.where(K.cast(training, "bool"), _resolve(x), _resolve(alt))


def in_test_phase(x: Any, alt: Any, training: Any = None) -> Any:
    """``x`` in the test phase, ``alt`` otherwise."""
    return in_train_phase(alt, x, training=training)
