"""The CuPy overrides, run on CPU with numpy as ``xp`` (backend ``cuda_on_numpy``).

With ``xp=numpy`` a Python list plays the part a numpy array plays on CuPy: the
unbound ``ndarray`` methods refuse it and the facade retries with it converted.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import tensorplug
import tensorplug_cuda
from tensorplug import _selection
from tensorplug.hookspecs import KINDS

OVERRIDDEN = {
    "backend_info", "to_numpy", "is_tensor", "set_value", "clip", "where", "sum", "prod",
    "max", "min", "mean", "var", "std", "argmax", "argmin", "dot", "transpose", "squeeze",
    "flatten", "permute_dimensions", "repeat_elements", "gather",
}


def assert_same(got: Any, want: Any) -> None:
    """Equal values, dtype and shape, and a native (numpy here) array or scalar."""
    assert isinstance(got, (np.ndarray, np.generic)), type(got)
    want = np.asarray(want)
    assert (got.dtype, got.shape) == (want.dtype, want.shape), (got, want)
    np.testing.assert_array_equal(got, want)


def test_overrides_namespaces() -> None:
    impls = tensorplug_cuda.build_overrides(np)
    names = {n for ns in impls for n in vars(ns) if n in KINDS}
    assert names == OVERRIDDEN
    assert len({ns.__name__ for ns in impls}) == len(impls)
    assert all(ns.__name__.startswith("tensorplug_cuda.") for ns in impls)


def test_registered_after_numpy_so_they_win(sim: Any) -> None:
    backend = _selection.active()
    for name in OVERRIDDEN:
        winner = getattr(backend.pm.hook, name).get_hookimpls()[-1]
        assert winner.plugin_name.startswith("tensorplug_cuda."), (name, winner.plugin_name)


def test_native_bindings(sim: Any) -> None:
    ops = _selection.active().ops
    assert ops["to_numpy"] is np.asarray
    assert ops["argmax"] is np.ndarray.argmax
    assert ops["argmin"] is np.ndarray.argmin
    assert ops["transpose"] is np.ndarray.transpose
    assert ops["permute_dimensions"] is np.ndarray.transpose
    assert ops["squeeze"] is np.ndarray.squeeze
    assert ops["flatten"] is np.ndarray.ravel
    assert ops["add"] is np.add  # not overridden: tensorplug-numpy's binding


def test_backend_info(sim: Any) -> None:
    info = _selection.active().info
    assert info.name == "cuda_on_numpy"
    assert info.devices == ("cuda:0",)
    assert {"dlpack", "float16"} <= info.capabilities
    assert info.tensor_types == (np.ndarray, np.generic)
    assert info.xfails is not None and info.xfails.parent.name == "tensorplug_cuda"
    assert {"bool", "int32", "int64", "float32", "float64"} <= set(info.dtypes)


def test_backend_info_devices_from_count() -> None:
    ns = tensorplug_cuda.info.build(np, device_count=3)
    assert ns.backend_info().devices == ("cuda:0", "cuda:1", "cuda:2")


def test_tensors(sim: Any) -> None:
    K = sim
    assert_same(K.to_numpy(2.5), np.float64(2.5))
    assert_same(K.to_numpy([1, 2]), np.array([1, 2]))
    assert K.is_tensor(np.zeros(2)) and not K.is_tensor([1.0])
    assert not tensorplug_cuda.tensors.build(np).is_tensor(np.float32(1))  # CuPy's default
    v = K.variable([1.0, 2.0], dtype="float32")
    out = K.set_value(v, [3, 4])
    assert out is v
    assert_same(v, np.array([3, 4], "float32"))
    K.set_value(v, np.array([5.0, 6.0]))
    assert_same(v, np.array([5, 6], "float32"))


def test_clip(sim: Any) -> None:
    K = sim
    x = np.array([-2.0, 0.5, 3.0], "float32")
    assert_same(K.clip(x, 0.0, 1.0), np.array([0, 0.5, 1], "float32"))
    assert_same(K.clip(x, None, 1.0), np.array([-2, 0.5, 1], "float32"))
    assert_same(K.clip(x, 0.0, None), np.array([0, 0.5, 3], "float32"))
    unclipped = K.clip(x, None, None)
    assert_same(unclipped, x)
    assert unclipped is not x
    assert_same(K.clip(x, 1.0, 0.0), np.ones(3, "float32"))  # Keras: max < min gives min
    assert_same(K.clip(np.array([1, 5], "int32"), 2, 3), np.array([2, 3], "int32"))
    assert_same(K.clip([1.0, 5.0], 2.0, 3.0), np.array([2.0, 3.0]))  # host input retried


def test_where(sim: Any) -> None:
    K = sim
    x, y = np.array([1, 2], "int32"), np.array([3, 4], "int32")
    assert_same(K.where([True, False], x, y), np.array([1, 4], "int32"))
    assert_same(K.where(np.array([0, 1]), x, y), np.array([3, 2], "int32"))
    assert_same(K.where(True, x, 0), np.array([1, 2], "int32"))


@pytest.mark.parametrize(("op", "x", "axis", "keepdims", "want"), [
    ("sum", np.array([[1, 2], [3, 4]], "int32"), None, False, np.int64(10)),
    ("sum", [[True, True], [False, True]], 1, True, np.array([[2], [1]])),
    ("prod", np.array([[1, 2], [3, 4]], "float32"), 0, False, np.array([3, 8], "float32")),
    ("max", np.array([[1, 5], [3, 4]], "int32"), (0, 1), False, np.int32(5)),
    ("min", [[1.0, 5.0], [3.0, 4.0]], -1, True, np.array([[1.0], [3.0]])),
    ("mean", np.array([1, 2], "int32"), None, False, np.float64(1.5)),
    ("var", np.array([1.0, 3.0], "float32"), 0, False, np.float32(1.0)),
    ("std", [[1.0, 3.0]], 1, True, np.array([[1.0]])),
])
def test_reductions(sim: Any, op: str, x: Any, axis: Any, keepdims: bool, want: Any) -> None:
    assert_same(getattr(sim, op)(x, axis=axis, keepdims=keepdims), want)


def test_argmax_argmin(sim: Any) -> None:
    K = sim
    x = np.array([[1, 3, 3], [2, 2, 0]], "float32")
    assert_same(K.argmax(x), np.array([1, 0]))
    assert_same(K.argmin(x, axis=0), np.array([0, 1, 1]))
    assert_same(K.argmax([[1, 3, 3]], axis=-1), np.array([1]))  # host input retried
    assert K.argmax(x).dtype == np.int64


def test_linalg(sim: Any) -> None:
    K = sim
    a = np.arange(6, dtype="float32").reshape(2, 3)
    b = np.arange(60, dtype="float32").reshape(4, 3, 5)
    assert_same(K.dot(a, b), np.dot(a, b))  # Theano-style: (2,3).(4,3,5) -> (2,4,5)
    assert_same(K.dot(a, [[1.0], [0.0], [0.0]]), np.array([[0.0], [3.0]]))
    assert_same(K.dot([[1.0, 2.0]], [[3.0], [4.0]]), np.array([[11.0]]))
    assert_same(K.transpose(a), a.T)
    assert_same(K.transpose([[1, 2]]), np.array([[1], [2]]))


def test_shapes(sim: Any) -> None:
    K = sim
    x = np.arange(6, dtype="int32").reshape(1, 2, 3)
    assert_same(K.squeeze(x, 0), x[0])
    assert_same(K.squeeze([[1, 2]], 0), np.array([1, 2]))
    assert_same(K.flatten(x), x.ravel())
    assert_same(K.flatten([[1], [2]]), np.array([1, 2]))
    assert_same(K.permute_dimensions(x, (2, 0, 1)), x.transpose(2, 0, 1))
    assert_same(K.permute_dimensions([[1, 2]], (1, 0)), np.array([[1], [2]]))
    assert_same(K.repeat_elements(x, 2, 1), np.repeat(x, 2, 1))
    assert_same(K.repeat_elements([1, 2], 2, 0), np.array([1, 1, 2, 2]))


def test_gather(sim: Any) -> None:
    K = sim
    ref = np.arange(6, dtype="float32").reshape(3, 2)
    assert_same(K.gather(ref, [2, 0]), ref[[2, 0]])
    assert_same(K.gather(ref, np.array([[1], [-1]])), ref[np.array([[1], [-1]])])
    assert_same(K.gather(ref, np.array([1])), ref[[1]])
    with pytest.raises(tensorplug.InvalidArgumentError, match=r"indices must be in \[0, 3\)"):
        K.gather(ref, [0, 3])
    with pytest.raises(tensorplug.InvalidArgumentError, match=r"indices must be in \[0, 3\)"):
        K.gather(ref, np.array([-4]))
    with pytest.raises(tensorplug.InvalidArgumentError, match="indices must be integers"):
        K.gather(ref, np.array([0.0]))


def test_gather_checks_host_and_native_indices() -> None:
    ns = tensorplug_cuda.shapes.build(np)
    ref = np.zeros((3, 2))
    for indices in ([0, 3], np.array([[0], [3]]), np.array([-4]), [0, 7]):
        with pytest.raises(IndexError, match=r"indices must be in \[0, 3\)"):
            ns.gather(ref, indices)
    for indices in ([0.0, 1.0], np.array([1.0])):
        with pytest.raises(IndexError, match="indices must be integers"):
            ns.gather(ref, indices)
    assert_same(ns.gather(ref, np.zeros((0,), "int64")), np.zeros((0, 2)))
    assert_same(ns.gather(ref, [-3, 2]), ref[[-3, 2]])
