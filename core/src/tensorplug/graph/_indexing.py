"""``symbol[key]``: numpy's basic indexing on symbols, built from K ops.

A concrete tensor is indexed by its framework; a symbol has no values yet, so its
``__getitem__`` records the same selection as contract ops every backend has --
``K.slice``, ``K.reverse``, ``K.gather`` (through ``K.permute_dimensions`` for an inner
axis), ``K.squeeze`` and ``K.expand_dims`` -- whose rules give the static shape and
whose gradients give the indexing's gradient. Typical keys record one node:
``x[:, :2]`` is one ``K.slice``, ``K.shape(x)[0]`` a slice and a squeeze.

Supported: ints (negative from the end), slices with any step, ``None`` (a new axis)
and ``...``, alone or in a tuple. On an axis of unknown length (``None`` in the static
shape) the position must be expressible without the length: steps 1 and -1 only, and
a bound past the end fails when the graph runs rather than being clipped. Tensors,
lists and bools as indices are advanced indexing: ``K.gather`` does that.
"""

from __future__ import annotations

from typing import Any

from .. import backend as K
from .._errors import AxisError, InvalidArgumentError, InvalidTypeError
from ._vjp import _take as _block  # K.slice of one axis: (x, axis, begin, count)

_Item = Any  # an int, a slice, None or Ellipsis


def getitem(x: Any, key: Any) -> Any:
    """``x[key]`` for a symbol ``x`` (basic indexing, as numpy's)."""
    items = _items(x, key)
    shape = K.int_shape(x)
    if shape is None:
        raise InvalidArgumentError(
            f"{x!r}[{_show(key)}]: indexing needs the symbol's rank, which is unknown.\n"
            f"Fix: give the placeholder a shape (or ndim), or use K.slice / K.gather.")
    items = _expand(x, key, items, len(shape))
    out, axis, dropped, new_axes = x, 0, [], []
    for position, item in enumerate(items):
        if item is None:
            new_axes.append(position - len(dropped))
            continue
        dim = shape[axis]
        if isinstance(item, slice):
            out = _slice_axis(out, axis, dim, item, x, key)
        else:
            out = _index(out, axis, dim, item, x, key)
            dropped.append(axis)
        axis += 1
    for a in reversed(dropped):
        out = K.squeeze(out, a)
    for a in new_axes:
        out = K.expand_dims(out, a)
    return out  # x itself for x[...] or x[:] (a view in numpy)


def _show(key: Any) -> str:
    items = key if isinstance(key, tuple) else (key,)
    return ", ".join("..." if k is Ellipsis else _show_slice(k) if isinstance(k, slice)
                     else repr(k) for k in items)


def _show_slice(s: slice) -> str:
    parts = ["" if v is None else str(v) for v in (s.start, s.stop, s.step)]
    return ":".join(parts[:2]) if s.step is None else ":".join(parts)


def _items(x: Any, key: Any) -> list[_Item]:
    """The key as a list of ints, slices (of ints or None), None and Ellipsis."""
    out: list[_Item] = []
    for item in key if isinstance(key, tuple) else (key,):
        if item is None or item is Ellipsis:
            out.append(item)
        elif isinstance(item, slice):
            out.append(slice(*(_int_or_none(x, key, v) for v in
                               (item.start, item.stop, item.step))))
        elif _is_int(item):
            out.append(int(item.__index__()))
        else:
            raise InvalidTypeError(
                f"{x!r}[{_show(key)}]: symbols take ints, slices, None and ... as indices "
                f"(numpy's basic indexing). Received an index of type "
                f"{type(item).__name__}: {item!r}.\n"
                f"Fix: for indices held in a tensor or list, use K.gather (axis 0) or "
                f"K.permute_dimensions then K.gather.")
    if sum(item is Ellipsis for item in out) > 1:
        raise InvalidArgumentError(f"{x!r}[{_show(key)}]: an index can only have a single "
                                   f"ellipsis ('...').")
    return out


def _is_int(value: Any) -> bool:
    """A Python or 0-d integer (not a bool, not a symbol)."""
    from ._symbol import Symbol

    if isinstance(value, (bool, Symbol)) or not hasattr(value, "__index__"):
        return False
    return tuple(getattr(value, "shape", ())) == () and str(
        getattr(value, "dtype", "int")) != "bool"


def _int_or_none(x: Any, key: Any, value: Any) -> int | None:
    if value is None:
        return None
    if _is_int(value):
        return int(value.__index__())
    raise InvalidTypeError(f"{x!r}[{_show(key)}]: slice bounds and steps must be ints or "
                           f"None. Received: {value!r}.")


def _expand(x: Any, key: Any, items: list[_Item], ndim: int) -> list[_Item]:
    """Ellipsis (or the missing trailing axes) as full slices."""
    used = sum(item is not None and item is not Ellipsis for item in items)
    if used > ndim:
        raise AxisError(
            f"{x!r}[{_show(key)}]: too many indices: the symbol has {ndim} axes, the "
            f"index uses {used}.")
    fill = [slice(None)] * (ndim - used)
    if Ellipsis in items:
        at = items.index(Ellipsis)
        return [*items[:at], *fill, *items[at + 1:]]
    return [*items, *fill]


def _slice_axis(out: Any, axis: int, dim: int | None, s: slice, x: Any, key: Any) -> Any:
    if s.step == 0:
        raise InvalidArgumentError(f"{x!r}[{_show(key)}]: slice step cannot be zero.")
    if dim is not None:
        return _slice_known(out, axis, dim, s)
    return _slice_unknown(out, axis, s, x, key)


def _slice_known(out: Any, axis: int, dim: int, s: slice) -> Any:
    start, stop, step = s.indices(dim)
    picked = range(start, stop, step)
    n = len(picked)
    if n == dim and step == 1:
        return out
    if n == 0:
        return _block(out, axis, 0, 0)
    if step == 1:
        return _block(out, axis, start, n)
    if step == -1:
        block = out if n == dim else _block(out, axis, picked[-1], n)
        return K.reverse(block, axis)
    return _gather_axis(out, axis, list(picked))


def _gather_axis(out: Any, axis: int, indices: list[int]) -> Any:
    import numpy as np

    idx = np.asarray(indices, dtype="int64")
    if axis == 0:
        return K.gather(out, idx)
    rank = len(K.int_shape(out))
    order = (axis, *(a for a in range(rank) if a != axis))
    back = tuple(order.index(a) for a in range(rank))
    return K.permute_dimensions(K.gather(K.permute_dimensions(out, order), idx), back)


def _slice_unknown(out: Any, axis: int, s: slice, x: Any, key: Any) -> Any:
    """An axis of unknown length: bounds counted from the start are slices; bounds
    counted from the end are slices of the reversed axis."""
    start, stop, step = s.start, s.stop, 1 if s.step is None else s.step
    if step == -1 and start is None and stop is None:
        return K.reverse(out, axis)
    if step != 1:
        raise InvalidArgumentError(
            f"{x!r}[{_show(key)}]: axis {axis} has unknown length, so only steps 1 and "
            f"-1 (the whole axis reversed) can be taken on it; received step {step}.\n"
            f"Fix: give the placeholder that dimension, or reshape first.")
    lo = 0 if start is None else start
    if stop is None:
        if lo >= 0:
            return out if lo == 0 else _block(out, axis, lo, -1)
        return K.reverse(_block(K.reverse(out, axis), axis, 0, -lo), axis)
    if lo >= 0 and stop >= 0:
        return _block(out, axis, lo, max(stop - lo, 0))
    if lo < 0 and stop < 0:  # the last -lo, less the last -stop: in the reversed axis
        return K.reverse(_block(K.reverse(out, axis), axis, -stop, max(stop - lo, 0)),
                         axis)
    if lo >= 0:  # stop < 0: drop the last -stop, then the first lo
        trimmed = K.reverse(_block(K.reverse(out, axis), axis, -stop, -1), axis)
        return trimmed if lo == 0 else _block(trimmed, axis, lo, -1)
    raise InvalidArgumentError(
        f"{x!r}[{_show(key)}]: axis {axis} has unknown length, so a slice from the end "
        f"({start}) to a position from the start ({stop}) has an unknown size.\n"
        f"Fix: give the placeholder that dimension, or slice in two steps.")


def _index(out: Any, axis: int, dim: int | None, index: int, x: Any, key: Any) -> Any:
    """One entry of an axis (kept as a size-1 axis; squeezed by the caller)."""
    if dim is not None:
        if not -dim <= index < dim:
            raise AxisError(
                f"{x!r}[{_show(key)}]: index {index} is out of bounds for axis {axis} "
                f"with size {dim}.")
        return _block(out, axis, index % dim, 1)
    if index >= 0:
        return _block(out, axis, index, 1)
    return _block(K.reverse(out, axis), axis, -index - 1, 1)
