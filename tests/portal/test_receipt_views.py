"""/verify/: the public receipt page, its JSON, QR code, download, and the check form."""

import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from portal import merkle
from portal.ledger import checkpoint_sign
from portal.receipts import receipt_check, receipt_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def receipt(make_receipt, fake_status):
    return make_receipt()


def test_anyone_sees_what_was_consented_and_the_checks(client, receipt):
    response = client.get(f"/verify/{receipt.id}/")
    assert response.status_code == 200
    page = response.text
    assert "Lin Xiaoyu" in page
    assert "Red Lantern Pictures" in page
    assert "Moon over Harbour" in page
    assert "Signature valid" in page
    assert "Generative AI training" in page
    assert "not allowed" in page


def test_the_page_shows_a_revocation_the_moment_the_registry_says_so(client, receipt, fake_status):
    assert '<span class="tag tag--ok">Active</span>' in client.get(f"/verify/{receipt.id}/").text
    fake_status["code"] = "revoked"
    page = client.get(f"/verify/{receipt.id}/").text
    assert '<span class="tag tag--warn">Revoked</span>' in page
    assert "Active" not in page
    assert client.get(f"/verify/{receipt.id}.json").json()["status"]["code"] == "revoked"


def test_the_ledger_check_is_pending_until_a_checkpoint_covers_the_entry(client, receipt):
    assert "Ledger check pending" in client.get(f"/verify/{receipt.id}/").text
    checkpoint_sign()
    assert "In the public ledger" in client.get(f"/verify/{receipt.id}/").text
    assert client.get(f"/verify/{receipt.id}.json").json()["inclusion"] == "ok"


def test_the_page_reads_in_chinese(client, receipt):
    page = client.get(f"/verify/{receipt.id}/", headers={"accept-language": "zh-hans"}).text
    assert "授权凭证" in page
    assert "签名有效" in page


@pytest.mark.parametrize(
    "receipt_id",
    ["RAAAAAAAAAAAAAAAAAAAAAAAA", "R123", "not-a-receipt", "r" + "a" * 24, "R" + "Z" * 300],
)
def test_unknown_or_malformed_ids_get_a_clear_404(client, receipt_id):
    response = client.get(f"/verify/{receipt_id}/")
    assert response.status_code == 404
    assert "We could not find that receipt" in response.text
    assert client.get(f"/verify/{receipt_id}.json").status_code == 404
    assert client.get(f"/verify/{receipt_id}/qr.svg").status_code == 404
    assert client.get(f"/verify/{receipt_id}/receipt.json").status_code == 404


def test_the_json_view_reports_the_same_checks(client, receipt):
    data = client.get(f"/verify/{receipt.id}.json").json()
    assert data["receipt_id"] == receipt.id
    assert data["signature"] == "valid"
    assert data["key_id"] == "portrait-test-1"
    assert data["status"]["code"] == "active"
    assert data["receipt"]["consent"]["studio"] == "Red Lantern Pictures"


def test_the_qr_code_is_an_svg_image_without_inline_style(client, receipt):
    response = client.get(f"/verify/{receipt.id}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    assert b"style" not in response.content
    page = client.get(f"/verify/{receipt.id}/")
    assert f'src="/verify/{receipt.id}/qr.svg"' in page.text
    assert "'unsafe-inline'" not in page["Content-Security-Policy"]


def test_the_downloaded_file_verifies_with_its_inclusion_proof(client, receipt):
    checkpoint_sign()
    response = client.get(f"/verify/{receipt.id}/receipt.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert receipt_check(data).ok
    proof = data["inclusion"]
    assert merkle.verify_inclusion(
        index=proof["seq"],
        size=proof["tree_size"],
        leaf_hash_value=base64.b64decode(proof["leaf_hash"]),
        proof=[base64.b64decode(node) for node in proof["proof"]],
        root_hash=base64.b64decode(proof["root_hash"]),
    )
    assert proof["checkpoint"].startswith("portrait.test/ledger\n")


def test_the_form_takes_a_receipt_id(client, receipt):
    response = client.post("/verify/", {"receipt_id": receipt.id.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/verify/{receipt.id}/"


def test_the_form_checks_a_pasted_receipt(client, receipt):
    pasted = json.dumps(receipt_file(receipt))
    page = client.post("/verify/", {"receipt_json": pasted}).text
    assert "Signature valid" in page
    assert f'href="/verify/{receipt.id}/"' in page
    assert "Active" in page


def test_the_form_flags_an_altered_pasted_receipt(client, receipt):
    data = receipt_file(receipt)
    data["receipt"]["consent"]["project"] = "Another project"
    page = client.post("/verify/", {"receipt_json": json.dumps(data)}).text
    assert "Signature invalid" in page
    assert "Active" not in page


def test_the_form_checks_an_uploaded_receipt(client, receipt):
    upload = SimpleUploadedFile(
        "receipt.json", json.dumps(receipt_file(receipt)).encode(), "application/json"
    )
    assert "Signature valid" in client.post("/verify/", {"receipt_file": upload}).text


def test_the_form_refuses_an_oversized_upload(client, settings):
    settings.PORTAL_RECEIPT_UPLOAD_MAX_BYTES = 1024
    upload = SimpleUploadedFile("receipt.json", b"{" + b" " * 2048 + b"}", "application/json")
    page = client.post("/verify/", {"receipt_file": upload}).text
    assert "A receipt file is at most 1 KB." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "exactly one of them"),
        ({"receipt_id": "RAAAAAAAAAAAAAAAAAAAAAAAA", "receipt_json": "{}"}, "exactly one of them"),
        ({"receipt_id": "nope"}, "the letter R followed by 24"),
        ({"receipt_json": "not json"}, "it is not JSON"),
        ({"receipt_json": "[1, 2]"}, "This is not a Portrait receipt file."),
    ],
)
def test_the_form_explains_what_it_cannot_check(client, data, message):
    response = client.post("/verify/", data)
    assert response.status_code == 200
    assert message in response.text
