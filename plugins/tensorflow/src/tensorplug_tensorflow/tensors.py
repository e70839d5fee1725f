"""Creating, converting and inspecting TensorFlow tensors and variables."""

from __future__ import annotations

import math
from types import ModuleType
from typing import Any

import numpy as np
from tensorflow.python.ops import gen_math_ops

from . import _dlpack
from ._convert import ET, NATIVE, TF, dtype_of, to_tensor
from ._fast import ERRORS, OP_TYPES, context_module, execute
from ._impls import Impls
from ._variable import Variable


def build(tf: ModuleType, **options: Any) -> Impls:
    ns = Impls("tensorplug_tensorflow.tensors")
    gen_cast = gen_math_ops.cast
    cast_type, cast_attrs = OP_TYPES[gen_cast]

    @ns.impl()
    def convert_to_tensor(x: Any, dtype: Any) -> Any:
        return to_tensor(x, dtype)

    @ns.impl()
    def to_numpy(x: Any) -> Any:
        if type(x) is ET or isinstance(x, tf.Variable):
            return np.asarray(x.numpy())  # 0-d: numpy() gives a numpy scalar
        if isinstance(x, tf.Tensor):
            raise TypeError(f"K.to_numpy needs a concrete value; {x!r} is symbolic (inside "
                            f"tf.function). Fix: call it outside tf.function.")
        return np.asarray(x)

    @ns.impl()
    def is_tensor(x: Any) -> Any:
        return isinstance(x, NATIVE)

    @ns.impl()
    def variable(value: Any, dtype: Any, name: Any, constraint: Any) -> Any:
        return Variable(_copy(to_tensor(value, dtype)), name=name, constraint=constraint)

    @ns.impl()
    def constant(value: Any, dtype: Any, shape: Any, name: Any) -> Any:
        t = _copy(to_tensor(value, dtype))
        if shape is None or tuple(t.shape) == tuple(shape):
            return t
        if t.shape.rank and t.shape.num_elements() == math.prod(shape):
            return tf.reshape(t, shape)
        return tf.broadcast_to(t, shape)

    @ns.impl()
    def int_shape(x: Any) -> Any:
        if isinstance(x, NATIVE):
            return tuple(x.shape)
        return np.shape(x)

    @ns.impl(fast=tf.shape)
    def shape(x: Any) -> Any:
        return tf.shape(x)

    @ns.impl()
    def ndim(x: Any) -> Any:
        if isinstance(x, NATIVE):
            return x.shape.rank
        return np.ndim(x)

    @ns.impl()
    def dtype(x: Any) -> Any:
        return dtype_of(x)

    @ns.impl()
    def set_value(x: Any, value: Any) -> Any:
        x.assign(to_tensor(value, x.dtype.name), read_value=False)
        return x

    def _as_variable(value: Any, name: Any) -> Any:
        """A variable eagerly; inside tf.function, which creates variables only on its
        first trace, the tensor itself (as Keras 2 gave for a non-static shape)."""
        return Variable(value, name=name) if tf.executing_eagerly() else value

    @ns.impl()
    def zeros(shape: Any, dtype: Any, name: Any) -> Any:
        return _as_variable(tf.zeros(shape, TF[dtype]), name)

    @ns.impl()
    def ones(shape: Any, dtype: Any, name: Any) -> Any:
        return _as_variable(tf.ones(shape, TF[dtype]), name)

    @ns.impl()
    def eye(size: Any, dtype: Any, name: Any) -> Any:
        rows, cols = (size, size) if isinstance(size, int) else size
        return _as_variable(tf.eye(rows, cols, dtype=TF[dtype]), name)

    @ns.impl()
    def zeros_like(x: Any, dtype: Any, name: Any) -> Any:
        return tf.zeros(_shape_of(x), TF[dtype])

    @ns.impl()
    def ones_like(x: Any, dtype: Any, name: Any) -> Any:
        return tf.ones(_shape_of(x), TF[dtype])

    @ns.impl()
    def cast(x: Any, dtype: Any) -> Any:
        if type(x) is ET:
            to = TF[dtype]
            try:
                ctx = context_module._context
                if ctx._thread_local_data.is_eager:
                    return execute(ctx, cast_type, None, x, "DstT", to, *cast_attrs)
            except ERRORS:
                pass
            return gen_cast(x, to)
        return to_tensor(_copy(x), dtype)  # a variable's value, never the variable

    @ns.impl()
    def from_dlpack(x: Any) -> Any:
        return _dlpack.from_dlpack(tf, x)

    def _copy(t: Any) -> Any:
        """An immutable tensor: a variable's current value, not the variable."""
        return t.read_value() if isinstance(t, tf.Variable) else t

    def _shape_of(x: Any) -> Any:
        if not isinstance(x, NATIVE):
            return np.shape(x)
        static = x.shape
        return tuple(static) if static.is_fully_defined() else tf.shape(x)

    return ns

