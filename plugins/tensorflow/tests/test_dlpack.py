"""DLPack: zero-copy where TensorFlow can use the buffer, a copy where it would abort.

TensorFlow CHECK-fails (SIGABRT) on a buffer that is not 64-byte aligned, so the
unaligned cases run in a subprocess: an abort fails the test, not the pytest run."""

from __future__ import annotations

import numpy as np
import pytest
import tensorplug
from tensorplug import backend as K
from tensorplug_tensorflow import _dlpack
from tf_subprocess import run_python

UNALIGNED = """
import numpy as np
import tensorplug
from tensorplug import backend as K
tensorplug.set_backend("numpy")
buf = bytearray(4096 + 64)
start = (-np.frombuffer(buf, np.uint8).ctypes.data) % 64 + {offset}
x = np.frombuffer(buf, dtype=np.float32, count=256, offset=start)
x[:] = np.arange(256, dtype=np.float32)
assert x.ctypes.data % 64 == {offset}
t = K.to_backend(x, "tensorflow")
import tensorflow as tf
out = tf.exp(t) + t  # TensorFlow aborts here when handed the unaligned buffer
np.testing.assert_allclose(out.numpy(), np.exp(x) + x, rtol=1e-6)
x[0] = 99.0  # a copy: the tensor keeps its own value
print("ok", float(t[0]))
"""


@pytest.mark.parametrize("offset", [4, 8, 16, 32, 48])
def test_unaligned_numpy_buffer_is_copied_not_aborted(offset: int) -> None:
    out = run_python(UNALIGNED.format(offset=offset))
    assert out.returncode == 0, f"exit {out.returncode}\n{out.stderr[-2000:]}"
    assert out.stdout.split()[-2:] == ["ok", "0.0"]


def unaligned(offset: int) -> np.ndarray:
    buf = bytearray(1024 + 64)
    start = (-np.frombuffer(buf, np.uint8).ctypes.data) % 64 + offset
    return np.frombuffer(buf, dtype=np.float32, count=16, offset=start)


def test_from_dlpack_refuses_unaligned_before_tensorflow_sees_it() -> None:
    import tensorflow as tf

    with pytest.raises(BufferError, match="not 64-byte aligned"):
        _dlpack.from_dlpack(tf, unaligned(32))
    assert float(_dlpack.from_dlpack(tf, unaligned(0))[0]) == 0.0


def test_header_reads_the_data_pointer() -> None:
    x = unaligned(16)
    data, offset, size = _dlpack.header(x.__dlpack__())
    assert (data, offset, size) == (x.ctypes.data, 0, 16)


def test_aligned_numpy_buffer_is_shared() -> None:
    tensorplug.set_backend("numpy")
    x = unaligned(0)
    x[:] = 1.0
    t = K.to_backend(x, "tensorflow")
    x[3] = 7.0
    assert float(t.numpy()[3]) == 7.0  # zero-copy: one buffer


def test_empty_and_zero_dim_arrays() -> None:
    tensorplug.set_backend("numpy")
    for x in (np.zeros((0, 3), np.float32), np.asarray(2.5)):
        t = K.to_backend(x, "tensorflow")
        assert t.shape == x.shape
        np.testing.assert_array_equal(t.numpy(), x)
