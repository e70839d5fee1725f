"""Control flow: rnn, switch, map_fn, foldl, foldr -- eagerly, on placeholders whose
time length is None (traced once into a loop node), and their gradients (reverse loop)
against central finite differences (marked ``grads``)."""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
import pytest

from tensorplug import backend as K

from . import _reference_control as ref
from ._cases import FLOATS, Case, Cases, check_case
from ._gradcheck import RTOL, _numeric
from ._inputs import Inputs
from ._tolerance import tolerance

cases = Cases()


def close(got: Any, want: Any, dtype: str) -> None:
    got = K.to_numpy(got)
    assert got.dtype.name == dtype, f"dtype {got.dtype.name}, expected {dtype}"
    rtol, atol = tolerance(dtype)
    np.testing.assert_allclose(got.astype(np.float64), np.asarray(want, np.float64),
                               rtol=max(rtol, 1e-6 if dtype != "float16" else 1e-2),
                               atol=max(atol, 1e-6 if dtype != "float16" else 1e-2))


def k_step(x: Any, states: list[Any]) -> tuple[Any, list[Any]]:
    h = K.tanh(x + states[0] * 0.5)
    return h, [h]


def np_step(x: np.ndarray, states: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    h = np.tanh(x + states[0] * 0.5)
    return h, [h]


def k_step2(x: Any, states: list[Any]) -> tuple[Any, list[Any]]:
    h, c, bias = states
    c2 = c + x * bias
    return K.sigmoid(c2) * h + 1.0, [h * 0.9, c2]


def np_step2(x: np.ndarray, states: list[np.ndarray]) -> tuple[np.ndarray, list[np.ndarray]]:
    h, c, bias = states
    c2 = c + x * bias
    return 1 / (1 + np.exp(-c2)) * h + 1.0, [h * 0.9, c2]


def _rnn_case(name: str, backwards: bool = False, masked: bool = False,
              constants: bool = False) -> None:
    @cases("rnn", name, FLOATS)
    def _(g: Inputs, dt: str) -> None:
        x = g.array(dt, (2, 4, 3), "unit")
        h0 = g.array(dt, (2, 3), "unit")
        mask = np.array([[1, 1, 0, 1], [1, 0, 0, 1]], bool) if masked else None
        if constants:
            c0, bias = g.array(dt, (2, 3), "unit"), g.array(dt, (2, 3), "unit")
            got = K.rnn(k_step2, K.convert_to_tensor(x), [K.convert_to_tensor(h0),
                        K.convert_to_tensor(c0)], constants=[K.convert_to_tensor(bias)])
            want = ref.rnn(np_step2, x.astype(float), [h0.astype(float), c0.astype(float)],
                           constants=[bias.astype(float)])
        else:
            got = K.rnn(k_step, K.convert_to_tensor(x), [K.convert_to_tensor(h0)],
                        go_backwards=backwards,
                        mask=None if mask is None else K.convert_to_tensor(mask))
            want = ref.rnn(np_step, x.astype(float), [h0.astype(float)], backwards, mask)
        close(got[0], want[0], dt)
        close(got[1], want[1], dt)
        for s_got, s_want in zip(got[2], want[2]):
            close(s_got, s_want, dt)


_rnn_case("basic")
_rnn_case("go_backwards", backwards=True)
_rnn_case("mask", masked=True)
_rnn_case("constants_two_states", constants=True)


@cases("switch", "scalar_condition", FLOATS)
def _(g: Inputs, dt: str) -> None:
    a, b = g.array(dt, (2, 3)), g.array(dt, (2, 3))
    close(K.switch(K.convert_to_tensor(np.array(True)), K.convert_to_tensor(a),
                   K.convert_to_tensor(b)), a, dt)
    close(K.switch(K.convert_to_tensor(np.array(False)), lambda: K.convert_to_tensor(a),
                   lambda: K.convert_to_tensor(b)), b, dt)


@cases("switch", "elementwise_condition", FLOATS)
def _(g: Inputs, dt: str) -> None:
    a, b = g.array(dt, (2, 3)), g.array(dt, (2, 3))
    cond = np.array([True, False])
    close(K.switch(K.convert_to_tensor(cond), K.convert_to_tensor(a), K.convert_to_tensor(b)),
          np.where(cond[:, None], a, b), dt)


@cases("map_fn", "square_rows", FLOATS)
def _(g: Inputs, dt: str) -> None:
    x = g.array(dt, (4, 3))
    close(K.map_fn(lambda r: K.square(r) + 1.0, K.convert_to_tensor(x)), x ** 2 + 1.0, dt)


for _op, _reverse in (("foldl", False), ("foldr", True)):
    @cases(_op, "with_initializer", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, reverse: bool = _reverse) -> None:
        x = g.array(dt, (4, 3))
        init = g.array(dt, (3,))
        got = getattr(K, op)(lambda acc, r: acc * 0.5 + r, K.convert_to_tensor(x),
                             K.convert_to_tensor(init))
        close(got, ref.fold(lambda acc, r: acc * 0.5 + r, x.astype(float),
                            init.astype(float), reverse), dt)

    @cases(_op, "first_row_initializer", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, reverse: bool = _reverse) -> None:
        x = g.array(dt, (4, 3))
        got = getattr(K, op)(lambda acc, r: acc * 0.5 + r, K.convert_to_tensor(x))
        close(got, ref.fold(lambda acc, r: acc * 0.5 + r, x.astype(float), None, reverse), dt)


@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)


# -- on placeholders with an unknown (None) time length ------------------------------

def _symbolic_rnn(backwards: bool, masked: bool) -> tuple[Any, ...]:
    xs = K.placeholder((2, None, 3), dtype="float64")
    h0 = K.placeholder((2, 3), dtype="float64")
    ms = K.placeholder((2, None), dtype="bool") if masked else None
    last, outs, states = K.rnn(k_step, xs, [h0], go_backwards=backwards, mask=ms)
    return xs, h0, ms, last, outs, states


@pytest.mark.parametrize("backwards", [False, True], ids=["forward", "backwards"])
@pytest.mark.parametrize("masked", [False, True], ids=["unmasked", "masked"])
@pytest.mark.parametrize("length", [1, 5])
def test_rnn_on_unknown_length(backwards: bool, masked: bool, length: int) -> None:
    xs, h0, ms, last, outs, states = _symbolic_rnn(backwards, masked)
    assert K.int_shape(outs) == (2, None, 3)
    rng = np.random.default_rng(length)
    x, h = rng.standard_normal((2, length, 3)), rng.standard_normal((2, 3))
    mask = rng.random((2, length)) < 0.7
    feeds = [x, h] + ([mask] if masked else [])
    got = K.function([xs, h0] + ([ms] if masked else []), [last, outs, states[0]])(feeds)
    want = ref.rnn(np_step, x, [h], backwards, mask if masked else None)
    for a, b in zip(got, [want[0], want[1], want[2][0]]):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-12)


def test_map_fold_on_unknown_length() -> None:
    xs = K.placeholder((None, 3), dtype="float64")
    mapped = K.map_fn(lambda r: K.exp(r) * 2.0, xs)
    left = K.foldl(lambda acc, r: acc * 0.5 + r, xs)
    right = K.foldr(lambda acc, r: acc * 0.5 + r, xs, K.zeros((3,), "float64"))
    x = np.random.default_rng(0).standard_normal((4, 3))
    got = K.function([xs], [mapped, left, right])([x])
    np.testing.assert_allclose(got[0], np.exp(x) * 2.0)
    np.testing.assert_allclose(got[1], ref.fold(lambda a, r: a * 0.5 + r, x, None, False))
    np.testing.assert_allclose(got[2], ref.fold(lambda a, r: a * 0.5 + r, x, np.zeros(3), True))


def test_switch_on_a_symbolic_condition() -> None:
    c = K.placeholder((), dtype="bool")
    x = K.placeholder((2,), dtype="float64")
    y = K.switch(c, lambda: x * 2.0, lambda: x - 1.0)
    f = K.function([c, x], [y])
    v = np.array([1.0, 3.0])
    np.testing.assert_allclose(f([True, v])[0], v * 2.0)
    np.testing.assert_allclose(f([False, v])[0], v - 1.0)


# -- gradients through loops, unknown length ------------------------------------------

def _fd_check(inputs: list[Any], values: list[np.ndarray], loss: Any, wrt: list[int]) -> None:
    grads = K.gradients(loss, [inputs[i] for i in wrt])
    assert all(g is not None for g in grads)
    got = K.function(inputs, grads)(values)
    f = K.function(inputs, [loss])
    for k, i in enumerate(wrt):
        want = _numeric(lambda args: float(f(args)[0]), [np.asarray(v) for v in values], i)
        np.testing.assert_allclose(got[k], want, rtol=RTOL, atol=1e-7)


@pytest.mark.grads
@pytest.mark.parametrize("backwards, masked", [(False, False), (True, False), (False, True)],
                         ids=["forward", "backwards", "masked"])
def test_rnn_gradients_unknown_length(backwards: bool, masked: bool) -> None:
    xs, h0, ms, last, outs, states = _symbolic_rnn(backwards, masked)
    w = np.random.default_rng(1).standard_normal((2, 4, 3))
    loss = K.sum(outs * w) + K.sum(K.square(last)) + K.sum(states[0])
    rng = np.random.default_rng(zlib.crc32(b"rnn"))
    values = [rng.standard_normal((2, 4, 3)), rng.standard_normal((2, 3))]
    inputs = [xs, h0]
    if masked:
        inputs.append(ms)
        values.append(np.array([[1, 1, 0, 1], [1, 0, 0, 1]], bool))
    _fd_check(inputs, values, loss, [0, 1])


@pytest.mark.grads
def test_rnn_gradient_reaches_captured_weights() -> None:
    xs = K.placeholder((2, None, 3), dtype="float64")
    w = K.placeholder((3, 3), dtype="float64")

    def step(x: Any, states: list[Any]) -> tuple[Any, list[Any]]:
        h = K.tanh(K.dot(x, w) + states[0])
        return h, [h]

    last, outs, _ = K.rnn(step, xs, [K.zeros((2, 3), "float64")])
    rng = np.random.default_rng(2)
    _fd_check([xs, w], [rng.standard_normal((2, 3, 3)), rng.standard_normal((3, 3)) * 0.5],
              K.sum(outs) + K.sum(last), [0, 1])


@pytest.mark.grads
def test_map_and_fold_gradients_unknown_length() -> None:
    xs = K.placeholder((None, 3), dtype="float64")
    init = K.placeholder((3,), dtype="float64")
    loss = (K.sum(K.map_fn(lambda r: K.sin(r) * r, xs))
            + K.sum(K.foldl(lambda a, r: a * K.tanh(r) + r, xs, init))
            + K.sum(K.foldr(lambda a, r: a * 0.5 + K.square(r), xs)))
    rng = np.random.default_rng(3)
    _fd_check([xs, init], [rng.standard_normal((4, 3)), rng.standard_normal(3)], loss, [0, 1])
