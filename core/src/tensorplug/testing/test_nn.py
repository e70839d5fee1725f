"""Values: activations, normalisation and losses (``hookspecs.nn``; dropout: test_random).

References are in ``_reference_nn`` (plain NumPy loops and formulas). Edge cases from
Keras 2.3's semantics: probabilities rescaled then clipped to [eps, 1 - eps], integer
targets with a trailing 1, TensorFlow's tie rule for in_top_k, l2_normalize of zeros,
1-D statistics along ``axis``, Keras's full-bias layout for channels_first.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
import pytest

from tensorplug import backend as K

from . import _nep50 as nep50
from . import _reference_nn as ref
from ._cases import FLOAT_FN, FLOATS, Case, Cases, check_case, declared_dtypes
from ._check import assert_result, check_op, to_backend
from ._gradcheck import check_grad
from ._inputs import Inputs

cases = Cases()
INDEX = ("int32", "int64")


def _index_dtype() -> str:
    return next(d for d in ("int64", "int32") if d in declared_dtypes())


def probabilities(g: Inputs, dt: str, shape: tuple[int, ...], axis: int = -1) -> Any:
    """Rows summing to about 1 along ``axis``, entries away from 0 and 1."""
    p = g.rng.uniform(0.1, 1.0, shape)
    p = p / p.sum(axis=axis, keepdims=True)
    return p.astype(dt)


# --- element-wise activations ----------------------------------------------------------

for _op in ("elu", "softsign", "hard_sigmoid"):
    @cases(_op, "basic", FLOAT_FN)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        check_op(op, g.array(dt, (3, 4), "small"), want=nep50.FLOAT_FUNCTION[dt],
                 ref=getattr(ref, op))

    @cases(_op, "0d", FLOATS)
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        check_op(op, np.asarray(-0.75, dt), want=dt, ref=getattr(ref, op))

    @cases(_op, "large", FLOATS)  # saturating tails, no overflow
    def _(g: Inputs, dt: str, op: str = _op) -> None:
        big = {"float16": 60.0, "float32": 100.0, "float64": 800.0}[dt]
        x = np.array([-big, -big / 2, -2.5, -1.0, 0.0, 1.0, 2.5, big / 2, big], dtype=dt)
        check_op(op, x, want=dt, ref=getattr(ref, op))


@cases("elu", "alpha", FLOATS)
def _(g: Inputs, dt: str) -> None:
    check_op("elu", g.array(dt, (4, 5), "small"), 0.3, want=dt, ref=ref.elu)


@cases("elu", "alpha_keyword_int", FLOATS)
def _(g: Inputs, dt: str) -> None:
    check_op("elu", g.array(dt, (6,), "small"), want=dt, ref=ref.elu, alpha=2)


# --- l2_normalize ----------------------------------------------------------------------

_L2: dict[str, tuple[tuple[int, ...], dict[str, Any]]] = {
    "all_axes": ((3, 4), {}),
    "axis1": ((3, 4), {"axis": 1}),
    "axis0": ((3, 4), {"axis": 0}),
    "axis_neg1_3d": ((2, 3, 4), {"axis": -1}),
    "axis_list": ((2, 3, 4), {"axis": [0, 2]}),
    "1d": ((5,), {"axis": 0}),
}

for _case, (_shape, _kw) in _L2.items():
    @cases("l2_normalize", _case, FLOAT_FN)
    def _(g: Inputs, dt: str, shape: Any = _shape, kw: Any = _kw) -> None:
        check_op("l2_normalize", g.array(dt, shape), want=nep50.FLOAT_FUNCTION[dt],
                 ref=ref.l2_normalize, **kw)


@cases("l2_normalize", "zero_row_uses_epsilon", FLOATS)
def _(g: Inputs, dt: str) -> None:
    x = g.array(dt, (3, 4))
    x[1] = 0
    x[2] = np.asarray(1e-4, dt)  # sum of squares below epsilon: divided by sqrt(eps)
    check_op("l2_normalize", x, want=dt, ref=ref.l2_normalize, axis=1)


# --- in_top_k --------------------------------------------------------------------------

def _top_k(g: Inputs, dt: str, predictions: Any, k: int, targets: Any = None) -> None:
    if targets is None:
        targets = g.indices(_index_dtype(), predictions.shape[:1], predictions.shape[1])
    check_op("in_top_k", predictions, targets, k, want="bool", ref=ref.in_top_k)


for _k in (1, 2, 5):
    @cases("in_top_k", f"k{_k}", FLOATS)
    def _(g: Inputs, dt: str, k: int = _k) -> None:
        _top_k(g, dt, g.array(dt, (6, 5)), k)


for _k in (1, 2, 3):  # ties at the k-th value count as in
    @cases("in_top_k", f"ties_k{_k}", FLOATS)
    def _(g: Inputs, dt: str, k: int = _k) -> None:
        _top_k(g, dt, g.array(dt, (8, 5), "ties"), k)


@cases("in_top_k", "all_equal", FLOATS)
def _(g: Inputs, dt: str) -> None:
    _top_k(g, dt, np.ones((3, 4), dt), 1)


@cases("in_top_k", "k_above_classes", FLOATS)
def _(g: Inputs, dt: str) -> None:
    _top_k(g, dt, g.array(dt, (4, 3)), 7)


@cases("in_top_k", "targets_dtype", INDEX)  # dtype: the targets'
def _(g: Inputs, dt: str) -> None:
    _top_k(g, dt, g.array("float32", (5, 4)), 2, g.indices(dt, (5,), 4))


@cases("in_top_k", "out_of_range_and_non_finite", FLOATS)
def _(g: Inputs, dt: str) -> None:
    p = g.array(dt, (5, 4))
    p[2, 1], p[3, 0], p[4, 3] = np.inf, np.nan, -np.inf
    targets = np.array([4, -1, 1, 0, 3], dtype=_index_dtype())
    _top_k(g, dt, p, 2, targets)


# --- bias_add --------------------------------------------------------------------------

def _bias_cases() -> dict[str, tuple[tuple[int, ...], tuple[int, ...], str | None]]:
    out: dict[str, tuple[tuple[int, ...], tuple[int, ...], str | None]] = {
        "2d": ((3, 4), (4,), None), "2d_channels_first_ignored": ((3, 4), (4,),
                                                                  "channels_first"),
        "6d_last_axis": ((2, 1, 2, 1, 2, 3), (3,), "channels_first"),
    }
    for rank in (3, 4, 5):
        xs = (2, 3, 4, 5, 2)[:rank]
        out[f"{rank}d_last"] = (xs, (xs[-1],), "channels_last")
        out[f"{rank}d_first"] = (xs, (xs[1],), "channels_first")
        out[f"{rank}d_full_last"] = (xs, xs[1:], "channels_last")
        out[f"{rank}d_full_first"] = (xs, (*xs[2:], xs[1]), "channels_first")
    return out


for _case, (_xs, _bs, _fmt) in _bias_cases().items():
    @cases("bias_add", _case, FLOATS)
    def _(g: Inputs, dt: str, xs: Any = _xs, bs: Any = _bs, fmt: Any = _fmt) -> None:
        check_op("bias_add", g.array(dt, xs), g.array(dt, bs), want=dt, ref=ref.bias_add,
                 data_format=fmt)


@cases("bias_add", "default_format_is_image_data_format", FLOATS)
def _(g: Inputs, dt: str) -> None:
    old = K.image_data_format()
    K.set_image_data_format("channels_first")
    try:
        x, b = g.array(dt, (2, 3, 4)), g.array(dt, (3,))
        check_op("bias_add", x, b, want=dt,
                 ref=lambda x, b: ref.bias_add(x, b, "channels_first"))
    finally:
        K.set_image_data_format(old)


# --- cross-entropies -------------------------------------------------------------------

def _one_hot(g: Inputs, dt: str, shape: tuple[int, ...], axis: int = -1) -> Any:
    labels = g.rng.integers(0, shape[axis], tuple(np.delete(shape, axis % len(shape))))
    return np.moveaxis(np.eye(shape[axis])[labels], -1, axis).astype(dt)


_CCE: dict[str, tuple[tuple[int, ...], dict[str, Any]]] = {
    "default": ((4, 5), {}),
    "axis0": ((5, 4), {"axis": 0}),
    "axis1_3d": ((2, 5, 3), {"axis": 1}),
    "3d_last": ((2, 3, 5), {}),
}

for _case, (_shape, _kw) in _CCE.items():
    @cases("categorical_crossentropy", _case, FLOATS)
    def _(g: Inputs, dt: str, shape: Any = _shape, kw: Any = _kw) -> None:
        axis = kw.get("axis", -1)
        check_op("categorical_crossentropy", _one_hot(g, dt, shape, axis),
                 probabilities(g, dt, shape, axis), want=dt, ref=ref.categorical_crossentropy,
                 **kw)

    @cases("categorical_crossentropy", f"{_case}_from_logits", FLOATS)
    def _(g: Inputs, dt: str, shape: Any = _shape, kw: Any = _kw) -> None:
        axis = kw.get("axis", -1)
        check_op("categorical_crossentropy", _one_hot(g, dt, shape, axis),
                 g.array(dt, shape, "small"), want=dt, ref=ref.categorical_crossentropy,
                 from_logits=True, **kw)


@cases("categorical_crossentropy", "soft_targets_unnormalised_output", FLOATS)
def _(g: Inputs, dt: str) -> None:  # output rescaled to sum 1 first
    check_op("categorical_crossentropy", probabilities(g, dt, (3, 4)),
             g.array(dt, (3, 4), "positive"), want=dt, ref=ref.categorical_crossentropy)


@cases("categorical_crossentropy", "zero_probability_clipped", ("float32", "float64"))
def _(g: Inputs, dt: str) -> None:  # -log(eps), not inf
    output = np.array([[0.0, 0.5, 0.5], [1.0, 0.0, 0.0]], dt)
    target = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], dt)
    check_op("categorical_crossentropy", target, output, want=dt,
             ref=ref.categorical_crossentropy)


@cases("categorical_crossentropy", "int_target", FLOATS)
def _(g: Inputs, dt: str) -> None:  # targets take the output's dtype
    t = _one_hot(g, _index_dtype(), (3, 4))
    check_op("categorical_crossentropy", t, probabilities(g, dt, (3, 4)), want=dt,
             ref=ref.categorical_crossentropy)


_SCCE: dict[str, tuple[tuple[int, ...], tuple[int, ...], dict[str, Any]]] = {
    "default": ((4, 5), (4,), {}),
    "trailing_one": ((4, 5), (4, 1), {}),
    "3d": ((2, 3, 5), (2, 3), {}),
    "axis1": ((2, 5, 3), (2, 3), {"axis": 1}),
    "axis0": ((5, 4), (4,), {"axis": 0}),
}

for _case, (_shape, _tshape, _kw) in _SCCE.items():
    for _logits in (False, True):
        @cases("sparse_categorical_crossentropy", _case + ("_from_logits" if _logits else ""),
               FLOATS)
        def _(g: Inputs, dt: str, shape: Any = _shape, tshape: Any = _tshape,
              kw: Any = _kw, logits: bool = _logits) -> None:
            axis = kw.get("axis", -1)
            target = g.indices(_index_dtype(), tshape, shape[axis])
            output = g.array(dt, shape, "small") if logits else \
                probabilities(g, dt, shape, axis)
            check_op("sparse_categorical_crossentropy", target, output, want=dt,
                     ref=ref.sparse_categorical_crossentropy, from_logits=logits, **kw)


@cases("sparse_categorical_crossentropy", "target_dtype", INDEX)  # dtype: the targets'
def _(g: Inputs, dt: str) -> None:
    check_op("sparse_categorical_crossentropy", g.indices(dt, (4,), 3),
             probabilities(g, "float32", (4, 3)), want="float32",
             ref=ref.sparse_categorical_crossentropy)


@cases("sparse_categorical_crossentropy", "float_target", FLOATS)
def _(g: Inputs, dt: str) -> None:  # Keras casts the targets to int64
    check_op("sparse_categorical_crossentropy", g.indices("float32", (4,), 3),
             probabilities(g, dt, (4, 3)), want=dt, ref=ref.sparse_categorical_crossentropy)


@cases("sparse_categorical_crossentropy", "zero_probability_clipped", ("float32", "float64"))
def _(g: Inputs, dt: str) -> None:
    output = np.array([[0.0, 0.5, 0.5], [1.0, 0.0, 0.0]], dt)
    check_op("sparse_categorical_crossentropy", np.array([0, 2], _index_dtype()), output,
             want=dt, ref=ref.sparse_categorical_crossentropy)


@cases("sparse_categorical_crossentropy", "out_of_range_is_nan", FLOATS)
def _(g: Inputs, dt: str) -> None:
    check_op("sparse_categorical_crossentropy", np.array([0, 3, -1], _index_dtype()),
             probabilities(g, dt, (3, 3)), want=dt, ref=ref.sparse_categorical_crossentropy)


_BCE: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "same_shape": ((3, 4), (3, 4)), "broadcast_target": ((4,), (3, 4)), "1d": ((5,), (5,)),
}

for _case, (_ts, _os) in _BCE.items():
    @cases("binary_crossentropy", _case, FLOATS)
    def _(g: Inputs, dt: str, ts: Any = _ts, os_: Any = _os) -> None:
        check_op("binary_crossentropy", g.rng.uniform(0, 1, ts).astype(dt),
                 g.rng.uniform(0.05, 0.95, os_).astype(dt), want=dt,
                 ref=ref.binary_crossentropy)

    @cases("binary_crossentropy", f"{_case}_from_logits", FLOATS)
    def _(g: Inputs, dt: str, ts: Any = _ts, os_: Any = _os) -> None:
        check_op("binary_crossentropy", g.rng.uniform(0, 1, ts).astype(dt),
                 g.array(dt, os_, "small"), want=dt, ref=ref.binary_crossentropy,
                 from_logits=True)


@cases("binary_crossentropy", "zero_and_one_clipped", ("float32", "float64"))
def _(g: Inputs, dt: str) -> None:
    check_op("binary_crossentropy", np.array([1, 0, 1, 0], dt), np.array([0, 1, 1, 0], dt),
             want=dt, ref=lambda t, o: ref.binary_crossentropy(t, o, dtype=dt))


@cases("binary_crossentropy", "large_logits", ("float32", "float64"))
def _(g: Inputs, dt: str) -> None:
    check_op("binary_crossentropy", np.array([1, 0, 1, 0, 0.5], dt),
             np.array([-80, 80, 80, -80, 30], dt), want=dt, ref=ref.binary_crossentropy,
             from_logits=True)


# --- batch_normalization ---------------------------------------------------------------

def _stats(g: Inputs, dt: str, shape: tuple[int, ...]) -> tuple[Any, ...]:
    return (g.array(dt, shape), g.array(dt, shape, "positive"), g.array(dt, shape),
            g.array(dt, shape, "positive"))


_BN: dict[str, tuple[tuple[int, ...], tuple[int, ...], dict[str, Any]]] = {
    "last_axis_1d": ((4, 3), (3,), {}),
    "axis1_4d": ((2, 3, 2, 2), (3,), {"axis": 1}),
    "axis_neg3_4d": ((2, 3, 2, 2), (3,), {"axis": -3}),
    "axis1_3d": ((2, 3, 4), (3,), {"axis": 1}),
    "keepdims_stats": ((2, 3, 2, 2), (1, 3, 1, 1), {"axis": 1}),
    "full_stats": ((2, 3), (2, 3), {}),
    "epsilon": ((4, 3), (3,), {"epsilon": 0.5}),
    "1d_x": ((5,), (5,), {"axis": 0}),
}

for _case, (_xs, _ss, _kw) in _BN.items():
    @cases("batch_normalization", _case, FLOATS)
    def _(g: Inputs, dt: str, xs: Any = _xs, ss: Any = _ss, kw: Any = _kw) -> None:
        check_op("batch_normalization", g.array(dt, xs), *_stats(g, dt, ss), want=dt,
                 ref=ref.batch_normalization, **kw)


@cases("batch_normalization", "no_beta_gamma", FLOATS)
def _(g: Inputs, dt: str) -> None:
    mean, var, _, _ = _stats(g, dt, (3,))
    check_op("batch_normalization", g.array(dt, (2, 3, 2)), mean, var, None, None, want=dt,
             ref=ref.batch_normalization, axis=1)


@cases("batch_normalization", "int_inputs", INDEX)  # float64, as a division of ints
def _(g: Inputs, dt: str) -> None:
    x, mean, var = g.array(dt, (3, 4)), g.array(dt, (4,)), g.array(dt, (4,), "positive")
    check_op("batch_normalization", x, mean, var, None, None, want="float64",
             ref=ref.batch_normalization)


@cases("batch_normalization", "only_gamma", FLOATS)
def _(g: Inputs, dt: str) -> None:
    mean, var, _, gamma = _stats(g, dt, (4,))
    check_op("batch_normalization", g.array(dt, (3, 4)), mean, var, None, gamma, want=dt,
             ref=ref.batch_normalization)


# --- normalize_batch_in_training: (normalized, mean, variance) -------------------------

def check_normalize(g: Inputs, dt: str, shape: tuple[int, ...], axes: Any,
                    affine: bool = True, traced: bool = False, **kw: Any) -> None:
    """Eagerly; or (``traced``) on placeholders, evaluated by K.function."""
    x = g.array(dt, shape)
    kept = tuple(d for i, d in enumerate(shape) if i not in {a % len(shape) for a in axes})
    gamma = g.array(dt, kept, "positive") if affine else None
    beta = g.array(dt, kept) if affine else None
    want = ref.normalize_batch_in_training(
        x.astype(np.float64), None if gamma is None else gamma.astype(np.float64),
        None if beta is None else beta.astype(np.float64), axes, **kw)
    if traced:
        sx = K.placeholder(shape=x.shape, dtype=dt)
        sg = None if gamma is None else K.placeholder(shape=gamma.shape, dtype=dt)
        sb = None if beta is None else K.placeholder(shape=beta.shape, dtype=dt)
        out = K.normalize_batch_in_training(sx, sg, sb, axes, **kw)
        feeds = [(s, a) for s, a in ((sx, x), (sg, gamma), (sb, beta)) if s is not None]
        got = K.function([s for s, _ in feeds], list(out))([a for _, a in feeds])
    else:
        out = K.normalize_batch_in_training(to_backend(x), to_backend(gamma),
                                            to_backend(beta), axes, **kw)
        assert isinstance(out, tuple) and len(out) == 3, f"returned {type(out).__name__}"
        got = [K.to_numpy(o) for o in out]
    for name, value, exp in zip(("normalized", "mean", "variance"), got, want):
        assert_result(f"normalize_batch_in_training ({name})", value, exp, dt)


_NBT: dict[str, tuple[tuple[int, ...], Any]] = {
    "2d_axis0": ((5, 3), [0]),
    "3d_all_but_last": ((2, 3, 4), [0, 1]),
    "4d_nhwc": ((2, 3, 2, 4), [0, 1, 2]),
    "4d_nchw": ((2, 3, 2, 2), [0, 2, 3]),
    "broadcast_middle_axis": ((3, 4, 2), [1]),
    "negative_axes": ((3, 2, 4), (-3, -2)),
}

for _case, (_shape, _axes) in _NBT.items():
    @cases("normalize_batch_in_training", _case, FLOATS)
    def _(g: Inputs, dt: str, shape: Any = _shape, axes: Any = _axes) -> None:
        check_normalize(g, dt, shape, axes)


@cases("normalize_batch_in_training", "no_gamma_beta", FLOATS)
def _(g: Inputs, dt: str) -> None:
    check_normalize(g, dt, (4, 3), [0], affine=False)


@cases("normalize_batch_in_training", "all_axes_epsilon", FLOATS)
def _(g: Inputs, dt: str) -> None:
    check_normalize(g, dt, (2, 3, 2), [0, 1, 2], affine=False, epsilon=0.25)


@pytest.mark.parametrize("case", ["2d_axis0", "4d_nchw", "broadcast_middle_axis"])
def test_graph_normalize_batch_in_training(case: str) -> None:
    """Three outputs on placeholders (composed of single-output ops), via K.function."""
    dt = next(d for d in ("float32", "float64") if d in declared_dtypes())
    shape, axes = _NBT[case]
    check_normalize(Inputs(f"graph-{case}"), dt, shape, axes, traced=True)


# --- gradients: K.gradients against finite differences (float64) -----------------------

def _probs(rng: np.random.Generator, *shape: int) -> Any:
    p = rng.uniform(0.1, 1.0, shape)
    return p / p.sum(axis=-1, keepdims=True)


def _signed(rng: np.random.Generator, *shape: int) -> Any:  # away from kinks at 0
    return rng.uniform(0.2, 2.0, shape) * rng.choice([-1.0, 1.0], shape)


_LABELS = np.array([0, 2, 1])
GRADS: dict[str, tuple[Any, Any, tuple[int, ...], bool]] = {
    "elu-alpha": (lambda x: K.elu(x, 0.7), lambda r: [_signed(r, 2, 3)], (0,), True),
    "softsign-basic": (K.softsign, lambda r: [r.standard_normal((2, 3))], (0,), True),
    "hard_sigmoid-inside": (K.hard_sigmoid, lambda r: [r.uniform(-2, 2, (2, 3))], (0,), False),
    "l2_normalize-axis1": (lambda x: K.l2_normalize(x, 1),
                           lambda r: [r.standard_normal((2, 3))], (0,), True),
    "bias_add-channels_first": (lambda x, b: K.bias_add(x, b, "channels_first"),
                                lambda r: [r.standard_normal((2, 3, 4)), r.standard_normal(3)],
                                (0, 1), False),
    "categorical_crossentropy-probabilities": (
        K.categorical_crossentropy, lambda r: [np.eye(4)[[0, 2, 3]], _probs(r, 3, 4)], (1,),
        False),
    "categorical_crossentropy-from_logits": (
        lambda t, o: K.categorical_crossentropy(t, o, from_logits=True),
        lambda r: [_probs(r, 3, 4), r.standard_normal((3, 4))], (0, 1), True),
    "sparse_categorical_crossentropy-probabilities": (
        lambda o: K.sparse_categorical_crossentropy(K.constant(_LABELS), o),
        lambda r: [_probs(r, 3, 4)], (0,), False),
    "sparse_categorical_crossentropy-from_logits_axis0": (
        lambda o: K.sparse_categorical_crossentropy(K.constant(_LABELS), o, True, 0),
        lambda r: [r.standard_normal((4, 3))], (0,), True),
    "binary_crossentropy-probabilities": (
        K.binary_crossentropy, lambda r: [r.uniform(0, 1, (2, 3)), r.uniform(0.1, 0.9, (2, 3))],
        (0, 1), True),
    "binary_crossentropy-from_logits": (
        lambda t, o: K.binary_crossentropy(t, o, from_logits=True),
        lambda r: [r.uniform(0, 1, (2, 3)), r.standard_normal((2, 3))], (0, 1), True),
    "batch_normalization-axis1": (
        lambda x, m, v, b, g: K.batch_normalization(x, m, v, b, g, axis=1),
        lambda r: [r.standard_normal((2, 3, 2)), r.standard_normal(3), r.uniform(0.5, 2, 3),
                   r.standard_normal(3), r.standard_normal(3)], (0, 1, 2, 3, 4), False),
    "normalize_batch_in_training-normalized": (
        lambda x, g, b: K.normalize_batch_in_training(x, g, b, [0])[0],
        lambda r: [r.standard_normal((4, 3)), r.standard_normal(3), r.standard_normal(3)],
        (0, 1, 2), False),
    "normalize_batch_in_training-variance": (
        lambda x: K.normalize_batch_in_training(x, None, None, [0, 2])[2],
        lambda r: [r.standard_normal((4, 3, 2))], (0,), False),
}


@pytest.mark.grads
@pytest.mark.parametrize("name", list(GRADS))
def test_grads_nn(name: str) -> None:
    """Through each op's generic implementation (no VJP rules of their own)."""
    op, make, wrt, second = GRADS[name]
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    check_grad(op, make(rng), wrt, rng, second_order=second)


# --- errors: the same class and message on every backend -------------------------------

# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)
