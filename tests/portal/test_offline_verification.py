"""The README's offline verification code, run exactly as printed, against real receipts."""

import base64
import json
import re
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature

from portal.ledger import checkpoint_sign

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_code() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(
        r"<!-- offline-verify:start -->\n```python\n(.*?)```\n<!-- offline-verify:end -->",
        text,
        re.DOTALL,
    )
    assert match, "README.md lost its offline verification block"
    return match.group(1)


@pytest.fixture
def offline(client, tmp_path, monkeypatch):
    """Download a receipt and the keys like a visitor would; run the README code on them."""
    monkeypatch.chdir(tmp_path)

    def download(receipt, *, tamper=None, keys_tamper=None):
        data = client.get(f"/verify/{receipt.id}/receipt.json").json()
        keys = client.get("/.well-known/portrait-keys.json").json()
        if tamper:
            tamper(data)
        if keys_tamper:
            keys_tamper(keys)
        Path("receipt.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        Path("portrait-keys.json").write_text(json.dumps(keys), encoding="utf-8")
        exec(compile(_readme_code(), "README.md", "exec"), {})  # noqa: S102

    return download


def test_the_readme_code_verifies_signature_and_inclusion(make_receipt, offline, capsys):
    receipt = make_receipt()
    checkpoint_sign()
    offline(receipt)
    out = capsys.readouterr().out
    assert f"signature OK: {receipt.id}" in out
    assert f"in the ledger: entry {receipt.ledger_entry.seq} of" in out


def test_the_readme_code_checks_the_signature_before_any_checkpoint(make_receipt, offline, capsys):
    receipt = make_receipt()
    offline(receipt)
    out = capsys.readouterr().out
    assert f"signature OK: {receipt.id}" in out
    assert "in the ledger" not in out


def test_the_readme_code_rejects_a_changed_field(make_receipt, offline):
    receipt = make_receipt()

    def tamper(data):
        data["receipt"]["consent"]["valid_until"] = "2099-12-31"

    with pytest.raises(InvalidSignature):
        offline(receipt, tamper=tamper)


def test_the_readme_code_rejects_a_swapped_key(make_receipt, offline):
    receipt = make_receipt()

    def swap(keys):
        keys["keys"][0]["public_key"] = base64.b64encode(b"k" * 32).decode()

    with pytest.raises(InvalidSignature):
        offline(receipt, keys_tamper=swap)


def test_the_readme_code_rejects_a_forged_inclusion_proof(make_receipt, offline):
    receipt = make_receipt()
    make_receipt()
    checkpoint_sign()

    def tamper(data):
        data["inclusion"]["proof"][0] = base64.b64encode(b"\0" * 32).decode()

    with pytest.raises(AssertionError, match="not in the log"):
        offline(receipt, tamper=tamper)
