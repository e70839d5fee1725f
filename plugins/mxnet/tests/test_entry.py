"""Discovery and selection: probe() stays light, a config file selects the backend, and
loading restores ``numpy.bool`` only where numpy lacks it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


def run_python(code: str, home: Path, **env: str) -> str:
    """Run ``code`` in a fresh interpreter with TENSORPLUG_HOME=home; return stdout."""
    environ = {k: v for k, v in os.environ.items() if k != "TENSORPLUG_BACKEND"}
    environ.update(TENSORPLUG_HOME=str(home), **env)
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=environ,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_probe_does_not_import_mxnet(tmp_path: Path) -> None:
    out = run_python("""
        import sys
        from tensorplug_mxnet import _entry
        ok, reason = _entry.probe()
        import tensorplug
        statuses = {s.name: s for s in tensorplug.list_backends()}
        print(ok, reason, "mxnet" in statuses, "mxnet" in sys.modules)
    """, tmp_path)
    assert out.split()[:2] == ["True", "mxnet"]
    assert out.split()[-2:] == ["True", "False"], "probe()/list_backends imported mxnet"


def test_config_file_selects_mxnet_and_runs_ops(tmp_path: Path) -> None:
    (tmp_path / "tensorplug.json").write_text(json.dumps({"backend": "mxnet"}))
    out = run_python("""
        import numpy as np
        from tensorplug import backend as K
        x = K.variable(np.array([[1.0, -2.0], [3.0, 4.0]]))  # loads the backend
        import mxnet  # (after: the backend restores numpy.bool, which mxnet needs)
        y = K.softmax(K.dot(x, K.transpose(x)), -1)
        results = [K.add(x, 1.0), K.sum(x), K.exp(x), y, K.argmax(y, -1), K.greater(x, 0)]
        assert all(isinstance(r, mxnet.numpy.ndarray) for r in results), results
        assert K.to_numpy(K.sum(x)).shape == ()
        print(K.backend(), K.dtype(results[-1]), K.dtype(results[-2]),
              float(K.to_numpy(K.sum(x))))
    """, tmp_path)
    assert out.split() == ["mxnet", "bool", "int64", "6.0"]


def test_numpy_bool_alias_restored_only_where_missing(tmp_path: Path) -> None:
    out = run_python("""
        import numpy
        had = "bool" in numpy.__dict__
        import tensorplug
        tensorplug.set_backend("mxnet")
        from tensorplug import backend as K
        K.zeros((1,))
        print(had, numpy.bool is bool)
    """, tmp_path)
    import numpy

    numpy2 = int(numpy.__version__.split(".")[0]) >= 2  # (numpy 2 has numpy.bool again)
    assert out.split() == (["True", "False"] if numpy2 else ["False", "True"])
    out = run_python("""
        import numpy
        numpy.bool = numpy.bool_  # someone set it already: left as it is
        import tensorplug
        tensorplug.set_backend("mxnet")
        print(numpy.bool is numpy.bool_)
    """, tmp_path)
    assert out.split() == ["True"]


@pytest.mark.usefixtures("mx")
def test_numpy_shape_semantics_in_threads_started_later() -> None:
    import threading

    import numpy as np
    from tensorplug import backend as K

    seen: list[object] = []

    def work() -> None:
        try:
            total = K.sum(K.convert_to_tensor(np.zeros((0, 3), "float32")), 0)
            seen.append((K.int_shape(K.sum(K.ones((2,)))), K.int_shape(total)))
        except Exception as exc:  # reported by the assertion below
            seen.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [((), (3,))]
