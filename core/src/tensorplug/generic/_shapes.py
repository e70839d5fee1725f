"""Generic shape and linear-algebra composites."""

from __future__ import annotations

import math
from typing import Any

from .. import _config
from .._dtypes import result_type
from .._errors import InvalidArgumentError
from ..backend._validate import check_axis
from ..hookspecs import hookimpl


class ShapeComposites:
    ops: Any

    def _shape(self, x: Any) -> tuple[int, ...]:
        return tuple(self.ops.int_shape(x))

    @hookimpl(trylast=True)
    def transpose(self, x: Any) -> Any:
        return self.ops.permute_dimensions(x, tuple(reversed(range(len(self._shape(x))))))

    @hookimpl(trylast=True)
    def expand_dims(self, x: Any, axis: Any) -> Any:
        shape = list(self._shape(x))
        shape.insert(check_axis("expand_dims", axis, len(shape), new_axis=True), 1)
        return self.ops.reshape(x, tuple(shape))

    @hookimpl(trylast=True)
    def squeeze(self, x: Any, axis: Any) -> Any:
        shape = list(self._shape(x))
        axis = check_axis("squeeze", axis, len(shape))
        if shape[axis] != 1:
            raise InvalidArgumentError(f"K.squeeze: axis {axis} has size {shape[axis]}, "
                                       f"not 1.\nReceived: x.shape={tuple(shape)}.")
        del shape[axis]
        return self.ops.reshape(x, tuple(shape))

    @hookimpl(trylast=True)
    def flatten(self, x: Any) -> Any:
        return self.ops.reshape(x, (-1,))

    @hookimpl(trylast=True)
    def batch_flatten(self, x: Any) -> Any:
        shape = self._shape(x)
        return self.ops.reshape(x, (shape[0], math.prod(shape[1:])))

    @hookimpl(trylast=True)
    def stack(self, x: Any, axis: Any) -> Any:
        axis = check_axis("stack", axis, len(self._shape(x[0])), new_axis=True)
        return self.ops.concatenate([self.expand_dims(t, axis) for t in x], axis)

    @hookimpl(trylast=True)
    def repeat_elements(self, x: Any, rep: Any, axis: Any) -> Any:
        shape = self._shape(x)
        axis = check_axis("repeat_elements", axis, len(shape))
        y = self.expand_dims(x, axis + 1)
        reps = tuple(rep if i == axis + 1 else 1 for i in range(len(shape) + 1))
        out = list(shape)
        out[axis] *= rep
        return self.ops.reshape(self.ops.tile(y, reps), tuple(out))

    @hookimpl(trylast=True)
    def one_hot(self, indices: Any, num_classes: Any) -> Any:
        o = self.ops
        classes = o.convert_to_tensor(list(range(num_classes)), "int64")
        hit = o.equal(self.expand_dims(o.cast(indices, "int64"), -1), classes)
        return o.cast(hit, _config.floatx())

    @hookimpl(trylast=True)
    def batch_dot(self, x: Any, y: Any, axes: Any) -> Any:
        o = self.ops
        ax_x, ax_y = axes
        sx, sy = self._shape(x), self._shape(y)
        # x -> (b, rest_x..., c); y -> (b, c, rest_y...)
        px = (0, *(i for i in range(1, len(sx)) if i != ax_x), ax_x)
        py = (0, ax_y, *(i for i in range(1, len(sy)) if i != ax_y))
        xt, yt = o.permute_dimensions(x, px), o.permute_dimensions(y, py)
        rest_x = tuple(sx[i] for i in px[1:-1])
        rest_y = tuple(sy[i] for i in py[2:])
        c = sx[ax_x]
        xe = o.reshape(xt, (sx[0], *rest_x, c, *(1 for _ in rest_y)))
        ye = o.reshape(yt, (sy[0], *(1 for _ in rest_x), c, *rest_y))
        out = o.sum(o.multiply(xe, ye), 1 + len(rest_x), False)
        if not rest_x and not rest_y:
            out = o.reshape(out, (sx[0], 1))
        want = result_type(o.dtype(x), o.dtype(y))
        return out if o.dtype(out) == want else o.cast(out, want)
