"""Test sessions: each backend plugin in its own virtual environment.

`python -m nox` runs them all (what `.ci/run` and the README's test command do);
`python -m nox -s numpy` runs one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["lint", "null", "numpy", "numpy126", "tensorflow", "mxnet", "cuda", "docs"]

TEST_DEPS = ["pytest>=8", "hatchling>=1.20", "pip"]  # pip: tests install test-tree plugins
CONFORMANCE = ["pytest", "-p", "tensorplug.testing.plugin", "--pyargs", "tensorplug.testing"]


def conformance(session: nox.Session, backend: str, *extra: str, **kwargs: Any) -> None:
    session.run(*CONFORMANCE, "--tensorplug-backend", backend, "-q", *extra, **kwargs)


def models(session: nox.Session, backend: str) -> None:
    """Training on this backend: losses agree with numpy's, files load across backends,
    the demo reaches its accuracy."""
    tests = sorted(str(p) for p in Path("tests/integration").glob("test_models_*.py"))
    session.run("pytest", *tests, "-q", env={"TENSORPLUG_BACKEND": backend})


def distribute(session: nox.Session, backend: str) -> None:
    """Data-parallel fit over MPI (mpiexec -n 2 on loopback)."""
    session.run("pytest", "tests/integration/test_distribute_mpi.py", "-q",
                env={"TENSORPLUG_BACKEND": backend})


@nox.session
def lint(session: nox.Session) -> None:
    session.install("ruff>=0.6")
    session.run("ruff", "check", "core", "plugins", "tests", "benchmarks", "noxfile.py")


@nox.session
def null(session: nox.Session) -> None:
    """The core with no backend and no numpy: discovery, config, errors, docs coverage."""
    session.install("./core", *TEST_DEPS)
    session.run("pytest", "tests/null", "-q")


@nox.session
def numpy(session: nox.Session) -> None:
    """numpy >= 2: conformance (also in trace mode), third-party backend, sabotage."""
    session.install("./core[demo,mpi]", "./plugins/numpy", "numpy>=2", *TEST_DEPS)
    conformance(session, "numpy")
    conformance(session, "numpy", env={"TENSORPLUG_TRACE": "1"})
    session.run("pytest", "tests/backends", "tests/integration", "-q")


@nox.session
def numpy126(session: nox.Session) -> None:
    """numpy 1.26: the numpy plugin's NEP 50 wrappers."""
    session.install("./core[demo]", "./plugins/numpy", "numpy==1.26.4", *TEST_DEPS)
    conformance(session, "numpy")
    conformance(session, "numpy", env={"TENSORPLUG_TRACE": "1"})
    session.run("pytest", "tests/integration", "-q")


@nox.session
def tensorflow(session: nox.Session) -> None:
    session.install("./core[demo,mpi]", "./plugins/numpy", "./plugins/tensorflow", *TEST_DEPS)
    conformance(session, "tensorflow")
    session.run("pytest", "plugins/tensorflow/tests", "-q")
    models(session, "tensorflow")
    distribute(session, "tensorflow")


@nox.session
def mxnet(session: nox.Session) -> None:
    session.install("./core[demo,mpi]", "./plugins/numpy", "./plugins/mxnet", "numpy==1.26.4",
                    *TEST_DEPS)
    conformance(session, "mxnet")
    # synchronous engine: a kernel error is raised by the op that caused it
    conformance(session, "mxnet", env={"MXNET_ENGINE_TYPE": "NaiveEngine"})
    conformance(session, "mxnet", env={"TENSORPLUG_TRACE": "1"})
    session.run("pytest", "plugins/mxnet/tests", "-q")
    models(session, "mxnet")
    distribute(session, "mxnet")


@nox.session
def cuda(session: nox.Session) -> None:
    """No GPU in CI: proves install, registration, clean unavailability, the clear error."""
    session.install("./core", "./plugins/numpy", "./plugins/cuda[cuda12]", *TEST_DEPS)
    session.run("pytest", "plugins/cuda/tests", "-q")


@nox.session
def docs(session: nox.Session) -> None:
    session.install("./core", "./plugins/numpy", "mkdocs>=1.6", "mkdocstrings[python]>=0.26")
    session.run("mkdocs", "build", "--strict", "--site-dir", f"{session.create_tmp()}/site")
