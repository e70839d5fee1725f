"""Metrics (Keras 2 names): functions ``(y_true, y_pred) -> per-sample values`` that a
model averages over each batch, then over the epoch (weighted by batch size). Any loss
function is also a metric. ``'accuracy'``/``'acc'`` resolves, as in Keras, to binary,
categorical or sparse categorical accuracy from the loss and the output shape."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from .. import backend as K
from .. import losses as _losses
from .._errors import InvalidArgumentError
from ..saving._objects import get as _get


def _float(x: Any) -> Any:
    return K.cast(x, K.floatx())


def binary_accuracy(y_true: Any, y_pred: Any, threshold: float = 0.5) -> Any:
    pred = _float(K.greater(y_pred, threshold))
    return K.mean(_float(K.equal(y_true, pred)), axis=-1)


def categorical_accuracy(y_true: Any, y_pred: Any) -> Any:
    return _float(K.equal(K.argmax(y_true, axis=-1), K.argmax(y_pred, axis=-1)))


def sparse_categorical_accuracy(y_true: Any, y_pred: Any) -> Any:
    if K.ndim(y_true) == K.ndim(y_pred):
        y_true = K.squeeze(y_true, -1)
    labels = K.argmax(y_pred, axis=-1)
    return _float(K.equal(K.cast(y_true, "int64"), labels))


def top_k_categorical_accuracy(y_true: Any, y_pred: Any, k: int = 5) -> Any:
    return _float(K.in_top_k(y_pred, K.cast(K.argmax(y_true, axis=-1), "int32"), k))


def sparse_top_k_categorical_accuracy(y_true: Any, y_pred: Any, k: int = 5) -> Any:
    if K.ndim(y_true) == K.ndim(y_pred):
        y_true = K.squeeze(y_true, -1)
    return _float(K.in_top_k(y_pred, K.cast(y_true, "int32"), k))


_FUNCTIONS = (binary_accuracy, categorical_accuracy, sparse_categorical_accuracy,
              top_k_categorical_accuracy, sparse_top_k_categorical_accuracy)
_TABLE: dict[str, Any] = {f.__name__: f for f in _FUNCTIONS}
_TABLE.update({k: v for k, v in _losses._TABLE.items() if not isinstance(v, type)})


def get(identifier: Any, custom_objects: Mapping[str, Any] | None = None) -> Any:
    """A metric function from a name, or a callable (returned as is)."""
    return _get(identifier, _TABLE, "metric", instantiate=False, custom_objects=custom_objects)


def resolve(metric: Any, loss: Any, output_shape: Any) -> tuple[str, Callable[..., Any]]:
    """``(display name, function)`` for one metric of one output, Keras 2.3 style."""
    if metric in ("accuracy", "acc", "crossentropy", "ce"):
        loss_name = getattr(loss, "__name__", None) or getattr(loss, "name", "")
        if isinstance(loss, _losses.Loss):
            loss_name = type(loss).fn.__name__
        last = output_shape[-1] if output_shape else None
        if loss_name == "binary_crossentropy" or last == 1:
            kind = "binary"
        elif loss_name == "sparse_categorical_crossentropy":
            kind = "sparse_categorical"
        else:
            kind = "categorical"
        fn = get(f"{kind}_accuracy" if metric in ("accuracy", "acc") else
                 ("binary_crossentropy" if kind == "binary" else f"{kind}_crossentropy"))
        return metric, fn
    if isinstance(metric, _losses.Loss):
        return metric.name, metric.call
    fn = get(metric)
    if not callable(fn):
        raise InvalidArgumentError(f"Unknown metric {metric!r}.")
    name = metric if isinstance(metric, str) else getattr(fn, "__name__", "metric")
    return name, fn


acc = accuracy = "accuracy"
mse = MSE = _losses.mean_squared_error
mae = MAE = _losses.mean_absolute_error
mape = MAPE = _losses.mean_absolute_percentage_error
msle = MSLE = _losses.mean_squared_logarithmic_error
cosine = _losses.cosine_proximity
mean_squared_error = _losses.mean_squared_error
mean_absolute_error = _losses.mean_absolute_error
categorical_crossentropy = _losses.categorical_crossentropy
sparse_categorical_crossentropy = _losses.sparse_categorical_crossentropy
binary_crossentropy = _losses.binary_crossentropy
kullback_leibler_divergence = _losses.kullback_leibler_divergence

__all__ = [
    "MAE", "MAPE", "MSE", "MSLE", "acc", "accuracy", "binary_accuracy",
    "binary_crossentropy", "categorical_accuracy", "categorical_crossentropy", "cosine",
    "get", "kullback_leibler_divergence", "mae", "mape", "mean_absolute_error",
    "mean_squared_error", "mse", "msle", "resolve", "sparse_categorical_accuracy",
    "sparse_categorical_crossentropy", "sparse_top_k_categorical_accuracy",
    "top_k_categorical_accuracy",
]
