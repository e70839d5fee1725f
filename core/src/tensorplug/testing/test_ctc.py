"""Values: connectionist temporal classification (``hookspecs.ctc``; blank = last class).

The loss and beam search are checked against brute-force enumeration of every
alignment (``_reference_nn``) on tiny inputs, the loss also against the textbook
forward recursion on a longer one; golden cases are Keras 2.3's own backend tests
(TensorFlow's numbers), including the narrow beam whose pruning they exercise.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
import pytest

import tensorplug
from tensorplug import backend as K

from . import _reference_nn as ref
from ._cases import FLOATS, Case, Cases, check_case, declared_dtypes
from ._check import assert_result, check_op, to_backend
from ._gradcheck import check_grad
from ._inputs import Inputs

cases = Cases()
INDEX = ("int32", "int64")


def _int() -> str:
    return next(d for d in ("int32", "int64") if d in declared_dtypes())


def softmax_rows(g: Inputs, dt: str, shape: tuple[int, ...], peaked: float = 2.0) -> Any:
    """Random per-step class probabilities (each row sums to 1)."""
    logits = g.rng.normal(0.0, peaked, shape)
    e = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return (e / e.sum(axis=-1, keepdims=True)).astype(dt)


def column(values: list[int], dtype: str | None = None) -> Any:
    return np.array(values, dtype=dtype or _int()).reshape(-1, 1)


# --- ctc_label_dense_to_sparse ---------------------------------------------------------

def check_sparse(labels: Any, lengths: Any) -> None:
    got = K.ctc_label_dense_to_sparse(to_backend(labels), to_backend(lengths))
    assert isinstance(got, tuple) and len(got) == 3, f"returned {type(got).__name__}"
    want = ref.ctc_label_dense_to_sparse(labels, lengths)
    fields = ("indices", "values", "dense_shape")
    for name, exp, dt in zip(fields, want, ("int64", "int32", "int64")):
        out = getattr(got, name)  # a SparseLabels named triple
        assert_result(f"ctc_label_dense_to_sparse ({name})", K.to_numpy(out), exp, dt)


@cases("ctc_label_dense_to_sparse", "basic", INDEX)  # dtype: the labels'
def _(g: Inputs, dt: str) -> None:
    check_sparse(g.indices(dt, (3, 5), 4), np.array([5, 2, 3], dtype=_int()))


@cases("ctc_label_dense_to_sparse", "padding_ignored", INDEX)
def _(g: Inputs, dt: str) -> None:
    labels = np.array([[0, 1, 2, -1], [3, -1, -1, -1]], dtype=dt)
    check_sparse(labels, np.array([3, 1], dtype=_int()))


@cases("ctc_label_dense_to_sparse", "empty_and_column_lengths", INDEX)
def _(g: Inputs, dt: str) -> None:  # a zero length keeps nothing; (batch, 1) lengths
    check_sparse(g.indices(dt, (3, 2), 4), column([0, 2, 0]))


@cases("ctc_label_dense_to_sparse", "all_empty", INDEX)
def _(g: Inputs, dt: str) -> None:
    check_sparse(g.indices(dt, (2, 3), 4), np.array([0, 0], dtype=_int()))


# --- ctc_batch_cost: brute force on tiny inputs ----------------------------------------

def _cost(g: Inputs, dt: str, batch: int, steps: int, classes: int, labels: Any,
          input_lengths: list[int], label_lengths: list[int], forward: bool = False) -> None:
    y = softmax_rows(g, dt, (batch, steps, classes))
    check_op("ctc_batch_cost", np.asarray(labels, dtype=_int()), y, column(input_lengths),
             column(label_lengths), want=dt,
             ref=ref.ctc_cost_forward if forward else ref.ctc_batch_cost)


@cases("ctc_batch_cost", "full_lengths", FLOATS)
def _(g: Inputs, dt: str) -> None:
    _cost(g, dt, 2, 4, 3, [[0, 1], [1, 0]], [4, 4], [2, 2])


@cases("ctc_batch_cost", "repeated_label", FLOATS)
def _(g: Inputs, dt: str) -> None:  # "a a" needs a blank between the two
    _cost(g, dt, 2, 5, 3, [[1, 1], [0, 0]], [5, 3], [2, 2])


@cases("ctc_batch_cost", "shorter_lengths_and_padding", FLOATS)
def _(g: Inputs, dt: str) -> None:
    _cost(g, dt, 3, 5, 4, [[2, -1, -1], [0, 1, 2], [1, 2, -1]], [3, 5, 4], [1, 3, 2])


@cases("ctc_batch_cost", "empty_label", FLOATS)
def _(g: Inputs, dt: str) -> None:  # -log P(all blanks)
    _cost(g, dt, 2, 4, 3, [[0, 1], [1, 1]], [4, 2], [0, 0])


@cases("ctc_batch_cost", "single_step", FLOATS)
def _(g: Inputs, dt: str) -> None:
    _cost(g, dt, 2, 1, 3, [[1], [0]], [1, 1], [1, 0])


@cases("ctc_batch_cost", "longer_forward", ("float32", "float64"))
def _(g: Inputs, dt: str) -> None:  # checked against the probability-space recursion
    labels = [[0, 1, 1, 3], [2, 2, 0, -1], [4, 0, -1, -1]]
    _cost(g, dt, 3, 12, 6, labels, [12, 9, 7], [4, 3, 2], forward=True)


@cases("ctc_batch_cost", "impossible_is_inf", ("float32", "float64"))
def _(g: Inputs, dt: str) -> None:  # "a a" in two steps: no alignment, cost +inf
    y = softmax_rows(g, dt, (1, 2, 3))
    check_op("ctc_batch_cost", np.array([[1, 1]], _int()), y, column([2]), column([2]),
             want=dt, ref=lambda *a: np.array([[np.inf]]))


@cases("ctc_batch_cost", "lengths_1d", FLOATS)
def _(g: Inputs, dt: str) -> None:  # (batch,) lengths are accepted too
    y = softmax_rows(g, dt, (2, 3, 3))
    check_op("ctc_batch_cost", np.array([[0], [1]], _int()), y, np.array([3, 2], _int()),
             np.array([1, 1], _int()), want=dt, ref=ref.ctc_batch_cost)


# --- ctc_decode ------------------------------------------------------------------------

def check_decode(y: Any, lengths: Any, want_paths: list[list[list[int]]], want_scores: Any,
                 dt: str, **kw: Any) -> None:
    decoded, log_prob = K.ctc_decode(to_backend(y), to_backend(lengths), **kw)
    assert isinstance(decoded, list) and len(decoded) == len(want_paths), (
        f"K.ctc_decode returned {len(decoded)} decoded tensors; expected {len(want_paths)}.")
    for k, paths in enumerate(want_paths):
        assert_result(f"ctc_decode (decoded[{k}])", K.to_numpy(decoded[k]), ref.pad(paths),
                      "int64")
    assert_result("ctc_decode (log_prob)", K.to_numpy(log_prob), want_scores, dt)


def _greedy(g: Inputs, dt: str, y: Any, lengths: list[int]) -> None:
    paths, scores = ref.ctc_greedy(y, lengths)
    check_decode(y, np.array(lengths, _int()), [paths], scores, dt)


@cases("ctc_decode", "greedy", FLOATS)
def _(g: Inputs, dt: str) -> None:
    _greedy(g, dt, softmax_rows(g, dt, (4, 7, 4), peaked=1.0), [7, 5, 1, 6])


@cases("ctc_decode", "greedy_repeats_and_ties", FLOATS)
def _(g: Inputs, dt: str) -> None:  # first maximum wins; a a merges, a - a does not
    y = np.array([[[0.5, 0.5, 0.0], [0.5, 0.2, 0.3], [0.1, 0.1, 0.8], [0.6, 0.2, 0.2],
                   [0.25, 0.25, 0.5]]], dtype=dt)
    _greedy(g, dt, y, [5])


@cases("ctc_decode", "greedy_zero_length", FLOATS)
def _(g: Inputs, dt: str) -> None:  # nothing decoded: (batch, 0), score 0
    _greedy(g, dt, softmax_rows(g, dt, (2, 3, 3)), [0, 0])


def _beam(g: Inputs, dt: str, y: Any, lengths: list[int], top_paths: int, **kw: Any) -> None:
    paths, scores = ref.ctc_beam_exact(y, lengths, top_paths)
    if kw.get("merge_repeated"):
        paths = [[[c for i, c in enumerate(p) if i == 0 or c != p[i - 1]] for p in group]
                 for group in paths]
    check_decode(y, np.array(lengths, _int()), paths, scores, dt, greedy=False,
                 top_paths=top_paths, **kw)


@cases("ctc_decode", "beam_exact_brute_force", FLOATS)
def _(g: Inputs, dt: str) -> None:  # 31 prefixes fit a beam of 100: the search is exact
    _beam(g, dt, softmax_rows(g, dt, (3, 4, 3), peaked=0.7), [4, 3, 4], 3)


@cases("ctc_decode", "beam_exact_four_classes", FLOATS)
def _(g: Inputs, dt: str) -> None:  # 40 prefixes, beam of 40
    _beam(g, dt, softmax_rows(g, dt, (2, 3, 4), peaked=0.7), [3, 2], 4, beam_width=40)


@cases("ctc_decode", "beam_merge_repeated", ("float32", "float64"))
def _(g: Inputs, dt: str) -> None:  # merged output of the same top prefixes
    y = softmax_rows(g, dt, (2, 4, 3), peaked=0.7)
    y[:, 1::2, -1] += 2.0  # blanks between repeats make "a a" likely
    y /= y.sum(axis=-1, keepdims=True)
    _beam(g, dt, y, [4, 4], 2, merge_repeated=True)


@cases("ctc_decode", "beam_top_path_default", FLOATS)
def _(g: Inputs, dt: str) -> None:
    _beam(g, dt, softmax_rows(g, dt, (2, 3, 3), peaked=0.7), [3, 3], 1)


# --- golden: Keras 2.3's backend tests (TensorFlow's numbers) ---------------------------

_KERAS_CTC_INPUTS = [
    [[0.633766, 0.221185, 0.0917319, 0.0129757, 0.0142857, 0.0260553],
     [0.111121, 0.588392, 0.278779, 0.0055756, 0.00569609, 0.010436],
     [0.0357786, 0.633813, 0.321418, 0.00249248, 0.00272882, 0.0037688],
     [0.0663296, 0.643849, 0.280111, 0.00283995, 0.0035545, 0.00331533],
     [0.458235, 0.396634, 0.123377, 0.00648837, 0.00903441, 0.00623107]],
    [[0.30176, 0.28562, 0.0831517, 0.0862751, 0.0816851, 0.161508],
     [0.24082, 0.397533, 0.0557226, 0.0546814, 0.0557528, 0.19549],
     [0.230246, 0.450868, 0.0389607, 0.038309, 0.0391602, 0.202456],
     [0.280884, 0.429522, 0.0326593, 0.0339046, 0.0326856, 0.190345],
     [0.423286, 0.315517, 0.0338439, 0.0393744, 0.0339315, 0.154046]]]

_BEAM_PROBS = [[0.30999, 0.309938, 0.0679938, 0.0673362, 0.0708352, 0.173908],
               [0.215136, 0.439699, 0.0370931, 0.0393967, 0.0381581, 0.230517],
               [0.199959, 0.489485, 0.0233221, 0.0251417, 0.0233289, 0.238763],
               [0.279611, 0.452966, 0.0204795, 0.0209126, 0.0194803, 0.20655],
               [0.51286, 0.288951, 0.0243026, 0.0220788, 0.0219297, 0.129878],
               [0.155251, 0.164444, 0.173517, 0.176138, 0.169979, 0.160671]]


def _close(op: str, got: Any, want: Any, atol: float) -> None:
    np.testing.assert_allclose(K.to_numpy(got).astype(np.float64), want, atol=atol,
                               err_msg=f"K.{op}")


def golden_cost() -> None:
    y = K.convert_to_tensor(np.array(_KERAS_CTC_INPUTS, dtype="float32"))
    labels = K.convert_to_tensor(np.array([[0, 1, 2, 1, 0], [0, 1, 1, 0, -1]], _int()))
    cost = K.ctc_batch_cost(labels, y, to_backend(column([5, 5])), to_backend(column([5, 4])))
    _close("ctc_batch_cost", cost, [[3.34211], [5.42262]], 1e-5)


def golden_greedy() -> None:
    zero = [0.0] * 4
    first = [[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.4, 0.6], [0.0, 0.0, 0.4, 0.6],
             [0.0, 0.9, 0.1, 0.0], zero, zero]
    second = [[0.1, 0.9, 0.0, 0.0], [0.0, 0.9, 0.1, 0.0], [0.0, 0.0, 0.1, 0.9],
              [0.0, 0.9, 0.1, 0.1], [0.9, 0.1, 0.0, 0.0], zero]
    y = K.convert_to_tensor(np.array([first, second], dtype="float32"))
    decoded, log_prob = K.ctc_decode(y, to_backend(np.array([4, 5], _int())), greedy=True)
    assert len(decoded) == 1
    assert_result("ctc_decode", K.to_numpy(decoded[0]), [[0, 1, -1], [1, 1, 0]], "int64")
    want = [[-np.log([1.0, 0.6, 0.6, 0.9]).sum()], [-np.log([0.9] * 5).sum()]]
    _close("ctc_decode", log_prob, want, 1e-5)


def golden_beam() -> None:
    y = np.exp(np.concatenate([np.array(_BEAM_PROBS[:5]) + 2.0, np.zeros((2, 6))]))
    decoded, log_prob = K.ctc_decode(K.convert_to_tensor(y[None].astype("float32")),
                                     to_backend(np.array([5], _int())), greedy=False,
                                     beam_width=2, top_paths=2)
    assert len(decoded) == 2
    assert_result("ctc_decode", K.to_numpy(decoded[0]), [[1, 0]], "int64")
    assert_result("ctc_decode", K.to_numpy(decoded[1]), [[1]], "int64")
    _close("ctc_decode", log_prob, [[-5.811451, -6.63339]], 1e-5)


def golden_beam_no_merge() -> None:
    y = np.array([[[0, 0, 1], [1, 0, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1],
                   [0, 1, 0]]], dtype="float32")
    for merge, want in ((True, [[0, 1]]), (False, [[0, 0, 1, 1]])):
        decoded, _ = K.ctc_decode(K.convert_to_tensor(y), to_backend(np.array([7], _int())),
                                  greedy=False, beam_width=1, top_paths=1,
                                  merge_repeated=merge)
        assert_result("ctc_decode", K.to_numpy(decoded[0]), want, "int64")


GOLDEN = {"ctc_batch_cost-keras_test_ctc": golden_cost,
          "ctc_decode-keras_greedy": golden_greedy,
          "ctc_decode-keras_beam_width_2": golden_beam,
          "ctc_decode-keras_beam_no_merge": golden_beam_no_merge}


@pytest.mark.parametrize("check", list(GOLDEN.values()), ids=list(GOLDEN))
def test_ctc_golden(check: Any) -> None:
    if "float32" not in declared_dtypes():
        pytest.fail("the Keras golden cases need float32")
    check()


# --- gradient: through the generic forward algorithm (contract ops) ---------------------

@pytest.mark.grads
@pytest.mark.parametrize("case", ["full_lengths", "varied_lengths"])
def test_grads_ctc_batch_cost(case: str) -> None:
    rng = np.random.default_rng(zlib.crc32(case.encode()))
    if case == "full_lengths":
        labels, lengths, label_lengths, shape = [[0, 1], [1, 1]], [5, 5], [2, 2], (2, 5, 3)
    else:
        labels, lengths, label_lengths, shape = ([[2, 2, 0], [1, -1, -1], [0, 1, 2]],
                                                 [7, 3, 6], [3, 1, 3], (3, 7, 4))
    y = rng.uniform(0.1, 1.0, shape)
    y /= y.sum(axis=-1, keepdims=True)
    fixed = [K.constant(np.array(a).reshape(-1, 1) if i else np.array(a))
             for i, a in enumerate((labels, lengths, label_lengths))]
    check_grad(lambda p: K.ctc_batch_cost(fixed[0], p, fixed[1], fixed[2]), [y], (0,), rng)


# --- errors ----------------------------------------------------------------------------

def _y(*shape: int) -> Any:
    return K.convert_to_tensor(np.full(shape, 0.25, dtype="float32"))


def _i(*values: int) -> Any:
    return K.convert_to_tensor(np.array(values, dtype=_int()))


Invalid = tensorplug.InvalidArgumentError
ERRORS: list[tuple[str, str, Any, type[Exception], tuple[str, ...]]] = [
    ("ctc_decode", "top_paths_above_beam", lambda: K.ctc_decode(
        _y(1, 2, 3), _i(2), greedy=False, beam_width=2, top_paths=3), Invalid,
     ("top_paths (3)", "beam_width (2)")),
    ("ctc_decode", "beam_width_zero", lambda: K.ctc_decode(
        _y(1, 2, 3), _i(2), greedy=False, beam_width=0), Invalid, ("beam_width=0",)),
    ("ctc_decode", "rank", lambda: K.ctc_decode(_y(2, 3), _i(2, 2)), Invalid,
     ("y_pred.shape=(2, 3)",)),
    ("ctc_batch_cost", "rank", lambda: K.ctc_batch_cost(
        _i(0, 1), _y(2, 3), _i(1, 1), _i(1, 1)), Invalid, ("K.ctc_batch_cost",)),
    ("ctc_label_dense_to_sparse", "rank", lambda: K.ctc_label_dense_to_sparse(
        _i(0, 1), _i(1)), Invalid, ("labels.shape=(2,)",)),
]


@pytest.mark.parametrize(("call", "error", "fragments"),
                         [pytest.param(c, e, f, id=f"{op}-{name}")
                          for op, name, c, e, f in ERRORS])
def test_ctc_errors(call: Any, error: type[Exception], fragments: tuple[str, ...]) -> None:
    with pytest.raises(error) as info:
        call()
    for fragment in fragments:
        assert fragment in str(info.value), f"{fragment!r} not in: {info.value}"


# Last: every case above is registered by now.
@pytest.mark.parametrize(("case", "dtype"), cases.params())
def test_values(case: Case, dtype: str) -> None:
    check_case(case, dtype)
