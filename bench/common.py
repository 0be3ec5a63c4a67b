"""Shared helpers for the benchmarks: timing, and one figure of results.json."""

import statistics
import time


def figure(name, value, unit, baseline, target_ratio):
    ratio = value / baseline if baseline else float("inf")
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "baseline": round(baseline, 3),
        "ratio": round(ratio, 2),
        "target": f"<= {target_ratio}x",
        "met": ratio <= target_ratio,
    }


def median_ms(fn, repeat=5):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
