"""verify_ledger: a changed, deleted or swapped entry, and a truncated tail, are each named."""

import base64

import pgtrigger
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from portal import ledger, merkle
from portal.canonical import canonical_sha256
from portal.ledger import ledger_append, ledger_verify
from portal.models import LedgerEntry

pytestmark = pytest.mark.django_db


def _tamper(sql, params=()):
    """Raw SQL past the append-only triggers: what a superuser could do to the table."""
    with pgtrigger.ignore(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def chain():
    return [ledger_append(event_type="listing.listed", subject_id=str(i)) for i in range(10)]


def _keep_checkpoint(tmp_path):
    path = tmp_path / "checkpoint.txt"
    path.write_text(ledger.checkpoint_sign().note, encoding="utf-8")
    return path


def test_an_intact_ledger_verifies(chain, capsys):
    assert ledger_verify() is None
    call_command("verify_ledger")
    assert "ledger ok: 11 entries" in capsys.readouterr().out


def test_a_changed_entry_is_named(chain):
    _tamper("UPDATE portal_ledgerentry SET subject_id = 'other' WHERE seq = 4")
    problem = ledger_verify()
    assert problem.kind == "changed"
    assert problem.seq == 4
    with pytest.raises(CommandError, match="entry #4 was changed"):
        call_command("verify_ledger")


def test_a_changed_entry_with_a_recomputed_hash_breaks_the_next_link(chain):
    entry = LedgerEntry.objects.get(seq=4)
    entry.subject_id = "other"
    new_hash = canonical_sha256(ledger.entry_body(entry))
    _tamper(
        "UPDATE portal_ledgerentry SET subject_id = 'other', entry_hash = %s WHERE seq = 4",
        [new_hash],
    )
    problem = ledger_verify()
    assert problem.kind == "broken_link"
    assert problem.seq == 5


def test_a_deleted_entry_is_named(chain):
    _tamper("DELETE FROM portal_ledgerentry WHERE seq = 6")
    problem = ledger_verify()
    assert problem.kind == "missing"
    assert problem.seq == 6
    with pytest.raises(CommandError, match="entry #6 is missing"):
        call_command("verify_ledger")


def test_a_swapped_pair_is_named(chain):
    _tamper("UPDATE portal_ledgerentry SET seq = 1000000 WHERE seq = 3")
    _tamper("UPDATE portal_ledgerentry SET seq = 3 WHERE seq = 4")
    _tamper("UPDATE portal_ledgerentry SET seq = 4 WHERE seq = 1000000")
    problem = ledger_verify()
    assert problem.kind == "reordered"
    assert problem.seq == 3
    with pytest.raises(CommandError, match="reordered"):
        call_command("verify_ledger")


def _truncate_tail(keep: int):
    last = LedgerEntry.objects.get(seq=keep - 1)
    _tamper("DELETE FROM portal_ledgerentry WHERE seq >= %s", [keep])
    # A careful forger also rewinds the head, so the chain alone looks whole.
    _tamper(
        "UPDATE portal_ledgerhead SET size = %s, head_hash = %s WHERE id = 1",
        [keep, last.entry_hash],
    )


def test_a_truncated_tail_passes_the_chain_walk_but_not_a_kept_checkpoint(chain, tmp_path):
    kept = _keep_checkpoint(tmp_path)
    _truncate_tail(7)
    assert ledger_verify() is None
    problem = ledger_verify(checkpoint_note=kept.read_text())
    assert problem.kind == "truncated"
    with pytest.raises(CommandError, match="covers 11 entries, the ledger now holds 7"):
        call_command("verify_ledger", checkpoint=kept)


def test_a_truncated_tail_with_a_forgotten_head_is_named_without_a_checkpoint(chain):
    _tamper("DELETE FROM portal_ledgerentry WHERE seq >= 7")
    problem = ledger_verify()
    assert problem.kind == "head"


def test_a_rewritten_history_fails_against_a_kept_checkpoint(chain, tmp_path):
    kept = _keep_checkpoint(tmp_path)
    # Rewrite entry 2 and re-chain everything after it: the walk alone cannot tell.
    previous = LedgerEntry.objects.get(seq=1).entry_hash
    for entry in LedgerEntry.objects.filter(seq__gte=2).order_by("seq"):
        if entry.seq == 2:
            entry.subject_id = "rewritten"
        entry.prev_hash = previous
        entry.entry_hash = previous = canonical_sha256(ledger.entry_body(entry))
        _tamper(
            "UPDATE portal_ledgerentry SET subject_id = %s, prev_hash = %s, entry_hash = %s"
            " WHERE seq = %s",
            [entry.subject_id, entry.prev_hash, entry.entry_hash, entry.seq],
        )
    _tamper("UPDATE portal_ledgerhead SET head_hash = %s WHERE id = 1", [previous])
    assert ledger_verify() is None
    problem = ledger_verify(checkpoint_note=kept.read_text())
    assert problem.kind == "checkpoint"
    with pytest.raises(CommandError, match="no longer match the checkpoint"):
        call_command("verify_ledger", checkpoint=kept)


def test_a_forged_checkpoint_is_refused(chain, tmp_path):
    kept = _keep_checkpoint(tmp_path)
    kept.write_text(kept.read_text().replace("\n11\n", "\n12\n", 1))
    with pytest.raises(CommandError, match="signature does not verify"):
        call_command("verify_ledger", checkpoint=kept)


def test_a_kept_checkpoint_of_a_grown_ledger_still_verifies(chain, tmp_path, capsys):
    kept = _keep_checkpoint(tmp_path)
    ledger_append(event_type="listing.paused")
    call_command("verify_ledger", checkpoint=kept)
    assert "ledger ok: 12 entries and extends the checkpoint" in capsys.readouterr().out


def test_an_unreadable_checkpoint_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("verify_ledger", checkpoint=tmp_path / "missing.txt")


def test_ledger_proofs_check_out_against_the_stored_tree(chain):
    proof = ledger.inclusion_proof(seq=4, size=11)
    assert merkle.verify_inclusion(
        index=4,
        size=11,
        leaf_hash_value=merkle.leaf_hash(bytes.fromhex(chain[3].entry_hash)),
        proof=[base64.b64decode(node) for node in proof["proof"]],
        root_hash=base64.b64decode(proof["root_hash"]),
    )
    consistency = ledger.consistency_proof(old_size=5, new_size=11)
    assert merkle.verify_consistency(
        old_size=5,
        new_size=11,
        old_root=base64.b64decode(consistency["old_root"]),
        new_root=base64.b64decode(consistency["new_root"]),
        proof=[base64.b64decode(node) for node in consistency["proof"]],
    )
