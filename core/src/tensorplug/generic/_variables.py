"""Generic composites: variables: identity, counting and in-place updates; the sparse
queries (the only sparse value is ``tensorplug._sparse.SparseLabels``, which
``ctc_label_dense_to_sparse`` returns, as Keras's TF backend returned a SparseTensor).

Updates compute the new value with contract ops, cast it to the variable's dtype and
assign it with the ``set_value`` primitive, then return the variable itself.
"""

from __future__ import annotations

import math
from typing import Any

from .._errors import IncompatibleShapesError
from .._sparse import SparseLabels
from ..hookspecs import hookimpl


class VariableComposites:
    ops: Any

    def _assign(self, op: str, x: Any, new: Any) -> Any:
        o = self.ops
        want, got = tuple(o.int_shape(x)), tuple(o.int_shape(new))
        if got != want:
            raise IncompatibleShapesError(
                f"K.{op}: the new value has shape {got} but the variable has shape {want}.\n"
                f"Received: x.shape={want}, result shape={got}.\nFix: pass a value that "
                f"broadcasts to the variable's shape.")
        dtype = o.dtype(x)
        if o.dtype(new) != dtype:
            new = o.cast(new, dtype)
        o.set_value(x, new)
        return x

    def _check_broadcast(self, op: str, x: Any, value: Any) -> None:
        """IncompatibleShapesError unless ``value`` broadcasts to ``x``'s shape."""
        if isinstance(value, (bool, int, float)):
            return
        o = self.ops
        want = tuple(o.int_shape(x))
        try:
            got = tuple(o.int_shape(value))
        except Exception:
            got = tuple(o.int_shape(o.convert_to_tensor(value, None)))
        lead = len(want) - len(got)
        if lead < 0 or any(d not in (1, want[lead + i]) for i, d in enumerate(got)):
            raise IncompatibleShapesError(
                f"K.{op}: a value of shape {got} does not broadcast to the variable's "
                f"shape {want}.\nReceived: x.shape={want}, value shape={got}.\n"
                f"Fix: pass a value that broadcasts to the variable's shape.")

    @hookimpl(trylast=True)
    def is_variable(self, x: Any) -> Any:
        from ..graph._trace import is_variable as registered  # K.variable's registry

        return registered(x)

    @hookimpl(trylast=True)
    def identity(self, x: Any, name: Any) -> Any:
        o = self.ops
        x = o.convert_to_tensor(x, None)
        return o.cast(x, o.dtype(x))

    @hookimpl(trylast=True)
    def count_params(self, x: Any) -> Any:
        return math.prod(int(d) for d in self.ops.int_shape(x))

    @hookimpl(trylast=True)
    def update(self, x: Any, new_x: Any) -> Any:
        self._check_broadcast("update", x, new_x)
        o = self.ops
        new = o.convert_to_tensor(new_x, None)
        if tuple(o.int_shape(new)) != tuple(o.int_shape(x)):  # a scalar or broadcast row
            new = o.add(o.zeros_like(x, o.dtype(new), None), new)
        return self._assign("update", x, new)

    @hookimpl(trylast=True)
    def update_add(self, x: Any, increment: Any) -> Any:
        self._check_broadcast("update_add", x, increment)
        return self._assign("update_add", x, self.ops.add(x, increment))

    @hookimpl(trylast=True)
    def update_sub(self, x: Any, decrement: Any) -> Any:
        self._check_broadcast("update_sub", x, decrement)
        return self._assign("update_sub", x, self.ops.subtract(x, decrement))

    @hookimpl(trylast=True)
    def moving_average_update(self, x: Any, value: Any, momentum: Any) -> Any:
        o = self.ops
        self._check_broadcast("moving_average_update", x, value)
        new = o.add(o.multiply(x, momentum), o.multiply(value, 1.0 - momentum))
        return self._assign("moving_average_update", x, new)

    @hookimpl(trylast=True)
    def print_tensor(self, x: Any, message: Any) -> Any:
        print(message, self.ops.to_numpy(x))
        return x

    @hookimpl(trylast=True)
    def is_sparse(self, tensor: Any) -> Any:
        return isinstance(tensor, SparseLabels)

    @hookimpl(trylast=True)
    def to_dense(self, tensor: Any) -> Any:
        if not isinstance(tensor, SparseLabels):
            return tensor
        # host-side, like the sparse form itself: scatter the values into zeros
        import numpy as np

        o = self.ops
        values = np.asarray(o.to_numpy(tensor.values))
        rows, cols = np.asarray(o.to_numpy(tensor.indices)).reshape(-1, 2).T
        dense = np.zeros(tuple(int(d) for d in o.to_numpy(tensor.dense_shape)), values.dtype)
        dense[rows, cols] = values
        return o.convert_to_tensor(dense, o.dtype(tensor.values))

    @hookimpl(trylast=True)
    def size(self, x: Any, name: Any) -> Any:
        return self.ops.convert_to_tensor(math.prod(self.ops.int_shape(x)), "int32")
