"""The ledger's public endpoints: checkpoint, proofs, entries, keys."""

import base64

import pytest

from portal import merkle, signing
from portal.ledger import checkpoint_open, checkpoint_sign, ledger_append

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries():
    return [ledger_append(event_type="listing.listed", subject_id=str(i)) for i in range(6)]


def test_the_checkpoint_is_served_as_a_signed_note(client, entries):
    response = client.get("/ledger/checkpoint")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = checkpoint_open(response.text)
    assert body.size == 7
    assert body.origin == "portrait.test/ledger"


def test_an_inclusion_proof_from_the_endpoint_verifies(client, entries):
    data = client.get("/ledger/proof/inclusion", {"seq": 3, "size": 7}).json()
    assert merkle.verify_inclusion(
        index=3,
        size=7,
        leaf_hash_value=merkle.leaf_hash(bytes.fromhex(entries[2].entry_hash)),
        proof=[base64.b64decode(node) for node in data["proof"]],
        root_hash=base64.b64decode(data["root_hash"]),
    )


def test_the_inclusion_proof_defaults_to_the_latest_checkpoint(client, entries):
    checkpoint = checkpoint_sign()
    ledger_append(event_type="listing.paused")
    data = client.get("/ledger/proof/inclusion", {"seq": 1}).json()
    assert data["tree_size"] == checkpoint.size
    assert base64.b64decode(data["root_hash"]).hex() == checkpoint.root_hash


def test_a_consistency_proof_links_two_checkpoints(client, entries):
    old = checkpoint_sign()
    ledger_append(event_type="listing.paused")
    new = checkpoint_sign()
    data = client.get("/ledger/proof/consistency", {"from": old.size, "to": new.size}).json()
    assert merkle.verify_consistency(
        old_size=old.size,
        new_size=new.size,
        old_root=bytes.fromhex(old.root_hash),
        new_root=bytes.fromhex(new.root_hash),
        proof=[base64.b64decode(node) for node in data["proof"]],
    )


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/ledger/proof/inclusion", {"seq": "x", "size": 3}),
        ("/ledger/proof/inclusion", {"seq": 3, "size": 3}),
        ("/ledger/proof/inclusion", {"seq": 1, "size": 99}),
        ("/ledger/proof/inclusion", {"seq": -1, "size": 3}),
        ("/ledger/proof/consistency", {"from": 0, "to": 3}),
        ("/ledger/proof/consistency", {"from": 4, "to": 3}),
        ("/ledger/proof/consistency", {"from": 1, "to": 99}),
        ("/ledger/proof/consistency", {"from": "9" * 40, "to": 3}),
    ],
)
def test_impossible_proof_requests_are_a_400(client, entries, url, params):
    response = client.get(url, params)
    assert response.status_code == 400
    assert "error" in response.json()


def test_an_entry_is_published_with_its_hash(client, entries):
    data = client.get("/ledger/entries/2.json").json()
    assert data["seq"] == 2
    assert data["entry_hash"] == entries[1].entry_hash
    assert data["prev_hash"] == entries[0].entry_hash
    assert client.get("/ledger/entries/99.json").status_code == 404


def test_the_well_known_keys_list_the_current_and_retired_keys(client, settings, entries):
    checkpoint_sign()
    settings.PORTAL_SIGNING_KEY = base64.b64encode(b"another-portrait-signing-key-002").decode()
    settings.PORTAL_SIGNING_KEY_ID = "portrait-test-2"
    keys = {k["key_id"]: k for k in client.get("/.well-known/portrait-keys.json").json()["keys"]}
    assert keys["portrait-test-2"]["status"] == "current"
    assert keys["portrait-test-1"]["status"] == "retired"
    old = signing.public_key_for("portrait-test-1")
    assert keys["portrait-test-1"]["public_key"] == old.b64
    assert keys["portrait-test-1"]["note_verifier_key"].startswith("portrait.test/ledger+")
