"""Receipts: signed with the published key; any change, or another key, fails the check."""

import base64
import copy
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from portal import signing
from portal.canonical import canonical_json
from portal.models import AppendOnlyError
from portal.receipts import receipt_check, receipt_file, receipt_status
from tests.portal.conftest import FAKE_KIND

pytestmark = pytest.mark.django_db


def _published_key(key_id):
    return signing.public_key_for(key_id)


def test_a_receipt_id_is_r_and_24_base32_characters(make_receipt):
    receipt = make_receipt()
    assert len(receipt.id) == 25
    assert receipt.id[0] == "R"
    assert set(receipt.id[1:]) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")


def test_the_signed_document_carries_the_ledger_entry_and_the_status_url(make_receipt):
    receipt = make_receipt()
    document = json.loads(receipt.document)
    assert document["receipt_id"] == receipt.id
    assert document["ledger"]["seq"] == receipt.ledger_entry.seq
    assert document["ledger"]["entry_hash"] == receipt.ledger_entry.entry_hash
    assert document["status_url"].endswith(f"/verify/{receipt.id}/")
    assert document["key_id"] == "portrait-test-1"
    assert document["consent"]["project"] == "Moon over Harbour"
    assert document["consent_record"]["record_id"] == receipt.id
    assert document["consent_record"]["pii_controllers"] == [{"name": "Red Lantern Pictures"}]


def test_every_receipt_verifies_with_the_published_key(make_receipt):
    receipt = make_receipt()
    key = _published_key(receipt.key_id)
    assert key.verify(base64.b64decode(receipt.signature), receipt.document.encode())
    assert receipt_check(receipt_file(receipt)).signature_ok


def _leaf_paths(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaf_paths(item, (*path, i))
    else:
        yield path


def _changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    return f"{value}x"


def test_changing_any_field_makes_verification_fail(make_receipt):
    receipt_data = receipt_file(make_receipt())
    paths = list(_leaf_paths(receipt_data["receipt"]))
    assert len(paths) > 20
    for path in paths:
        tampered = copy.deepcopy(receipt_data)
        node = tampered["receipt"]
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = _changed(node[path[-1]])
        assert not receipt_check(tampered).signature_ok, path


def test_a_signature_from_another_key_fails(make_receipt):
    receipt_data = receipt_file(make_receipt())
    other = Ed25519PrivateKey.generate()
    forged = base64.b64encode(other.sign(canonical_json(receipt_data["receipt"]))).decode()
    receipt_data["signature"]["value"] = forged
    assert not receipt_check(receipt_data).signature_ok


def test_a_receipt_naming_an_unpublished_key_fails(make_receipt):
    receipt_data = receipt_file(make_receipt())
    receipt_data["signature"]["key_id"] = "someone-else"
    check = receipt_check(receipt_data)
    assert not check.signature_ok
    assert check.errors


@pytest.mark.parametrize("garbage", [{}, {"receipt": {}}, [], "x", {"signature": {"value": "!"}}])
def test_malformed_receipt_files_are_reported_not_raised(garbage):
    check = receipt_check(garbage)
    assert not check.signature_ok
    assert check.errors


def test_receipts_are_immutable(make_receipt):
    receipt = make_receipt()
    receipt.kind = "other"
    with pytest.raises(AppendOnlyError):
        receipt.save()
    with pytest.raises(AppendOnlyError):
        receipt.delete()


def test_status_is_read_live_from_the_registry(make_receipt, fake_status):
    receipt = make_receipt()
    assert receipt_status(kind=FAKE_KIND, subject_id=receipt.subject_id).code == "active"
    fake_status["code"] = "revoked"
    assert receipt_status(kind=FAKE_KIND, subject_id=receipt.subject_id).code == "revoked"


def test_an_unregistered_kind_has_an_unknown_status():
    assert receipt_status(kind="nobody-answers", subject_id="1").code == "unknown"
