"""Running code in a fresh interpreter, for what must not touch pytest's process (an
import that would stick, or a TensorFlow abort)."""

from __future__ import annotations

import os
import subprocess
import sys


def run_python(code: str, env: dict[str, str] | None = None,
               timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter (so an abort or an import cannot leak)."""
    base = {k: v for k, v in os.environ.items()
            if k not in ("TF_CPP_MIN_LOG_LEVEL", "TENSORPLUG_BACKEND", "TENSORPLUG_TRACE")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**base, **(env or {})}, timeout=timeout)
