"""Where MXNet differs from the contract, the plugin's answer (against plain numpy).

MXNet computes int32 + 1.5 as int32, int32 / int32 as float32, exp(int32) as int32 and
int32 sums as int32; has no bool or integer kernels for several ops; and reports kernel
errors asynchronously. Each test names the MXNet behaviour it guards against.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pytest
import tensorplug
from tensorplug import backend as K

DTYPES = ("bool", "int32", "int64", "float16", "float32", "float64")


def t(values: Any, dtype: str) -> Any:
    return K.convert_to_tensor(np.asarray(values, dtype))


def check(out: Any, want: Any, dtype: str) -> None:
    import mxnet

    assert isinstance(out, mxnet.numpy.ndarray), type(out)
    got = K.to_numpy(out)
    assert got.dtype.name == dtype
    assert got.shape == np.shape(want)
    np.testing.assert_allclose(got.astype(float), np.asarray(want, float), rtol=1e-6)


@pytest.mark.parametrize(("call", "want", "dtype"), [
    (lambda: K.add(t([1, 2], "int32"), 1.5), [2.5, 3.5], "float64"),  # MXNet: int32 [2, 3]
    (lambda: K.add(t([1, 2], "int32"), t([0.5, 1], "float32")), [1.5, 3], "float64"),
    (lambda: K.multiply(t([1, 2], "float16"), t([3, 4], "int32")), [3, 8], "float64"),
    (lambda: K.divide(t([1, 2], "int32"), t([2, 2], "int32")), [0.5, 1], "float64"),
    (lambda: K.divide(t([1, 2], "int32"), 2), [0.5, 1], "float64"),
    (lambda: K.subtract(10, t([1, 2], "int64")), [9, 8], "int64"),
    (lambda: K.add(t([True, False], "bool"), 1), [2, 1], "int64"),
    (lambda: K.maximum(t([True, False], "bool"), t([False, False], "bool")), [1, 0], "bool"),
    (lambda: K.equal(t([1, 2], "int32"), 1.5), [0, 0], "bool"),  # MXNet truncates 1.5
    (lambda: K.greater(t([1, 2], "int32"), 1.5), [0, 1], "bool"),
    (lambda: K.exp(t([0, 1], "int32")), [1, np.e], "float64"),  # MXNet: int32 [1, 2]
    (lambda: K.sqrt(t([-4, 4], "int64")), [0, 2], "float64"),
    (lambda: K.sqrt(t([-4.0, 9.0], "float32")), [0, 3], "float32"),
    (lambda: K.sum(t([[2**30, 2**30], [2**30, 1]], "int32")), 3 * 2**30 + 1, "int64"),
    (lambda: K.prod(t([True, True], "bool")), 1, "int64"),
    (lambda: K.mean(t([1, 2], "int32")), 1.5, "float64"),  # MXNet: float32
    (lambda: K.var(t([1, 2, 4], "int64")), np.var([1, 2, 4]), "float64"),  # MXNet: int64
    (lambda: K.cumsum(t([[1, 2], [3, 4]], "int32"), -1), [[1, 3], [3, 7]], "int64"),
    (lambda: K.cumprod(t([2**20, 2**20, 2**20], "int64"), 0), [2**20, 2**40, 2**60], "int64"),
    (lambda: K.argmax(t([[1, 3, 3]], "float32"), 1), [1], "int64"),
    (lambda: K.argmax(t([[True, False, True]], "bool"), 1), [0], "int64"),
    (lambda: K.round(t([0.5, 1.5, 2.5, -0.5], "float16")), [0, 2, 2, -0], "float16"),
    (lambda: K.dot(t(np.ones((2, 3)), "int32"), t(np.ones((4, 3, 5)), "int32")),
     np.full((2, 4, 5), 3), "int32"),  # MXNet's dot: floats only
    (lambda: K.dot(t(np.ones((2, 3)), "float16"), t(np.ones((3,)), "float16")), [3, 3],
     "float16"),
    (lambda: K.dot(t([[True, False]], "bool"), t([[False], [False]], "bool")), [[0]], "bool"),
    (lambda: K.transpose(t([[True, False]], "bool")), [[1], [0]], "bool"),
    (lambda: K.repeat_elements(t(np.ones((2, 3)), "float32"), 0, 1), np.ones((2, 0)),
     "float32"),  # MXNet's repeat drops the other axes when rep is 0
    (lambda: K.gather(t([[1, 2], [3, 4]], "int32"), [-1, 0]), [[3, 4], [1, 2]], "int32"),
    (lambda: K.eye(2, "bool"), np.eye(2), "bool"),
    (lambda: K.concatenate([t([1], "int32"), t([2.5], "float32")], 0), [1, 2.5], "float64"),
    (lambda: K.clip(t([1, 5], "int32"), 1.5, None), [1.5, 5], "float64"),
    (lambda: K.relu(t([np.nan, -1.0], "float32")), [np.nan, 0], "float32"),
    (lambda: K.softplus(t([-30.0, 30.5], "float64")), np.logaddexp(0, [-30.0, 30.5]),
     "float64"),
    (lambda: K.logsumexp(t([[-np.inf, -np.inf], [1, 1]], "float32"), 1),
     [-np.inf, 1 + np.log(2)], "float32"),
])
def test_result_rule(call: Any, want: Any, dtype: str) -> None:
    check(call(), want, dtype)


def test_full_reductions_are_0d_and_comparisons_bool() -> None:
    x = t([[1.0, 2.0], [3.0, 4.0]], "float32")
    for op in (K.sum, K.prod, K.mean, K.max, K.min, K.var, K.std, K.any, K.all, K.logsumexp):
        assert K.int_shape(op(x)) == (), op.__name__
    assert K.dtype(K.less(x, 2.5)) == "bool"


@pytest.mark.parametrize("dtype", DTYPES)
def test_no_kernel_error_surfaces_later(mx: Any, dtype: str) -> None:
    """MXNet reports a missing kernel when the engine runs the op, not when it is
    called: every op over every dtype, then a wait that would raise it."""
    x = t(np.arange(6).reshape(2, 3) % 3, dtype)
    ops = [K.abs, K.square, K.round, K.transpose, K.flatten, lambda v: K.sum(v, 0),
           lambda v: K.prod(v, 1), K.max, K.min, K.any, K.all, lambda v: K.argmax(v, 0),
           lambda v: K.argmin(v, 1), lambda v: K.cumsum(v, 1), lambda v: K.cumprod(v, 0),
           lambda v: K.permute_dimensions(v, (1, 0)), lambda v: K.tile(v, (2, 1)),
           lambda v: K.repeat_elements(v, 2, 0), lambda v: K.gather(v, [1]),
           lambda v: K.dot(v, K.transpose(v)), lambda v: K.batch_dot(v, v, (1, 1)),
           lambda v: K.maximum(v, v), lambda v: K.minimum(v, v), lambda v: K.add(v, v),
           lambda v: K.multiply(v, v), lambda v: K.equal(v, v), lambda v: K.less(v, v),
           lambda v: K.where(K.greater(v, 0), v, v), lambda v: K.clip(v, 0, 1),
           lambda v: K.pow(v, 2), lambda v: K.concatenate([v, v], 0),
           lambda v: K.stack([v, v], 1), lambda v: K.expand_dims(v, 0)]
    if dtype != "bool":
        ops += [K.negative, K.sign, lambda v: K.subtract(v, v)]
    results = [op(x) for op in ops]
    mx.nd.waitall()
    assert all(isinstance(r, mx.numpy.ndarray) for r in results)


@pytest.mark.parametrize(("call", "error"), [
    (lambda: K.subtract(t([True], "bool"), t([False], "bool")), tensorplug.InvalidTypeError),
    (lambda: K.negative(t([True], "bool")), tensorplug.InvalidTypeError),
    (lambda: K.pow(t([2], "int32"), -1), tensorplug.InvalidArgumentError),
    (lambda: K.convert_to_tensor(np.ones(2, "uint16")), tensorplug.InvalidTypeError),
    (lambda: K.gather(t([1, 2], "int32"), [2]), tensorplug.InvalidArgumentError),
])
def test_refusals_as_numpy(call: Any, error: type) -> None:
    with pytest.raises(error):
        call()


def test_dtype_reads_are_per_thread() -> None:
    """The hot path reads dtypes into a per-thread buffer: threads mixing dtypes still
    get each result's own dtype."""
    failures: list[str] = []

    def work(dtype: str, want: str) -> None:
        x, y = t([1, 2], dtype), t([1, 2], "int32")
        for _ in range(300):
            got = K.dtype(K.add(x, y))
            if got != want:
                failures.append(f"{dtype}+int32 gave {got}")

    threads = [threading.Thread(target=work, args=pair)
               for pair in [("float32", "float64"), ("int64", "int64"), ("int32", "int32")] * 2]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert failures == []


def test_variables_update_in_place_and_to_backend_copies() -> None:
    v = K.variable(np.array([1.0, 2.0]), dtype="float64")
    assert K.set_value(v, np.array([3, 4])) is v
    np.testing.assert_array_equal(K.get_value(v), [3.0, 4.0])
    s = K.variable(1.5, dtype="float32")
    K.set_value(s, 2.5)
    assert K.to_numpy(s).shape == () and float(K.to_numpy(s)) == 2.5
    source = np.array([1.0, 2.0], "float32")
    moved = K.to_backend(source, "mxnet")
    source[0] = 9.0  # a copy, not shared memory (see README: no DLPack)
    np.testing.assert_array_equal(K.to_numpy(moved), [1.0, 2.0])


def test_operators_defer_to_types_that_opt_out_of_numpy(mx: Any) -> None:
    class OptOut:
        __array_ufunc__ = None

        def __radd__(self, other: Any) -> str:
            return "deferred"

    assert mx.np.ones((2,)) + OptOut() == "deferred"
    np.testing.assert_array_equal((mx.np.ones((2,)) + 1).asnumpy(), [2.0, 2.0])


INF = float("inf")


@pytest.mark.parametrize(("call", "ref"), [
    (lambda x: K.less(x, INF), lambda x: x < INF),
    (lambda x: K.maximum(x, -INF), lambda x: x),
    (lambda x: K.add(INF, x), lambda x: x + INF),
    (lambda x: K.multiply(x, 5e-324), lambda x: x * 5e-324),  # a subnormal
    (lambda x: K.clip(x, None, 1.0), lambda x: np.minimum(x, 1.0)),
    (lambda x: K.clip(x, 0.0, INF), lambda x: np.maximum(x, 0.0)),
    (lambda x: K.logsumexp(x, 0, False), lambda x: np.log(np.exp(x).sum())),
    (lambda x: K.relu(x, 0.0, INF, 0.0), lambda x: np.maximum(x, 0.0)),
])
def test_non_finite_python_scalars(call: Any, ref: Any) -> None:
    """MXNet hands scalars to its operators as strings; dmlc's parser refuses "inf"
    while errno holds a stale ERANGE from any earlier libm call in the thread (here a
    strtod overflow), and refuses subnormals. Such scalars must not reach it."""
    import ctypes

    x = np.array([1.0, -5.0, 7.0])
    libc = ctypes.CDLL(None)
    libc.strtod.restype = ctypes.c_double
    libc.strtod(b"1e999", None)  # leaves errno == ERANGE in this thread
    np.testing.assert_allclose(K.to_numpy(call(K.convert_to_tensor(x))), ref(x))
