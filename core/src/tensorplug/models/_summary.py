"""``model.summary()``: one row per layer with its output shape and parameter count."""

from __future__ import annotations

from typing import Any, Callable

from .. import backend as K
from .._errors import InvalidArgumentError


def _shape_text(layer: Any, model: Any) -> str:
    try:
        nodes = [n for n in layer._inbound_nodes if n in model._nodes]
        outs = nodes[0].output_tensors if nodes else []
        shapes = [K.int_shape(t) for t in outs]
        return str(shapes[0] if len(shapes) == 1 else shapes)
    except (IndexError, AttributeError):
        return "multiple"


def _inbound_text(layer: Any, model: Any) -> str:
    parts = []
    for node in layer._inbound_nodes:
        if node not in model._nodes:
            continue
        for t in node.input_tensors:
            src, idx, ti = t._keras_history
            parts.append(f"{src.name}[{idx}][{ti}]")
    return ", ".join(parts)


def print_summary(model: Any, line_length: int | None = None,
                  print_fn: Callable[[str], Any] | None = None) -> None:
    if not model.built or not getattr(model, "_is_graph", False):
        raise InvalidArgumentError(
            "This model has not yet been built. Build the model first by calling build() or "
            "calling fit() with some data. Or specify input_shape or batch_input_shape in "
            "the first layer for automatic build.")
    emit = print_fn or print
    from ._sequential import Sequential

    sequential = isinstance(model, Sequential) or all(
        len([n for n in la._inbound_nodes if n in model._nodes]) <= 1
        and sum(1 for n in la._inbound_nodes if n in model._nodes
                for _ in n.input_tensors) <= 1 for la in model.layers)
    width = line_length or (65 if sequential else 98)
    cols = [0.45, 0.85, 1.0] if sequential else [0.33, 0.55, 0.67, 1.0]
    stops = [int(width * c) for c in cols]
    header = ["Layer (type)", "Output Shape", "Param #"] + ([] if sequential
                                                             else ["Connected to"])

    def row(fields: list[str]) -> str:
        line = ""
        for i, (text, stop) in enumerate(zip(fields, stops)):
            if i:
                line = line[:-1] + " "
            line = (line + str(text))[:stop].ljust(stop)
        return line.rstrip()

    emit(f'Model: "{model.name}"')
    emit("_" * width)
    emit(row(header))
    emit("=" * width)
    rows = model.layers
    for i, layer in enumerate(rows):
        fields = [f"{layer.name} ({type(layer).__name__})", _shape_text(layer, model),
                  str(layer.count_params() if layer.built else 0)]
        if not sequential:
            fields.append(_inbound_text(layer, model))
        emit(row(fields))
        emit("=" * width if i == len(rows) - 1 else "_" * width)
    trainable = sum(K.count_params(w) for w in model.trainable_weights)
    total = sum(K.count_params(w) for w in model.weights)
    emit(f"Total params: {total:,}")
    emit(f"Trainable params: {trainable:,}")
    emit(f"Non-trainable params: {total - trainable:,}")
    emit("_" * width)
