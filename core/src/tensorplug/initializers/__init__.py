"""Weight initializers (Keras 2 names), drawing from tensorplug's host generator.

``tensorplug.utils.set_random_seed(seed)`` seeds that generator, so the same seed gives
bit-identical initial weights on every backend.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..saving._objects import get as _get
from ..saving._objects import serialize as _serialize
from ._initializers import (
    Constant,
    GlorotNormal,
    GlorotUniform,
    HeNormal,
    HeUniform,
    Identity,
    Initializer,
    LecunNormal,
    LecunUniform,
    Ones,
    Orthogonal,
    RandomNormal,
    RandomUniform,
    TruncatedNormal,
    VarianceScaling,
    Zeros,
)

zeros, ones, constant = Zeros, Ones, Constant
random_normal, random_uniform, truncated_normal = RandomNormal, RandomUniform, TruncatedNormal
glorot_normal, glorot_uniform = GlorotNormal, GlorotUniform
he_normal, he_uniform = HeNormal, HeUniform
lecun_normal, lecun_uniform = LecunNormal, LecunUniform
orthogonal, identity = Orthogonal, Identity
variance_scaling = VarianceScaling
# Keras 2 short names
uniform, normal = RandomUniform, RandomNormal

_TABLE: dict[str, Any] = {
    c.__name__: c for c in (Constant, GlorotNormal, GlorotUniform, HeNormal, HeUniform,
                            Identity, LecunNormal, LecunUniform, Ones, Orthogonal,
                            RandomNormal, RandomUniform, TruncatedNormal, VarianceScaling,
                            Zeros)}
_TABLE.update({
    "zeros": Zeros, "ones": Ones, "constant": Constant, "random_normal": RandomNormal,
    "random_uniform": RandomUniform, "truncated_normal": TruncatedNormal,
    "glorot_normal": GlorotNormal, "glorot_uniform": GlorotUniform, "he_normal": HeNormal,
    "he_uniform": HeUniform, "lecun_normal": LecunNormal, "lecun_uniform": LecunUniform,
    "orthogonal": Orthogonal, "identity": Identity, "uniform": RandomUniform,
    "normal": RandomNormal, "variance_scaling": VarianceScaling,
})


def get(identifier: Any, custom_objects: Mapping[str, Any] | None = None) -> Any:
    """An initializer from a Keras name (``'glorot_uniform'``), a config, an instance or
    a callable ``(shape, dtype) -> array``."""
    return _get(identifier, _TABLE, "initializer", custom_objects=custom_objects)


def serialize(initializer: Any) -> Any:
    return _serialize(initializer)


def deserialize(config: Any, custom_objects: Mapping[str, Any] | None = None) -> Any:
    return get(config, custom_objects)


def sample(initializer: Any, shape: Any, dtype: Any) -> Any:
    """Initial values as a host array (or whatever a custom callable returns)."""
    init = get(initializer)
    if isinstance(init, Initializer):
        return init.sample(shape, dtype)
    return init(shape, dtype=dtype)


__all__ = [
    "Constant", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "Identity",
    "Initializer", "LecunNormal", "LecunUniform", "Ones", "Orthogonal", "RandomNormal",
    "RandomUniform", "TruncatedNormal", "VarianceScaling", "Zeros", "constant",
    "deserialize", "get", "glorot_normal", "glorot_uniform", "he_normal", "he_uniform",
    "identity", "lecun_normal", "lecun_uniform", "normal", "ones", "orthogonal",
    "random_normal", "random_uniform", "sample", "serialize", "truncated_normal", "uniform",
    "variance_scaling", "zeros",
]
