"""Facade-only graph functions: placeholders, K.function, gradients, learning phase."""

from __future__ import annotations

from ..graph import (
    function,
    gradients,
    in_test_phase,
    in_train_phase,
    is_keras_tensor,
    is_placeholder,
    learning_phase,
    placeholder,
    set_learning_phase,
    stop_gradient,
    symbolic,
    value_and_grad,
)

__all__ = [
    "function", "gradients", "in_test_phase", "in_train_phase", "is_keras_tensor",
    "is_placeholder", "learning_phase", "placeholder", "set_learning_phase", "stop_gradient",
    "symbolic", "value_and_grad",
]
