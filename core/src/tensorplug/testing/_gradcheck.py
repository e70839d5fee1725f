"""Gradient checks: K.gradients through the graph against central finite differences
of the same forward function, in float64, first and second order."""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from tensorplug import backend as K

EPS = 1e-6
RTOL, ATOL = 1e-5, 1e-7


def _loss_fn(op: Callable[..., Any], weights: np.ndarray | None) -> Callable[..., Any]:
    def loss(*syms: Any) -> Any:
        out = op(*syms)
        return K.sum(out if weights is None else K.multiply(out, weights))

    return loss


def _numeric(f: Callable[[list[np.ndarray]], float], inputs: list[np.ndarray],
             i: int) -> np.ndarray:
    grad = np.zeros_like(inputs[i])
    for j in range(inputs[i].size):
        plus = [a.copy() for a in inputs]
        minus = [a.copy() for a in inputs]
        plus[i].flat[j] += EPS
        minus[i].flat[j] -= EPS
        grad.flat[j] = (f(plus) - f(minus)) / (2 * EPS)
    return grad


def check_grad(op: Callable[..., Any], inputs: list[np.ndarray], wrt: tuple[int, ...],
               rng: np.random.Generator, second_order: bool = False) -> None:
    """Compare K.gradients of ``sum(op(*inputs) * w)`` with finite differences.

    ``op`` takes symbols (one per input, all float64) and returns a symbol. With
    ``second_order``, the gradient of ``sum(grad * v)`` is checked too.
    """
    syms = [K.placeholder(shape=x.shape, dtype="float64") for x in inputs]
    probe = op(*syms)
    shape = K.int_shape(probe)
    weights = rng.standard_normal(shape) if shape else None
    loss = _loss_fn(op, weights)(*syms)
    grads = K.gradients(loss, [syms[i] for i in wrt])
    assert all(g is not None for g in grads), f"a gradient is None: {grads}"
    f_loss = K.function(syms, [loss])
    got = K.function(syms, grads)(inputs)

    def value(args: list[np.ndarray]) -> float:
        return float(f_loss(args)[0])

    for k, i in enumerate(wrt):
        want = _numeric(value, inputs, i)
        np.testing.assert_allclose(got[k], want, rtol=RTOL, atol=ATOL,
                                   err_msg=f"gradient with respect to input {i}")
    if second_order:
        _check_second(syms, grads, inputs, wrt, rng)


def _check_second(syms: list[Any], grads: list[Any], inputs: list[np.ndarray],
                  wrt: tuple[int, ...], rng: np.random.Generator) -> None:
    for k, i in enumerate(wrt):
        v = rng.standard_normal(inputs[i].shape)
        inner = K.sum(K.multiply(grads[k], v))
        second = K.gradients(inner, [syms[i]])[0]
        f_inner = K.function(syms, [inner])
        # None: the gradient only flows through piecewise-constant ops, i.e. it is zero
        got = np.zeros_like(inputs[i]) if second is None else \
            K.function(syms, [second])(inputs)[0]
        want = _numeric(lambda args, f=f_inner: float(f(args)[0]), inputs, i)
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6,
                                   err_msg=f"second-order gradient, input {i}")
