"""HDF5 model files through h5py (imported here only).

Layout (close to Keras 2's, so files are easy to inspect with h5py)::

    /                   attrs: format, tensorplug_version, backend, model_config (JSON),
                        training_config (JSON), epoch
    /model_weights      attrs: layer_names; one group per layer with attr weight_names
    /optimizer_weights  attrs: weight_names; datasets in the optimizer's weight order

``save_weights`` writes only the layer groups (at the root). Writes go to a temporary
file in the same folder, then ``os.replace`` it: a crash never leaves half a file.
Loading reads and checks everything before touching the model, so a corrupt or
mismatched file raises a clear error and leaves the model unchanged. Weights are stored
as NumPy arrays, so a file written on one backend loads on any other.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any, Mapping

from .. import __version__
from .. import backend as K
from .._errors import InvalidArgumentError
from . import _rng_state as _rng

FORMAT = "tensorplug-hdf5/1"


def _h5py() -> Any:
    try:
        import h5py
    except ImportError as exc:
        raise ImportError("Saving and loading models needs h5py.\n"
                          "Fix: pip install 'tensorplug[demo]' (or pip install h5py).") from exc
    return h5py


def _atomic_write(filepath: Any, overwrite: bool, write: Any) -> None:
    path = os.fspath(filepath)
    if not overwrite and os.path.exists(path):
        raise InvalidArgumentError(f"{path!r} exists and overwrite=False. "
                                   f"Fix: pass overwrite=True or choose another path.")
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=os.path.basename(path) + ".", suffix=".tmp")
    os.close(fd)
    try:
        with _h5py().File(tmp, "w") as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def _open(filepath: Any) -> Any:
    path = os.fspath(filepath)
    if not os.path.exists(path):
        raise FileNotFoundError(f"No such file: {path!r}.")
    try:
        return _h5py().File(path, "r")
    except OSError as exc:
        raise InvalidArgumentError(f"Cannot read {path!r} as an HDF5 file ({exc}). It may be "
                                   f"truncated, corrupt or of another format.") from exc


def _text(value: Any) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _write_layers(group: Any, layers: list[Any]) -> None:
    group.attrs["layer_names"] = [la.name.encode("utf-8") for la in layers]
    for layer in layers:
        g = group.create_group(layer.name)
        names = []
        for i, (w, value) in enumerate(zip(layer.weights, layer.get_weights())):
            name = f"{i}:{layer.weight_name(w)}"
            g.create_dataset(name, data=value)
            names.append(name.encode("utf-8"))
        g.attrs["weight_names"] = names


def _read_layers(group: Any, where: str) -> dict[str, list[Any]]:
    import numpy as np

    try:
        out = {}
        for name in (_text(n) for n in group.attrs["layer_names"]):
            g = group[name]
            out[name] = [np.asarray(g[_text(w)]) for w in g.attrs["weight_names"]]
        return out
    except (KeyError, OSError, ValueError) as exc:
        raise InvalidArgumentError(f"{where}: the layer weights are missing or corrupt "
                                   f"({exc}).") from exc


def _plan(model: Any, saved: dict[str, list[Any]], by_name: bool,
          where: str) -> list[tuple[Any, Any]]:
    """(variable, value) for every weight, all checked before anything is assigned."""
    layers = [la for la in model.layers if la.weights]
    pairs: list[tuple[Any, Any]] = []
    if by_name:
        matched = [(la, saved[la.name]) for la in layers if la.name in saved]
    else:
        stored = [(n, v) for n, v in saved.items() if v]
        if len(stored) != len(layers):
            raise InvalidArgumentError(
                f"{where}: the file has weights for {len(stored)} layer(s) "
                f"{[n for n, _ in stored]}, the model has {len(layers)} layer(s) with weights "
                f"{[la.name for la in layers]}. Fix: load into the same architecture, or "
                f"use by_name=True.")
        matched = [(la, values) for la, (_, values) in zip(layers, stored)]
    for layer, values in matched:
        if len(values) != len(layer.weights):
            raise InvalidArgumentError(f"{where}: layer {layer.name!r} expects "
                                       f"{len(layer.weights)} weight(s), the file has "
                                       f"{len(values)}.")
        for w, v in zip(layer.weights, values):
            if tuple(K.int_shape(w)) != tuple(v.shape):
                raise InvalidArgumentError(
                    f"{where}: weight {layer.weight_name(w)!r} of layer {layer.name!r} has "
                    f"shape {K.int_shape(w)} in the model but {v.shape} in the file.")
            pairs.append((w, v.astype(K.dtype(w))))
    return pairs


def save_weights(model: Any, filepath: Any, overwrite: bool = True) -> None:
    def write(f: Any) -> None:
        f.attrs["format"] = FORMAT
        f.attrs["tensorplug_version"] = __version__
        f.attrs["backend"] = K.backend()
        _write_layers(f, model.layers)

    _atomic_write(filepath, overwrite, write)


def load_weights(model: Any, filepath: Any, by_name: bool = False) -> None:
    where = f"load_weights({os.fspath(filepath)!r})"
    with _open(filepath) as f:
        group = f["model_weights"] if "model_weights" in f else f
        pairs = _plan(model, _read_layers(group, where), by_name, where)
    K.batch_set_value(pairs)


def _training_config(model: Any) -> dict[str, Any] | None:
    from .. import losses, optimizers

    spec = getattr(model, "_compile_spec", None)
    if not getattr(model, "_compiled", False) or spec is None:
        return None

    def ser(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: ser(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [ser(v) for v in value]
        if value is None or isinstance(value, (str, int, float)):
            return value
        return losses.serialize(value)

    return {"optimizer_config": optimizers.serialize(model.optimizer),
            "loss": ser(spec["loss"]), "metrics": ser(spec["metrics"]),
            "loss_weights": spec["loss_weights"],
            "weighted_metrics": ser(spec["weighted_metrics"])}


def save_model(model: Any, filepath: Any, overwrite: bool = True,
               include_optimizer: bool = True, epoch: int | None = None) -> None:
    from .. import layers

    config = json.dumps(layers.serialize(model))
    training = _training_config(model) if include_optimizer else None

    def write(f: Any) -> None:
        f.attrs["format"] = FORMAT
        f.attrs["tensorplug_version"] = __version__
        f.attrs["backend"] = K.backend()
        f.attrs["model_config"] = config
        f.attrs["epoch"] = int(getattr(model, "epoch", 0) if epoch is None else epoch)
        _write_layers(f.create_group("model_weights"), model.layers)
        if training is not None:
            f.attrs["training_config"] = json.dumps(training)
            opt = f.create_group("optimizer_weights")
            values = model.optimizer.get_weights()
            opt.attrs["weight_names"] = [str(i).encode() for i in range(len(values))]
            for i, v in enumerate(values):
                opt.create_dataset(str(i), data=v)

    _atomic_write(filepath, overwrite, write)


def _read_model_file(filepath: Any) -> tuple[Any, ...]:
    import numpy as np

    where = f"load_model({os.fspath(filepath)!r})"
    with _open(filepath) as f:
        if "model_config" not in f.attrs:
            raise InvalidArgumentError(f"{where}: no model config in the file (is it a "
                                       f"weights file? use model.load_weights).")
        try:
            config = json.loads(_text(f.attrs["model_config"]))
            training = json.loads(_text(f.attrs["training_config"])) \
                if "training_config" in f.attrs else None
        except ValueError as exc:
            raise InvalidArgumentError(f"{where}: the stored config is not valid JSON "
                                       f"({exc}).") from exc
        weights = _read_layers(f["model_weights"], where) if "model_weights" in f else None
        if weights is None:
            raise InvalidArgumentError(f"{where}: the file has no model_weights group.")
        opt = None
        if "optimizer_weights" in f:
            g = f["optimizer_weights"]
            opt = [np.asarray(g[_text(n)]) for n in g.attrs["weight_names"]]
        epoch = int(f.attrs.get("epoch", 0))
    return config, training, weights, opt, epoch, where


def load_model(filepath: Any, custom_objects: Mapping[str, Any] | None = None,
               compile: bool = True) -> Any:
    from .. import layers, optimizers
    from ._objects import custom_object_scope

    config, training, weights, opt, epoch, where = _read_model_file(filepath)
    with custom_object_scope(dict(custom_objects or {})), _rng.preserved():
        model: Any = layers.deserialize(config)
        K.batch_set_value(_plan(model, weights, False, where))
        model.epoch = epoch
        if compile and training is not None:
            model.compile(optimizer=optimizers.deserialize(training["optimizer_config"]),
                          loss=_objects(training["loss"], "loss"),
                          metrics=_objects(training["metrics"], "metric"),
                          loss_weights=training["loss_weights"],
                          weighted_metrics=_objects(training.get("weighted_metrics"),
                                                    "metric"))
            if opt:
                _restore_optimizer(model, opt, where)
    return model


def _objects(value: Any, kind: str) -> Any:
    """Loss and metric names back to objects (custom ones from custom_objects)."""
    from .. import losses, metrics

    if isinstance(value, dict) and "class_name" not in value:
        return {k: _objects(v, kind) for k, v in value.items()}
    if isinstance(value, list):
        return [_objects(v, kind) for v in value]
    if value is None or value in ("accuracy", "acc", "crossentropy", "ce"):
        return value
    return losses.get(value) if kind == "loss" else metrics.get(value)


def _restore_optimizer(model: Any, values: list[Any], where: str) -> None:
    optimizer = model.optimizer
    optimizer.build(model.trainable_weights)
    if len(values) == 1:
        K.set_value(optimizer.iterations, values[0])
        return
    try:
        optimizer.set_weights(values)
    except InvalidArgumentError as exc:
        raise InvalidArgumentError(f"{where}: the optimizer state does not match the model "
                                   f"({exc}).") from exc
