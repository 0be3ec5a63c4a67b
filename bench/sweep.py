"""
sweep_*: the shot-approval expiry sweep over 1,000,000 requests, 10% of them due, on
PostgreSQL. Value: `shots_expire_due` (the UPDATE, one history row per shot, the studio notices
as outbox rows, and one ledger entry for the batch). Baseline: one raw SQL UPDATE of the same
rows in the same run, nothing else. Target: within 3x.

Rows are generated with INSERT ... SELECT generate_series. Each measurement runs in a
transaction that is rolled back, then VACUUM, so every run starts from the same table; the raw
UPDATE and the sweep alternate. Without a PostgreSQL DATABASE_URL it measures SQLite with
100,000 requests and says so: that only shows the harness works.
"""

import statistics
import time
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from bench.common import figure
from consent.services.shots import shots_expire_due

ROWS = {"postgresql": 1_000_000, "sqlite": 100_000}
GRANTS = 20
REPEAT = 3
TARGET = 3.0

RAW_UPDATE = """
    UPDATE consent_shot SET status = 'expired', decided_at = %s, updated_at = %s
    WHERE status = 'pending' AND due_at <= %s
"""


def _seed(vendor: str, rows: int) -> list[int]:
    from tests.consent.factories_shots import make_grant

    grants = [make_grant().pk for _ in range(GRANTS)]
    now = timezone.now()
    due, later = now - timedelta(hours=1), now + timedelta(days=2)
    if vendor == "postgresql":
        series = "generate_series(1, %(rows)s) AS g(n)"
        prefix = ""
    else:
        series = "g"
        prefix = (
            "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < %(rows)s) "
        )
    params = {
        "rows": rows,
        "now": connection.ops.adapt_datetimefield_value(now) if vendor != "postgresql" else now,
        "due": connection.ops.adapt_datetimefield_value(due) if vendor != "postgresql" else due,
        "later": connection.ops.adapt_datetimefield_value(later)
        if vendor != "postgresql"
        else later,
    }
    # Spread the rows over the grants: CASE works in both databases (SQLite refuses a
    # correlated OFFSET, and has no arrays).
    cases = " ".join(f"WHEN {i} THEN {pk}" for i, pk in enumerate(grants))
    pick_grant = f"CASE n %% {GRANTS} {cases} END"
    sql = f"""
        {prefix}INSERT INTO consent_shot
            (grant_id, scene, description, direction, render, preview, render_sha256, width,
             height, status, due_at, reason, receipt_id, created_at, updated_at)
        SELECT {pick_grant}, 1, 'bench', 'bench', 'shots/renders/bench.jpg', '',
               '{"0" * 64}', 100, 100, 'pending',
               CASE WHEN n %% 10 = 0 THEN %(due)s ELSE %(later)s END, '', '', %(now)s, %(now)s
        FROM {series}
    """  # noqa: S608 - ids and constants only
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    print(f"\nseeded {rows:,} shot requests in {time.perf_counter() - start:.1f} s")
    _vacuum(vendor)
    return grants


def _vacuum(vendor: str) -> None:
    with connection.cursor() as cursor:
        if vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE consent_shot")
            cursor.execute("VACUUM ANALYZE consent_shotevent")
            cursor.execute("VACUUM ANALYZE portal_notification")
        else:
            cursor.execute("ANALYZE")


def _rolled_back(fn) -> tuple[float, int]:
    with transaction.atomic():
        start = time.perf_counter()
        count = fn()
        elapsed = (time.perf_counter() - start) * 1000
        transaction.set_rollback(True)
    return elapsed, count


def _raw(now):
    def run():
        value = connection.ops.adapt_datetimefield_value(now)
        with connection.cursor() as cursor:
            cursor.execute(RAW_UPDATE, [value, value, value])
            return cursor.rowcount

    return run


def run():
    vendor = connection.vendor
    rows = ROWS.get(vendor, ROWS["sqlite"])
    if vendor != "postgresql":
        print(
            f"\nbench/sweep: DATABASE_URL is not PostgreSQL; measuring SQLite with {rows:,} "
            "requests. These figures are marked 'sqlite' and say nothing about production."
        )
    _seed(vendor, rows)
    now = timezone.now()
    raw_ms, sweep_ms = [], []
    for _ in range(REPEAT):
        elapsed, raw_count = _rolled_back(_raw(now))
        raw_ms.append(elapsed)
        _vacuum(vendor)
        elapsed, sweep_count = _rolled_back(lambda: shots_expire_due(now=now))
        sweep_ms.append(elapsed)
        _vacuum(vendor)
        assert raw_count == sweep_count == rows // 10, (raw_count, sweep_count)
    # Idempotence, measured too: a second run right after a committed one finds nothing.
    shots_expire_due(now=now)
    again_ms, again = _rolled_back(lambda: shots_expire_due(now=now))
    assert again == 0, again
    note = f"{vendor}, {rows:,} requests, {rows // 10:,} due, {GRANTS} grants, median of {REPEAT}"
    results = [
        figure(
            "sweep_expire_ms",
            statistics.median(sweep_ms),
            "ms",
            statistics.median(raw_ms),
            TARGET,
        ),
        figure("sweep_rerun_ms", again_ms, "ms", statistics.median(raw_ms), 1.0),
    ]
    for result in results:
        result["note"] = note
    return results
