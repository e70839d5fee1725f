"""``MPIStrategy``: data-parallel ``fit`` over MPI ranks (``mpiexec -n N python train.py``).

Every rank runs the same script and reads the same global batches (the shuffle order is
seeded alike on every rank). Each rank trains on its contiguous shard of each batch;
the gradients, the loss and the metrics of all shards are averaged -- weighted by shard
size, so an uneven last batch gives exactly the full-batch mean -- by ONE all-reduce per
step over one flat host buffer, and every rank applies the same update. Variables (and
optimizer state) are broadcast from rank 0 when training starts; non-trainable state
(e.g. BatchNormalization moving statistics) is averaged after each epoch, and ranks agree
on ``stop_training``. Only rank 0 prints progress and writes checkpoints and logs.

Host buffers serve every backend: gradients go through ``K.to_numpy``, MPI and back.
"""

from __future__ import annotations

import math
import os
import sys
from typing import Any, Callable

from .. import backend as K
from .._errors import InvalidArgumentError
from ..callbacks import Callback
from ._comm import Collectives

#: Callbacks that write files or print progress: kept on rank 0 only.
CHIEF_ONLY = ("ProgbarLogger", "ModelCheckpoint", "CSVLogger", "TensorBoard",
              "RemoteMonitor", "BackupAndRestore")

#: Default seconds a collective may wait for the slowest rank.
DEFAULT_TIMEOUT = 60.0


def _mpi_world() -> Any:
    try:
        from mpi4py import MPI
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] != "mpi4py":
            raise
        raise InvalidArgumentError(
            "MPIStrategy needs mpi4py and an MPI library. Fix: pip install "
            "'tensorplug[mpi]' (the mpi4py and mpich wheels), then launch with "
            "`mpiexec -n N python train.py`.") from None
    return MPI.COMM_WORLD


def shard_bounds(batch: int, size: int, rank: int) -> tuple[int, int]:
    """Rank ``rank``'s contiguous slice ``[start, stop)`` of a batch of ``batch``
    samples split over ``size`` ranks (the first ``batch % size`` ranks get one more)."""
    base, extra = divmod(batch, size)
    start = rank * base + min(rank, extra)
    return start, start + base + (1 if rank < extra else 0)


class MPIStrategy:
    """Data-parallel training over the ranks of an MPI communicator.

    ``model.fit(x, y, strategy=MPIStrategy())`` in a script launched with
    ``mpiexec -n N python train.py``; launched plainly, the same script trains on one
    process (the communicator has one rank). ``batch_size`` stays the GLOBAL batch:
    each of the N ranks computes on about ``batch_size / N`` samples.

    ``timeout``: seconds any collective waits for the slowest rank before this rank
    prints which rank stopped responding, at which step, and aborts the job (default 60,
    or the ``TENSORPLUG_DISTRIBUTE_TIMEOUT`` environment variable). ``comm``: the
    communicator (default ``MPI.COMM_WORLD``).
    """

    def __init__(self, timeout: float | None = None, comm: Any = None) -> None:
        if timeout is None:
            timeout = float(os.environ.get("TENSORPLUG_DISTRIBUTE_TIMEOUT", DEFAULT_TIMEOUT))
        if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or \
                not math.isfinite(timeout) or timeout <= 0:
            raise InvalidArgumentError(f"MPIStrategy: timeout must be a positive number of "
                                       f"seconds. Received: timeout={timeout!r}.")
        self.comm = comm if comm is not None else _mpi_world()
        self.rank: int = self.comm.Get_rank()
        self.size: int = self.comm.Get_size()
        self.timeout = float(timeout)
        self.collectives = Collectives(self.comm, self.timeout, self.where)
        self.step = 0      # train steps run by this strategy (all fits)
        self.epoch = 0
        self.batch = 0

    # -- identity -----------------------------------------------------------------------------
    @property
    def is_chief(self) -> bool:
        """True on rank 0: the rank that prints and writes files."""
        return self.rank == 0

    @property
    def num_replicas_in_sync(self) -> int:
        return self.size

    def __repr__(self) -> str:
        return f"MPIStrategy(rank={self.rank}, size={self.size}, timeout={self.timeout:g})"

    def where(self) -> str:
        """The current step, for failure messages (steps and batches count from 1)."""
        return f"step {self.step + 1} (epoch {self.epoch + 1}, batch {self.batch + 1})"

    # -- fit ----------------------------------------------------------------------------------
    def run_fit(self, model: Any, train: Any, val: Any, epochs: int, verbose: int,
                callbacks: Any, initial_epoch: int, validation_freq: int) -> Any:
        """``fit``'s loop with this strategy (called by ``Model.fit(strategy=...)``)."""
        from ..models import _fit

        _fit.ensure_resolved(model)
        seed = self.broadcast_state(model)
        self._seed_feeds(seed, train, val)
        items = [_EpochSync(self)] + self._local_callbacks(callbacks) + [_StopSync(self)]
        previous = getattr(model, "_strategy", None)
        model._strategy = self
        try:
            return _fit.fit_loop(model, train, val, epochs, verbose if self.is_chief else 0,
                                 items, initial_epoch, validation_freq)
        except (Exception, KeyboardInterrupt):
            if self.size > 1:  # the other ranks would wait for this one until the deadline
                self._abort_on_error()
            raise
        finally:
            model._strategy = previous

    def _abort_on_error(self) -> None:
        import time
        import traceback

        message = (traceback.format_exc()
                   + f"tensorplug.distribute: rank {self.rank}/{self.size} raised the error "
                     f"above at {self.where()}; aborting the MPI job so that the other ranks "
                     f"do not wait for it.\n")
        try:  # one write, flushed, and a moment for the launcher to forward it
            sys.stderr.write(message)
            sys.stderr.flush()
            time.sleep(0.5)
        except (OSError, ValueError):
            pass
        self.comm.Abort(1)

    def _local_callbacks(self, callbacks: Any) -> list[Any]:
        items = list(callbacks or [])
        if self.is_chief:
            return items
        kept = []
        for cb in items:
            if type(cb).__name__ in CHIEF_ONLY:
                continue
            if isinstance(getattr(cb, "verbose", None), int):
                cb.verbose = 0
            kept.append(cb)
        return kept

    def _seed_feeds(self, seed: int, *feeds: Any) -> None:
        import numpy as np

        for i, feed in enumerate(feeds):
            if feed is not None and hasattr(feed.data, "rng"):
                feed.data.rng = np.random.Generator(np.random.PCG64([seed, i]))

    # -- state ----------------------------------------------------------------------------------
    def broadcast_state(self, model: Any) -> int:
        """Rank 0's weights and optimizer state on every rank (one broadcast of raw
        bytes); returns a shuffle seed drawn on rank 0, the same on every rank."""
        import numpy as np

        from .. import _rng

        weights = model.get_weights()
        opt = model.optimizer.get_weights() if model.optimizer is not None else []
        seed = np.array([_rng.process_generator().integers(2**62) if self.is_chief else 0],
                        dtype=np.int64)
        arrays = [seed, *(np.array(w, order="C") for w in weights + opt)]
        if self.size == 1:
            return int(seed[0])
        buf = np.concatenate([a.reshape(-1).view(np.uint8) for a in arrays])
        self.collectives.bcast(buf, "start-of-training broadcast of rank 0's variables")
        out, offset = [], 0
        for a in arrays:
            n = a.nbytes
            out.append(buf[offset:offset + n].view(a.dtype).reshape(a.shape).copy())
            offset += n
        model.set_weights(out[1:1 + len(weights)])
        if opt:
            model.optimizer.set_weights(out[1 + len(weights):])
        return int(out[0][0])

    def average_state(self, model: Any) -> None:
        """Average non-trainable float variables (moving statistics) over the ranks."""
        import numpy as np

        variables = [w for w in model.non_trainable_weights
                     if str(K.dtype(w)).startswith(("float", "bfloat"))]
        values = [np.asarray(K.to_numpy(w), dtype=np.float64) for w in variables]
        if self.size == 1 or not values:
            return
        buf = np.concatenate([v.reshape(-1) for v in values])
        self.collectives.allreduce(buf, "end-of-epoch average of non-trainable variables")
        offset = 0
        for w, v in zip(variables, values):
            mean = buf[offset:offset + v.size].reshape(v.shape) / self.size
            K.set_value(w, mean.astype(K.dtype(w)))
            offset += v.size

    # -- the per-batch functions ----------------------------------------------------------------
    def build_function(self, model: Any, kind: str, xs: list[Any], ys: list[Any],
                       sws: list[Any] | None) -> Callable[[list[Any]], list[Any]]:
        """The ``train``/``test`` function for one GLOBAL batch signature: shard, run
        on this rank's slice, average over ranks (called by ``function_for``)."""
        from ..models import _training

        if self.size == 1:  # the plain functions; only count the steps
            if kind == "test":
                return _training.build_test(model, xs, ys, sws)
            fn = _training.build_train(model, xs, ys, sws)

            def counted(feed: list[Any]) -> list[Any]:
                out = fn(feed)
                self.step += 1
                self.batch += 1
                return out

            return counted
        batch = len(xs[0])
        start, stop = shard_bounds(batch, self.size, self.rank)
        weight = (stop - start) / batch
        if stop == start:  # fewer samples than ranks: compute on one, contribute nothing
            start, stop = 0, 1
        arrays = [a[start:stop] for a in xs + ys + (sws or [])]
        n_x, n_y = len(xs), len(ys)
        lx, ly = arrays[:n_x], arrays[n_x:n_x + n_y]
        lsw = arrays[n_x + n_y:] or None
        if kind == "train":
            return self._train_step(model, _training.build_train_parts(model, lx, ly, lsw),
                                    start, stop, weight)
        return self._test_step(_training.build_test(model, lx, ly, lsw), start, stop, weight)

    def _train_step(self, model: Any, parts: Any, start: int, stop: int,
                    weight: float) -> Callable[[list[Any]], list[Any]]:
        import numpy as np

        from ..models._training import _splits_step

        grad_fn, apply_fn, n = parts
        user_reduce = _splits_step(model)

        def step(feed: list[Any]) -> list[Any]:
            out = grad_fn([a[start:stop] for a in feed])
            host = [np.asarray(K.to_numpy(v)) for v in out]
            dtype = np.result_type(np.float32, *(h.dtype for h in host[n:]))
            buf = np.empty(sum(h.size for h in host), dtype=dtype)
            offset = 0
            for h in host:
                np.multiply(h.reshape(-1), weight, out=buf[offset:offset + h.size],
                            casting="unsafe")
                offset += h.size
            self.collectives.allreduce(buf, "gradient all-reduce")
            values, grads, offset = [], [], 0
            for i, h in enumerate(host):
                part = buf[offset:offset + h.size].reshape(h.shape).astype(h.dtype, copy=False)
                offset += h.size
                (values if i < n else grads).append(part)
            grads = [K.convert_to_tensor(g) for g in grads]
            if user_reduce:
                grads = list(model.reduce_gradients(grads))
            apply_fn(grads)
            self.step += 1
            self.batch += 1
            return values

        return step

    def _test_step(self, fn: Callable[[list[Any]], list[Any]], start: int, stop: int,
                   weight: float) -> Callable[[list[Any]], list[Any]]:
        import numpy as np

        def run(feed: list[Any]) -> list[Any]:
            out = fn([a[start:stop] for a in feed])
            buf = np.array([float(K.to_numpy(v)) for v in out], dtype=np.float64) * weight
            self.collectives.allreduce(buf, "validation all-reduce")
            return list(buf)

        return run


class _EpochSync(Callback):
    """First callback: tracks the epoch for messages; averages non-trainable state
    before any other callback (a checkpoint) sees it."""

    def __init__(self, strategy: MPIStrategy) -> None:
        super().__init__()
        self.strategy = strategy

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self.strategy.epoch, self.strategy.batch = epoch, 0

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self.strategy.average_state(self.model)


class _StopSync(Callback):
    """Last callback: every rank stops when any rank's callbacks stopped training
    (logs are identical on all ranks, so they normally agree anyway)."""

    def __init__(self, strategy: MPIStrategy) -> None:
        super().__init__()
        self.strategy = strategy

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if self.strategy.size == 1:
            return
        import numpy as np

        flag = np.array([1.0 if self.model.stop_training else 0.0])
        self.strategy.collectives.allreduce(flag, "end-of-epoch stop agreement")
        self.model.stop_training = bool(flag[0] > 0)
