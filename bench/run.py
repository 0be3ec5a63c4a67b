"""
Portrait benchmarks: `make bench`. Prints a table and writes bench/out/results.json, a list of
{"name", "value", "unit", "baseline", "ratio", "target", "met"}. Each figure is measured beside
its floor in the same run, so the ratio means something on a shared, noisy machine.

Uses a throwaway test database: SQLite in memory, or PostgreSQL when DATABASE_URL is set.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings_test")

import django  # noqa: E402

django.setup()

from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)

from bench import directory, ledger, notifications, sweep  # noqa: E402

SUITES = [notifications, directory, ledger, sweep]


def main() -> int:
    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    results = []
    try:
        # `bench/run.py sweep directory` runs only the suites named.
        wanted = set(sys.argv[1:])
        for suite in [s for s in SUITES if not wanted or s.__name__.split(".")[-1] in wanted]:
            results.extend(suite.run())
    finally:
        teardown_databases(old_config, verbosity=0)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    width = max(len(r["name"]) for r in results)
    columns = f"{'value':>10}  {'baseline':>10}  {'ratio':>6}  {'target':>18}"
    print(f"{'figure':<{width}}  {columns}  met")
    for r in results:
        print(
            f"{r['name']:<{width}}  {r['value']:>10.2f}  {r['baseline']:>10.2f}  "
            f"{r['ratio']:>6.2f}  {r['target']:>18}  {'yes' if r['met'] else 'NO'}"
        )
    print(f"\nwritten to {out / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
