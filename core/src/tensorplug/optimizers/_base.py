"""The Optimizer base class: learning rate (a variable, or a schedule), step count,
gradient clipping, slot variables, weights and config.

An optimizer builds symbolic updates: ``get_gradients(loss, params)`` then
``apply_gradients(grads, params)`` returns ``(variable, new_value)`` pairs that a model
hands to ``K.function(..., updates=...)``. Slots are created eagerly by ``build`` before
the graph is traced.
"""

from __future__ import annotations

from typing import Any, Mapping

from .. import backend as K
from .._errors import InvalidArgumentError
from . import schedules


class Optimizer:
    #: names of the per-parameter slot variables, e.g. ("m", "v")
    slot_names: tuple[str, ...] = ()

    def __init__(self, learning_rate: Any = 0.01, clipnorm: float | None = None,
                 clipvalue: float | None = None, decay: float = 0.0, **kwargs: Any) -> None:
        if "lr" in kwargs:
            learning_rate = kwargs.pop("lr")
        kwargs.pop("name", None)
        if kwargs:
            raise InvalidArgumentError(f"{type(self).__name__}: unexpected keyword "
                                       f"argument(s) {sorted(kwargs)}.")
        if clipnorm is not None and clipnorm <= 0:
            raise InvalidArgumentError(f"clipnorm must be positive. Received: {clipnorm!r}.")
        self.clipnorm, self.clipvalue = clipnorm, clipvalue
        self.initial_decay = float(decay)
        self.schedule = learning_rate if isinstance(learning_rate,
                                                    schedules.LearningRateSchedule) else None
        value = 0.0 if self.schedule is not None else float(learning_rate)
        self.learning_rate = K.variable(value, name="learning_rate")
        self.iterations = K.variable(0, dtype="int64", name="iterations")
        self._slots: dict[int, list[Any]] = {}
        self._params: list[Any] = []

    # -- Keras 2 names ----------------------------------------------------------------------
    @property
    def lr(self) -> Any:
        return self.learning_rate

    @lr.setter
    def lr(self, value: Any) -> None:
        K.set_value(self.learning_rate, value)

    # -- slots ------------------------------------------------------------------------------
    def build(self, params: list[Any]) -> None:
        """Create slot variables for ``params`` (once per parameter)."""
        import numpy as np

        for p in params:
            if id(p) not in self._slots:
                shape, dtype = tuple(K.int_shape(p)), K.dtype(p)
                self._slots[id(p)] = [K.variable(np.zeros(shape, dtype), dtype=dtype,
                                                 name=name) for name in self.slot_names]
                self._params.append(p)

    @property
    def weights(self) -> list[Any]:
        out = [self.iterations]
        for p in self._params:
            out.extend(self._slots[id(p)])
        return out

    def get_weights(self) -> list[Any]:
        import numpy as np

        return [np.array(K.to_numpy(w), copy=True) for w in self.weights]

    def set_weights(self, weights: list[Any]) -> None:
        import numpy as np

        params = self.weights
        if len(weights) != len(params):
            raise InvalidArgumentError(
                f"{type(self).__name__}.set_weights: expected {len(params)} arrays "
                f"(iterations and slots of {len(self._params)} parameters), received "
                f"{len(weights)}. Build the optimizer on the model's weights first.")
        for p, w in zip(params, weights):
            if tuple(K.int_shape(p)) != tuple(np.shape(w)):
                raise InvalidArgumentError(f"Optimizer weight shape {K.int_shape(p)} does "
                                           f"not match the given {np.shape(w)}.")
        K.batch_set_value([(p, np.asarray(w).astype(K.dtype(p))) for p, w in zip(params, weights)])

    # -- graph pieces -----------------------------------------------------------------------
    def current_lr(self) -> Any:
        """The learning rate for this step (a symbol inside a trace)."""
        step = K.cast(self.iterations, K.floatx())
        lr = self.schedule(step) if self.schedule is not None else self.learning_rate
        if self.initial_decay > 0:
            lr = K.divide(lr, K.add(K.multiply(step, self.initial_decay), 1.0))
        return lr

    def get_gradients(self, loss: Any, params: list[Any]) -> list[Any]:
        grads = K.gradients(loss, params)
        if self.clipnorm is not None:
            present = [g for g in grads if g is not None]
            norm = K.sqrt(sum_all([K.sum(K.square(g)) for g in present]))
            scale = K.divide(self.clipnorm, K.maximum(norm, self.clipnorm))
            grads = [None if g is None else K.multiply(g, scale) for g in grads]
        if self.clipvalue is not None:
            c = float(self.clipvalue)
            grads = [None if g is None else K.clip(g, -c, c) for g in grads]
        return grads

    def apply_gradients(self, grads: list[Any], params: list[Any],
                        constraints: Mapping[int, Any] | None = None) -> list[tuple[Any, Any]]:
        """``(variable, new_value)`` updates: the step count, each slot, each parameter
        (projected by its constraint); parameters without a gradient are left alone."""
        self.build(params)
        t = K.cast(K.add(self.iterations, 1), K.floatx())
        lr = self.step_lr(self.current_lr(), t)
        updates: list[tuple[Any, Any]] = [(self.iterations, K.add(self.iterations, 1))]
        for p, g in zip(params, grads):
            if g is None:
                continue
            slots = self._slots[id(p)]
            new_p, new_slots = self.update_rule(p, g, slots, lr, t)
            updates.extend(zip(slots, new_slots))
            con = (constraints or {}).get(id(p))
            updates.append((p, con(new_p) if con is not None else new_p))
        return updates

    def get_updates(self, loss: Any, params: list[Any]) -> list[tuple[Any, Any]]:
        """Keras 2's entry point: gradients then updates."""
        return self.apply_gradients(self.get_gradients(loss, params), params)

    def step_lr(self, lr: Any, t: Any) -> Any:
        """The rate handed to every ``update_rule`` of this step (computed once)."""
        return lr

    def update_rule(self, p: Any, g: Any, slots: list[Any], lr: Any,
                    t: Any) -> tuple[Any, list[Any]]:
        """New value of ``p`` and of its slots, given gradient ``g``, this step's rate
        ``lr`` and step number ``t`` (1 for the first update)."""
        raise NotImplementedError

    # -- config -----------------------------------------------------------------------------
    def get_config(self) -> dict[str, Any]:
        lr: Any = schedules.serialize(self.schedule) if self.schedule is not None \
            else float(K.to_numpy(self.learning_rate))
        config: dict[str, Any] = {"learning_rate": lr, "decay": self.initial_decay}
        if self.clipnorm is not None:
            config["clipnorm"] = self.clipnorm
        if self.clipvalue is not None:
            config["clipvalue"] = self.clipvalue
        return config

    @classmethod
    def from_config(cls, config: dict[str, Any],
                    custom_objects: Mapping[str, Any] | None = None) -> Optimizer:
        config = dict(config)
        if isinstance(config.get("learning_rate"), dict):
            config["learning_rate"] = schedules.deserialize(config["learning_rate"],
                                                            custom_objects)
        return cls(**config)


def sum_all(values: list[Any]) -> Any:
    total = values[0]
    for v in values[1:]:
        total = K.add(total, v)
    return total
