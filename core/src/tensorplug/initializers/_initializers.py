"""Weight initializers drawing from one host NumPy generator.

Every initializer draws on the host with ``numpy.random.Generator`` (PCG64), in float64,
then casts to the requested dtype on the host; the layer hands the array to
``K.variable``. So ``tensorplug.utils.set_random_seed(s)`` followed by building a model
gives bit-identical initial weights on every backend. An initializer given ``seed=``
uses a fresh ``Generator(PCG64(seed))`` per call (the same values each call).
"""

from __future__ import annotations

import math
from typing import Any

from .. import _rng
from .._errors import InvalidArgumentError

__all__ = [
    "Constant", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "Identity",
    "Initializer", "LecunNormal", "LecunUniform", "Ones", "Orthogonal", "RandomNormal",
    "RandomUniform", "TruncatedNormal", "VarianceScaling", "Zeros",
]


def _dtype(dtype: Any) -> str:
    from .. import backend as K

    return str(K.floatx() if dtype is None else dtype)


def _shape(shape: Any) -> tuple[int, ...]:
    try:
        out = tuple(int(d) for d in shape)
    except TypeError:
        out = None  # type: ignore[assignment]
    if out is None or any(d < 0 for d in out):
        raise InvalidArgumentError(f"Initializers need a fully known shape of non-negative "
                                   f"ints. Received: shape={shape!r}.")
    return out


class Initializer:
    """Base class: ``sample(shape, dtype)`` gives a host numpy array; calling the
    initializer gives a backend tensor (as Keras's initializers do)."""

    def sample(self, shape: Any, dtype: Any = None) -> Any:
        raise NotImplementedError

    def __call__(self, shape: Any, dtype: Any = None) -> Any:
        from .. import backend as K

        dt = _dtype(dtype)
        return K.constant(self.sample(shape, dt), dtype=dt)

    def get_config(self) -> dict[str, Any]:
        return {}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Initializer:
        return cls(**config)

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"


class Zeros(Initializer):
    def sample(self, shape: Any, dtype: Any = None) -> Any:
        import numpy as np

        return np.zeros(_shape(shape), dtype=_dtype(dtype))


class Ones(Initializer):
    def sample(self, shape: Any, dtype: Any = None) -> Any:
        import numpy as np

        return np.ones(_shape(shape), dtype=_dtype(dtype))


class Constant(Initializer):
    def __init__(self, value: Any = 0) -> None:
        self.value = value

    def sample(self, shape: Any, dtype: Any = None) -> Any:
        import numpy as np

        return np.full(_shape(shape), self.value, dtype=_dtype(dtype))

    def get_config(self) -> dict[str, Any]:
        return {"value": self.value}


class _Seeded(Initializer):
    seed: int | None

    def _rng(self) -> Any:
        return _rng.generator(_rng.check_seed(type(self).__name__, self.seed))


class RandomNormal(_Seeded):
    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: int | None = None) -> None:
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def sample(self, shape: Any, dtype: Any = None) -> Any:
        s = _shape(shape)
        values = self._rng().standard_normal(math.prod(s)).reshape(s)
        return (self.mean + self.stddev * values).astype(_dtype(dtype))

    def get_config(self) -> dict[str, Any]:
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


class RandomUniform(_Seeded):
    def __init__(self, minval: float = -0.05, maxval: float = 0.05,
                 seed: int | None = None) -> None:
        self.minval, self.maxval, self.seed = minval, maxval, seed

    def sample(self, shape: Any, dtype: Any = None) -> Any:
        s = _shape(shape)
        values = self._rng().random(math.prod(s)).reshape(s)
        return (self.minval + (self.maxval - self.minval) * values).astype(_dtype(dtype))

    def get_config(self) -> dict[str, Any]:
        return {"minval": self.minval, "maxval": self.maxval, "seed": self.seed}


def truncated(rng: Any, shape: tuple[int, ...]) -> Any:
    """Standard normal samples, those beyond two standard deviations re-drawn."""
    n = math.prod(shape)
    out = rng.standard_normal(n)
    bad = abs(out) > 2.0
    while bad.any():
        out[bad] = rng.standard_normal(int(bad.sum()))
        bad = abs(out) > 2.0
    return out.reshape(shape)


class TruncatedNormal(_Seeded):
    def __init__(self, mean: float = 0.0, stddev: float = 0.05, seed: int | None = None) -> None:
        self.mean, self.stddev, self.seed = mean, stddev, seed

    def sample(self, shape: Any, dtype: Any = None) -> Any:
        values = truncated(self._rng(), _shape(shape))
        return (self.mean + self.stddev * values).astype(_dtype(dtype))

    def get_config(self) -> dict[str, Any]:
        return {"mean": self.mean, "stddev": self.stddev, "seed": self.seed}


def fans(shape: tuple[int, ...], data_format: str = "channels_last") -> tuple[float, float]:
    """(fan_in, fan_out) as Keras 2 computes them (conv kernels: receptive field)."""
    if len(shape) == 2:
        return float(shape[0]), float(shape[1])
    if len(shape) in (3, 4, 5):
        if data_format == "channels_first":
            field = math.prod(shape[2:])
            return float(shape[1] * field), float(shape[0] * field)
        field = math.prod(shape[:-2])
        return float(shape[-2] * field), float(shape[-1] * field)
    root = math.sqrt(math.prod(shape))
    return root, root


class VarianceScaling(_Seeded):
    """Samples scaled to the kernel's fan-in, fan-out or their average (Keras 2)."""

    def __init__(self, scale: float = 1.0, mode: str = "fan_in",
                 distribution: str = "normal", seed: int | None = None) -> None:
        if scale <= 0.0:
            raise InvalidArgumentError(f"VarianceScaling: scale must be positive. "
                                       f"Received: scale={scale!r}.")
        if mode not in ("fan_in", "fan_out", "fan_avg"):
            raise InvalidArgumentError(f"VarianceScaling: mode must be 'fan_in', 'fan_out' "
                                       f"or 'fan_avg'. Received: mode={mode!r}.")
        if distribution not in ("normal", "uniform", "truncated_normal",
                                "untruncated_normal"):
            raise InvalidArgumentError(
                f"VarianceScaling: distribution must be 'normal', 'truncated_normal', "
                f"'untruncated_normal' or 'uniform'. Received: distribution={distribution!r}.")
        self.scale, self.mode, self.distribution, self.seed = scale, mode, distribution, seed

    def sample(self, shape: Any, dtype: Any = None) -> Any:
        s = _shape(shape)
        fan_in, fan_out = fans(s)
        fan = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}
        scale = self.scale / max(1.0, fan[self.mode])
        rng = self._rng()
        if self.distribution in ("normal", "truncated_normal"):
            # stddev of a standard normal truncated at 2 sigma, as Keras 2.3 divides by
            values = truncated(rng, s) * (math.sqrt(scale) / 0.87962566103423978)
        elif self.distribution == "untruncated_normal":
            values = rng.standard_normal(math.prod(s)).reshape(s) * math.sqrt(scale)
        else:
            limit = math.sqrt(3.0 * scale)
            values = (rng.random(math.prod(s)).reshape(s) * 2.0 - 1.0) * limit
        return values.astype(_dtype(dtype))

    def get_config(self) -> dict[str, Any]:
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution,
                "seed": self.seed}


def _scaled(name: str, scale: float, mode: str, distribution: str) -> type[VarianceScaling]:
    def __init__(self: VarianceScaling, seed: int | None = None) -> None:
        VarianceScaling.__init__(self, scale, mode, distribution, seed)

    def get_config(self: VarianceScaling) -> dict[str, Any]:
        return {"seed": self.seed}

    return type(name, (VarianceScaling,), {"__init__": __init__, "get_config": get_config,
                                           "__doc__": f"VarianceScaling({scale}, {mode!r}, "
                                                      f"{distribution!r})."})


GlorotNormal = _scaled("GlorotNormal", 1.0, "fan_avg", "normal")
GlorotUniform = _scaled("GlorotUniform", 1.0, "fan_avg", "uniform")
HeNormal = _scaled("HeNormal", 2.0, "fan_in", "normal")
HeUniform = _scaled("HeUniform", 2.0, "fan_in", "uniform")
LecunNormal = _scaled("LecunNormal", 1.0, "fan_in", "normal")
LecunUniform = _scaled("LecunUniform", 1.0, "fan_in", "uniform")


class Orthogonal(_Seeded):
    """A (scaled) random orthogonal matrix, from the QR decomposition of a normal one."""

    def __init__(self, gain: float = 1.0, seed: int | None = None) -> None:
        self.gain, self.seed = gain, seed

    def sample(self, shape: Any, dtype: Any = None) -> Any:
        import numpy as np

        s = _shape(shape)
        if len(s) < 2:
            raise InvalidArgumentError(f"Orthogonal needs a shape of rank >= 2. "
                                       f"Received: shape={s}.")
        rows, cols = math.prod(s[:-1]), s[-1]
        flat = (rows, cols) if rows >= cols else (cols, rows)
        a = self._rng().standard_normal(math.prod(flat)).reshape(flat)
        q, r = np.linalg.qr(a)
        q = q * np.sign(np.diag(r))
        if rows < cols:
            q = q.T
        return (self.gain * q.reshape(s)).astype(_dtype(dtype))

    def get_config(self) -> dict[str, Any]:
        return {"gain": self.gain, "seed": self.seed}


class Identity(Initializer):
    """``gain`` times the identity matrix (2-D shapes only)."""

    def __init__(self, gain: float = 1.0) -> None:
        self.gain = gain

    def sample(self, shape: Any, dtype: Any = None) -> Any:
        import numpy as np

        s = _shape(shape)
        if len(s) != 2:
            raise InvalidArgumentError(f"Identity needs a 2-D shape. Received: shape={s}.")
        return (self.gain * np.eye(*s)).astype(_dtype(dtype))

    def get_config(self) -> dict[str, Any]:
        return {"gain": self.gain}
