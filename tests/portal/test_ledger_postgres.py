"""The ledger on PostgreSQL: triggers refuse UPDATE, DELETE and TRUNCATE; writers never fork."""

import threading

import pytest
from django.db import DatabaseError, connection, transaction

from portal.ledger import ledger_append, ledger_verify
from portal.models import LedgerEntry, LedgerHead

# The triggers and row locks are PostgreSQL's.
pytestmark = pytest.mark.postgres


def _refused(sql):
    with (
        pytest.raises(DatabaseError, match="pgtrigger: Cannot"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE portal_ledgerentry SET event_type = 'x' WHERE seq = 1",
        "UPDATE portal_ledgerentry SET payload = '{}'",
        "DELETE FROM portal_ledgerentry WHERE seq = 1",
        "DELETE FROM portal_ledgerentry",
    ],
)
def test_the_ledger_table_refuses_changes(sql):
    ledger_append(event_type="listing.listed")
    _refused(sql)
    assert LedgerEntry.objects.count() == 2
    assert ledger_verify() is None


@pytest.mark.django_db
def test_the_orm_queryset_cannot_change_entries_either():
    ledger_append(event_type="listing.listed")
    with pytest.raises(DatabaseError, match="pgtrigger: Cannot"), transaction.atomic():
        LedgerEntry.objects.filter(seq=1).update(event_type="listing.withdrawn")
    with pytest.raises(DatabaseError, match="pgtrigger: Cannot"), transaction.atomic():
        LedgerEntry.objects.filter(seq=1).delete()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE portal_receipt SET kind = 'x'",
        "DELETE FROM portal_receipt",
        "UPDATE portal_checkpoint SET size = 0",
        "DELETE FROM portal_checkpoint",
        "UPDATE portal_signingkey SET public_key = 'x'",
        "DELETE FROM portal_signingkey",
    ],
)
def test_receipts_checkpoints_and_keys_refuse_changes(make_receipt, sql):
    from portal.ledger import checkpoint_sign

    make_receipt()
    checkpoint_sign()
    _refused(sql)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "table",
    ["portal_ledgerentry", "portal_receipt", "portal_checkpoint", "portal_signingkey"],
)
def test_committed_ledger_tables_refuse_truncate(make_receipt, table):
    # Committed first: inside one transaction PostgreSQL refuses TRUNCATE for its own reason
    # (pending foreign-key checks) before any trigger runs.
    from portal.ledger import checkpoint_sign

    make_receipt()
    checkpoint_sign()
    _refused(f"TRUNCATE {table} CASCADE")
    assert LedgerEntry.objects.count() == 2
    assert ledger_verify() is None


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_writers_produce_one_gapless_chain():
    writers, per_writer = 20, 5
    barrier = threading.Barrier(writers)
    errors = []

    def write(n):
        try:
            barrier.wait()
            for i in range(per_writer):
                ledger_append(event_type="listing.listed", subject_id=f"{n}-{i}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = list(LedgerEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(writers * per_writer + 1))
    assert LedgerEntry.objects.filter(event_type="ledger.genesis").count() == 1
    assert LedgerHead.objects.get().size == writers * per_writer + 1
    assert ledger_verify() is None


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_append_leaves_no_gap_under_concurrency():
    barrier = threading.Barrier(2)

    def write(fail):
        try:
            with transaction.atomic():
                barrier.wait()
                ledger_append(event_type="listing.paused")
                if fail:
                    raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(fail,)) for fail in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    entry = ledger_append(event_type="listing.listed")
    assert entry.seq == LedgerEntry.objects.count() - 1
    assert ledger_verify() is None
