"""Shared helpers for the benchmarks: timing, and one figure of results.json."""

import statistics
import time


def figure(name, value, unit, baseline, target_ratio, *, value_below=None):
    """``value_below``: an absolute limit the value must also stay under (a latency budget)."""
    ratio = value / baseline if baseline else float("inf")
    target = f"<= {target_ratio}x"
    met = ratio <= target_ratio
    if value_below is not None:
        target += f", < {value_below:g} {unit}"
        met = met and value < value_below
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "baseline": round(baseline, 3),
        "ratio": round(ratio, 2),
        "target": target,
        "met": met,
    }


def median_ms(fn, repeat=5):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
