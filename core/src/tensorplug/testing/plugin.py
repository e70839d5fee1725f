"""The conformance suite's pytest plugin (opt-in: no ``pytest11`` entry point).

    pytest -p tensorplug.testing.plugin --pyargs tensorplug.testing \\
        --tensorplug-backend NAME [--tensorplug-xfails PATH]

Selects the backend with ``tensorplug.set_backend(NAME)``. A backend that cannot run
here (``tensorplug.BackendUnavailableError``, e.g. "no CUDA device") skips every test
of the suite with that reason; any other load error fails the run. Entries of the
xfails file (default: the file the backend's ``backend_info().xfails`` names; a
missing file means none) become ``xfail(strict=True)`` marks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import tensorplug

from . import _xfails
from ._state import STATE

SUITE_PACKAGE = "tensorplug.testing"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tensorplug", "tensorplug conformance suite")
    group.addoption("--tensorplug-backend", metavar="NAME", default=None,
                    help="backend (entry-point name) the conformance suite runs on")
    group.addoption("--tensorplug-xfails", metavar="PATH", default=None,
                    help="known-failures file (default: the one backend_info() names)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "grads: gradient conformance tests")
    name = config.getoption("tensorplug_backend")
    if name is None:
        return  # the suite's conftest (and its modules) report the usage error
    STATE.configured, STATE.backend = True, name
    try:
        tensorplug.set_backend(name)
    except tensorplug.BackendUnavailableError as exc:
        STATE.skip_reason = _first_line(exc)
        return
    except tensorplug.BackendLoadError as exc:
        cause = exc.__cause__
        if isinstance(cause, tensorplug.BackendUnavailableError):  # raised by load()
            STATE.skip_reason = _first_line(cause)
            return
        raise pytest.UsageError(f"--tensorplug-backend {name}: the backend failed to "
                                f"load:\n{exc}") from exc
    except tensorplug.TensorplugError as exc:
        raise pytest.UsageError(f"--tensorplug-backend {name}: {exc}") from exc
    from tensorplug import _selection

    STATE.info = _selection.active().info
    _load_xfails(config)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _load_xfails(config: pytest.Config) -> None:
    given = config.getoption("tensorplug_xfails")
    path = Path(given) if given else (Path(STATE.info.xfails) if STATE.info.xfails else None)
    if given and not path.is_file():  # type: ignore[union-attr]
        raise pytest.UsageError(f"--tensorplug-xfails {given}: no such file.")
    STATE.xfails_path = path
    try:
        STATE.xfails = _xfails.load(path)
    except _xfails.XfailsFormatError as exc:
        raise pytest.UsageError(str(exc)) from None


def pytest_report_header(config: pytest.Config) -> list[str]:
    if not STATE.configured:
        return []
    if STATE.info is None:
        return [f"tensorplug backend: {STATE.backend} (unavailable, every test skipped: "
                f"{STATE.skip_reason})"]
    import numpy

    from tensorplug import _dispatch

    info = STATE.info
    low, high = (".".join(map(str, v)) for v in info.contract)
    return [
        f"tensorplug backend: {info.name} {info.version} (contract {low} to <{high}; "
        f"tensorplug {tensorplug.__version__}; dispatch mode {_dispatch.mode}"
        f"{', TENSORPLUG_TRACE' if _dispatch.trace_mode() else ''})",
        f"tensorplug dtypes: {', '.join(info.dtypes)}; reference numpy {numpy.__version__}",
        f"tensorplug xfails: {STATE.xfails_path or 'none'} ({len(STATE.xfails)} entries)",
    ]


def _in_suite(item: pytest.Item) -> bool:
    module = getattr(item, "module", None)
    return getattr(module, "__name__", "").startswith(SUITE_PACKAGE + ".")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not STATE.configured:
        return
    if STATE.skip_reason is not None:
        skip = pytest.mark.skip(reason=STATE.skip_reason)
        for item in items:
            if _in_suite(item):
                item.add_marker(skip)
        return
    for item in items:
        for entry in STATE.xfails:
            if entry.matches(item.nodeid):
                entry.hits += 1
                item.add_marker(pytest.mark.xfail(
                    strict=True, reason=f"{entry.reason} ({entry.where})"))
                break


def pytest_terminal_summary(terminalreporter: Any) -> None:
    unused = [e for e in STATE.xfails if not e.hits]
    if unused:
        terminalreporter.write_line(
            f"tensorplug xfails: {len(unused)} entr{'y' if len(unused) == 1 else 'ies'} "
            f"matched no collected test: " + ", ".join(f"{e.where} {e.glob}" for e in unused))

