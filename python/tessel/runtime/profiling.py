"""Timing results of :meth:`Module.time_evaluator`."""

from __future__ import annotations

import statistics
from typing import Sequence


class BenchmarkResult:
    """The measurements of one time evaluation, in seconds per call.

    Parameters
    ----------
    results : sequence of float
        One mean time per repeat, in seconds.

    Attributes
    ----------
    results : tuple of float
        The measurements.
    mean, median, std, min, max : float
        Their statistics (``std`` is the population standard deviation).
    """

    def __init__(self, results: Sequence[float]):
        self.results = tuple(float(r) for r in results)
        if not self.results:
            raise ValueError("BenchmarkResult needs at least one measurement")
        self.mean = statistics.fmean(self.results)
        self.median = statistics.median(self.results)
        self.std = statistics.pstdev(self.results)
        self.min = min(self.results)
        self.max = max(self.results)

    def __repr__(self) -> str:
        return (
            f"BenchmarkResult(min={self.min:.6g}, mean={self.mean:.6g}, median={self.median:.6g}, "
            f"max={self.max:.6g}, std={self.std:.6g}, repeats={len(self.results)})"
        )

    def __str__(self) -> str:
        header = f"{'mean (ms)':>12} {'median (ms)':>12} {'max (ms)':>12} {'min (ms)':>12} {'std (ms)':>12}"
        values = (self.mean, self.median, self.max, self.min, self.std)
        row = " ".join(f"{v * 1e3:12.4f}" for v in values)
        return f"Execution time summary:\n{header}\n{row}"
