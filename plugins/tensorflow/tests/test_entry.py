"""The entry point: probe() never imports TensorFlow; load() quiets its C++ logging
unless the user chose a level."""

from __future__ import annotations

import pytest
from tensorplug_tensorflow import _entry
from tf_subprocess import run_python

PROBE = """
import sys
from importlib import metadata
(ep,) = [e for e in metadata.entry_points(group="tensorplug.backends") if e.name == "tensorflow"]
module = ep.load()
ok, why = module.probe()
import tensorplug
names = [s.name for s in tensorplug.list_backends()]
print(ok, "tensorflow" in names, "tensorflow" in sys.modules, sorted(
    m for m in sys.modules if m.split(".")[0] in ("tensorflow", "keras")))
"""


def test_probe_and_listing_do_not_import_tensorflow() -> None:
    out = run_python(PROBE)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[:3] == ["True", "True", "False"], out.stdout


LEVEL = """
import os
import tensorplug
tensorplug.set_backend("tensorflow")
import tensorflow
print(repr(os.environ.get("TF_CPP_MIN_LOG_LEVEL")))
"""


def test_load_sets_quiet_log_level_when_unset() -> None:
    out = run_python(LEVEL)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "'2'"


@pytest.mark.parametrize("level", ["0", "1", "3", ""])
def test_load_keeps_the_users_log_level(level: str) -> None:
    out = run_python(LEVEL, env={"TF_CPP_MIN_LOG_LEVEL": level})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == repr(level)


def test_load_does_not_set_onednn_opts() -> None:
    out = run_python(LEVEL.replace("TF_CPP_MIN_LOG_LEVEL", "TF_ENABLE_ONEDNN_OPTS"))
    assert out.stdout.strip().splitlines()[-1] == "None"


@pytest.mark.parametrize("version", ["2.15.1", "1.15.0", "3.0.0"])
def test_unsupported_tensorflow_version_is_refused(version: str) -> None:
    with pytest.raises(ImportError, match=f"Received: tensorflow {version}"):
        _entry._check_version(version)


@pytest.mark.parametrize("version", ["2.16.1", "2.21.0", "2.22.0rc0"])
def test_supported_tensorflow_versions_load(version: str) -> None:
    assert _entry._check_version(version) is None
