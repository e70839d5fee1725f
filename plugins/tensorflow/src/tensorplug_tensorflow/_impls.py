"""The hookimpl namespace helper lives in the core: ``tensorplug.Impls``."""

from __future__ import annotations

from tensorplug import Impls

__all__ = ["Impls"]
