"""Argument normalisation shared by the convolution and pooling layers."""

from __future__ import annotations

from typing import Any

from .._errors import InvalidArgumentError


def normalize_tuple(value: Any, n: int, name: str) -> tuple[int, ...]:
    """An int or a sequence of ``n`` ints as a tuple of ``n`` positive ints."""
    if isinstance(value, int):
        out = (value,) * n
    else:
        try:
            out = tuple(int(v) for v in value)
        except TypeError:
            out = ()
    if len(out) != n or any(v < 1 for v in out):
        raise InvalidArgumentError(f"The `{name}` argument must be a tuple of {n} positive "
                                   f"integers (or one integer). Received: {name}={value!r}.")
    return out


def normalize_padding(value: Any) -> str:
    padding = str(value).lower()
    if padding not in ("valid", "same", "causal"):
        raise InvalidArgumentError(f"The `padding` argument must be 'valid', 'same' or "
                                   f"'causal'. Received: padding={value!r}.")
    return padding


def conv_output_length(length: int | None, size: int, padding: str, stride: int,
                       dilation: int = 1) -> int | None:
    if length is None:
        return None
    span = (size - 1) * dilation + 1
    out = length if padding in ("same", "causal") else length - span + 1
    return (out + stride - 1) // stride
