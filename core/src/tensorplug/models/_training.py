"""compile(), and the graph functions a model runs: train, test and predict.

Each function is traced ONCE per data signature (inner shapes and dtypes) inside a
graph-building scope, so the model's variables become symbols and gradients reach
them, and compiled by ``K.function``; ``fit`` then calls it once per batch.

The train step is three replaceable parts of the model: ``compute_gradients(loss,
params)`` and ``apply_gradients(grads, params)`` build graph pieces;
``reduce_gradients(grads)`` is the identity by default. When a model overrides
``reduce_gradients`` (a distribution strategy does), the step runs as two compiled
functions with the reduction called between them on the gradient tensors; otherwise
the three parts are fused into one function.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable

from .. import backend as K
from .. import losses as losses_mod
from .. import metrics as metrics_mod
from .. import optimizers
from .._errors import InvalidArgumentError
from ..graph import trace
from ..layers._base import collecting, to_list

#: Traced functions kept per model (one per kind and data signature).
FUNCTION_CACHE_SIZE = 8

#: Trace with the batch size as a static dimension (one trace for full batches, one
#: for the last, partial batch). Every shape in the graph is then known when it is
#: built; with False the batch dimension is None, which needs every VJP rule on the
#: path to handle unknown dimensions (gather's does not yet).
STATIC_BATCH = True


def _per_output(value: Any, names: list[str], what: str) -> list[Any]:
    if isinstance(value, dict):
        unknown = set(value) - set(names)
        if unknown:
            raise InvalidArgumentError(f"Unknown entries in {what} dictionary: "
                                       f"{sorted(unknown)}. Only expected: {names}.")
        return [value.get(n) for n in names]
    if isinstance(value, (list, tuple)) and what != "metrics":
        if len(value) != len(names):
            raise InvalidArgumentError(f"When passing a list as {what}, it should have one "
                                       f"entry per model output. The model has "
                                       f"{len(names)} outputs, but you passed {len(value)}.")
        return list(value)
    return [value] * len(names)


def resolve_compile(model: Any) -> None:
    """Per-output losses, loss weights and metrics, and ``metrics_names``."""
    names = model.output_names
    spec = model._compile_spec
    loss_fns = [None if v is None else losses_mod.get(v)
                for v in _per_output(spec["loss"], names, "loss")]
    if all(f is None for f in loss_fns):
        raise InvalidArgumentError("compile: a loss is required (e.g. loss='mse').")
    weights = spec["loss_weights"]
    weights = [1.0] * len(names) if weights is None else \
        [1.0 if w is None else float(w) for w in _per_output(weights, names, "loss_weights")]
    metric_lists = _metric_lists(spec["metrics"], names)
    weighted_lists = _metric_lists(spec["weighted_metrics"], names)
    model._loss_fns, model._loss_weights = loss_fns, weights
    model._metric_fns = []
    model.metrics_names = ["loss"]
    if len(names) > 1:
        model.metrics_names += [f"{n}_loss" for n, f in zip(names, loss_fns) if f is not None]
    for i, name in enumerate(names):
        shapes = getattr(model, "_output_shapes", None)
        shape = K.int_shape(model.outputs[i]) if model.outputs else \
            (shapes[i] if shapes else None)
        for group, weighted in ((metric_lists[i], False), (weighted_lists[i], True)):
            for m in group:
                label, fn = metrics_mod.resolve(m, loss_fns[i], shape)
                label = ("weighted_" if weighted else "") + label
                label = f"{name}_{label}" if len(names) > 1 else label
                model._metric_fns.append((i, label, fn, weighted))
                model.metrics_names.append(label)


def _metric_lists(metrics: Any, names: list[str]) -> list[list[Any]]:
    if metrics is None:
        return [[] for _ in names]
    if isinstance(metrics, dict):
        return [to_list(metrics.get(n) or []) for n in names]
    if isinstance(metrics, (list, tuple)) and metrics and \
            all(isinstance(m, (list, tuple)) for m in metrics) and len(metrics) == len(names):
        return [list(m) for m in metrics]
    return [list(to_list(metrics)) for _ in names]


def ensure_resolved(model: Any) -> None:
    """Resolve compile's losses and metrics once the model's outputs are known."""
    if not getattr(model, "_compiled", False):
        raise InvalidArgumentError("You must compile your model before training/testing. "
                                   "Use `model.compile(optimizer, loss)`.")
    if getattr(model, "_loss_fns", None) is None:
        resolve_compile(model)


def compile_model(model: Any, optimizer: Any, loss: Any, metrics: Any, loss_weights: Any,
                  weighted_metrics: Any) -> None:
    model.optimizer = optimizers.get(optimizer)
    model._compile_spec = {"loss": loss, "metrics": metrics, "loss_weights": loss_weights,
                           "weighted_metrics": weighted_metrics}
    model.loss = loss
    model._functions = OrderedDict()
    model._loss_fns = None
    model._compiled = True
    if model.built and model.outputs:
        resolve_compile(model)


def _placeholders(arrays: list[Any], names: list[str]) -> list[Any]:
    return [K.placeholder(shape=(len(a) if STATIC_BATCH else None, *a.shape[1:]),
                          dtype=str(a.dtype), name=n) for a, n in zip(arrays, names)]


def _weighted_mean(values: Any, sw: Any) -> Any:
    rank = K.ndim(values)
    if rank and rank > 1:
        values = K.mean(values, axis=list(range(1, rank)))
    if sw is None:
        return K.mean(values)
    return K.mean(K.multiply(values, sw))


def objective(model: Any, ys: list[Any], outs: list[Any], sws: list[Any] | None,
              extra: list[Any]) -> tuple[Any, list[Any]]:
    """Total loss (weighted output losses + penalties) and the reported values."""
    total: Any = None
    parts = []
    for i, (fn, w) in enumerate(zip(model._loss_fns, model._loss_weights)):
        if fn is None:
            continue
        value = _weighted_mean(losses_mod.per_sample(fn)(ys[i], outs[i]),
                               None if sws is None else sws[i])
        parts.append(value)
        term = value if w == 1.0 else K.multiply(value, w)
        total = term if total is None else K.add(total, term)
    for penalty in list(model.penalties()) + list(extra):
        if not isinstance(penalty, (int, float)):
            total = K.add(total, penalty)
    values = parts if len(model.output_names) > 1 else []
    for i, _label, fn, weighted in model._metric_fns:
        v = fn(ys[i], outs[i])
        if weighted and sws is not None:
            rank = K.ndim(v)
            if rank and rank > 1:
                v = K.mean(v, axis=list(range(1, rank)))
            values.append(K.divide(K.sum(K.multiply(v, sws[i])),
                                   K.maximum(K.sum(sws[i]), K.epsilon())))
        else:
            values.append(K.mean(v))
    return total, values


def _run_model(model: Any, xs: list[Any], training: bool) -> tuple[list[Any], Any]:
    with collecting() as col:
        out = model.call(xs if len(xs) > 1 else xs[0], **model._call_kwargs({}, training))
    return to_list(out), col


def _splits_step(model: Any) -> bool:
    from ._model import Model

    return type(model).reduce_gradients is not Model.reduce_gradients


def build_train(model: Any, xs: list[Any], ys: list[Any], sws: list[Any] | None) -> Callable:
    if not _splits_step(model):
        return build_train_parts(model, xs, ys, sws, fused=True)
    grad_fn, apply_fn, n = build_train_parts(model, xs, ys, sws)

    def step(feed: list[Any]) -> list[Any]:
        out = grad_fn(feed)
        apply_fn(list(model.reduce_gradients(list(out[n:]))))
        return [K.to_numpy(v) for v in out[:n]]

    return step


def build_train_parts(model: Any, xs: list[Any], ys: list[Any], sws: list[Any] | None,
                      fused: bool = False) -> Any:
    """The train step for arrays shaped like ``xs``/``ys``/``sws``: one fused function
    (``fused``), else ``(grad_fn, apply_fn, n)``: ``grad_fn(feed)`` gives the loss, the
    ``n - 1`` reported values, then one gradient per trained variable; ``apply_fn(grads)``
    updates the variables. A distribution strategy calls this for its shard's shapes."""
    params = model.trainable_weights
    model.optimizer.build(params)
    with trace():
        x_ph = _placeholders(xs, model.input_names)
        y_ph = _placeholders(ys, [f"{n}_target" for n in model.output_names])
        sw_ph = None if sws is None else _placeholders(sws, [f"{n}_sample_weights"
                                                             for n in model.output_names])
        outs, col = _run_model(model, x_ph, True)
        total, values = objective(model, y_ph, outs, sw_ph, col.losses)
        grads = model.compute_gradients(total, params)
        pairs = [(p, g) for p, g in zip(params, grads) if g is not None]
        feeds = x_ph + y_ph + (sw_ph or [])
        if fused:
            updates = model.apply_gradients([g for _, g in pairs], [p for p, _ in pairs])
            return K.function(feeds, [total, *values], updates=updates + col.updates,
                              name="train_function")
        grad_fn = K.function(feeds, [total, *values, *(g for _, g in pairs)],
                             updates=col.updates, native=True, name="compute_gradients")
        g_ph = [K.placeholder(shape=K.int_shape(p), dtype=K.dtype(p)) for p, _ in pairs]
        apply_fn = K.function(g_ph, [], updates=model.apply_gradients(
            g_ph, [p for p, _ in pairs]), native=True, name="apply_gradients")
    return grad_fn, apply_fn, 1 + len(values)


def build_test(model: Any, xs: list[Any], ys: list[Any], sws: list[Any] | None) -> Callable:
    with trace():
        x_ph = _placeholders(xs, model.input_names)
        y_ph = _placeholders(ys, [f"{n}_target" for n in model.output_names])
        sw_ph = None if sws is None else _placeholders(sws, [f"{n}_sample_weights"
                                                             for n in model.output_names])
        outs, col = _run_model(model, x_ph, False)
        total, values = objective(model, y_ph, outs, sw_ph, col.losses)
    return K.function(x_ph + y_ph + (sw_ph or []), [total, *values], name="test_function")


def build_predict(model: Any, xs: list[Any]) -> Callable:
    with trace():
        x_ph = _placeholders(xs, model.input_names)
        outs, _ = _run_model(model, x_ph, False)
    return K.function(x_ph, outs, name="predict_function")


def function_for(model: Any, kind: str, xs: list[Any], ys: list[Any],
                 sws: list[Any] | None) -> Callable:
    """The traced function of ``kind`` for this data signature (built on first use)."""
    if kind != "predict":
        ensure_resolved(model)
    # a distribution strategy (set by fit(strategy=...)) builds train/test steps
    strategy = getattr(model, "_strategy", None) if kind != "predict" else None
    key = (kind, tuple((a.shape if STATIC_BATCH else a.shape[1:], a.dtype.str)
                       for a in xs + ys + (sws or [])), sws is not None, strategy)
    cache = model._functions
    fn = cache.get(key)
    if fn is None:
        builder = {"train": build_train, "test": build_test}.get(kind)
        if strategy is not None:
            fn = strategy.build_function(model, kind, xs, ys, sws)
        else:
            fn = builder(model, xs, ys, sws) if builder else build_predict(model, xs)
        cache[key] = fn
        while len(cache) > FUNCTION_CACHE_SIZE:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return fn
