"""Loss functions (Keras 2 names): each takes ``(y_true, y_pred)`` and returns one value
per sample (the mean over the last axis where Keras takes it); the model averages them
with the sample weights. Classes (``CategoricalCrossentropy(from_logits=True)``, ...)
wrap the functions with arguments."""

from __future__ import annotations

from typing import Any, Callable, Mapping

from .. import backend as K
from ..saving._objects import get as _get


def mean_squared_error(y_true: Any, y_pred: Any) -> Any:
    return K.mean(K.square(K.subtract(y_pred, y_true)), axis=-1)


def mean_absolute_error(y_true: Any, y_pred: Any) -> Any:
    return K.mean(K.abs(K.subtract(y_pred, y_true)), axis=-1)


def mean_absolute_percentage_error(y_true: Any, y_pred: Any) -> Any:
    diff = K.abs(K.divide(K.subtract(y_true, y_pred), K.clip(K.abs(y_true), K.epsilon(), None)))
    return K.multiply(K.mean(diff, axis=-1), 100.0)


def mean_squared_logarithmic_error(y_true: Any, y_pred: Any) -> Any:
    first = K.log(K.add(K.clip(y_pred, K.epsilon(), None), 1.0))
    second = K.log(K.add(K.clip(y_true, K.epsilon(), None), 1.0))
    return K.mean(K.square(K.subtract(first, second)), axis=-1)


def squared_hinge(y_true: Any, y_pred: Any) -> Any:
    return K.mean(K.square(K.maximum(K.subtract(1.0, K.multiply(y_true, y_pred)), 0.0)),
                  axis=-1)


def hinge(y_true: Any, y_pred: Any) -> Any:
    return K.mean(K.maximum(K.subtract(1.0, K.multiply(y_true, y_pred)), 0.0), axis=-1)


def categorical_hinge(y_true: Any, y_pred: Any) -> Any:
    pos = K.sum(K.multiply(y_true, y_pred), axis=-1)
    neg = K.max(K.multiply(K.subtract(1.0, y_true), y_pred), axis=-1)
    return K.maximum(K.add(K.subtract(neg, pos), 1.0), 0.0)


def logcosh(y_true: Any, y_pred: Any) -> Any:
    x = K.subtract(y_pred, y_true)
    return K.mean(K.subtract(K.add(x, K.softplus(K.multiply(x, -2.0))), 0.6931471805599453),
                  axis=-1)


def categorical_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False,
                             label_smoothing: float = 0.0) -> Any:
    if label_smoothing:
        classes = K.int_shape(y_pred)[-1]
        y_true = K.add(K.multiply(y_true, 1.0 - label_smoothing), label_smoothing / classes)
    return K.categorical_crossentropy(y_true, y_pred, from_logits=from_logits)


def sparse_categorical_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False,
                                    axis: int = -1) -> Any:
    return K.sparse_categorical_crossentropy(y_true, y_pred, from_logits=from_logits,
                                             axis=axis)


def binary_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False,
                        label_smoothing: float = 0.0) -> Any:
    if label_smoothing:
        y_true = K.add(K.multiply(y_true, 1.0 - label_smoothing), 0.5 * label_smoothing)
    return K.mean(K.binary_crossentropy(y_true, y_pred, from_logits=from_logits), axis=-1)


def kullback_leibler_divergence(y_true: Any, y_pred: Any) -> Any:
    t = K.clip(y_true, K.epsilon(), 1.0)
    p = K.clip(y_pred, K.epsilon(), 1.0)
    return K.sum(K.multiply(t, K.log(K.divide(t, p))), axis=-1)


def poisson(y_true: Any, y_pred: Any) -> Any:
    return K.mean(K.subtract(y_pred, K.multiply(y_true, K.log(K.add(y_pred, K.epsilon())))),
                  axis=-1)


def cosine_proximity(y_true: Any, y_pred: Any, axis: int = -1) -> Any:
    t = K.l2_normalize(y_true, axis=axis)
    p = K.l2_normalize(y_pred, axis=axis)
    return K.negative(K.sum(K.multiply(t, p), axis=axis))


mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence
cosine = cosine_similarity = cosine_proximity


class Loss:
    """A loss with arguments: ``call(y_true, y_pred)`` gives per-sample values."""

    fn: Callable[..., Any] = staticmethod(mean_squared_error)  # type: ignore[assignment]

    def __init__(self, name: str | None = None, **kwargs: Any) -> None:
        self.name = name or _snake(type(self).__name__)
        self.kwargs = kwargs

    def call(self, y_true: Any, y_pred: Any) -> Any:
        return type(self).fn(y_true, y_pred, **self.kwargs)

    def __call__(self, y_true: Any, y_pred: Any, sample_weight: Any = None) -> Any:
        per = self.call(y_true, y_pred)
        if sample_weight is not None:
            per = K.multiply(per, sample_weight)
        return K.mean(per)

    def get_config(self) -> dict[str, Any]:
        return {"name": self.name, **self.kwargs}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Loss:
        return cls(**config)


def _snake(name: str) -> str:
    from ..saving._objects import snake_case

    return snake_case(name)


def _loss_class(name: str, fn: Callable[..., Any], params: tuple[str, ...] = ()) -> type:
    def __init__(self: Loss, *args: Any, name: str | None = None, **kwargs: Any) -> None:
        kwargs.update(zip(params, args))
        unknown = set(kwargs) - set(params) - {"reduction"}
        if unknown:
            raise TypeError(f"{type(self).__name__}: unexpected argument(s) {sorted(unknown)}.")
        kwargs.pop("reduction", None)
        Loss.__init__(self, name=name, **kwargs)

    return type(name, (Loss,), {"fn": staticmethod(fn), "__init__": __init__,
                                "__doc__": f"Class form of ``{fn.__name__}``."})


MeanSquaredError = _loss_class("MeanSquaredError", mean_squared_error)
MeanAbsoluteError = _loss_class("MeanAbsoluteError", mean_absolute_error)
MeanAbsolutePercentageError = _loss_class("MeanAbsolutePercentageError",
                                          mean_absolute_percentage_error)
MeanSquaredLogarithmicError = _loss_class("MeanSquaredLogarithmicError",
                                          mean_squared_logarithmic_error)
Hinge = _loss_class("Hinge", hinge)
SquaredHinge = _loss_class("SquaredHinge", squared_hinge)
CategoricalHinge = _loss_class("CategoricalHinge", categorical_hinge)
LogCosh = _loss_class("LogCosh", logcosh)
CategoricalCrossentropy = _loss_class("CategoricalCrossentropy", categorical_crossentropy,
                                      ("from_logits", "label_smoothing"))
SparseCategoricalCrossentropy = _loss_class("SparseCategoricalCrossentropy",
                                            sparse_categorical_crossentropy, ("from_logits",))
BinaryCrossentropy = _loss_class("BinaryCrossentropy", binary_crossentropy,
                                 ("from_logits", "label_smoothing"))
KLDivergence = _loss_class("KLDivergence", kullback_leibler_divergence)
Poisson = _loss_class("Poisson", poisson)
CosineSimilarity = _loss_class("CosineSimilarity", cosine_proximity, ("axis",))

_FUNCTIONS = (mean_squared_error, mean_absolute_error, mean_absolute_percentage_error,
              mean_squared_logarithmic_error, squared_hinge, hinge, categorical_hinge,
              logcosh, categorical_crossentropy, sparse_categorical_crossentropy,
              binary_crossentropy, kullback_leibler_divergence, poisson, cosine_proximity)
_CLASSES = (MeanSquaredError, MeanAbsoluteError, MeanAbsolutePercentageError,
            MeanSquaredLogarithmicError, Hinge, SquaredHinge, CategoricalHinge, LogCosh,
            CategoricalCrossentropy, SparseCategoricalCrossentropy, BinaryCrossentropy,
            KLDivergence, Poisson, CosineSimilarity)
_TABLE: dict[str, Any] = {f.__name__: f for f in _FUNCTIONS}
_TABLE.update({c.__name__: c for c in _CLASSES})
_TABLE.update(mse=mse, mae=mae, mape=mape, msle=msle, kld=kld, cosine=cosine,
              cosine_similarity=cosine_proximity, MSE=mse, MAE=mae, MAPE=mape, MSLE=msle,
              KLD=kld)


def get(identifier: Any, custom_objects: Mapping[str, Any] | None = None) -> Any:
    """A loss from a name, a config, a Loss instance or a callable."""
    return _get(identifier, _TABLE, "loss", instantiate=False, custom_objects=custom_objects)


def per_sample(loss: Any) -> Callable[[Any, Any], Any]:
    """The per-sample form: ``Loss.call`` for a Loss, the function itself otherwise."""
    return loss.call if isinstance(loss, Loss) else loss


def serialize(loss: Any) -> Any:
    if isinstance(loss, Loss):
        return {"class_name": type(loss).__name__, "config": loss.get_config()}
    return getattr(loss, "__name__", loss)


def deserialize(config: Any, custom_objects: Mapping[str, Any] | None = None) -> Any:
    return get(config, custom_objects)


__all__ = [
    "BinaryCrossentropy", "CategoricalCrossentropy", "CategoricalHinge", "CosineSimilarity",
    "Hinge", "KLD", "KLDivergence", "LogCosh", "Loss", "MAE", "MAPE", "MSE", "MSLE",
    "MeanAbsoluteError", "MeanAbsolutePercentageError", "MeanSquaredError",
    "MeanSquaredLogarithmicError", "Poisson", "SparseCategoricalCrossentropy",
    "SquaredHinge", "binary_crossentropy", "categorical_crossentropy", "categorical_hinge",
    "cosine", "cosine_proximity", "cosine_similarity", "deserialize", "get", "hinge",
    "kld", "kullback_leibler_divergence", "logcosh", "mae", "mape",
    "mean_absolute_error", "mean_absolute_percentage_error", "mean_squared_error",
    "mean_squared_logarithmic_error", "mse", "msle", "per_sample", "poisson", "serialize",
    "sparse_categorical_crossentropy", "squared_hinge",
]
