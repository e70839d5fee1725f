"""tensorplug-example: a minimal tensorplug backend on plain NumPy.

One module per module of ``tensorplug.hookspecs`` (same names), each holding
``@tensorplug.hookimpl`` functions named and parametrised exactly like the specs.
Only primitives are implemented; every composite comes from ``tensorplug.generic``.
"""

from __future__ import annotations

__version__ = "0.1.0"
