"""The pluggy markers of the tensorplug contract."""

from __future__ import annotations

import pluggy

PROJECT = "tensorplug"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)
