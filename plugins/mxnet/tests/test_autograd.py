"""K ops record under ``mx.autograd.record()``: gradients reach the inputs and match the
analytic ones (fast paths, promotion paths and the scan behind cumprod alike)."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pytest
from tensorplug import backend as K

X = np.array([[0.5, -1.5, 2.0], [1.0, 0.25, -0.75]])

# op name -> (function of the tensor x, analytic gradient of sum(f(x)) at X)
CASES: dict[str, tuple[Callable[[Any], Any], Callable[[np.ndarray], np.ndarray]]] = {
    "exp": (K.exp, np.exp),
    # sqrt clips negatives to 0 first (Keras 2); as with Keras on TensorFlow, the
    # gradient there is 0 * inf = NaN, so sqrt is checked on positive inputs
    "sqrt": (lambda x: K.sqrt(K.abs(x)), lambda x: np.sign(x) * 0.5 / np.sqrt(np.abs(x))),
    "square": (K.square, lambda x: 2 * x),
    "multiply_scalar": (lambda x: K.multiply(x, 3.0), lambda x: np.full_like(x, 3.0)),
    "divide_int_tensor": (lambda x: K.divide(x, K.constant(np.full((2, 3), 2), "int32")),
                          lambda x: np.full_like(x, 0.5)),
    "add_promoted": (lambda x: K.add(K.cast(x, "float32"), x), lambda x: np.full_like(x, 2.0)),
    "dot": (lambda x: K.dot(x, K.transpose(x)), lambda x: 2 * np.ones((2, 2)) @ x),
    "batch_dot": (lambda x: K.batch_dot(K.expand_dims(x, 1), K.expand_dims(x, 2), (2, 1)),
                  lambda x: 2 * x),
    "mean": (lambda x: K.mean(x, 1), lambda x: np.full_like(x, 1 / 3)),
    "logsumexp": (lambda x: K.logsumexp(x, 1),
                  lambda x: np.exp(x) / np.exp(x).sum(1, keepdims=True)),
    "relu": (K.relu, lambda x: (x > 0).astype(float)),
    "sigmoid": (K.sigmoid, lambda x: np.exp(-x) / (1 + np.exp(-x)) ** 2),
    "softplus": (K.softplus, lambda x: 1 / (1 + np.exp(-x))),
    # (MXNet passes the gradient at a bound itself)
    "clip": (lambda x: K.clip(x, -1.0, 1.0), lambda x: (np.abs(x) <= 1).astype(float)),
    "where": (lambda x: K.where(K.greater(x, 0), x, K.multiply(x, 2.0)),
              lambda x: np.where(x > 0, 1.0, 2.0)),
    "concatenate": (lambda x: K.concatenate([x, K.multiply(x, 2.0)], 0),
                    lambda x: np.full_like(x, 3.0)),
    "cumprod": (lambda x: K.cumprod(x, 1),
                lambda x: np.stack([1 + x[:, 1] + x[:, 1] * x[:, 2], x[:, 0] + x[:, 0] * x[:, 2],
                                    x[:, 0] * x[:, 1]], 1)),
    "cast": (lambda x: K.cast(x, "float32"), lambda x: np.ones_like(x)),
    "gather": (lambda x: K.gather(x, [1, 1, 0]), lambda x: np.array([[1.0] * 3, [2.0] * 3])),
}


@pytest.mark.parametrize("name", CASES)
def test_gradient_under_autograd_record(mx: Any, name: str) -> None:
    f, grad = CASES[name]
    x = K.convert_to_tensor(X)
    x.attach_grad()
    with mx.autograd.record():
        y = K.sum(f(x))
    y.backward()
    np.testing.assert_allclose(x.grad.asnumpy(), grad(X), rtol=1e-6, atol=1e-6)
