"""Independent plain-NumPy references for the nn and CTC families (Keras 2.3 semantics).

Written from the definitions, mostly as explicit loops, never from the code under test:
this module imports numpy only (never ``tensorplug_numpy`` nor ``tensorplug.generic``).
Arrays arrive as float64 (``check_op``'s ``to_reference``); results are float64, bool or
int64 and ``check_op`` casts them to the expected dtype. CTC references enumerate every
alignment (brute force), so they are for tiny inputs only.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

EPS = 1e-7  # K.epsilon()'s default; the suite runs with it


# --- activations ------------------------------------------------------------------------

def elu(x: Any, alpha: float = 1.0) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def softsign(x: Any) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    return x / (1.0 + np.abs(x))


def hard_sigmoid(x: Any) -> np.ndarray:
    return np.clip(0.2 * np.asarray(x, dtype=np.float64) + 0.5, 0.0, 1.0)


def l2_normalize(x: Any, axis: Any = None) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    axis = tuple(axis) if isinstance(axis, list) else axis
    return x / np.sqrt(np.maximum(np.sum(x * x, axis=axis, keepdims=True), EPS))


def in_top_k(predictions: Any, targets: Any, k: int) -> np.ndarray:
    """TensorFlow's rule: in when fewer than k classes score strictly higher; a target
    out of range or with a non-finite score is never in."""
    p = np.asarray(predictions, dtype=np.float64)
    out = np.zeros(p.shape[0], dtype=bool)
    for i, t in enumerate(np.asarray(targets).astype(np.int64)):
        if 0 <= t < p.shape[1] and np.isfinite(p[i, t]):
            out[i] = int(np.sum(p[i] > p[i, t])) < k
    return out


def bias_add(x: Any, bias: Any, data_format: Any = None) -> np.ndarray:
    """A 1-D bias along the channel axis; a full bias is (spatial..., channels), moved to
    channels-first by a row-major reshape as Keras 2.3 does (ranks 3 to 5)."""
    x, b = np.asarray(x, dtype=np.float64), np.asarray(bias, dtype=np.float64)
    first = data_format == "channels_first" and 3 <= x.ndim <= 5
    if b.ndim == 1:
        shape = [1] * x.ndim
        shape[1 if first else -1] = b.shape[0]
        return x + b.reshape(shape)
    if first:
        return x + b.reshape((1, b.shape[-1]) + b.shape[:-1])
    return x + b[None]


# --- losses -----------------------------------------------------------------------------

def categorical_crossentropy(target: Any, output: Any, from_logits: bool = False,
                             axis: int = -1) -> np.ndarray:
    t = np.moveaxis(np.broadcast_to(target, np.shape(output)), axis, -1)
    o = np.moveaxis(np.asarray(output, dtype=np.float64), axis, -1)
    if from_logits:
        shifted = o - o.max(axis=-1, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    else:
        log_p = np.log(np.clip(o / o.sum(axis=-1, keepdims=True), EPS, 1 - EPS))
    return -(t * log_p).sum(axis=-1)


def sparse_categorical_crossentropy(target: Any, output: Any, from_logits: bool = False,
                                    axis: int = -1) -> np.ndarray:
    """Keras flattens target: one class index per row of output (class axis last)."""
    o = np.moveaxis(np.asarray(output, dtype=np.float64), axis, -1)
    rows = o.reshape(-1, o.shape[-1])
    labels = np.asarray(target).reshape(-1).astype(np.int64)
    out = np.empty(rows.shape[0])
    for i, (row, label) in enumerate(zip(rows, labels)):
        if not 0 <= label < row.shape[0]:
            out[i] = np.nan
            continue
        if from_logits:
            out[i] = np.log(np.sum(np.exp(row - row.max()))) + row.max() - row[label]
        else:
            c = np.clip(row, EPS, 1 - EPS)
            out[i] = np.log(c.sum()) - np.log(c[label])
    return out.reshape(o.shape[:-1])


def clip_bounds(dtype: str = "float64") -> tuple[float, float]:
    """[eps, 1 - eps] as the output's dtype represents them (Keras clips in that dtype)."""
    return float(np.asarray(EPS, dtype)), float(np.asarray(1 - EPS, dtype))


def binary_crossentropy(target: Any, output: Any, from_logits: bool = False,
                        dtype: str = "float64") -> np.ndarray:
    t = np.asarray(target, dtype=np.float64)
    o = np.asarray(output, dtype=np.float64)
    if from_logits:  # -t log(sigmoid(o)) - (1 - t) log(1 - sigmoid(o))
        return t * np.logaddexp(0.0, -o) + (1 - t) * np.logaddexp(0.0, o)
    p = np.clip(o, *clip_bounds(dtype))
    return -(t * np.log(p) + (1 - t) * np.log(1 - p))


# --- normalisation ----------------------------------------------------------------------

def _along(stat: Any, ndim: int, axis: int) -> Any:
    if stat is None:
        return None
    s = np.asarray(stat, dtype=np.float64)
    if s.ndim == 1 and ndim > 1:
        shape = [1] * ndim
        shape[axis] = s.shape[0]
        return s.reshape(shape)
    return s


def batch_normalization(x: Any, mean: Any, var: Any, beta: Any, gamma: Any, axis: int = -1,
                        epsilon: float = 1e-3) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    m, v, b, g = (_along(s, x.ndim, axis) for s in (mean, var, beta, gamma))
    y = (x - m) / np.sqrt(v + epsilon)
    return y * (1.0 if g is None else g) + (0.0 if b is None else b)


def normalize_batch_in_training(x: Any, gamma: Any, beta: Any, reduction_axes: Any,
                                epsilon: float = 1e-3) -> tuple[np.ndarray, ...]:
    """Population (biased) variance over ``reduction_axes``."""
    x = np.asarray(x, dtype=np.float64)
    axes = tuple(a % x.ndim for a in reduction_axes)
    mean = x.mean(axis=axes, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=axes, keepdims=True)
    target = mean.shape
    g = 1.0 if gamma is None else np.asarray(gamma, dtype=np.float64).reshape(target)
    b = 0.0 if beta is None else np.asarray(beta, dtype=np.float64).reshape(target)
    normed = (x - mean) / np.sqrt(var + epsilon) * g + b
    return normed, mean.squeeze(axis=axes), var.squeeze(axis=axes)


# --- CTC --------------------------------------------------------------------------------

def ctc_label_dense_to_sparse(labels: Any, label_lengths: Any) -> tuple[np.ndarray, ...]:
    labels = np.asarray(labels)
    indices, values = [], []
    for b, n in enumerate(np.asarray(label_lengths).reshape(-1).astype(int)):
        for i in range(min(max(n, 0), labels.shape[1])):
            indices.append((b, i))
            values.append(labels[b, i])
    return (np.array(indices, dtype=np.int64).reshape(-1, 2),
            np.array(values, dtype=np.int64), np.array(labels.shape, dtype=np.int64))


def collapse(path: Any, blank: int) -> tuple[int, ...]:
    """The label sequence of one alignment: merge repeats, then drop blanks."""
    out: list[int] = []
    previous = None
    for c in path:
        if c != previous and c != blank:
            out.append(int(c))
        previous = c
    return tuple(out)


def _log_softmax_rows(y: np.ndarray) -> np.ndarray:
    """``log(y + eps)`` renormalised per time step (what TF's CTC ops see)."""
    log_y = np.log(np.asarray(y, dtype=np.float64) + EPS)
    return log_y - np.log(np.exp(log_y).sum(axis=-1, keepdims=True))


def prefix_log_probs(y: Any) -> dict[tuple[int, ...], float]:
    """Log-probability of every label sequence of one input ``(time, classes)``, by
    enumerating all ``classes ** time`` alignments."""
    log_p = _log_softmax_rows(y)
    steps, classes = log_p.shape
    probs: dict[tuple[int, ...], float] = {}
    for path in itertools.product(range(classes), repeat=steps):
        p = float(np.exp(sum(log_p[t, c] for t, c in enumerate(path))))
        key = collapse(path, classes - 1)
        probs[key] = probs.get(key, 0.0) + p
    return {k: float(np.log(v)) for k, v in probs.items()}


def ctc_batch_cost(y_true: Any, y_pred: Any, input_length: Any,
                   label_length: Any) -> np.ndarray:
    """-log P(label | y_pred): the sum over all alignments, brute force."""
    y_pred = np.asarray(y_pred, dtype=np.float64)
    lengths = np.asarray(input_length).reshape(-1).astype(int)
    label_lengths = np.asarray(label_length).reshape(-1).astype(int)
    out = np.empty((y_pred.shape[0], 1))
    for b in range(y_pred.shape[0]):
        label = tuple(int(v) for v in np.asarray(y_true)[b, :label_lengths[b]])
        probs = prefix_log_probs(y_pred[b, :lengths[b]])
        out[b, 0] = -probs.get(label, -np.inf)
    return out


def ctc_cost_forward(y_true: Any, y_pred: Any, input_length: Any,
                     label_length: Any) -> np.ndarray:
    """The same cost by the textbook forward recursion in probability space (float64;
    for inputs too long to enumerate)."""
    y_pred = np.asarray(y_pred, dtype=np.float64)
    out = np.empty((y_pred.shape[0], 1))
    for b in range(y_pred.shape[0]):
        n_t = int(np.asarray(input_length).reshape(-1)[b])
        n_l = int(np.asarray(label_length).reshape(-1)[b])
        probs = np.exp(_log_softmax_rows(y_pred[b, :n_t]))
        blank = y_pred.shape[2] - 1
        ext = [blank]
        for c in np.asarray(y_true)[b, :n_l]:
            ext += [int(c), blank]
        alpha = np.zeros(len(ext))
        alpha[0] = probs[0, ext[0]]
        if len(ext) > 1:
            alpha[1] = probs[0, ext[1]]
        for t in range(1, n_t):
            new = np.zeros_like(alpha)
            for s in range(len(ext)):
                total = alpha[s] + (alpha[s - 1] if s >= 1 else 0.0)
                if s >= 2 and ext[s] != blank and ext[s] != ext[s - 2]:
                    total += alpha[s - 2]
                new[s] = total * probs[t, ext[s]]
            alpha = new
        out[b, 0] = -np.log(alpha[-1] + (alpha[-2] if len(ext) > 1 else 0.0))
    return out


def ctc_greedy(y_pred: Any, input_length: Any) -> tuple[list[list[int]], np.ndarray]:
    """Best path per sequence (first maximum on ties), repeats merged, blanks dropped;
    the score is minus the sum of the best ``log(y + eps)`` of each valid step."""
    y_pred = np.asarray(y_pred, dtype=np.float64)
    blank = y_pred.shape[2] - 1
    paths, scores = [], np.zeros((y_pred.shape[0], 1))
    for b, n in enumerate(np.asarray(input_length).reshape(-1).astype(int)):
        log_y = np.log(y_pred[b, :n] + EPS)
        best = [int(np.argmax(row)) for row in log_y]
        scores[b, 0] = -sum(float(row[c]) for row, c in zip(log_y, best))
        paths.append(list(collapse(best, blank)))
    return paths, scores


def ctc_beam_exact(y_pred: Any, input_length: Any,
                   top_paths: int) -> tuple[list[list[list[int]]], np.ndarray]:
    """The ``top_paths`` most probable label sequences per batch entry, by enumeration
    (what a beam wide enough to hold every prefix returns), and their log-probabilities."""
    y_pred = np.asarray(y_pred, dtype=np.float64)
    paths: list[list[list[int]]] = [[] for _ in range(top_paths)]
    scores = np.zeros((y_pred.shape[0], top_paths))
    for b, n in enumerate(np.asarray(input_length).reshape(-1).astype(int)):
        ranked = sorted(prefix_log_probs(y_pred[b, :n]).items(), key=lambda kv: -kv[1])
        for k in range(top_paths):
            paths[k].append(list(ranked[k][0]))
            scores[b, k] = ranked[k][1]
    return paths, scores


def pad(paths: list[list[int]]) -> np.ndarray:
    """Rows padded with -1 to the longest, as Keras's dense decoded output."""
    width = max((len(p) for p in paths), default=0)
    return np.array([p + [-1] * (width - len(p)) for p in paths], dtype=np.int64).reshape(
        len(paths), width)
