"""Generic tensor-creation and inspection composites."""

from __future__ import annotations

from typing import Any

from ..hookspecs import hookimpl


class TensorComposites:
    ops: Any

    @hookimpl(trylast=True)
    def constant(self, value: Any, dtype: Any, shape: Any, name: Any) -> Any:
        o = self.ops
        t = o.convert_to_tensor(value, dtype)
        if shape is None or tuple(o.int_shape(t)) == tuple(shape):
            return t
        return o.add(o.zeros(tuple(shape), dtype, None), t)

    @hookimpl(trylast=True)
    def shape(self, x: Any) -> Any:
        return self.ops.convert_to_tensor(list(self.ops.int_shape(x)), "int32")

    @hookimpl(trylast=True)
    def ndim(self, x: Any) -> Any:
        return len(self.ops.int_shape(x))

    @hookimpl(trylast=True)
    def eval(self, x: Any) -> Any:
        return self.ops.to_numpy(x)

    @hookimpl(trylast=True)
    def get_value(self, x: Any) -> Any:
        return self.ops.to_numpy(x)

    @hookimpl(trylast=True)
    def zeros_like(self, x: Any, dtype: Any, name: Any) -> Any:
        return self.ops.zeros(tuple(self.ops.int_shape(x)), dtype, name)

    @hookimpl(trylast=True)
    def ones_like(self, x: Any, dtype: Any, name: Any) -> Any:
        return self.ops.ones(tuple(self.ops.int_shape(x)), dtype, name)
