"""Data-parallel training past one process: ``MPIStrategy`` (MPI through ``mpi4py``).

    strategy = MPIStrategy()                  # one rank when not under mpiexec
    model.fit(x, y, batch_size=64, strategy=strategy)

launched as ``mpiexec -n 4 python train.py``. Install with ``pip install
'tensorplug[mpi]'``. See docs/guide/distributed.md.
"""

from __future__ import annotations

from ._strategy import DEFAULT_TIMEOUT, MPIStrategy, shard_bounds

__all__ = ["DEFAULT_TIMEOUT", "MPIStrategy", "shard_bounds"]
