"""Feeding data to fit/evaluate/predict: arrays (lists or dicts per input/output),
Python generators and ``Sequence`` objects, batching, shuffling, validation_split and
class/sample weights. Everything here is host-side NumPy."""

from __future__ import annotations

import inspect
import math
from typing import Any, Iterator
from typing import Sequence as SequenceT

from .. import _rng
from .. import backend as K
from .._errors import InvalidArgumentError


class Sequence:
    """Keras's ``utils.Sequence``: ``__getitem__(i)`` gives batch ``i`` (``(x, y)`` or
    ``(x, y, sample_weight)``), ``__len__`` the number of batches; ``on_epoch_end``
    runs after each epoch. Safer than a generator: every batch is seen once per epoch."""

    def __getitem__(self, index: int) -> Any:
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def on_epoch_end(self) -> None:
        pass

    def __iter__(self) -> Iterator[Any]:
        for i in range(len(self)):
            yield self[i]


def is_sequence(x: Any) -> bool:
    return isinstance(x, Sequence) or (hasattr(x, "__getitem__") and hasattr(x, "__len__")
                                       and hasattr(x, "on_epoch_end"))


def is_generator(x: Any) -> bool:
    return inspect.isgenerator(x) or (hasattr(x, "__next__") and hasattr(x, "__iter__")
                                      and not hasattr(x, "shape"))


def as_arrays(data: Any, names: SequenceT[str], what: str) -> list[Any]:
    """``data`` (an array, a list in ``names`` order, or a dict by name) as a list of
    numpy arrays, one per name."""
    import numpy as np

    if data is None:
        return []
    if isinstance(data, dict):
        missing = [n for n in names if n not in data]
        if missing:
            raise InvalidArgumentError(f"No data provided for {what} {missing}. Need data "
                                       f"for each key in: {list(names)}.")
        return [np.asarray(data[n]) for n in names]
    if isinstance(data, (list, tuple)) and data and hasattr(data[0], "shape") \
            and len(names) > 1:
        if len(data) != len(names):
            raise InvalidArgumentError(f"The model expects {len(names)} {what} array(s) "
                                       f"({list(names)}), but received {len(data)}.")
        return [np.asarray(d) for d in data]
    if isinstance(data, (list, tuple)) and len(data) == 1 and hasattr(data[0], "shape"):
        return [np.asarray(data[0])]
    return [np.asarray(data)]


def cast_inputs(arrays: list[Any], dtypes: list[str | None]) -> list[Any]:
    """Floats to floatx (or the input's dtype); integer data kept for integer inputs."""
    out = []
    for a, want in zip(arrays, dtypes):
        if want is None:
            want = K.floatx() if a.dtype.kind == "f" else None
        if want is not None and a.dtype != want:
            a = a.astype(want)
        out.append(a)
    return out


def class_sample_weights(ys: list[Any], class_weight: Any, names: list[str]) -> list[Any]:
    """Per-sample weights from ``class_weight`` (a dict class -> weight, or a dict of
    such dicts by output name)."""
    import numpy as np

    out = []
    for i, y in enumerate(ys):
        cw = class_weight.get(names[i], class_weight) if len(ys) > 1 else class_weight
        if not isinstance(cw, dict):
            raise InvalidArgumentError(f"class_weight must be a dict class -> weight (or a "
                                       f"dict of those by output name). Received: {cw!r}.")
        labels = np.argmax(y, axis=-1) if y.ndim > 1 and y.shape[-1] > 1 else \
            y.reshape(len(y), -1)[:, 0].astype(np.int64) if y.ndim > 1 else y.astype(np.int64)
        missing = set(np.unique(labels).tolist()) - set(cw)
        if missing:
            raise InvalidArgumentError(f"class_weight has no weight for class(es) "
                                       f"{sorted(missing)}. Received keys: {sorted(cw)}.")
        out.append(np.array([cw[int(c)] for c in labels], dtype=K.floatx()))
    return out


def combine_weights(n_out: int, sample_weight: Any, class_weight: Any, ys: list[Any],
                    names: list[str]) -> list[Any] | None:
    import numpy as np

    if sample_weight is None and class_weight is None:
        return None
    sws = [np.ones(len(ys[0]), K.floatx()) for _ in range(n_out)]
    if sample_weight is not None:
        given = as_arrays(sample_weight, names, "sample_weight")
        if len(given) != n_out:
            raise InvalidArgumentError(f"sample_weight: expected {n_out} array(s), "
                                       f"received {len(given)}.")
        for i, w in enumerate(given):
            if w.ndim != 1 or len(w) != len(ys[i]):
                raise InvalidArgumentError(
                    f"sample_weight must be 1-D with one weight per sample: expected shape "
                    f"({len(ys[i])},), received {w.shape}.")
            sws[i] = sws[i] * w.astype(K.floatx())
    if class_weight is not None:
        for i, w in enumerate(class_sample_weights(ys, class_weight, names)):
            sws[i] = sws[i] * w
    return sws


def check_lengths(arrays: list[Any]) -> int:
    lengths = {len(a) for a in arrays}
    if len(lengths) > 1:
        raise InvalidArgumentError(f"All input and target arrays must have the same number "
                                   f"of samples. Received lengths: {[len(a) for a in arrays]}.")
    if not arrays:
        raise InvalidArgumentError("No data: pass x (and y for training).")
    return lengths.pop()


class ArrayData:
    """Batches of in-memory arrays; one shuffled copy per epoch, then contiguous views."""

    def __init__(self, arrays: list[Any], batch_size: int, shuffle: Any = False) -> None:
        self.arrays = arrays
        self.n = check_lengths(arrays)
        self.batch_size = int(batch_size)
        self.shuffle = shuffle
        self.steps = max(1, math.ceil(self.n / self.batch_size))
        #: generator for the shuffle (None: the process one); a distribution strategy
        #: sets one seeded alike on every rank so all ranks see the same batches
        self.rng: Any = None

    def epoch(self) -> Iterator[tuple[list[Any], int]]:
        arrays = self.arrays
        if self.shuffle and self.n > 1:
            import numpy as np

            rng = self.rng or _rng.process_generator()
            if self.shuffle == "batch" and self.n >= self.batch_size:
                perm = _batch_shuffle(rng, self.n, self.batch_size)
            else:
                perm = rng.permutation(self.n)
            arrays = [np.take(a, perm, axis=0) for a in arrays]
        bs = self.batch_size
        for start in range(0, self.n, bs):
            part = [a[start:start + bs] for a in arrays]
            yield part, len(part[0])

    def on_epoch_end(self) -> None:
        pass


def _batch_shuffle(rng: Any, n: int, batch_size: int) -> Any:
    """Shuffle whole batches (Keras's ``shuffle='batch'``), then the remainder's order."""
    import numpy as np

    full = (n // batch_size) * batch_size
    blocks = np.arange(full).reshape(-1, batch_size)
    rng.shuffle(blocks)
    return np.concatenate([blocks.ravel(), np.arange(full, n)])


class GeneratorData:
    """Batches from a Python generator (``steps`` required) or a ``Sequence``."""

    def __init__(self, source: Any, steps: int | None, unpack: Any, shuffle: bool = False,
                 what: str = "steps_per_epoch") -> None:
        self.source = source
        self.sequence = is_sequence(source)
        if steps is None:
            if not self.sequence:
                raise InvalidArgumentError(
                    f"A Python generator has no length: pass {what}= (the number of "
                    f"batches per epoch), or use a tensorplug.models.Sequence.")
            steps = len(source)
        self.steps = int(steps)
        self.unpack = unpack
        self.shuffle = shuffle
        self._iter = None if self.sequence else iter(source)
        self.rng: Any = None  # as ArrayData.rng

    def epoch(self) -> Iterator[tuple[list[Any], int]]:
        if self.sequence:
            order = list(range(self.steps))
            if self.shuffle:
                rng = self.rng or _rng.process_generator()
                order = [int(i) for i in rng.permutation(self.steps)]
            items = (self.source[i] for i in order)
        else:
            items = (self._next() for _ in range(self.steps))
        for item in items:
            ins = self.unpack(item)
            yield ins, len(ins[0])

    def _next(self) -> Any:
        try:
            return next(self._iter)  # type: ignore[arg-type]
        except StopIteration:
            raise InvalidArgumentError(
                "The generator ran out of data: it must yield at least steps_per_epoch * "
                "epochs batches (loop forever, as Keras generators do).") from None

    def on_epoch_end(self) -> None:
        if self.sequence:
            self.source.on_epoch_end()


def split_item(item: Any) -> tuple[Any, Any, Any]:
    """A generator item as ``(x, y, sample_weight)``."""
    if isinstance(item, tuple) and len(item) in (2, 3):
        return item[0], item[1], item[2] if len(item) == 3 else None
    if isinstance(item, tuple) and len(item) == 1:
        return item[0], None, None
    return item, None, None
