"""Values: random tensors and dropout (``hookspecs.random``, ``hookspecs.nn.dropout``).

Distributions are checked statistically on 1e5 samples: the sample mean and variance
must lie within 5 standard errors of the theoretical ones (``_reference_misc``). Seeds
come from each test's id, so reruns see the same draws. Seeding rules: the same seed
gives the same values, different seeds differ, unseeded calls differ, and
``tensorplug.utils.set_random_seed`` makes unseeded draws repeat.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pytest

import tensorplug
from tensorplug import backend as K

from ._cases import FLOATS, Case, Cases, check_case, declared_dtypes, floatx
from ._inputs import Inputs
from ._reference_misc import (
    bernoulli_moments,
    moment_errors,
    normal_moments,
    truncated_normal_moments,
    uniform_moments,
)
from ._tolerance import tolerance

cases = Cases()
N_SHAPE = (250, 400)  # 1e5 samples
Z_LIMIT = 5.0

#: op -> (positional distribution arguments, their theoretical moments).
DISTRIBUTIONS: dict[str, tuple[tuple[float, ...], tuple[float, float, float]]] = {
    "random_normal": ((1.5, 2.0), normal_moments(1.5, 2.0)),
    "random_uniform": ((-1.0, 3.0), uniform_moments(-1.0, 3.0)),
    "random_binomial": ((0.3,), bernoulli_moments(0.3)),
    "truncated_normal": ((-0.5, 1.5), truncated_normal_moments(-0.5, 1.5)),
    "random_normal_variable": ((1.5, 2.0), normal_moments(1.5, 2.0)),
    "random_uniform_variable": ((-1.0, 3.0), uniform_moments(-1.0, 3.0)),
}
VARIABLE_OPS = ("random_normal_variable", "random_uniform_variable")


def _seed(g: Inputs) -> int:
    return int(g.rng.integers(0, 2**31 - 1))


def _draw(op: str, shape: Any, args: tuple[float, ...], dt: str, **kwargs: Any) -> np.ndarray:
    out = getattr(K, op)(shape, *args, dtype=dt, **kwargs)
    got = K.to_numpy(out)
    assert isinstance(got, np.ndarray), f"K.{op}: K.to_numpy gave {type(got).__name__}"
    assert got.dtype.name == dt, f"K.{op} returned dtype {got.dtype.name}; asked for {dt}."
    want = (shape,) if isinstance(shape, int) else tuple(shape)
    assert got.shape == want, f"K.{op} returned shape {got.shape}; asked for {want}."
    if op in VARIABLE_OPS:
        assert K.is_variable(out), f"K.{op} must return a variable (K.is_variable is False)"
    return got


def _assert_moments(op: str, got: np.ndarray, moments: tuple[float, float, float]) -> None:
    z_mean, z_var = moment_errors(got, moments)
    assert z_mean < Z_LIMIT and z_var < Z_LIMIT, (
        f"K.{op}: over {got.size} samples the mean is {z_mean:.2f} and the variance "
        f"{z_var:.2f} standard errors from the theoretical {moments[0]:.4g} and "
        f"{moments[1]:.4g} (limit {Z_LIMIT}).")


for _op, (_args, _moments) in DISTRIBUTIONS.items():
    @cases(_op, "moments", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, args: Any = _args, moments: Any = _moments) -> None:
        _assert_moments(op, _draw(op, N_SHAPE, args, dt, seed=_seed(g)), moments)

    @cases(_op, "same_seed", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, args: Any = _args) -> None:
        seed = _seed(g)
        a, b = (_draw(op, (20, 30), args, dt, seed=seed) for _ in range(2))
        np.testing.assert_array_equal(a, b, err_msg=f"K.{op}: same seed, different values")

    @cases(_op, "other_seed", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, args: Any = _args) -> None:
        seed = _seed(g)
        a, b = (_draw(op, (20, 30), args, dt, seed=s) for s in (seed, seed + 1))
        assert not np.array_equal(a, b), f"K.{op}: seeds {seed} and {seed + 1} gave equal values"

    @cases(_op, "unseeded", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, args: Any = _args) -> None:
        a, b = (_draw(op, (20, 30), args, dt) for _ in range(2))
        assert not np.array_equal(a, b), f"K.{op}: two unseeded calls gave equal values"

    @cases(_op, "set_random_seed", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, args: Any = _args) -> None:
        from tensorplug.utils import set_random_seed

        seed = _seed(g)
        try:
            draws = []
            for _ in range(2):
                set_random_seed(seed)
                draws.append(_draw(op, (20, 30), args, dt))
        finally:
            set_random_seed(None)  # back to fresh entropy for later tests
        np.testing.assert_array_equal(draws[0], draws[1], err_msg=(
            f"K.{op}: set_random_seed({seed}) did not make unseeded draws repeat"))

    @cases(_op, "0d", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, args: Any = _args) -> None:
        _draw(op, (), args, dt, seed=_seed(g))

    @cases(_op, "int_shape", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, args: Any = _args) -> None:
        _draw(op, 7, args, dt, seed=_seed(g))

    @cases(_op, "floatx", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op, args: Any = _args) -> None:
        with floatx(dt):
            out = getattr(K, op)([3, 4], *args)
        got = K.to_numpy(out)
        assert got.dtype.name == dt and got.shape == (3, 4), (
            f"K.{op} with dtype=None under floatx {dt} returned {got.dtype.name} {got.shape}")


@cases("truncated_normal", "within_two_stddev", FLOATS)
def _(g: Inputs, dt: str) -> None:
    got = _draw("truncated_normal", N_SHAPE, (-0.5, 1.5), dt, seed=_seed(g))
    rtol, atol = tolerance(dt)
    worst = float(np.max(np.abs(got.astype(np.float64) + 0.5)))
    assert worst <= 3.0 * (1 + rtol) + atol, (
        f"K.truncated_normal: a sample lies {worst / 1.5:.3f} stddev from the mean (> 2).")


for _op in ("random_uniform", "random_uniform_variable"):
    @cases(_op, "half_open", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        got = _draw(op, N_SHAPE, (0.0, 1.0), dt, seed=_seed(g))
        assert got.min() >= 0 and got.max() < np.asarray(1.0, dtype=dt), (
            f"K.{op}: samples must lie in [0, 1) in {dt}; got min {got.min()}, "
            f"max {got.max()}.")


@cases("random_binomial", "zeros_and_ones", FLOATS)
def _(g: Inputs, dt: str) -> None:
    got = _draw("random_binomial", N_SHAPE, (0.5,), dt, seed=_seed(g))
    assert set(np.unique(got).tolist()) == {0.0, 1.0}, "K.random_binomial: values not 0/1"


@cases("random_binomial", "p_edges", FLOATS)
def _(g: Inputs, dt: str) -> None:
    for p in (0.0, 1.0):
        got = _draw("random_binomial", (50, 40), (p,), dt, seed=_seed(g))
        assert (got == p).all(), f"K.random_binomial with p={p} gave a value != {p}"


@cases("random_binomial", "default_p", FLOATS)
def _(g: Inputs, dt: str) -> None:  # Keras 2.3's default p is 0.0
    got = K.to_numpy(K.random_binomial((10, 10), dtype=dt))
    assert (got == 0).all(), "K.random_binomial's default p=0.0 must give zeros"


# --- dropout ---------------------------------------------------------------------------

def _dropout(x: np.ndarray, level: float, **kwargs: Any) -> np.ndarray:
    got = K.to_numpy(K.dropout(K.convert_to_tensor(x), level, **kwargs))
    assert got.dtype == x.dtype and got.shape == x.shape, (
        f"K.dropout returned {got.dtype.name} {got.shape}; expected x's "
        f"{x.dtype.name} {x.shape}.")
    return got


def _check_dropout(x: np.ndarray, got: np.ndarray, level: float, keep_shape: Any) -> None:
    """Survivors are ``x / (1 - level)``, the keep mask is constant along broadcast
    axes, and the dropped fraction is within 5 standard errors of ``level``."""
    keep = got != 0
    dt = x.dtype.name
    rtol, atol = tolerance(dt)
    scaled = (x.astype(np.float64) / (1 - level)).astype(dt).astype(np.float64)
    np.testing.assert_allclose(got[keep].astype(np.float64), scaled[keep], rtol=rtol,
                               atol=atol, err_msg="K.dropout: kept entries must be "
                                                  "x / (1 - level)")
    lead = x.ndim - len(keep_shape)
    full = (1,) * lead + tuple(keep_shape)
    index = tuple(slice(0, 1) if d == 1 else slice(None) for d in full)
    mask = keep[index]
    assert (np.broadcast_to(mask, keep.shape) == keep).all(), (
        f"K.dropout: the keep mask is not constant along the axes where noise_shape "
        f"{tuple(keep_shape)} is 1.")
    n = mask.size
    dropped = 1.0 - mask.mean()
    se = np.sqrt(level * (1 - level) / n)
    assert abs(dropped - level) <= Z_LIMIT * se, (
        f"K.dropout: dropped fraction {dropped:.4f} over {n} draws is more than "
        f"{Z_LIMIT} standard errors from level={level}.")


_NOISE: dict[str, tuple[tuple[int, ...], Any, tuple[int, ...]]] = {
    "fraction": (N_SHAPE, None, N_SHAPE),
    "noise_shape": ((40, 50, 50), (40, 1, 50), (40, 1, 50)),
    "noise_shape_none": ((40, 50, 50), (None, 1, 50), (40, 1, 50)),
    "noise_shape_short": ((4, 50, 500), (1, 500), (1, 500)),
}

for _case, (_shape, _noise, _keep) in _NOISE.items():
    @cases("dropout", _case, FLOATS)
    def _(g: Inputs, dt: str, shape: Any = _shape, noise: Any = _noise,
          keep: Any = _keep) -> None:
        x = g.array(dt, shape, "positive")
        got = _dropout(x, 0.3, noise_shape=noise, seed=_seed(g))
        _check_dropout(x, got, 0.3, keep)


@cases("dropout", "level_zero", FLOATS)
def _(g: Inputs, dt: str) -> None:
    x = g.array(dt, (3, 4))
    np.testing.assert_array_equal(_dropout(x, 0.0, seed=_seed(g)), x)


@cases("dropout", "same_seed", FLOATS)
def _(g: Inputs, dt: str) -> None:
    x, seed = g.array(dt, (20, 30), "positive"), _seed(g)
    np.testing.assert_array_equal(_dropout(x, 0.5, seed=seed), _dropout(x, 0.5, seed=seed))


@cases("dropout", "other_seed", FLOATS)
def _(g: Inputs, dt: str) -> None:
    x, seed = g.array(dt, (20, 30), "positive"), _seed(g)
    assert not np.array_equal(_dropout(x, 0.5, seed=seed), _dropout(x, 0.5, seed=seed + 1))


@cases("dropout", "unseeded", FLOATS)
def _(g: Inputs, dt: str) -> None:
    x = g.array(dt, (20, 30), "positive")
    assert not np.array_equal(_dropout(x, 0.5), _dropout(x, 0.5))


# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)


@pytest.mark.parametrize("dtype", [d for d in FLOATS if d in declared_dtypes()])
def test_dropout_in_a_graph(dtype: str) -> None:
    """On a placeholder, each evaluation draws a fresh mask, and the gradient uses the
    mask of the same evaluation: d(sum(dropout(x)**2))/dx = 2 * out / (1 - level)."""
    x = K.placeholder(shape=(None, 40), dtype=dtype)
    out = K.dropout(x, 0.5, noise_shape=(None, 1))
    grad = K.gradients(K.sum(K.square(out)), [x])[0]
    f = K.function([x], [out, grad])
    value = ((np.arange(50 * 40) % 8 + 1) / 8).reshape(50, 40).astype(dtype)  # no zeros
    masks = []
    for _ in range(2):
        got, g = f([value])
        keep = got != 0
        rtol, atol = tolerance(dtype)
        np.testing.assert_allclose(g.astype(np.float64), 4 * got.astype(np.float64),
                                   rtol=rtol, atol=atol, err_msg="K.dropout's gradient "
                                   "must use the forward pass's mask")
        assert (keep == keep[:, :1]).all(), "noise_shape (None, 1): one draw per row"
        masks.append(keep[:, 0])
    assert not np.array_equal(*masks), "K.dropout in a graph drew the same mask twice"


# --- errors: the same class and message on every backend -------------------------------

def _x() -> Any:
    return K.convert_to_tensor(np.ones((3, 4), dtype=np.float32))


ERRORS: dict[str, tuple[Callable[[], Any], type[Exception], str]] = {
    "random_normal-negative_stddev": (
        lambda: K.random_normal((2,), stddev=-1.0), tensorplug.InvalidArgumentError,
        "stddev must be >= 0"),
    "random_normal-int_dtype": (
        lambda: K.random_normal((2,), dtype="int32"), tensorplug.InvalidArgumentError,
        "dtype must be a float dtype"),
    "random_normal-negative_seed": (
        lambda: K.random_normal((2,), seed=-1), tensorplug.InvalidArgumentError,
        "seed must be None or a non-negative int"),
    "random_normal-float_seed": (
        lambda: K.random_normal((2,), seed=1.5), tensorplug.InvalidArgumentError,
        "seed must be None or a non-negative int"),
    "random_normal-unknown_shape": (
        lambda: K.random_normal((None, 3)), tensorplug.InvalidArgumentError,
        "shape must be fully known"),
    "random_uniform-empty_range": (
        lambda: K.random_uniform((2,), 1.0, 1.0), tensorplug.InvalidArgumentError,
        "maxval must be greater than minval"),
    "random_uniform-negative_dim": (
        lambda: K.random_uniform((2, -1)), tensorplug.InvalidArgumentError,
        "negative dimension"),
    "random_binomial-p_above_one": (
        lambda: K.random_binomial((2,), 1.5), tensorplug.InvalidArgumentError,
        "p must be in [0, 1]"),
    "truncated_normal-tensor_mean": (
        lambda: K.truncated_normal((2,), mean="0"),  # type: ignore[arg-type]
        tensorplug.InvalidTypeError, "mean must be a Python number"),
    "random_uniform_variable-reversed": (
        lambda: K.random_uniform_variable((2,), 1.0, 0.0), tensorplug.InvalidArgumentError,
        "high must be greater than low"),
    "random_normal_variable-negative_scale": (
        lambda: K.random_normal_variable((2,), 0.0, -1.0), tensorplug.InvalidArgumentError,
        "scale must be >= 0"),
    "dropout-level_one": (
        lambda: K.dropout(_x(), 1.0), tensorplug.InvalidArgumentError,
        "level must be in [0, 1)"),
    "dropout-negative_level": (
        lambda: K.dropout(_x(), -0.1), tensorplug.InvalidArgumentError,
        "level must be in [0, 1)"),
    "dropout-bad_noise_shape": (
        lambda: K.dropout(_x(), 0.5, noise_shape=(3, 2)), tensorplug.IncompatibleShapesError,
        "does not broadcast"),
    "dropout-noise_shape_type": (
        lambda: K.dropout(_x(), 0.5, noise_shape="34"), tensorplug.InvalidTypeError,
        "noise_shape must be None or a tuple"),
    "dropout-int_x": (
        lambda: K.dropout(K.convert_to_tensor(np.ones((3, 4), dtype=np.int32)), 0.5),
        tensorplug.InvalidArgumentError, "x must be a float tensor"),
}


@pytest.mark.parametrize("key", sorted(ERRORS))
def test_errors(key: str) -> None:
    call, cls, fragment = ERRORS[key]
    with pytest.raises(cls) as info:
        call()
    assert fragment in str(info.value), f"{key}: message {str(info.value)!r} lacks {fragment!r}"


# -- random draws with a symbolic shape (graphs) ---------------------------------------

GRAPH_OPS: dict[str, tuple[float, ...]] = {
    "random_normal": (1.5, 2.0), "random_uniform": (-1.0, 3.0),
    "random_binomial": (0.3,), "truncated_normal": (-0.5, 1.5),
}


@pytest.mark.parametrize("op", sorted(GRAPH_OPS))
def test_symbolic_shape_draws_at_every_evaluation(op: str) -> None:
    """``K.random_normal((K.shape(x)[0], 3))``: a graph node with static shape
    (None, 3), drawn when the graph runs, with that run's batch size, anew each run."""
    x = K.placeholder(shape=(None, 2))
    dt = K.floatx()
    draw = getattr(K, op)((K.shape(x)[0], 3), *GRAPH_OPS[op], dtype=dt)
    assert K.int_shape(draw) == (None, 3) and K.dtype(draw) == dt
    whole = getattr(K, op)(K.shape(x), *GRAPH_OPS[op], dtype=dt)
    assert K.int_shape(whole) == (None, None)
    f = K.function([x], [draw, whole])
    small, small_whole = f([np.zeros((4, 2), dt)])
    big, big_whole = f([np.zeros((6, 2), dt)])
    assert small.shape == (4, 3) and big.shape == (6, 3)
    assert small_whole.shape == (4, 2) and big_whole.shape == (6, 2)
    again, _ = f([np.zeros((4, 2), dt)])
    assert not np.array_equal(small, again), f"K.{op} in a graph must draw at each run"
    low, high = {"random_uniform": (-1.0, 3.0), "random_binomial": (0.0, 1.0)}.get(
        op, (-np.inf, np.inf))
    assert np.all((big >= low) & (big <= high))


def test_seeded_symbolic_draw_repeats_run_to_run_and_differs_step_to_step() -> None:
    def build() -> Any:
        x = K.placeholder(shape=(None, 3))
        return K.function([x], [K.random_normal(K.shape(x), seed=7)])

    feed = [np.zeros((2, 3), K.floatx())]
    first, second = build(), build()
    a1, a2 = first(feed)[0], first(feed)[0]
    b1, b2 = second(feed)[0], second(feed)[0]
    assert not np.array_equal(a1, a2)  # a new draw per evaluation
    np.testing.assert_array_equal(a1, b1)  # the same sequence for the same seed
    np.testing.assert_array_equal(a2, b2)


def test_gradient_flows_around_a_symbolic_draw() -> None:
    """The reparameterisation trick: d/dx sum(x * eps) is eps, the draw of that run."""
    x = K.placeholder(shape=(None, 2), dtype="float64")
    eps = K.random_normal((K.shape(x)[0], 2), dtype="float64")
    grad = K.gradients(K.sum(x * eps), [x])[0]
    g, e = K.function([x], [grad, eps])([np.ones((3, 2))])
    np.testing.assert_array_equal(g, e)


@pytest.mark.parametrize("shape, words", [
    (lambda x: (K.shape(x)[0], -1), "non-negative"),
    (lambda x: (K.shape(x)[0], 2.5), "non-negative"),
    (lambda x: K.cast(K.shape(x), "float32"), "1-D integer"),
    (lambda x: (K.cast(K.shape(x)[0], "float32"), 2), "integer"),
    (lambda x: (K.shape(x), 2), "0-d integer"),
])
def test_bad_symbolic_shapes_are_refused(shape: Callable[[Any], Any], words: str) -> None:
    x = K.placeholder(shape=(None, 2))
    with pytest.raises(ValueError, match=words):
        K.random_normal(shape(x))
