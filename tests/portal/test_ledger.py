"""The ledger's append contract: genesis, a gapless chain, hashes over every field."""

import itertools

import pytest
from django.db import transaction

from portal.canonical import canonical_json, canonical_sha256
from portal.ledger import (
    GENESIS_EVENT,
    ZERO_HASH,
    entry_body,
    ledger_append,
    ledger_genesis,
    ledger_size,
    ledger_verify,
)
from portal.models import AppendOnlyError, LedgerEntry, LedgerHead

pytestmark = pytest.mark.django_db


def test_the_first_append_writes_the_genesis_entry_at_seq_zero():
    entry = ledger_append(event_type="terms.published", subject_type="actors.terms", subject_id="7")
    genesis = LedgerEntry.objects.get(seq=0)
    assert genesis.event_type == GENESIS_EVENT
    assert genesis.prev_hash == ZERO_HASH
    assert entry.seq == 1
    assert entry.prev_hash == genesis.entry_hash


def test_ledger_genesis_is_idempotent():
    first = ledger_genesis()
    second = ledger_genesis()
    assert first.pk == second.pk == 0
    assert LedgerEntry.objects.count() == 1


def test_entries_form_a_gapless_chain_and_the_head_follows():
    entries = [ledger_append(event_type="listing.listed", subject_id=str(i)) for i in range(5)]
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5]
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.entry_hash
    head = LedgerHead.objects.get()
    assert head.size == 6
    assert head.head_hash == entries[-1].entry_hash
    assert ledger_verify() is None


def test_the_hash_covers_every_field_as_stored(actor):
    entry = ledger_append(
        event_type="listing.paused",
        subject=actor,
        actor=actor,
        on_behalf_of=actor,
        payload={"reason": "strike", "fee": "1200.00", "tags": ("a", "b")},
    )
    stored = LedgerEntry.objects.get(seq=entry.seq)
    assert stored.subject_type == "portal.user"
    assert stored.subject_id == str(actor.pk)
    assert stored.payload == {"reason": "strike", "fee": "1200.00", "tags": ["a", "b"]}
    assert stored.entry_hash == canonical_sha256(entry_body(stored))


def test_an_actor_without_a_primary_key_is_the_system():
    from django.contrib.auth.models import AnonymousUser

    entry = ledger_append(event_type="pitch.expired", actor=AnonymousUser())
    assert entry.actor_id is None


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"fee": 12.5}, "no floats"),
        ({"email": "a@example.com"}, "personal data"),
        ({"guardian": {"date_of_birth": "2010-01-01"}}, "personal data"),
        ({"when": object()}, "not JSON"),
    ],
)
def test_payloads_that_are_not_plain_public_json_are_refused(payload, message):
    with pytest.raises((TypeError, ValueError), match=message):
        ledger_append(event_type="listing.listed", payload=payload)
    assert ledger_size() == 0


def test_callers_cannot_write_a_second_genesis():
    with pytest.raises(ValueError, match="genesis"):
        ledger_append(event_type=GENESIS_EVENT)


def test_an_entry_exists_only_if_its_transaction_commits():
    ledger_append(event_type="listing.listed")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        ledger_append(event_type="listing.paused")
        raise Boom
    after = ledger_append(event_type="listing.withdrawn")
    assert after.seq == 2
    assert ledger_verify() is None


def test_entries_refuse_save_and_delete_through_the_orm():
    entry = ledger_append(event_type="listing.listed")
    entry.event_type = "listing.withdrawn"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    assert LedgerEntry.objects.get(seq=1).event_type == "listing.listed"


def test_the_verifier_hashes_stored_rows_exactly_like_the_canonical_form(actor):
    tricky = {
        "stage_name": 'Lin "Moon" Xiaoyu 林晓雨\\',
        "nested": {"b": [1, True, None], "a": "\u2028\n"},
        "emoji": "🎬",
    }
    entry = ledger_append(
        event_type="listing.listed",
        subject_type='actors."listing"',
        subject_id="7\t",
        actor=actor,
        on_behalf_of=actor,
        payload=tricky,
    )
    stored = LedgerEntry.objects.get(seq=entry.seq)
    assert stored.payload_json == canonical_json(tricky).decode()
    assert stored.payload == tricky
    assert canonical_sha256(entry_body(stored)) == stored.entry_hash
    assert ledger_verify() is None
