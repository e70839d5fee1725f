"""The loops behind fit, evaluate and predict: data in, one traced function call per
batch, logs and callbacks out."""

from __future__ import annotations

import time
from typing import Any, Callable

from .. import callbacks as cbks
from .._errors import InvalidArgumentError
from . import _data
from ._training import STATIC_BATCH, ensure_resolved, function_for


class Feed:
    """How one data source maps onto a model: the arrays (or generator) and the counts
    of input, target and sample-weight arrays in each batch's feed list."""

    def __init__(self, data: Any, n_x: int, n_y: int, n_sw: int) -> None:
        self.data, self.n_x, self.n_y, self.n_sw = data, n_x, n_y, n_sw

    def parts(self, feed: list[Any]) -> tuple[list[Any], list[Any], list[Any] | None]:
        a, b = self.n_x, self.n_x + self.n_y
        return feed[:a], feed[a:b], (feed[b:] if self.n_sw else None)


def standardize(model: Any, x: Any, y: Any, sample_weight: Any = None,
                class_weight: Any = None, need_y: bool = True) -> list[Any]:
    """``x``, ``y`` and weights as one flat list of numpy arrays (inputs, targets, weights)."""
    xs = _data.as_arrays(x, model.input_names or ["input_1"], "input")
    model._ensure_built(xs)
    xs = _data.cast_inputs(xs, model._input_dtypes())
    model._check_input_shapes(xs)
    if y is None:
        if need_y:
            raise InvalidArgumentError("This call needs targets: pass y (or a generator "
                                       "yielding (x, y)).")
        return xs
    ys = _data.as_arrays(y, model.output_names, "target")
    ys = _data.cast_inputs(ys, model._target_dtypes(ys))
    sws = _data.combine_weights(len(ys), sample_weight, class_weight, ys, model.output_names)
    return xs + ys + (sws or [])


def make_feed(model: Any, x: Any, y: Any, sample_weight: Any, class_weight: Any,
              batch_size: int, shuffle: Any, steps: int | None, need_y: bool = True,
              what: str = "steps_per_epoch") -> Feed:
    if _data.is_sequence(x) or _data.is_generator(x):
        if y is not None:
            raise InvalidArgumentError("When x is a generator or a Sequence, y must be None "
                                       "(the generator yields (x, y) batches).")
        counts: dict[str, int] = {}

        def unpack(item: Any) -> list[Any]:
            bx, by, bsw = _data.split_item(item)
            arrays = standardize(model, bx, by, bsw, class_weight, need_y)
            counts.update(x=len(model.input_names), y=0 if by is None else
                          len(model.output_names))
            counts["sw"] = len(arrays) - counts["x"] - counts["y"]
            return arrays

        data = _data.GeneratorData(x, steps, unpack, bool(shuffle), what)
        return _GenFeed(data, counts)
    arrays = standardize(model, x, y, sample_weight, class_weight, need_y)
    n_x = len(model.input_names)
    n_y = 0 if y is None else len(model.output_names)
    return Feed(_data.ArrayData(arrays, batch_size, shuffle), n_x, n_y, len(arrays) - n_x - n_y)


class _GenFeed(Feed):
    def __init__(self, data: Any, counts: dict[str, int]) -> None:
        super().__init__(data, 0, 0, 0)
        self.counts = counts

    def parts(self, feed: list[Any]) -> tuple[list[Any], list[Any], list[Any] | None]:
        self.n_x, self.n_y, self.n_sw = (self.counts["x"], self.counts["y"],
                                         self.counts["sw"])
        return super().parts(feed)


def split_validation(feed: Feed, validation_split: float, batch_size: int,
                     shuffle: Any) -> tuple[Feed, Feed]:
    """Keras's validation_split: the LAST fraction of the samples, before shuffling."""
    if not 0.0 < validation_split < 1.0:
        raise InvalidArgumentError(f"validation_split must be in (0, 1). "
                                   f"Received: {validation_split!r}.")
    if not isinstance(feed.data, _data.ArrayData):
        raise InvalidArgumentError("validation_split is only supported for array data; "
                                   "pass validation_data for generators.")
    arrays = feed.data.arrays
    split_at = int(feed.data.n * (1.0 - validation_split))
    if split_at == 0 or split_at == feed.data.n:
        raise InvalidArgumentError(f"validation_split={validation_split} leaves no sample "
                                   f"for training or validation ({feed.data.n} samples).")
    train = Feed(_data.ArrayData([a[:split_at] for a in arrays], batch_size, shuffle),
                 feed.n_x, feed.n_y, feed.n_sw)
    val = Feed(_data.ArrayData([a[split_at:] for a in arrays], batch_size, False),
               feed.n_x, feed.n_y, feed.n_sw)
    return train, val


def _function(model: Any, kind: str, feed: Feed, batch: list[Any]) -> Callable:
    xs, ys, sws = feed.parts(batch)
    return function_for(model, kind, xs, ys, sws)


def run_epoch(model: Any, feed: Feed, kind: str, names: list[str], cb: Any,
              hook: str) -> dict[str, float]:
    """One pass over ``feed`` with the ``kind`` function; size-weighted means of the
    outputs. ``hook`` is ``train``/``test`` (batch callbacks) or None."""
    sums = [0.0] * len(names)
    seen = 0
    fn = None
    fixed = isinstance(feed.data, _data.ArrayData)  # same signature while size is unchanged
    last = -1
    begin, end = f"on_{hook}_batch_begin", f"on_{hook}_batch_end"
    want_begin = cb is not None and cb.wants(begin)
    want_end = cb is not None and cb.wants(end)
    for step, (batch, size) in enumerate(feed.data.epoch()):
        if want_begin:
            cb.batch(begin, step, {"batch": step, "size": size})
        if fn is None or not fixed or (STATIC_BATCH and size != last):
            fn = _function(model, kind, feed, batch)
            last = size
        values = [float(v) for v in fn(batch)]
        for i, v in enumerate(values):
            sums[i] += v * size
        seen += size
        if want_end:
            logs = {"batch": step, "size": size}
            logs.update(zip(names, values))
            cb.batch(end, step, logs)
        if kind == "train" and model.stop_training:
            break
    feed.data.on_epoch_end()
    return {n: s / max(seen, 1) for n, s in zip(names, sums)}


def fit_loop(model: Any, train: Feed, val: Feed | None, epochs: int, verbose: int,
             callbacks: Any, initial_epoch: int, validation_freq: int) -> Any:
    ensure_resolved(model)
    model.history = cbks.History()
    items: list[Any] = []
    if verbose:
        items.append(cbks.ProgbarLogger(count_mode="samples" if isinstance(
            train.data, _data.ArrayData) else "steps"))
    items += list(callbacks or []) + [model.history]
    cb = cbks.CallbackList(items)
    cb.set_model(model)
    names = list(model.metrics_names)
    cb.set_params({"epochs": epochs, "steps": train.data.steps, "verbose": verbose,
                   "samples": getattr(train.data, "n", None), "do_validation": val is not None,
                   "metrics": names + [f"val_{n}" for n in names] if val else names,
                   "batch_size": getattr(train.data, "batch_size", None)})
    model.stop_training = False
    cb.on_train_begin({})
    for epoch in range(initial_epoch, epochs):
        cb.on_epoch_begin(epoch, {})
        logs = run_epoch(model, train, "train", names, cb, "train")
        if val is not None and (epoch + 1 - initial_epoch) % validation_freq == 0:
            cb.on_test_begin({})
            val_logs = run_epoch(model, val, "test", names, cb, "test")
            cb.on_test_end(val_logs)
            logs.update({f"val_{k}": v for k, v in val_logs.items()})
        model.epoch = epoch + 1
        cb.on_epoch_end(epoch, logs)
        if model.stop_training:
            break
    cb.on_train_end({})
    return model.history


def evaluate_loop(model: Any, feed: Feed, verbose: int, callbacks: Any) -> Any:
    ensure_resolved(model)
    cb = cbks.CallbackList(list(callbacks or []))
    cb.set_model(model)
    names = list(model.metrics_names)
    start = time.perf_counter()
    cb.on_test_begin({})
    logs = run_epoch(model, feed, "test", names, cb, "test")
    cb.on_test_end(logs)
    if verbose:
        shown = " - ".join(f"{k}: {v:.4f}" for k, v in logs.items())
        print(f"{feed.data.steps}/{feed.data.steps} - "
              f"{time.perf_counter() - start:.2f}s - {shown}")
    values = [logs[n] for n in names]
    return values[0] if len(values) == 1 else values


def predict_loop(model: Any, feed: Feed, callbacks: Any) -> Any:
    import numpy as np

    cb = cbks.CallbackList(list(callbacks or []))
    cb.set_model(model)
    cb.on_predict_begin({})
    chunks: list[list[Any]] = []
    fn = None
    fixed = isinstance(feed.data, _data.ArrayData)
    last = -1
    for step, (batch, size) in enumerate(feed.data.epoch()):
        if cb.wants("on_predict_batch_begin"):
            cb.batch("on_predict_batch_begin", step, {"batch": step, "size": size})
        xs = batch[:len(model.input_names)]
        if fn is None or not fixed or (STATIC_BATCH and size != last):
            fn = function_for(model, "predict", xs, [], None)
            last = size
        outs = fn(xs)
        chunks.append(list(outs))
        if cb.wants("on_predict_batch_end"):
            cb.batch("on_predict_batch_end", step, {"batch": step, "size": size,
                                                    "outputs": outs})
    feed.data.on_epoch_end()
    cb.on_predict_end({})
    if not chunks:
        raise InvalidArgumentError("predict received no data.")
    result = [np.concatenate([c[i] for c in chunks]) for i in range(len(chunks[0]))]
    return result[0] if len(result) == 1 else result
