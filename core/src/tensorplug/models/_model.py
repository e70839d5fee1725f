"""``Model``: a functional graph of layers (or a subclass with its own ``call``) that
compiles, fits, evaluates, predicts and saves, on whichever backend is active."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from .. import backend as K
from .._errors import InvalidArgumentError
from ..layers._base import Layer, to_list
from . import _fit
from ._network import Network
from ._training import compile_model, function_for


class Model(Network):
    """``Model(inputs, outputs)`` (functional), or subclass it and define ``call``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optimizer: Any = None
        self._compiled = False
        self._functions: Any = OrderedDict()
        self.stop_training = False
        self.history: Any = None
        #: epochs completed (saved with the model, so ``fit(initial_epoch=model.epoch)``
        #: resumes where training stopped)
        self.epoch = 0
        if not self._is_graph:
            self.input_names: list[str] = []
            self.output_names: list[str] = []

    # -- subclassed models: track layers set as attributes --------------------------------
    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, Layer) and not getattr(self, "_is_graph", True) \
                and "_layers" in self.__dict__ and value not in self._layers:
            self._layers.append(value)
        object.__setattr__(self, name, value)

    def call(self, inputs: Any, training: Any = None) -> Any:
        if not self._is_graph:
            raise InvalidArgumentError(f"{type(self).__name__} is a subclassed Model: it "
                                       f"must define call(inputs, training=None).")
        return super().call(inputs, training)

    # -- building from data -------------------------------------------------------------------
    def _ensure_built(self, xs: list[Any]) -> None:
        if self._is_graph or self.built:
            return
        from ..layers._base import collecting

        phs = [K.placeholder(shape=(None, *a.shape[1:]), dtype=_dtype_for(a)) for a in xs]
        with collecting():
            out = to_list(self.call(phs if len(phs) > 1 else phs[0],
                                    **self._call_kwargs({}, False)))
        self.input_names = [f"input_{i + 1}" for i in range(len(phs))]
        self.output_names = [f"output_{i + 1}" for i in range(len(out))]
        self._output_shapes = [K.int_shape(o) for o in out]
        self.built = True

    def _input_dtypes(self) -> list[str | None]:
        if self.inputs:
            return [x.dtype if x.dtype.startswith("float") else None for x in self.inputs]
        return [None] * max(1, len(self.input_names))

    def _target_dtypes(self, ys: list[Any]) -> list[str | None]:
        out: list[str | None] = []
        fns = getattr(self, "_loss_fns", None) or [None] * len(ys)
        for y, fn in zip(ys, fns):
            name = getattr(fn, "__name__", "") or type(fn).__name__
            sparse = "sparse" in name.lower()
            out.append(None if (sparse and y.dtype.kind in "iu") else K.floatx())
        return out

    def _check_input_shapes(self, xs: list[Any]) -> None:
        for x, a in zip(self.inputs, xs):
            want = K.int_shape(x)
            if want is None:
                continue
            got = a.shape
            if len(want) != len(got) or any(w is not None and w != g
                                             for w, g in zip(want[1:], got[1:])):
                raise InvalidArgumentError(
                    f"Error when checking input: expected {self._name_of(x)} to have shape "
                    f"{tuple(want[1:])} but got array with shape {tuple(got[1:])}.")

    # -- compile and the train step -----------------------------------------------------------
    def compile(self, optimizer: Any = "rmsprop", loss: Any = None, metrics: Any = None,
                loss_weights: Any = None, sample_weight_mode: Any = None,
                weighted_metrics: Any = None, **kwargs: Any) -> None:
        """Configure training: optimizer, loss(es), metrics and loss weights."""
        if kwargs:
            raise InvalidArgumentError(f"compile: unexpected keyword argument(s) "
                                       f"{sorted(kwargs)}.")
        if sample_weight_mode not in (None, "samplewise"):
            raise InvalidArgumentError("compile: only per-sample weights are supported "
                                       f"(sample_weight_mode=None). Received: "
                                       f"{sample_weight_mode!r}.")
        compile_model(self, optimizer, loss, metrics, loss_weights, weighted_metrics)

    def compute_gradients(self, loss: Any, params: list[Any]) -> list[Any]:
        """Symbolic gradients of ``loss`` (with the optimizer's clipping)."""
        return self.optimizer.get_gradients(loss, params)

    def reduce_gradients(self, grads: list[Any]) -> list[Any]:
        """Identity. Override (e.g. to all-reduce across workers): it then runs between
        two compiled functions, on the gradient tensors of each batch."""
        return grads

    def apply_gradients(self, grads: list[Any], params: list[Any]) -> list[tuple[Any, Any]]:
        """Symbolic ``(variable, new_value)`` updates, constraints applied."""
        constraints = {}
        for p in params:
            con = self.constraint_for(p)
            if con is not None:
                constraints[id(p)] = con
        return self.optimizer.apply_gradients(grads, params, constraints)

    # -- training and inference -----------------------------------------------------------------
    def fit(self, x: Any = None, y: Any = None, batch_size: int | None = None,
            epochs: int = 1, verbose: int = 1, callbacks: Any = None,
            validation_split: float = 0.0, validation_data: Any = None, shuffle: Any = True,
            class_weight: Any = None, sample_weight: Any = None, initial_epoch: int = 0,
            steps_per_epoch: int | None = None, validation_steps: int | None = None,
            validation_freq: int = 1, strategy: Any = None, **kwargs: Any) -> Any:
        """Train for ``epochs`` epochs; returns the ``History``. ``strategy`` (e.g. a
        ``tensorplug.distribute.MPIStrategy``) trains data-parallel over its workers."""
        for ignored in ("max_queue_size", "workers", "use_multiprocessing"):
            kwargs.pop(ignored, None)
        if kwargs:
            raise InvalidArgumentError(f"fit: unexpected keyword argument(s) {sorted(kwargs)}.")
        bs = 32 if batch_size is None else int(batch_size)
        train = _fit.make_feed(self, x, y, sample_weight, class_weight, bs, shuffle,
                               steps_per_epoch)
        val = None
        if validation_data is not None:
            val = self._validation_feed(validation_data, bs, validation_steps)
        elif validation_split:
            train, val = _fit.split_validation(train, validation_split, bs, shuffle)
        if strategy is not None:
            return strategy.run_fit(self, train, val, int(epochs), verbose, callbacks,
                                    int(initial_epoch), max(1, int(validation_freq)))
        return _fit.fit_loop(self, train, val, int(epochs), verbose, callbacks,
                             int(initial_epoch), max(1, int(validation_freq)))

    def _validation_feed(self, data: Any, batch_size: int, steps: int | None) -> Any:
        from . import _data

        if _data.is_sequence(data) or _data.is_generator(data):
            return _fit.make_feed(self, data, None, None, None, batch_size, False, steps,
                                  what="validation_steps")
        if not isinstance(data, (tuple, list)) or len(data) not in (2, 3):
            raise InvalidArgumentError("validation_data should be a tuple (x_val, y_val) or "
                                       "(x_val, y_val, val_sample_weights), or a generator.")
        sw = data[2] if len(data) == 3 else None
        return _fit.make_feed(self, data[0], data[1], sw, None, batch_size, False, None)

    def evaluate(self, x: Any = None, y: Any = None, batch_size: int | None = None,
                 verbose: int = 1, sample_weight: Any = None, steps: int | None = None,
                 callbacks: Any = None, **kwargs: Any) -> Any:
        """Loss (and metrics) on the given data: a scalar, or a list in
        ``metrics_names`` order."""
        feed = _fit.make_feed(self, x, y, sample_weight, None, batch_size or 32, False, steps,
                              what="steps")
        return _fit.evaluate_loop(self, feed, verbose, callbacks)

    def predict(self, x: Any, batch_size: int | None = None, verbose: int = 0,
                steps: int | None = None, callbacks: Any = None, **kwargs: Any) -> Any:
        """Outputs for ``x`` as numpy arrays (a list for several outputs)."""
        feed = _fit.make_feed(self, x, None, None, None, batch_size or 32, False, steps,
                              need_y=False, what="steps")
        return _fit.predict_loop(self, feed, callbacks)

    def _batch_call(self, kind: str, x: Any, y: Any, sample_weight: Any = None,
                    class_weight: Any = None) -> Any:
        arrays = _fit.standardize(self, x, y, sample_weight, class_weight, kind != "predict")
        n_x = len(self.input_names)
        n_y = 0 if kind == "predict" else len(self.output_names)
        xs, ys, sws = arrays[:n_x], arrays[n_x:n_x + n_y], arrays[n_x + n_y:] or None
        fn = function_for(self, kind, xs, ys, sws)
        outs = fn(xs + ys + (sws or []))
        if kind == "predict":
            return outs[0] if len(outs) == 1 else list(outs)
        values = [float(v) for v in outs]
        return values[0] if len(values) == 1 else values

    def train_on_batch(self, x: Any, y: Any, sample_weight: Any = None,
                       class_weight: Any = None) -> Any:
        """One gradient update on one batch; returns the loss (and metrics)."""
        return self._batch_call("train", x, y, sample_weight, class_weight)

    def test_on_batch(self, x: Any, y: Any, sample_weight: Any = None) -> Any:
        return self._batch_call("test", x, y, sample_weight)

    def predict_on_batch(self, x: Any) -> Any:
        return self._batch_call("predict", x, None)

    # Keras 2 generator methods: fit/evaluate/predict accept generators directly.
    def fit_generator(self, generator: Any, steps_per_epoch: int | None = None,
                      epochs: int = 1, **kwargs: Any) -> Any:
        return self.fit(generator, steps_per_epoch=steps_per_epoch, epochs=epochs, **kwargs)

    def evaluate_generator(self, generator: Any, steps: int | None = None,
                           **kwargs: Any) -> Any:
        kwargs.setdefault("verbose", 0)
        return self.evaluate(generator, steps=steps, **kwargs)

    def predict_generator(self, generator: Any, steps: int | None = None,
                          **kwargs: Any) -> Any:
        return self.predict(generator, steps=steps, **kwargs)

    # -- saving and summary -----------------------------------------------------------------
    def save(self, filepath: Any, overwrite: bool = True, include_optimizer: bool = True,
             epoch: int | None = None) -> None:
        """Architecture, weights, training config, optimizer state and epoch (HDF5)."""
        from ..saving._hdf5 import save_model

        save_model(self, filepath, overwrite, include_optimizer, epoch)

    def save_weights(self, filepath: Any, overwrite: bool = True) -> None:
        from ..saving._hdf5 import save_weights

        save_weights(self, filepath, overwrite)

    def load_weights(self, filepath: Any, by_name: bool = False) -> None:
        from ..saving._hdf5 import load_weights

        load_weights(self, filepath, by_name)

    def to_json(self, **kwargs: Any) -> str:
        import json

        from .. import layers

        return json.dumps(layers.serialize(self), **kwargs)

    def summary(self, line_length: int | None = None, print_fn: Any = None) -> None:
        from ._summary import print_summary

        print_summary(self, line_length, print_fn)


def _dtype_for(a: Any) -> str:
    return K.floatx() if a.dtype.kind == "f" else str(a.dtype)
