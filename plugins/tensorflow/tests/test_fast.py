"""The fast paths' direct calls of TensorFlow's C entry point (``_fast``): the op types
and attributes are the installed TensorFlow's own, they run only when eager, and an
error still comes from TensorFlow's generated op."""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest
import tensorflow as tf
from tensorplug import backend as K
from tensorplug_tensorflow import _fast


@pytest.mark.parametrize("fn", list(_fast.OP_TYPES), ids=lambda f: f.__name__)
def test_op_types_match_the_generated_functions(fn: object) -> None:
    op_type, attrs = _fast.OP_TYPES[fn]
    source = inspect.getsource(fn)  # type: ignore[arg-type]
    call = re.search(r"TFE_Py_FastPathExecute\(\s*_ctx,\s*\"(\w+)\",\s*name,([^)]*)\)", source)
    assert call is not None, source[:500]
    assert call.group(1) == op_type
    passed = [a.strip() for a in call.group(2).split(",") if a.strip()]
    quoted = [a.strip('"') for a in passed if a.startswith('"')]
    defaults = inspect.signature(fn).parameters  # type: ignore[arg-type]
    fixed = dict(zip(attrs[::2], attrs[1::2]))
    for name, value in fixed.items():
        assert name in quoted, (name, passed)
        assert defaults[name].default == value, (name, defaults[name].default)


def test_fast_ops_inside_tf_function_are_graph_ops_not_constants() -> None:
    """Eager tensors captured by a tf.function: the op is traced into the graph (the
    generated op), not run once at trace time."""
    a = tf.constant(np.arange(4.0, dtype="float32").reshape(2, 2))
    b = tf.constant(np.ones((2, 2), "float32"))

    @tf.function
    def f() -> list[tf.Tensor]:
        outs = [K.add(a, b), K.exp(a), K.sum(a), K.dot(a, b), K.clip(a, 0.5, 2.0),
                K.reshape(a, (4,)), K.cast(a, "float64"), K.sigmoid(a)]
        assert all(not isinstance(o, type(a)) for o in outs), [type(o) for o in outs]
        return outs

    graph = f.get_concrete_function().graph
    op_types = {op.type for op in graph.get_operations()}
    assert {"AddV2", "Exp", "Sum", "MatMul", "ClipByValue", "Reshape", "Cast",
            "Sigmoid"} <= op_types
    got = f()
    want = [a.numpy() + 1, np.exp(a.numpy()), a.numpy().sum(), a.numpy() @ b.numpy(),
            np.clip(a.numpy(), 0.5, 2.0), a.numpy().reshape(4),
            a.numpy().astype("float64"), 1 / (1 + np.exp(-a.numpy()))]
    for g, w in zip(got, want):
        np.testing.assert_allclose(g.numpy(), w, rtol=1e-6)


def test_gradient_tape_records_fast_ops() -> None:
    x = tf.constant(np.array([[0.5, -1.0], [2.0, 0.25]], "float32"))
    w = tf.constant(np.array([[1.0, 2.0], [3.0, 4.0]], "float32"))
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = K.sum(K.exp(K.multiply(K.dot(x, w), 0.5)))
    grad = tape.gradient(y, x)
    e = np.exp(0.5 * (x.numpy() @ w.numpy()))
    np.testing.assert_allclose(grad.numpy(), (0.5 * e) @ w.numpy().T, rtol=1e-5)


def test_errors_are_tensorflows_not_the_entry_points() -> None:
    """A failing fast path hands over to the generated op, whose error is a
    tf.errors exception (the facade then explains it), never _NotOkStatusException."""
    a = tf.constant(np.ones((2, 3), "float32"))
    with pytest.raises(Exception) as info:
        K.reshape(a, (4, 2))
    assert "NotOkStatus" not in type(info.value).__name__
    assert "reshape" in str(info.value).lower()
    with pytest.raises(Exception) as info:
        K.add(a, tf.constant(np.ones((3, 2), "float32")))
    assert "NotOkStatus" not in type(info.value).__name__


def test_mixed_dtypes_still_promote() -> None:
    a = tf.constant(np.ones((2, 2), "float32"))
    b = tf.constant(np.full((2, 2), 2.0, "float64"))
    out = K.add(a, b)
    assert out.dtype.name == "float64"
    np.testing.assert_array_equal(out.numpy(), np.full((2, 2), 3.0))
    assert K.equal(a, a).dtype.name == "bool"
    assert K.sum(tf.constant(np.ones(3, "int32"))).dtype.name == "int64"


def test_a_fallback_request_takes_the_generated_op(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the entry point asks for TensorFlow's fallback (op callbacks, say) or is
    missing, the generated op computes the same result."""
    from tensorflow.python.eager import core
    from tensorplug_tensorflow import arithmetic, elementwise, reductions

    def fallback(*args: object) -> object:
        raise core._FallbackException("use the slow path")

    for module in (arithmetic, elementwise, reductions):
        monkeypatch.setattr(module, "execute", fallback)
    a = tf.constant(np.array([[1.0, 2.0], [3.0, 4.0]], "float32"))
    np.testing.assert_array_equal(K.add(a, a).numpy(), 2 * a.numpy())
    np.testing.assert_allclose(K.exp(a).numpy(), np.exp(a.numpy()), rtol=1e-6)
    assert float(K.sum(a).numpy()) == 10.0
    monkeypatch.setattr(arithmetic, "execute", None)  # TensorFlow without the entry point
    np.testing.assert_array_equal(K.multiply(a, a).numpy(), a.numpy() ** 2)
