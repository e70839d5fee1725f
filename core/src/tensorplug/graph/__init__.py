"""Tracing into graphs: symbols, placeholders, ``K.function``, ``K.gradients`` and
eager ``value_and_grad`` -- one mechanism for every backend."""

from __future__ import annotations

from ._eval import topo_order
from ._function import COMPILE_CACHE_SIZE, Function, function
from ._grad import gradients
from ._phase import (
    in_test_phase,
    in_train_phase,
    learning_phase,
    set_learning_phase,
)
from ._placeholder import is_keras_tensor, is_placeholder, placeholder, stop_gradient
from ._symbol import Symbol, TensorSpec, contains_symbol
from ._trace import is_variable, record, register_variable, symbolic, trace, tracing
from ._value_and_grad import value_and_grad

__all__ = [
    "COMPILE_CACHE_SIZE", "Function", "Symbol", "TensorSpec", "contains_symbol", "function",
    "gradients",
    "in_test_phase", "in_train_phase", "is_keras_tensor", "is_placeholder", "is_variable",
    "learning_phase", "placeholder", "record", "register_variable", "set_learning_phase",
    "stop_gradient", "symbolic", "topo_order", "trace", "tracing",
    "value_and_grad",
]
