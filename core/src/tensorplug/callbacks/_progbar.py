"""Progress display: ``Progbar`` (a bar with ETA and running metrics, redrawn in place in
a terminal) and ``ProgbarLogger`` (one bar per epoch in a terminal; one line per epoch
when output is not a terminal, or with ``verbose=2``)."""

from __future__ import annotations

import math
import os
import sys
import time
from typing import Any, TextIO

from ._base import Callback


def is_interactive(stream: TextIO) -> bool:
    return bool(getattr(stream, "isatty", lambda: False)()) or "ipykernel" in sys.modules


def format_value(v: Any) -> str:
    v = float(v)
    return f"{v:.4f}" if abs(v) > 1e-3 or v == 0 else f"{v:.4e}"


def format_time(seconds: float) -> str:
    if seconds >= 3600:
        return f"{int(seconds // 3600)}:{int(seconds % 3600 // 60):02d}:{int(seconds % 60):02d}"
    if seconds >= 60:
        return f"{int(seconds // 60)}:{int(seconds % 60):02d}"
    return f"{seconds:.0f}s"


class Progbar:
    """A progress bar for ``target`` steps (Keras's ``utils.Progbar``)."""

    def __init__(self, target: int | None, width: int = 30, verbose: int = 1,
                 interval: float = 0.05, stream: TextIO | None = None) -> None:
        self.target, self.width, self.verbose, self.interval = target, width, verbose, interval
        self.stream = stream or sys.stdout
        self.dynamic = is_interactive(self.stream)
        self.start = time.perf_counter()
        self._last = 0.0
        self._sums: dict[str, list[float]] = {}
        self._order: list[str] = []
        self._shown = 0

    def update(self, current: int, values: list[tuple[str, Any]] | None = None,
               finalize: bool = False, exact: bool = False) -> None:
        """Advance to ``current``; ``values`` are averaged over the steps so far
        (``exact=True`` shows them as given)."""
        for k, v, n in ((k, v, 1) for k, v in values or []):
            if k not in self._sums:
                self._order.append(k)
                self._sums[k] = [0.0, 0]
            if exact:
                self._sums[k] = [float(v), 1]
            else:
                self._sums[k][0] += float(v) * n
                self._sums[k][1] += n
        now = time.perf_counter()
        done = finalize or (self.target is not None and current >= self.target)
        if self.verbose != 1 or not self.dynamic:
            return
        if not done and now - self._last < self.interval:
            return
        self._last = now
        self._draw(current, now, done)

    def line(self, current: int, now: float, done: bool, metrics: str | None = None) -> str:
        elapsed = now - self.start
        if self.target:
            digits = int(math.log10(self.target)) + 1
            frac = min(1.0, current / self.target)
            filled = int(self.width * frac)
            bar = "=" * max(0, filled - 1) + (">" if filled < self.width else "=") \
                if filled else ""
            head = f"{current:>{digits}}/{self.target} [{bar:<{self.width}}]"
        else:
            head = f"{current:>7}/Unknown"
        per_step = elapsed / max(current, 1)
        if done:
            unit = f"{per_step * 1e3:.0f}ms/step" if per_step >= 1e-3 \
                else f"{per_step * 1e6:.0f}us/step"
            tail = f" - {format_time(elapsed)} {unit}"
        else:
            eta = per_step * ((self.target or current) - current)
            tail = f" - ETA: {format_time(eta)}"
        return head + tail + (self.metrics_text() if metrics is None else metrics)

    def metrics_text(self) -> str:
        return "".join(f" - {k}: {format_value(s / max(n, 1))}"
                       for k, (s, n) in ((k, self._sums[k]) for k in self._order))

    def finish(self, current: int, metrics: str) -> None:
        """Draw the final line with the given metrics text (the epoch's logs)."""
        self._draw(current, time.perf_counter(), True, metrics)

    def _draw(self, current: int, now: float, done: bool, metrics: str | None = None) -> None:
        text = self.line(current, now, done, metrics)
        pad = max(0, self._shown - len(text))
        self.stream.write("\r" + text + " " * pad + ("\n" if done else ""))
        self.stream.flush()
        self._shown = len(text)


class ProgbarLogger(Callback):
    """Prints training progress: a live bar with ETA and metrics in a terminal,
    one summary line per epoch otherwise (or with ``verbose=2``)."""

    def __init__(self, count_mode: str = "samples", stream: TextIO | None = None) -> None:
        super().__init__()
        self.count_mode = count_mode
        self.stream = stream

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self.verbose = self.params.get("verbose", 1)
        self.epochs = self.params.get("epochs", 1)
        self.out = self.stream or sys.stdout
        self.live = self.verbose == 1 and is_interactive(self.out) and \
            os.environ.get("TENSORPLUG_PROGBAR", "") != "lines"

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self.seen = 0
        self.epoch_start = time.perf_counter()
        target = self.params.get("samples") if self.count_mode == "samples" else \
            self.params.get("steps")
        self.target = target
        if self.live:
            self.out.write(f"Epoch {epoch + 1}/{self.epochs}\n")
            self.bar = Progbar(target, stream=self.out)

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        logs = logs or {}
        self.seen += logs.get("size", 1) if self.count_mode == "samples" else 1
        if self.live:
            values = [(k, v) for k, v in logs.items() if k not in ("batch", "size")]
            if self.target is not None and self.seen >= self.target:
                self.bar.update(self.seen - 1, values)  # the epoch line draws the end
            else:
                self.bar.update(self.seen, values)

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        logs = logs or {}
        metrics = "".join(f" - {k}: {format_value(v)}" for k, v in logs.items()
                          if isinstance(v, (int, float)) and k not in ("batch", "size"))
        elapsed = time.perf_counter() - self.epoch_start
        if self.live:
            self.bar.finish(self.seen, metrics)
        elif self.verbose:
            self.out.write(f"Epoch {epoch + 1}/{self.epochs} - {format_time(elapsed)}"
                           f"{metrics}\n")
        self.out.flush()
