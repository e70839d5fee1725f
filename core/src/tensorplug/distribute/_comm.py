"""Collectives that cannot hang: non-blocking MPI operations polled against a deadline.

Every collective (``allreduce``, ``bcast``) first posts a tiny non-blocking heartbeat
carrying its sequence number: each worker sends one to rank 0 and rank 0 one to each
worker. The collective and the heartbeats are then polled together until all complete
or the deadline passes. On expiry (or an MPI error, e.g. a peer's socket closed because
it was killed) the rank prints which rank stopped responding -- from the heartbeats it
did not receive -- and at which step, then calls ``comm.Abort`` so the whole job ends
instead of waiting forever. Rank 0 hears from everyone, so it names the culprit; a
worker that still hears from rank 0 waits a short grace period first so that rank 0's
precise message is the one printed.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Callable

#: MPI tag of heartbeat messages (collectives use their own, separate context).
HEARTBEAT_TAG = 0x7E57

#: Busy-poll this many times before sleeping between polls (a step's all-reduce on a
#: fast link completes within the spin; a straggler then costs no CPU).
SPINS = 2000
SLEEP_S = 0.0002


class Collectives:
    """Deadline-polled collectives on ``comm`` (an ``mpi4py`` communicator).

    ``timeout`` is the deadline in seconds for each collective; ``where`` is called for
    the text naming the current step in failure messages; ``abort`` (tests replace it)
    ends the job."""

    def __init__(self, comm: Any, timeout: float, where: Callable[[], str],
                 abort: Callable[[int], None] | None = None) -> None:
        from mpi4py import MPI

        self.MPI = MPI
        self.comm = comm
        self.rank, self.size = comm.Get_rank(), comm.Get_size()
        self.timeout = float(timeout)
        self.where = where
        self.abort = abort or comm.Abort
        self.seq = 0
        #: seconds spent in collectives, and their count (benchmarks read these)
        self.seconds = 0.0
        self.calls = 0
        self._last_heard = [0] * self.size

    # -- the collectives ----------------------------------------------------------------------
    def allreduce(self, buf: Any, what: str, op: Any = None) -> Any:
        """Sum (or ``op``) ``buf`` (a contiguous numpy array) over all ranks, in place."""
        if self.size == 1:
            return buf
        op = self.MPI.SUM if op is None else op
        self._run(lambda: self.comm.Iallreduce(self.MPI.IN_PLACE, buf, op=op), what)
        return buf

    def bcast(self, buf: Any, what: str, root: int = 0) -> Any:
        """Rank ``root``'s ``buf`` (a contiguous numpy array) on every rank, in place."""
        if self.size == 1:
            return buf
        self._run(lambda: self.comm.Ibcast(buf, root=root), what)
        return buf

    # -- polling ------------------------------------------------------------------------------
    def _run(self, post: Callable[[], Any], what: str) -> None:
        import numpy as np

        self.seq += 1
        start = time.perf_counter()
        mine = np.array([self.seq], dtype=np.int64)
        peers = range(1, self.size) if self.rank == 0 else (0,)
        inbox = {r: np.zeros(1, dtype=np.int64) for r in peers}
        try:
            sends = [self.comm.Isend(mine, dest=r, tag=HEARTBEAT_TAG) for r in peers]
            recvs = {r: self.comm.Irecv(inbox[r], source=r, tag=HEARTBEAT_TAG) for r in peers}
            request = post()
        except self.MPI.Exception as exc:
            self._fail(what, {}, inbox, f"MPI error: {exc}")
            return
        self._poll([request, *sends], recvs, inbox, what)
        self.seconds += time.perf_counter() - start
        self.calls += 1

    def _poll(self, requests: list[Any], recvs: dict[int, Any], inbox: dict[int, Any],
              what: str) -> None:
        pending = list(requests) + list(recvs.values())
        deadline = time.monotonic() + self.timeout
        extended = False
        spins = 0
        while True:
            try:
                if self.MPI.Request.Testall(pending):
                    for r, box in inbox.items():
                        self._last_heard[r] = int(box[0])
                    return
            except self.MPI.Exception as exc:
                self._fail(what, recvs, inbox, f"MPI error: {exc}")
                return
            if time.monotonic() > deadline:
                if self.rank != 0 and not extended and _done(recvs.get(0)):
                    # rank 0 is alive and will name the culprit: let it speak first
                    deadline += min(5.0, self.timeout / 2)
                    extended = True
                    continue
                self._fail(what, recvs, inbox, f"no reply within the {self.timeout:g} s "
                                               f"deadline")
                return
            spins += 1
            if spins > SPINS:
                time.sleep(SLEEP_S)

    def missing(self, recvs: dict[int, Any], inbox: dict[int, Any]) -> list[int]:
        """Ranks whose heartbeat for this collective has not arrived."""
        out = []
        for r, req in recvs.items():
            if _done(req) and int(inbox[r][0]) == self.seq:
                self._last_heard[r] = self.seq
            else:
                out.append(r)
        return out

    def _fail(self, what: str, recvs: dict[int, Any], inbox: dict[int, Any],
              reason: str) -> None:
        missing = self.missing(recvs, inbox)
        where = self.where()
        if missing:
            names = ", ".join(f"rank {r}" for r in missing)
            who = f"{names} stopped responding"
        elif self.rank == 0:
            others = ", ".join(f"rank {r}" for r in range(1, self.size))
            who = (f"every rank reached this point but the collective did not complete; "
                   f"unresponsive: {others}")
        else:
            who = "rank 0 is alive; another rank stopped responding (rank 0 names it)"
        message = (f"tensorplug.distribute: rank {self.rank}/{self.size}: {who} at {where}, "
                   f"in the {what} ({reason}). Aborting the MPI job so that no rank waits "
                   f"forever. Fix: find why that rank stalled (its log, an OOM kill, a "
                   f"deadlock in user code) or raise MPIStrategy(timeout=...) if it is "
                   f"only slow.")
        for stream in (sys.stdout, sys.stderr):
            try:  # the launcher may be gone already (its pipes closed)
                if stream is sys.stderr:
                    print(message, file=stream)
                stream.flush()
            except (OSError, ValueError):
                pass
        self.abort(1)
        raise SystemExit(1)  # only reached when ``abort`` returns (tests)


def _done(req: Any) -> bool:
    if req is None:
        return False
    try:
        return bool(req.Test())
    except Exception:  # noqa: BLE001 - an errored peer counts as not heard from
        return False
