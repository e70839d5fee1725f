"""THE CONTRACT: one pluggy hookspec per backend op, grouped by theme, and the table
of kinds that says which ops every backend must implement.

- **primitive**: every backend implements it; a backend missing one is refused at
  load time, with all missing primitives listed at once.
- **composite**: ``tensorplug.generic`` implements it from primitives; a backend may
  override it with a faster one.
- **optional**: may be missing; calling it raises ``OpNotImplementedError`` naming the
  op and the backend.
"""

from __future__ import annotations

import functools
from enum import Enum
from types import ModuleType
from typing import Any

from . import (
    activations,
    arithmetic,
    compile,
    control,
    conv,
    ctc,
    elementwise,
    image,
    info,
    linalg,
    nn,
    random,
    reductions,
    shapes,
    slicing,
    tensors,
    variables,
)
from ._markers import PROJECT, hookimpl, hookspec

__all__ = [
    "CONTRACT_VERSION", "KINDS", "Kind", "PROJECT", "SPEC_MODULES", "hookimpl", "hookspec",
    "names_of_kind", "spec_function",
]

#: The contract version this core implements. A backend declares the range it
#: supports in its ``backend_info`` as ``(lowest, first_unsupported)``.
CONTRACT_VERSION = (1, 0)

SPEC_MODULES: tuple[ModuleType, ...] = (
    info, tensors, elementwise, arithmetic, reductions, linalg, shapes, activations,
    variables, random, slicing, image, nn, conv, ctc, control, compile,
)


class Kind(str, Enum):
    PRIMITIVE = "primitive"
    COMPOSITE = "composite"
    OPTIONAL = "optional"


_P, _C, _O = Kind.PRIMITIVE, Kind.COMPOSITE, Kind.OPTIONAL

#: Every hookspec's kind. A test checks this table and the spec modules agree.
KINDS: dict[str, Kind] = {
    # info
    "backend_info": _P, "clear_session": _O,
    # tensors
    "convert_to_tensor": _P, "to_numpy": _P, "is_tensor": _P, "variable": _P,
    "constant": _C, "int_shape": _P, "shape": _C, "ndim": _C, "dtype": _P, "eval": _C,
    "get_value": _C, "set_value": _P, "zeros": _P, "ones": _P, "eye": _P,
    "zeros_like": _C, "ones_like": _C, "cast": _P, "from_dlpack": _O,
    # elementwise
    "abs": _P, "negative": _P, "square": _C, "sqrt": _P, "exp": _P, "log": _P,
    "sign": _P, "round": _P, "sin": _P, "cos": _P, "pow": _P, "clip": _C,
    # arithmetic
    "add": _P, "subtract": _P, "multiply": _P, "divide": _P, "maximum": _P,
    "minimum": _P, "equal": _P, "not_equal": _P, "greater": _P, "greater_equal": _P,
    "less": _P, "less_equal": _P, "where": _P,
    # reductions
    "sum": _P, "prod": _P, "mean": _C, "max": _P, "min": _P, "var": _C, "std": _C,
    "any": _P, "all": _P, "logsumexp": _C, "argmax": _P, "argmin": _P, "cumsum": _P,
    "cumprod": _P,
    # linalg
    "dot": _P, "batch_dot": _C, "transpose": _C,
    # shapes
    "reshape": _P, "concatenate": _P, "stack": _C, "expand_dims": _C, "squeeze": _C,
    "flatten": _C, "batch_flatten": _C, "permute_dimensions": _P, "tile": _P,
    "repeat_elements": _C, "gather": _P, "one_hot": _C,
    # activations
    "relu": _C, "sigmoid": _C, "tanh": _P, "softmax": _C, "softplus": _P,
    # variables
    "is_variable": _C, "identity": _C, "count_params": _C, "update": _C, "update_add": _C,
    "update_sub": _C, "moving_average_update": _C, "print_tensor": _C, "is_sparse": _C,
    "to_dense": _C, "size": _C,
    # random
    "random_normal": _C, "random_uniform": _C, "random_binomial": _C,
    "truncated_normal": _C, "random_normal_variable": _C, "random_uniform_variable": _C,
    # slicing
    "slice": _C, "reverse": _C, "arange": _C, "repeat": _C,
    # image
    "temporal_padding": _C, "spatial_2d_padding": _C, "spatial_3d_padding": _C,
    "resize_images": _C, "resize_volumes": _C,
    # nn
    "elu": _C, "softsign": _C, "hard_sigmoid": _C, "l2_normalize": _C, "in_top_k": _C,
    "dropout": _C, "bias_add": _C, "categorical_crossentropy": _C,
    "sparse_categorical_crossentropy": _C, "binary_crossentropy": _C,
    "batch_normalization": _C, "normalize_batch_in_training": _C,
    # conv
    "conv1d": _C, "conv2d": _C, "conv3d": _C, "separable_conv1d": _C,
    "separable_conv2d": _C, "depthwise_conv2d": _C, "conv2d_transpose": _C,
    "conv3d_transpose": _C, "local_conv1d": _C, "local_conv2d": _C, "pool2d": _C,
    "pool3d": _C,
    # ctc
    "ctc_label_dense_to_sparse": _C, "ctc_batch_cost": _C, "ctc_decode": _C,
    # control
    "rnn": _C, "switch": _C, "map_fn": _C, "foldl": _C, "foldr": _C,
    # compile
    "compile_graph": _O,
}

#: Ops the facade never dispatches through the op table (called via pluggy).
SESSION_HOOKS = frozenset({"backend_info", "clear_session", "from_dlpack", "compile_graph"})


def names_of_kind(kind: Kind) -> list[str]:
    """Op names of one kind, in table order."""
    return [name for name, k in KINDS.items() if k is kind]


def spec_function(name: str):  # type: ignore[no-untyped-def]
    """The hookspec function called ``name``."""
    for module in SPEC_MODULES:
        fn = getattr(module, name, None)
        if callable(fn) and getattr(fn, f"{PROJECT}_spec", None) is not None:
            return fn
    raise KeyError(name)


@functools.cache
def spec_params(name: str) -> tuple[str, ...]:
    """The hookspec's parameter names, in order."""
    return parameter_names(spec_function(name))


def parameter_names(fn: Any) -> tuple[str, ...]:
    """Positional parameter names of a function (``self`` dropped for bound methods)."""
    code = getattr(getattr(fn, "__func__", fn), "__code__", None)
    if code is None or getattr(fn, "__signature__", None) is not None:
        import inspect

        names = tuple(inspect.signature(fn).parameters)
    else:
        names = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
    if getattr(fn, "__self__", None) is not None and names and names[0] == "self":
        names = names[1:]
    return names


#: Parameter names that carry tensors (a list of tensors for ``tensors`` and for
#: ``stack``'s ``x``). Tracing, promotion and gradients read tensor positions from here.
TENSOR_PARAMS = frozenset({
    "x", "y", "a", "condition", "min_value", "max_value", "reference", "indices", "tensors",
    "value", "new_x", "increment", "decrement", "tensor", "kernel", "depthwise_kernel",
    "pointwise_kernel", "inputs", "bias", "target", "output", "predictions", "targets",
    "mean", "var", "beta", "gamma", "y_true", "y_pred", "input_length", "label_length",
    "labels", "label_lengths", "elems", "initializer", "then_expression", "else_expression",
    "initial_states", "mask", "constants",
})
LIST_PARAMS = {("stack", "x"), ("concatenate", "tensors"), ("rnn", "initial_states"),
               ("rnn", "constants")}


@functools.cache
def tensor_positions(name: str) -> tuple[int, ...]:
    """Positions of ``name``'s tensor parameters."""
    return tuple(i for i, p in enumerate(spec_params(name)) if p in TENSOR_PARAMS)
