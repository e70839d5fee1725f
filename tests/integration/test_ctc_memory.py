"""Counting, not timing: K.ctc_decode does not grow memory per call (Keras 2.3's TF
backend added graph ops on every call, so decoding in a loop leaked)."""

from __future__ import annotations

import tracemalloc

import numpy as np
import tensorplug
from tensorplug import backend as K

CALLS = 10_000


def _growth(decode: object, calls: int) -> int:
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for _ in range(calls):
        decode()  # type: ignore[operator]
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    return sum(s.size_diff for s in after.compare_to(before, "filename"))


def test_ctc_decode_calls_do_not_grow_memory() -> None:
    tensorplug.set_backend("numpy")
    rng = np.random.default_rng(0)
    y = rng.uniform(0.1, 1.0, (2, 5, 4)).astype("float32")
    y /= y.sum(axis=-1, keepdims=True)
    lengths = np.array([5, 3], dtype="int32")

    def decode() -> None:
        decoded, log_prob = K.ctc_decode(y, lengths)
        assert len(decoded) == 1 and log_prob.shape == (2, 1)

    for _ in range(200):  # warm-up: lazy binding, caches, first-call allocations
        decode()
    growth = _growth(decode, CALLS)
    assert growth < 1 << 20, f"K.ctc_decode grew memory by {growth} bytes over {CALLS} calls"


def test_beam_search_calls_do_not_grow_memory() -> None:
    tensorplug.set_backend("numpy")
    y = np.full((1, 3, 3), 1 / 3, dtype="float32")
    lengths = np.array([3], dtype="int32")

    def decode() -> None:
        K.ctc_decode(y, lengths, greedy=False, beam_width=4, top_paths=2)

    for _ in range(50):
        decode()
    growth = _growth(decode, 1_000)
    assert growth < 1 << 20, f"beam search grew memory by {growth} bytes over 1,000 calls"
