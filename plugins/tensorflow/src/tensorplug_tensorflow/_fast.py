"""Eager ops through TensorFlow's C entry point, for the hot fast paths.

A generated op function (``gen_math_ops.add_v2`` and the like, what ``tf.raw_ops``
calls) reads the eager context, asks whether this thread runs eagerly, calls
``pywrap_tfe.TFE_Py_FastPathExecute(ctx, "AddV2", name, x, y, *attrs)``, and turns a
failure into a ``tf.errors`` exception or its slow fallback. On an (8, 8) tensor its
Python costs about 300 ns of a 5 us call. The fast paths of the hot ops (element-wise
arithmetic and functions, sum/prod, dot, clip, reshape, cast) do the first three steps
themselves, with the attributes' default values written out in :data:`OP_TYPES`::

    try:
        ctx = context_module._context
        if ctx._thread_local_data.is_eager:
            return execute(ctx, "AddV2", None, x, y)
    except ERRORS:
        pass
    return gen_math_ops.add_v2(x, y)   # graph mode, errors, fallbacks: TensorFlow's own

Everything off that path -- graph mode inside ``tf.function``, an error status,
TensorFlow's fallback (op callbacks, unusual inputs), a context that was reset -- goes
to the generated op, so errors, tracing and gradients are TensorFlow's own. Gradient
tapes record ops run through this entry point (it is the one the generated ops use).
``test_fast.py`` checks :data:`OP_TYPES` against the installed TensorFlow's generated
functions.
"""

from __future__ import annotations

import types
from typing import Any, Callable

from tensorflow.python.ops import gen_array_ops as ga
from tensorflow.python.ops import gen_math_ops as gm
from tensorflow.python.ops import gen_nn_ops as gn

from ._convert import FAST_ERRORS

try:  # TensorFlow internals: without them, every fast path takes the generated op
    from tensorflow.python import pywrap_tfe
    from tensorflow.python.eager import context as context_module
    from tensorflow.python.eager import core

    #: ``TFE_Py_FastPathExecute(ctx, op_type, name, *inputs, *attr_name_value_pairs)``.
    execute: Callable[..., Any] = pywrap_tfe.TFE_Py_FastPathExecute
    _STATUS: tuple[type[BaseException], ...] = (core._NotOkStatusException,
                                                core._FallbackException)
except (ImportError, AttributeError):  # pragma: no cover - TensorFlow 2.16-2.21 have them
    context_module = types.SimpleNamespace(_context=None)  # type: ignore[assignment]
    execute = None  # type: ignore[assignment]
    _STATUS = ()

#: What the fast path catches before handing the call to the generated op: an error
#: status, TensorFlow's fallback request, conversion errors, a reset (``None``) context.
ERRORS = (*FAST_ERRORS, *_STATUS, AttributeError)

__all__ = ["ERRORS", "OP_TYPES", "context_module", "execute"]

#: Generated op function -> (op type, its attributes' default values as name, value
#: pairs), exactly as the function passes them to ``TFE_Py_FastPathExecute``. The fast
#: paths read their op types here, so this checked table is the only place they are
#: written.
OP_TYPES: dict[Callable[..., Any], tuple[str, tuple[Any, ...]]] = {
    gm.add_v2: ("AddV2", ()),
    gm.sub: ("Sub", ()),
    gm.mul: ("Mul", ()),
    gm.maximum: ("Maximum", ()),
    gm.minimum: ("Minimum", ()),
    gm.equal: ("Equal", ("incompatible_shape_error", True)),
    gm.not_equal: ("NotEqual", ("incompatible_shape_error", True)),
    gm.greater: ("Greater", ()),
    gm.greater_equal: ("GreaterEqual", ()),
    gm.less: ("Less", ()),
    gm.less_equal: ("LessEqual", ()),
    gm.real_div: ("RealDiv", ()),
    gm.exp: ("Exp", ()),
    gm.log: ("Log", ()),
    gm.sin: ("Sin", ()),
    gm.cos: ("Cos", ()),
    gm._abs: ("Abs", ()),
    gm.neg: ("Neg", ()),
    gm.sign: ("Sign", ()),
    gm.square: ("Square", ()),
    gm.sigmoid: ("Sigmoid", ()),
    gm.tanh: ("Tanh", ()),
    gn.softplus: ("Softplus", ()),
    gm._clip_by_value: ("ClipByValue", ()),
    gm._sum: ("Sum", ()),  # keep_dims is the call's
    gm.prod: ("Prod", ()),
    gm.mat_mul: ("MatMul", ("transpose_a", False, "transpose_b", False,
                            "grad_a", False, "grad_b", False)),
    gm.cast: ("Cast", ("Truncate", False)),  # DstT is the call's
    ga.reshape: ("Reshape", ()),
}
