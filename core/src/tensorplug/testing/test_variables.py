"""Values: variables, in-place updates, identity, counting, printing and sparse queries
(``hookspecs.variables``), plus the facade's ``batch_get_value`` / ``batch_set_value``.

Update ops must assign in place and return the variable itself (``out is v``).
"""

from __future__ import annotations

import contextlib
import io
from typing import Any, Callable

import numpy as np
import pytest

import tensorplug
from tensorplug import backend as K

from ._cases import ALL, FLOATS, NUMERIC, Case, Cases, check_case, declared_dtypes
from ._check import assert_result, check_op
from ._inputs import Inputs, python_scalar
from ._reference_misc import count_params_ref, identity_ref, moving_average_ref, size_ref

cases = Cases()
SIGNED_NUMERIC = tuple(d for d in NUMERIC if not d.startswith("uint"))


def _variable(g: Inputs, dt: str, shape: tuple[int, ...] = (3, 4), kind: str = "small") -> Any:
    return K.variable(g.array(dt, shape, kind), dt)


def _assert_updated(op: str, out: Any, v: Any, expected: Any, dt: str) -> None:
    assert out is v, f"K.{op} must return the variable it updated (got {type(out).__name__})"
    assert_result(op, K.to_numpy(v), expected, dt)


# --- is_variable, identity, count_params, size ---------------------------------------

@cases("is_variable", "variable", ALL)
def _(g: Inputs, dt: str) -> None:
    assert K.is_variable(_variable(g, dt)) is True, "K.is_variable(K.variable(...)) is not True"


@cases("is_variable", "tensor", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("is_variable", g.array(dt), want=None, ref=lambda x: False)


@cases("is_variable", "numpy_array", ALL)
def _(g: Inputs, dt: str) -> None:
    assert K.is_variable(g.array(dt)) is False, "K.is_variable(numpy array) is not False"


for _name, _shape in {"2d": (3, 4), "0d": (), "3d": (2, 1, 3)}.items():
    @cases("identity", _name, ALL)
    def _(g: Inputs, dt: str, shape: Any = _shape) -> None:
        check_op("identity", g.array(dt, shape), want=dt, ref=identity_ref)

    @cases("size", _name, ALL)
    def _(g: Inputs, dt: str, shape: Any = _shape) -> None:
        check_op("size", g.array(dt, shape), want="int32", ref=size_ref)

    @cases("count_params", _name, ALL)
    def _(g: Inputs, dt: str, shape: Any = _shape) -> None:
        check_op("count_params", g.array(dt, shape), want=None, ref=count_params_ref)


@cases("size", "empty", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("size", g.array(dt, (2, 0, 3)), want="int32", ref=size_ref)


@cases("count_params", "variable", ALL)
def _(g: Inputs, dt: str) -> None:
    assert K.count_params(_variable(g, dt, (2, 5))) == 10


@cases("identity", "not_aliased", ALL)
def _(g: Inputs, dt: str) -> None:
    x = g.array(dt)
    v = K.variable(x, dt)
    copy = K.identity(v)
    K.set_value(v, np.zeros((3, 4), dtype=dt))
    assert_result("identity", K.to_numpy(copy), x, dt)


# --- updates ---------------------------------------------------------------------------

@cases("update", "same_dtype", ALL)
def _(g: Inputs, dt: str) -> None:
    v = K.variable(np.zeros((3, 4)), dt)
    new = g.array(dt)
    _assert_updated("update", K.update(v, K.convert_to_tensor(new)), v, new, dt)


@cases("update", "numpy_value_cast", ALL)
def _(g: Inputs, dt: str) -> None:
    v = K.variable(np.zeros((3, 4)), dt)
    new = g.array(dt, kind="small").astype(np.float64)  # integral: exact in every dtype
    _assert_updated("update", K.update(v, new), v, new, dt)


@cases("update", "0d", ALL)
def _(g: Inputs, dt: str) -> None:
    v = K.variable(np.zeros(()), dt)
    new = g.array(dt, ())
    _assert_updated("update", K.update(v, K.convert_to_tensor(new)), v, new, dt)


@cases("update_add", "same_shape", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    x, inc = g.array(dt, kind="positive"), g.array(dt, kind="positive")
    v = K.variable(x, dt)
    out = K.update_add(v, K.convert_to_tensor(inc))
    _assert_updated("update_add", out, v, x.astype(np.float64) + inc, dt)


@cases("update_add", "broadcast_row", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    x, inc = g.array(dt, kind="positive"), g.array(dt, (4,), kind="positive")
    v = K.variable(x, dt)
    out = K.update_add(v, K.convert_to_tensor(inc))
    _assert_updated("update_add", out, v, x.astype(np.float64) + inc, dt)


@cases("update_add", "python_scalar", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    x = g.array(dt, kind="positive")
    v = K.variable(x, dt)
    step = python_scalar(dt, 2)
    _assert_updated("update_add", K.update_add(v, step), v, x.astype(np.float64) + step, dt)


@cases("update_add", "repeated", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    x, inc = g.array(dt, kind="positive"), g.array(dt, kind="positive")
    v = K.variable(x, dt)
    for _ in range(3):
        out = K.update_add(v, K.convert_to_tensor(inc))
    _assert_updated("update_add", out, v, x.astype(np.float64) + 3 * inc.astype(np.float64),
                    dt)


@cases("update_add", "float64_increment", FLOATS)
def _(g: Inputs, dt: str) -> None:  # the variable keeps its dtype
    x, inc = g.array(dt, kind="positive"), g.array("float64", kind="positive")
    v = K.variable(x, dt)
    out = K.update_add(v, K.convert_to_tensor(inc))
    _assert_updated("update_add", out, v, x.astype(np.float64) + inc, dt)


@cases("update_sub", "same_shape", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    keep, dec = g.array(dt, kind="positive"), g.array(dt, kind="positive")
    x = (keep.astype(np.float64) + dec).astype(dt)  # x - dec stays >= 0 for uints
    v = K.variable(x, dt)
    out = K.update_sub(v, K.convert_to_tensor(dec))
    _assert_updated("update_sub", out, v, x.astype(np.float64) - dec, dt)


@cases("update_sub", "broadcast_row", SIGNED_NUMERIC)
def _(g: Inputs, dt: str) -> None:
    x, dec = g.array(dt), g.array(dt, (4,))
    v = K.variable(x, dt)
    out = K.update_sub(v, K.convert_to_tensor(dec))
    _assert_updated("update_sub", out, v, x.astype(np.float64) - dec, dt)


for _momentum in (0.9, 0.0, 1.0):
    @cases("moving_average_update", f"momentum_{str(_momentum).replace('.', '_')}", FLOATS)
    def _(g: Inputs, dt: str, momentum: float = _momentum) -> None:
        x, value = g.array(dt, kind="positive"), g.array(dt, kind="positive")
        v = K.variable(x, dt)
        out = K.moving_average_update(v, K.convert_to_tensor(value), momentum)
        _assert_updated("moving_average_update", out, v,
                        moving_average_ref(x, value, momentum), dt)


@cases("moving_average_update", "numpy_value", FLOATS)
def _(g: Inputs, dt: str) -> None:
    x, value = g.array(dt, kind="positive"), g.array("float64", kind="positive")
    v = K.variable(x, dt)
    out = K.moving_average_update(v, value, 0.99)
    _assert_updated("moving_average_update", out, v, moving_average_ref(x, value, 0.99), dt)


# --- print_tensor, is_sparse, to_dense -------------------------------------------------

@cases("print_tensor", "prints_and_returns", NUMERIC)
def _(g: Inputs, dt: str) -> None:
    x = np.array([[123, 45], [67, 89]], dtype=dt)
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        out = check_op("print_tensor", x, "tensor x:", want=dt, ref=identity_ref)
    text = buffer.getvalue()
    assert "tensor x:" in text and "123" in text and "89" in text, (
        f"K.print_tensor must print the message and the value; printed {text!r}")
    del out


@cases("print_tensor", "default_message", ALL)
def _(g: Inputs, dt: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        check_op("print_tensor", g.array(dt), want=dt, ref=identity_ref)


@cases("is_sparse", "dense", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("is_sparse", g.array(dt), want=None, ref=lambda t: False)


def _sparse_labels(dt: str) -> Any:
    """Padded labels [[1, 2, 0], [3, 0, 0]] with lengths [2, 1], in the sparse form
    ``ctc_label_dense_to_sparse`` returns (built here without calling it)."""
    from tensorplug._sparse import SparseLabels

    return SparseLabels(
        indices=K.convert_to_tensor(np.array([[0, 0], [0, 1], [1, 0]], dtype=np.int64)),
        values=K.convert_to_tensor(np.array([1, 2, 3], dtype=dt)),
        dense_shape=K.convert_to_tensor(np.array([2, 3], dtype=np.int64)))


@cases("is_sparse", "sparse_labels", ("int32",))
def _(g: Inputs, dt: str) -> None:
    assert K.is_sparse(_sparse_labels(dt)) is True


@cases("to_dense", "sparse_labels", ("int32", "int64"))
def _(g: Inputs, dt: str) -> None:
    assert_result("to_dense", K.to_numpy(K.to_dense(_sparse_labels(dt))),
                  np.array([[1, 2, 0], [3, 0, 0]]), dt)


@cases("to_dense", "dense", ALL)
def _(g: Inputs, dt: str) -> None:
    check_op("to_dense", g.array(dt), want=dt, ref=identity_ref)


# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)


# --- batch_get_value / batch_set_value (facade-only: not value cases of KINDS ops) ------

@pytest.mark.parametrize("dtype", declared_dtypes())
def test_batch_get_value(dtype: str) -> None:
    g = Inputs(f"batch_get_value-{dtype}")
    xs = [g.array(dtype, (2, 3)), g.array(dtype, ()), g.array(dtype, (4,))]
    got = K.batch_get_value([K.variable(x, dtype) for x in xs])
    assert isinstance(got, list) and len(got) == 3
    for value, x in zip(got, xs):
        assert_result("batch_get_value", np.asarray(value), x, dtype)


@pytest.mark.parametrize("dtype", declared_dtypes())
def test_batch_set_value(dtype: str) -> None:
    g = Inputs(f"batch_set_value-{dtype}")
    vs = [K.variable(np.zeros((2, 3)), dtype), K.variable(np.zeros(()), dtype)]
    new = [g.array(dtype, (2, 3)), g.array(dtype, ())]
    K.batch_set_value(list(zip(vs, new)))
    for v, x in zip(vs, new):
        assert_result("batch_set_value", K.to_numpy(v), x, dtype)


def test_print_tensor_output(capsys: pytest.CaptureFixture[str]) -> None:
    """``print_tensor`` writes the message and the value to stdout and returns x."""
    x = K.convert_to_tensor(np.array([7, 8, 9], dtype=np.int64))
    out = K.print_tensor(x, message="value is")
    captured = capsys.readouterr().out
    assert captured.startswith("value is") and all(s in captured for s in ("7", "8", "9"))
    np.testing.assert_array_equal(K.to_numpy(out), [7, 8, 9])


# --- errors: the same class and message on every backend -------------------------------

def _f32(shape: tuple[int, ...] = (3, 4)) -> Any:
    return np.ones(shape, dtype=np.float32)


ERRORS: dict[str, tuple[Callable[[], Any], type[Exception], str]] = {
    "update-not_a_variable": (
        lambda: K.update(K.convert_to_tensor(_f32()), _f32()), tensorplug.InvalidArgumentError,
        "x must be a variable"),
    "update-wrong_shape": (
        lambda: K.update(K.variable(_f32()), _f32((5,))), tensorplug.IncompatibleShapesError,
        "does not broadcast"),
    "update_add-wrong_shape": (
        lambda: K.update_add(K.variable(_f32()), _f32((5,))),
        tensorplug.IncompatibleShapesError, "does not broadcast"),
    "update_add-larger_value": (
        lambda: K.update_add(K.variable(_f32()), _f32((2, 3, 4))),
        tensorplug.IncompatibleShapesError, "does not broadcast"),
    "update_sub-not_a_variable": (
        lambda: K.update_sub(_f32(), 1.0), tensorplug.InvalidArgumentError,
        "x must be a variable"),
    "moving_average_update-wrong_shape": (
        lambda: K.moving_average_update(K.variable(_f32()), _f32((4, 3)), 0.9),
        tensorplug.IncompatibleShapesError, "does not broadcast"),
    "moving_average_update-tensor_momentum": (
        lambda: K.moving_average_update(K.variable(_f32()), _f32(), "0.9"),
        tensorplug.InvalidTypeError, "momentum must be a Python float"),
    "print_tensor-message_type": (
        lambda: K.print_tensor(K.convert_to_tensor(_f32()), 3),  # type: ignore[arg-type]
        tensorplug.InvalidTypeError, "message must be a str"),
    "batch_set_value-not_pairs": (
        lambda: K.batch_set_value([K.variable(_f32())]), tensorplug.InvalidTypeError,
        "(variable, value) pairs"),
}


@pytest.mark.parametrize("key", sorted(ERRORS))
def test_errors(key: str) -> None:
    call, cls, fragment = ERRORS[key]
    with pytest.raises(cls) as info:
        call()
    assert fragment in str(info.value), f"{key}: message {str(info.value)!r} lacks {fragment!r}"
