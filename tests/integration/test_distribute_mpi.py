"""Data-parallel fit over MPI (``tensorplug.distribute.MPIStrategy``), on loopback.

Each test launches tests/integration/distribute_scripts/train.py with ``mpiexec -n 2``
and, for the reference, plainly (one process) -- the same script. Runs on whichever
backend TENSORPLUG_BACKEND selects. Skipped when mpi4py or mpiexec is missing
(``pip install 'tensorplug[mpi]'``).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

SCRIPT = Path(__file__).parent / "distribute_scripts" / "train.py"


def _mpiexec() -> str | None:
    beside = Path(sys.executable).parent / "mpiexec"
    return str(beside) if beside.exists() else shutil.which("mpiexec")


MPIEXEC = _mpiexec()
try:
    import mpi4py  # noqa: F401
    HAVE_MPI4PY = True
except ModuleNotFoundError:
    HAVE_MPI4PY = False

pytestmark = [
    pytest.mark.skipif(not HAVE_MPI4PY, reason="mpi4py is not installed "
                       "(pip install 'tensorplug[mpi]')"),
    pytest.mark.skipif(MPIEXEC is None, reason="no mpiexec on PATH or beside the "
                       "interpreter (pip install 'tensorplug[mpi]' brings MPICH's)"),
]
np = pytest.importorskip("numpy")


def _kill_group(proc: subprocess.Popen[Any]) -> None:
    """Nothing outlives a test: the launcher, its proxies and every rank."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def launch(ranks: int, mode: str, out: Path, *extra: str, mpi_flags: tuple[str, ...] = (),
           wrap: bool = False) -> subprocess.Popen[str]:
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, str(SCRIPT), mode, str(out), *extra]
    if wrap:  # each rank's stderr to a file; the shell keeps the rank's death an exit code
        cmd = ["sh", "-c", " ".join(f"'{c}'" for c in cmd) + f" 2>'{out}'/err$PMI_RANK"]
    if ranks > 1:
        cmd = [str(MPIEXEC), "-n", str(ranks), *mpi_flags, *cmd]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)


def run(ranks: int, mode: str, out: Path, *extra: str) -> str:
    proc = launch(ranks, mode, out, *extra)
    try:
        output, _ = proc.communicate(timeout=180)
    finally:
        _kill_group(proc)
    assert proc.returncode == 0, output[-4000:]
    return output


def weights(path: Path) -> list[Any]:
    with np.load(path) as f:
        return [f[f"arr_{i}"] for i in range(sum(k.startswith("arr_") for k in f.files))]


def history(path: Path) -> dict[str, Any]:
    with np.load(path) as f:
        return {k[8:]: f[k] for k in f.files if k.startswith("history_")}


def test_one_step_on_half_batches_equals_one_full_batch_step(tmp_path: Path) -> None:
    run(2, "onestep", tmp_path / "two")
    run(1, "onestep", tmp_path / "one")
    r0, r1 = weights(tmp_path / "two/rank0.npz"), weights(tmp_path / "two/rank1.npz")
    one = weights(tmp_path / "one/rank0.npz")
    with np.load(tmp_path / "one/rank0.npz") as f:
        before = [f[f"before_{i}"] for i in range(len(one))]
    assert len(r0) == len(r1) == len(one) == 4
    for a, b, c, w0 in zip(r0, r1, one, before):
        assert a.tobytes() == b.tobytes()  # bit-identical across ranks
        np.testing.assert_allclose(a, c, rtol=1e-5, atol=1e-6)
        assert not np.array_equal(c, w0)  # the step did move every variable


def test_epochs_losses_agree_and_only_rank0_prints_and_writes(tmp_path: Path) -> None:
    pytest.importorskip("h5py", reason="ModelCheckpoint needs h5py (tensorplug[demo])")
    two = run(2, "epochs", tmp_path / "two")
    run(1, "epochs", tmp_path / "one")
    h2, h1 = history(tmp_path / "two/rank0.npz"), history(tmp_path / "one/rank0.npz")
    h2b = history(tmp_path / "two/rank1.npz")
    assert set(h2) == set(h1) >= {"loss", "accuracy", "val_loss", "val_accuracy"}
    for key in h1:
        assert len(h2[key]) == len(h1[key]) == 4
        np.testing.assert_array_equal(h2[key], h2b[key])  # every rank logs the same
        np.testing.assert_allclose(h2[key], h1[key], rtol=1e-4, atol=1e-5)
    assert h1["loss"][-1] < h1["loss"][0]
    assert len(re.findall(r"^Epoch 1/4", two, re.M)) == 1, two
    assert (tmp_path / "two/rank0/best.h5").exists()
    assert not any((tmp_path / "two/rank1").iterdir())
    for a, b in zip(weights(tmp_path / "two/rank0.npz"), weights(tmp_path / "one/rank0.npz")):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


def test_checkpoint_resumes_on_a_different_number_of_ranks(tmp_path: Path) -> None:
    pytest.importorskip("h5py", reason="checkpoints need h5py (tensorplug[demo])")
    run(2, "resume-a", tmp_path / "a2b1")     # 2 ranks, then 1 process
    run(1, "resume-b", tmp_path / "a2b1")
    run(1, "resume-a", tmp_path / "a1b2")     # 1 process, then 2 ranks
    run(2, "resume-b", tmp_path / "a1b2")
    first = history(tmp_path / "a2b1/rank0.npz")["loss"]
    second = history(tmp_path / "a1b2/rank0.npz")["loss"]
    assert len(first) == len(second) == 2  # epochs 3 and 4, after the checkpoint
    np.testing.assert_allclose(first, second, rtol=1e-4)
    for a, b in zip(weights(tmp_path / "a2b1/rank0.npz"), weights(tmp_path / "a1b2/rank0.npz")):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("sig", [signal.SIGSTOP, signal.SIGKILL], ids=["SIGSTOP", "SIGKILL"])
def test_unresponsive_rank_is_named_and_the_job_aborts(tmp_path: Path, sig: int) -> None:
    out = tmp_path / "run"
    proc = launch(2, "stall", out, "--timeout", "10", wrap=True,
                  mpi_flags=("-disable-auto-cleanup",))
    try:
        step_file = out / "step1"
        limit = time.monotonic() + 120
        while not (step_file.exists() and step_file.read_text().strip() and
                   int(step_file.read_text()) >= 3):
            assert proc.poll() is None, proc.communicate()[0][-3000:]
            assert time.monotonic() < limit, "rank 1 never reached step 3"
            time.sleep(0.05)
        pid0, pid1 = (int((out / f"pid{r}").read_text()) for r in (0, 1))
        os.kill(pid1, sig)
        sent = time.monotonic()
        seen = int(step_file.read_text())
        try:
            output, _ = proc.communicate(timeout=40)
        except subprocess.TimeoutExpired:
            pytest.fail("rank 0 did not end the job within 40 s of rank 1 stopping")
        assert time.monotonic() - sent < 40
        assert proc.returncode != 0, output[-3000:]
        err0 = (out / "err0").read_text()
        found = re.search(r"rank 0/2: rank 1 stopped responding at step (\d+) "
                          r"\(epoch \d+, batch \d+\)", err0)
        assert found is not None, err0[-3000:] + output[-3000:]
        assert int(found.group(1)) >= seen
        for _ in range(100):  # rank 0 itself is gone, not only the launcher
            try:
                os.kill(pid0, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            pytest.fail(f"rank 0 (pid {pid0}) is still running after the job ended")
    finally:
        _kill_group(proc)
        for r in (0, 1):
            pid_file = out / f"pid{r}"
            if pid_file.exists():  # a rank in another session: make sure it is gone
                try:
                    os.kill(int(pid_file.read_text()), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass


def test_an_exception_on_one_rank_ends_the_job_at_once(tmp_path: Path) -> None:
    proc = launch(2, "raise", tmp_path / "run", "--timeout", "60")
    start = time.monotonic()
    try:
        output, _ = proc.communicate(timeout=40)
    finally:
        _kill_group(proc)
    assert proc.returncode != 0
    assert time.monotonic() - start < 30  # not the 60 s deadline
    assert "RuntimeError: rank 1 fails on purpose" in output, output[-3000:]
    assert re.search(r"rank 1/2 raised the error above at step \d+", output), output[-3000:]


def test_shards_cover_every_batch_exactly_once() -> None:
    from tensorplug.distribute import shard_bounds

    for batch in (1, 2, 7, 32, 33):
        for size in (1, 2, 3, 5):
            bounds = [shard_bounds(batch, size, r) for r in range(size)]
            assert bounds[0][0] == 0 and bounds[-1][1] == batch
            assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
            sizes = [b - a for a, b in bounds]
            assert max(sizes) - min(sizes) <= 1


def test_timeout_must_be_positive() -> None:
    from tensorplug._errors import InvalidArgumentError
    from tensorplug.distribute import MPIStrategy

    with pytest.raises(InvalidArgumentError, match="timeout must be a positive number"):
        MPIStrategy(timeout=0)
