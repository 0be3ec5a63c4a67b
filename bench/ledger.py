"""
ledger_*: the transparency ledger.

- ``ledger_append_ms_each``: wall time per entry while WRITERS threads (each with its own
  connection) append concurrently through ``ledger_append`` (head row locked, chain hashed, one
  transaction each). Baseline: the same threads INSERT the same rows, one transaction each, into
  a plain copy of the table with no head, no hash and no lock. Target: at least a third of the
  plain rate (ratio <= 3). PostgreSQL runs 8 writers; SQLite, which serialises writers anyway,
  runs one.
- ``ledger_verify_ms_100k``: ``verify_ledger`` over 100,000 entries (read, re-hash, check every
  link). Baseline: hashing the same canonical bytes alone, in memory. Target: under 10 s (the
  ratio is reported for context only).
"""

import hashlib
import threading
import time

from django.db import connection, transaction
from django.utils import timezone

from bench.common import figure
from portal import ledger
from portal.canonical import canonical_json
from portal.models import LedgerEntry, LedgerHead

PER_WRITER = 250
VERIFY_SIZE = 100_000
PAYLOAD = {"listing": "lin-xiaoyu", "stage_name": "Lin Xiaoyu 林晓雨", "terms_version": 3}


def _writers() -> int:
    return 8 if connection.vendor == "postgresql" else 1


def _concurrently(writers: int, work) -> float:
    barrier = threading.Barrier(writers + 1)

    def run(n):
        try:
            barrier.wait()
            work(n)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def _plain_table():
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_ledger_plain")
        if connection.vendor == "postgresql":
            # Same columns, indexes and constraints; no triggers and no foreign keys.
            cursor.execute(
                "CREATE TABLE bench_ledger_plain (LIKE portal_ledgerentry INCLUDING ALL)"
            )
        else:
            cursor.execute(
                "CREATE TABLE bench_ledger_plain AS SELECT * FROM portal_ledgerentry WHERE 0"
            )


def _plain_insert(seq: int, subject_id: str) -> None:
    row = LedgerEntry(
        seq=seq,
        created_at=timezone.now(),
        event_type="listing.listed",
        subject_type="actors.listing",
        subject_id=subject_id,
        payload=PAYLOAD,
        prev_hash="0" * 64,
        entry_hash=f"{seq:064x}",
    )
    fields = [f for f in LedgerEntry._meta.concrete_fields]
    values = [f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields]
    columns = ", ".join(f.column for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO bench_ledger_plain ({columns}) VALUES ({marks})", values)  # noqa: S608


def bench_appends():
    writers = _writers()
    total = writers * PER_WRITER
    ledger.ledger_genesis()
    _plain_table()

    def plain(n):
        for i in range(PER_WRITER):
            _plain_insert(n * PER_WRITER + i + 1, f"{n}-{i}")

    def chained(n):
        for i in range(PER_WRITER):
            ledger.ledger_append(
                event_type="listing.listed",
                subject_type="actors.listing",
                subject_id=f"{n}-{i}",
                payload=PAYLOAD,
            )

    baseline = _concurrently(writers, plain) * 1000 / total
    value = _concurrently(writers, chained) * 1000 / total
    assert ledger.ledger_size() == total + 1
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_ledger_plain")
    name = f"ledger_append_ms_each_{writers}_writers_{connection.vendor}"
    return figure(name, value, "ms", baseline, 3.0)


def _top_up(size: int) -> None:
    """Extend the chain to ``size`` entries with correct hashes, in bulk (setup, not measured)."""
    head = LedgerHead.objects.get()
    previous, seq, batch = head.head_hash, head.size, []
    now = timezone.now()
    while seq < size:
        entry = LedgerEntry(
            seq=seq,
            created_at=now,
            event_type="listing.listed",
            subject_type="actors.listing",
            subject_id=str(seq),
            payload=PAYLOAD,
            prev_hash=previous,
        )
        entry.entry_hash = previous = ledger.entry_hash(entry)
        batch.append(entry)
        seq += 1
        if len(batch) == 5000 or seq == size:
            LedgerEntry.objects.bulk_create(batch)
            batch = []
    LedgerHead.objects.filter(pk=1).update(size=size, head_hash=previous)


def bench_verify():
    _top_up(VERIFY_SIZE)
    start = time.perf_counter()
    problem = ledger.ledger_verify()
    value = (time.perf_counter() - start) * 1000
    assert problem is None, problem
    blobs = [
        canonical_json(ledger.entry_body(e))
        for e in LedgerEntry.objects.order_by("seq").iterator(chunk_size=5000)
    ]
    start = time.perf_counter()
    for blob in blobs:
        hashlib.sha256(blob).hexdigest()
    baseline = (time.perf_counter() - start) * 1000
    # The budget is absolute (< 10 s); the ratio to hashing alone is shown, not judged.
    return figure("ledger_verify_ms_100k", value, "ms", baseline, float("inf"), value_below=10_000)


def run():
    return [bench_appends(), bench_verify()]
