"""Entry point of the TensorFlow backend: ``probe()`` never imports TensorFlow.

``load()`` is the only place TensorFlow is imported. Before importing it, ``load()``
sets ``TF_CPP_MIN_LOG_LEVEL=2`` (hides TensorFlow's C++ INFO and WARNING lines) unless
the user has set that variable, to any value.
"""

from __future__ import annotations

import importlib.util
import os
from typing import Any

LOG_LEVEL_VAR = "TF_CPP_MIN_LOG_LEVEL"
QUIET_LEVEL = "2"
MIN_VERSION = (2, 16)
INSTALL_HINT = "pip install tensorplug-tensorflow (or pip install 'tensorflow>=2.16,<3')"


def probe() -> tuple[bool, str]:
    if importlib.util.find_spec("tensorflow") is None:
        return False, f"TensorFlow is not installed ({INSTALL_HINT})"
    return True, "tensorflow found"


def load() -> list[Any]:
    os.environ.setdefault(LOG_LEVEL_VAR, QUIET_LEVEL)
    import tensorflow

    _check_version(tensorflow.__version__)
    from . import build

    return build(tensorflow)


def _check_version(version: str) -> None:
    parts = tuple(int(p) for p in version.split(".")[:2] if p.isdigit())
    if len(parts) == 2 and not MIN_VERSION <= parts < (3, 0):
        raise ImportError(
            f"tensorplug-tensorflow supports TensorFlow >= 2.16, < 3. "
            f"Received: tensorflow {version}.\nFix: {INSTALL_HINT}.")
