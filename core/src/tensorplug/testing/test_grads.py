"""Gradients of every differentiable op, on this backend, against central finite
differences in float64 (second order for element-wise ops and dot). Marked ``grads``.

Ids: ``test_grads[<op>-<case>]``. Inputs avoid kinks (|x| away from 0 for abs,
no ties for max/maximum, values inside the clip range or clearly outside).
"""

from __future__ import annotations

import zlib
from typing import Any, Callable

import numpy as np
import pytest

from tensorplug import backend as K

from ._gradcheck import check_grad

pytestmark = pytest.mark.grads

GradCase = tuple[Callable[..., Any], Callable[[np.random.Generator], list[np.ndarray]],
                 tuple[int, ...], bool]
CASES: dict[str, GradCase] = {}


def case(name: str, inputs: Callable[[np.random.Generator], list[np.ndarray]],
         wrt: tuple[int, ...] = (0,), second: bool = False) -> Callable[[Any], Any]:
    def add(fn: Callable[..., Any]) -> Callable[..., Any]:
        CASES[name] = (fn, inputs, wrt, second)
        return fn

    return add


def normal(*shape: int) -> Callable[[np.random.Generator], np.ndarray]:
    return lambda rng: rng.standard_normal(shape)


def positive(*shape: int) -> Callable[[np.random.Generator], np.ndarray]:
    return lambda rng: rng.uniform(0.5, 2.0, shape)


def away_from_zero(*shape: int) -> Callable[[np.random.Generator], np.ndarray]:
    return lambda rng: rng.uniform(0.3, 2.0, shape) * rng.choice([-1.0, 1.0], shape)


def distinct(*shape: int) -> Callable[[np.random.Generator], np.ndarray]:
    """Values at least 0.1 apart, so maxima and minima have no ties."""
    def make(rng: np.random.Generator) -> np.ndarray:
        n = int(np.prod(shape))
        return (rng.permutation(n) * 0.1 + rng.uniform(0, 0.01, n)).reshape(shape) - n * 0.05
    return make


def inputs(*makers: Callable[[np.random.Generator], np.ndarray]) -> Callable[..., Any]:
    return lambda rng: [m(rng) for m in makers]


# -- element-wise (second order too) ------------------------------------------------
for _name, _maker in (("abs", away_from_zero), ("negative", normal), ("square", normal),
                      ("sqrt", positive), ("exp", normal), ("log", positive),
                      ("sin", normal), ("cos", normal), ("tanh", normal),
                      ("sigmoid", normal), ("softplus", normal)):
    case(f"{_name}-basic", inputs(_maker(2, 3)), second=True)(
        lambda x, _op=_name: getattr(K, _op)(x))

case("relu-plain", inputs(away_from_zero(2, 3)), second=True)(lambda x: K.relu(x))
case("relu-leaky_capped", inputs(lambda rng: rng.choice([-1.5, -0.5, 0.7, 1.3, 3.0], (2, 3))
                                 + rng.uniform(0, 0.05, (2, 3))))(
    lambda x: K.relu(x, alpha=0.2, max_value=2.0, threshold=0.1))
case("pow-scalar", inputs(positive(2, 3)), second=True)(lambda x: K.pow(x, 3))
case("pow-tensor", inputs(positive(2, 3), normal(2, 3)), wrt=(0, 1))(lambda x, a: K.pow(x, a))
case("clip-inside_and_out", inputs(lambda rng: rng.choice([-3.0, -0.5, 0.2, 0.6, 3.0], (2, 3))
                                   + rng.uniform(0, 0.05, (2, 3))))(
    lambda x: K.clip(x, -1.0, 1.0))
case("softmax-last_axis", inputs(normal(2, 4)))(lambda x: K.softmax(x))
case("softmax-axis0", inputs(normal(3, 2)))(lambda x: K.softmax(x, axis=0))

# -- binary, with broadcasting ------------------------------------------------------
for _name in ("add", "subtract", "multiply"):
    case(f"{_name}-same_shape", inputs(normal(2, 3), normal(2, 3)), (0, 1), True)(
        lambda x, y, _op=_name: getattr(K, _op)(x, y))
    case(f"{_name}-broadcast", inputs(normal(2, 1, 3), normal(4, 1)), (0, 1))(
        lambda x, y, _op=_name: getattr(K, _op)(x, y))
    case(f"{_name}-python_scalar", inputs(normal(2, 3)))(
        lambda x, _op=_name: getattr(K, _op)(x, 1.5))
case("divide-same_shape", inputs(normal(2, 3), away_from_zero(2, 3)), (0, 1), True)(
    lambda x, y: K.divide(x, y))
case("divide-broadcast", inputs(normal(2, 3), away_from_zero(3)), (0, 1))(
    lambda x, y: K.divide(x, y))
for _name in ("maximum", "minimum"):
    case(f"{_name}-basic", inputs(distinct(2, 3), distinct(2, 3)), (0, 1))(
        lambda x, y, _op=_name: getattr(K, _op)(x, y + 0.05))
case("where-basic", inputs(normal(2, 3), normal(2, 3)), (0, 1))(
    lambda x, y: K.where(K.greater(x, y), x * 2.0, y * 3.0))

# -- reductions ---------------------------------------------------------------------
for _name in ("sum", "mean", "var", "std", "logsumexp"):
    case(f"{_name}-all", inputs(normal(2, 3)))(lambda x, _op=_name: getattr(K, _op)(x))
    case(f"{_name}-axis1", inputs(normal(2, 3)))(
        lambda x, _op=_name: getattr(K, _op)(x, axis=1))
    case(f"{_name}-axes_keepdims", inputs(normal(2, 3, 2)))(
        lambda x, _op=_name: getattr(K, _op)(x, axis=(0, 2), keepdims=True))
case("prod-axis0", inputs(away_from_zero(3, 2)))(lambda x: K.prod(x, axis=0))
case("prod-all", inputs(away_from_zero(2, 3)))(lambda x: K.prod(x))
for _name in ("max", "min"):
    case(f"{_name}-axis1", inputs(distinct(2, 3)))(
        lambda x, _op=_name: getattr(K, _op)(x, axis=1))
    case(f"{_name}-all_keepdims", inputs(distinct(2, 3)))(
        lambda x, _op=_name: getattr(K, _op)(x, keepdims=True))
case("cumsum-axis0", inputs(normal(3, 2)))(lambda x: K.cumsum(x, axis=0))
case("cumsum-axis1", inputs(normal(2, 3)))(lambda x: K.cumsum(x, axis=1))
case("cumprod-axis1", inputs(away_from_zero(2, 3)))(lambda x: K.cumprod(x, axis=1))

# -- linear algebra -----------------------------------------------------------------
case("dot-2d", inputs(normal(2, 3), normal(3, 4)), (0, 1), True)(lambda x, y: K.dot(x, y))
case("dot-nd", inputs(normal(2, 3), normal(4, 3, 2)), (0, 1))(lambda x, y: K.dot(x, y))
case("dot-3d_x", inputs(normal(2, 2, 3), normal(3, 2)), (0, 1))(lambda x, y: K.dot(x, y))
case("dot-vector_y", inputs(normal(2, 3), normal(3)), (0, 1))(lambda x, y: K.dot(x, y))
case("batch_dot-2d", inputs(normal(2, 3), normal(2, 3)), (0, 1))(
    lambda x, y: K.batch_dot(x, y, axes=1))
case("batch_dot-3d", inputs(normal(2, 3, 4), normal(2, 4, 2)), (0, 1))(
    lambda x, y: K.batch_dot(x, y))
case("batch_dot-axes", inputs(normal(2, 3, 4), normal(2, 2, 3)), (0, 1))(
    lambda x, y: K.batch_dot(x, y, axes=(1, 2)))
case("transpose-basic", inputs(normal(2, 3)))(lambda x: K.transpose(x))

# -- shapes -------------------------------------------------------------------------
case("reshape-basic", inputs(normal(2, 3)))(lambda x: K.reshape(x, (3, 2)))
case("reshape-infer", inputs(normal(2, 3)))(lambda x: K.reshape(x, (-1,)))
case("flatten-basic", inputs(normal(2, 3)))(lambda x: K.flatten(x))
case("batch_flatten-basic", inputs(normal(2, 3, 2)))(lambda x: K.batch_flatten(x))
case("expand_dims-basic", inputs(normal(2, 3)))(lambda x: K.expand_dims(x, 1))
case("squeeze-basic", inputs(normal(2, 1, 3)))(lambda x: K.squeeze(x, 1))
case("permute_dimensions-basic", inputs(normal(2, 3, 4)))(
    lambda x: K.permute_dimensions(x, (2, 0, 1)))
case("concatenate-axis1", inputs(normal(2, 3), normal(2, 2)), (0, 1))(
    lambda x, y: K.concatenate([x, y], axis=1))
case("concatenate-axis0", inputs(normal(1, 3), normal(2, 3)), (0, 1))(
    lambda x, y: K.concatenate([x, y], axis=0))
case("stack-axis1", inputs(normal(2, 3), normal(2, 3)), (0, 1))(
    lambda x, y: K.stack([x, y], axis=1))
case("tile-basic", inputs(normal(2, 3)))(lambda x: K.tile(x, (2, 3)))
case("repeat_elements-basic", inputs(normal(2, 3)))(lambda x: K.repeat_elements(x, 2, 1))
case("gather-rows", inputs(normal(4, 3)))(lambda x: K.gather(x, [2, 0, 2]))


@pytest.mark.parametrize("name", sorted(CASES))
def test_grads(name: str) -> None:
    op, make, wrt, second = CASES[name]
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    check_grad(op, make(rng), wrt, rng, second_order=second)
