"""Zero-copy import through DLPack, refused where TensorFlow would abort the process.

TensorFlow wraps a DLPack buffer without copying, then its kernels ``CHECK`` that the
data pointer is aligned to ``EIGEN_MAX_ALIGN_BYTES`` (``tensorflow::Tensor::IsAligned``;
64 in the released wheels: a 32-byte aligned float32 buffer aborts ``tf.exp`` with
"Check failed: IsAligned()"). A failed CHECK kills the process, so this module reads
the ``DLTensor`` header from the capsule and raises ``BufferError`` for an unaligned
buffer or a non-zero ``byte_offset`` (which TensorFlow ignores), before TensorFlow sees
it; ``K.to_backend`` then copies instead.
"""

from __future__ import annotations

import ctypes
import math
from typing import Any

#: tensorflow::Tensor's alignment requirement (EIGEN_MAX_ALIGN_BYTES in TF builds).
TF_ALIGNMENT = 64
CAPSULE_NAME = b"dltensor"


class _DLDevice(ctypes.Structure):
    _fields_ = [("device_type", ctypes.c_int32), ("device_id", ctypes.c_int32)]


class _DLDataType(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint8), ("bits", ctypes.c_uint8),
                ("lanes", ctypes.c_uint16)]


class _DLTensor(ctypes.Structure):
    _fields_ = [("data", ctypes.c_void_p), ("device", _DLDevice), ("ndim", ctypes.c_int32),
                ("dtype", _DLDataType), ("shape", ctypes.POINTER(ctypes.c_int64)),
                ("strides", ctypes.POINTER(ctypes.c_int64)), ("byte_offset", ctypes.c_uint64)]


_get_pointer = ctypes.pythonapi.PyCapsule_GetPointer
_get_pointer.restype = ctypes.c_void_p
_get_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]


def header(capsule: Any) -> tuple[int, int, int]:
    """``(data address, byte_offset, element count)`` of an unconsumed DLPack capsule."""
    address = _get_pointer(capsule, CAPSULE_NAME)
    dl = _DLTensor.from_address(address)
    size = math.prod(dl.shape[i] for i in range(dl.ndim))
    return dl.data or 0, dl.byte_offset, size


def check_capsule(capsule: Any) -> None:
    """Raise ``BufferError`` unless TensorFlow can use the capsule's buffer in place."""
    data, offset, size = header(capsule)
    if offset:
        raise BufferError(f"DLPack byte_offset={offset}: TensorFlow ignores byte_offset, "
                          f"so this buffer is copied instead.")
    if size and data % TF_ALIGNMENT:
        raise BufferError(
            f"DLPack buffer at 0x{data:x} is not {TF_ALIGNMENT}-byte aligned "
            f"(address % {TF_ALIGNMENT} = {data % TF_ALIGNMENT}); TensorFlow would abort "
            f"the process on it, so it is copied instead.")


def from_dlpack(tf: Any, x: Any) -> Any:
    """A tensor sharing ``x``'s memory, or ``BufferError`` where that is not safe."""
    if not hasattr(x, "__dlpack__"):
        raise TypeError(f"from_dlpack needs an object with __dlpack__. "
                        f"Received: {type(x).__qualname__}.")
    capsule = x.__dlpack__()
    check_capsule(capsule)
    return tf.experimental.dlpack.from_dlpack(capsule)
