"""SGD (momentum, Nesterov), RMSprop, Adam (AMSGrad), Adagrad: Keras 2.3 update rules,
written in K ops on symbols."""

from __future__ import annotations

import math
from typing import Any

from .. import backend as K
from ._base import Optimizer


class SGD(Optimizer):
    """``v = momentum * v - lr * g``; ``p += v`` (Nesterov: ``p += momentum * v - lr * g``)."""

    def __init__(self, learning_rate: Any = 0.01, momentum: float = 0.0,
                 nesterov: bool = False, **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.momentum, self.nesterov = float(momentum), bool(nesterov)
        self.slot_names = ("moment",) if self.momentum else ()

    def update_rule(self, p: Any, g: Any, slots: list[Any], lr: Any,
                    t: Any) -> tuple[Any, list[Any]]:
        step = K.multiply(g, lr)
        if not self.momentum:
            return K.subtract(p, step), []
        v = K.subtract(K.multiply(slots[0], self.momentum), step)
        if self.nesterov:
            return K.subtract(K.add(p, K.multiply(v, self.momentum)), step), [v]
        return K.add(p, v), [v]

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}


class RMSprop(Optimizer):
    """``a = rho * a + (1 - rho) * g**2``; ``p -= lr * g / (sqrt(a) + epsilon)``."""

    slot_names = ("accumulator",)

    def __init__(self, learning_rate: Any = 0.001, rho: float = 0.9,
                 epsilon: float | None = None, **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.rho = float(rho)
        self.epsilon = K.epsilon() if epsilon is None else float(epsilon)

    def update_rule(self, p: Any, g: Any, slots: list[Any], lr: Any,
                    t: Any) -> tuple[Any, list[Any]]:
        a = K.add(K.multiply(slots[0], self.rho), K.multiply(K.square(g), 1.0 - self.rho))
        step = K.divide(K.multiply(g, lr), K.add(K.sqrt(a), self.epsilon))
        return K.subtract(p, step), [a]

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "rho": self.rho, "epsilon": self.epsilon}


class Adagrad(Optimizer):
    """``a += g**2``; ``p -= lr * g / (sqrt(a) + epsilon)``."""

    slot_names = ("accumulator",)

    def __init__(self, learning_rate: Any = 0.01, epsilon: float | None = None,
                 **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.epsilon = K.epsilon() if epsilon is None else float(epsilon)

    def update_rule(self, p: Any, g: Any, slots: list[Any], lr: Any,
                    t: Any) -> tuple[Any, list[Any]]:
        a = K.add(slots[0], K.square(g))
        step = K.divide(K.multiply(g, lr), K.add(K.sqrt(a), self.epsilon))
        return K.subtract(p, step), [a]

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "epsilon": self.epsilon}


class Adam(Optimizer):
    """Adam with bias correction folded into the rate (Keras 2.3); ``amsgrad`` keeps the
    running maximum of the second moment."""

    def __init__(self, learning_rate: Any = 0.001, beta_1: float = 0.9,
                 beta_2: float = 0.999, epsilon: float | None = None, amsgrad: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(learning_rate, **kwargs)
        self.beta_1, self.beta_2 = float(beta_1), float(beta_2)
        self.epsilon = K.epsilon() if epsilon is None else float(epsilon)
        self.amsgrad = bool(amsgrad)
        self.slot_names = ("m", "v", "vhat") if self.amsgrad else ("m", "v")

    def step_lr(self, lr: Any, t: Any) -> Any:
        b1t = K.exp(K.multiply(t, math.log(self.beta_1)))
        b2t = K.exp(K.multiply(t, math.log(self.beta_2)))
        return K.multiply(lr, K.divide(K.sqrt(K.subtract(1.0, b2t)), K.subtract(1.0, b1t)))

    def update_rule(self, p: Any, g: Any, slots: list[Any], lr: Any,
                    t: Any) -> tuple[Any, list[Any]]:
        lr_t = lr
        m = K.add(K.multiply(slots[0], self.beta_1), K.multiply(g, 1.0 - self.beta_1))
        v = K.add(K.multiply(slots[1], self.beta_2), K.multiply(K.square(g), 1.0 - self.beta_2))
        if self.amsgrad:
            vhat = K.maximum(slots[2], v)
            denom, extra = K.add(K.sqrt(vhat), self.epsilon), [vhat]
        else:
            denom, extra = K.add(K.sqrt(v), self.epsilon), []
        return K.subtract(p, K.divide(K.multiply(m, lr_t), denom)), [m, v, *extra]

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "beta_1": self.beta_1, "beta_2": self.beta_2,
                "epsilon": self.epsilon, "amsgrad": self.amsgrad}
