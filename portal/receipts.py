"""
Signed consent receipts, and their verification.

Contract (the consent app relies on it; keep the names and signatures)::

    from portal.receipts import receipt_issue, Receipt

    receipt_issue(*, kind: str, subject, document: dict, ledger_entry) -> Receipt

- ``kind``: "grant" or "shot_approval" (any short name; the status registry is keyed by it).
- ``subject``: the model instance the receipt is about (a grant, a shot approval).
- ``document``: the subject-specific fields, chosen by the caller, JSON only (no floats; amounts
  and dates as strings) and no personal data beyond public names. Suggested keys, picked up by
  the ISO/IEC TS 27560-style envelope when present: ``actor_name``, ``studio``, ``project``,
  ``role``, ``scope_summary``, ``snapshot_sha256``, ``render_sha256``, ``valid_from``,
  ``valid_until`` (ISO 8601), ``training`` (C2PA/CAWG training-and-data-mining vocabulary:
  ``{"cawg.ai_generative_training": "notAllowed", ...}``).
- ``ledger_entry``: the ``LedgerEntry`` that recorded the event (from ``ledger_append``).

It adds the receipt id (``R`` + 24 base32 characters, public and unguessable), ``issued_at``,
the ledger origin, sequence number and entry hash, the status URL (``/verify/<id>/``), the key
id and the consent-record envelope, then signs the canonical JSON (``portal.canonical``) with
the current Ed25519 key and stores the exact bytes. Runs in the caller's transaction.

The status shown on ``/verify/`` is read live through ``portal.hooks.register_receipt_status``:

    @register_receipt_status("grant")
    def grant_receipt_status(subject_id: str) -> ReceiptStatus | None: ...

Offline verification needs only the receipt file and ``/.well-known/portrait-keys.json``: the
signature is Ed25519 over the canonical JSON of ``receipt`` (see the README).
"""

import base64
import binascii
import json
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import hooks, ledger, merkle, signing
from portal.canonical import canonical_json
from portal.hooks import ReceiptStatus
from portal.models import LedgerEntry, Receipt

__all__ = [
    "Receipt",
    "ReceiptCheck",
    "receipt_check",
    "receipt_file",
    "receipt_issue",
    "receipt_status",
]

RECEIPT_FORMAT = "portrait-receipt/1"
RECEIPT_ID_RE = r"R[A-Z2-7]{24}"


def receipt_new_id() -> str:
    # 15 random bytes are exactly 24 base32 characters, no padding: 120 bits, URL-safe.
    return "R" + base64.b32encode(secrets.token_bytes(15)).decode()


def _consent_record(*, receipt_id: str, issued_at: str, kind: str, document: dict) -> dict:
    """The ISO/IEC TS 27560 consent-record fields that apply to a Portrait receipt."""
    purpose = {
        key: document[key]
        for key in ("project", "role", "scope_summary", "valid_from", "valid_until")
        if key in document
    }
    record = {
        "schema_version": "ISO/IEC TS 27560:2023",
        "record_id": receipt_id,
        "timestamp": issued_at,
        "consent_type": "explicit",
        "consent_status": "given",
        "pii_principal": {"public_name": document.get("actor_name", "")},
        "pii_controllers": [{"name": document["studio"]}] if "studio" in document else [],
        "purposes": [purpose] if purpose else [],
        "event": [{"event_type": f"{kind}.given", "event_time": issued_at}],
    }
    if "training" in document:
        record["processing"] = {"training_and_data_mining": document["training"]}
    return record


@transaction.atomic
def receipt_issue(*, kind: str, subject, document: dict, ledger_entry: LedgerEntry) -> Receipt:
    """Sign and store a receipt (see the module docstring)."""
    ledger._check_payload(document, "document")
    pair = signing.record_current_key()
    receipt_id = receipt_new_id()
    issued = timezone.now()
    issued_at = ledger._timestamp(issued)
    signed = {
        "receipt_format": RECEIPT_FORMAT,
        "receipt_id": receipt_id,
        "kind": kind,
        "issued_at": issued_at,
        "issuer": {"name": "Portrait", "site": settings.SITE_URL},
        "subject": {"type": subject._meta.label_lower, "id": str(subject.pk)},
        "consent": json.loads(canonical_json(document)),
        "ledger": {
            "origin": settings.PORTAL_LEDGER_ORIGIN,
            "seq": ledger_entry.seq,
            "entry_hash": ledger_entry.entry_hash,
        },
        "status_url": settings.SITE_URL + reverse("receipt_verify", args=[receipt_id]),
        "key_id": pair.key_id,
        "consent_record": _consent_record(
            receipt_id=receipt_id, issued_at=issued_at, kind=kind, document=document
        ),
    }
    body = canonical_json(signed)
    return Receipt.objects.create(
        id=receipt_id,
        kind=kind,
        subject_type=signed["subject"]["type"],
        subject_id=signed["subject"]["id"],
        ledger_entry=ledger_entry,
        document=body.decode(),
        signature=base64.b64encode(pair.sign(body)).decode(),
        key_id=pair.key_id,
        issued_at=issued,
    )


def receipt_status(*, kind: str, subject_id: str) -> ReceiptStatus:
    """The subject's status now, from the app that owns it; "unknown" when nobody answers."""
    resolver = hooks.receipt_status_resolvers.get(kind)
    status = resolver(subject_id) if resolver is not None else None
    return status or ReceiptStatus(code="unknown", label=_("Unknown"))


def receipt_inclusion(seq: int) -> dict | None:
    """The entry's inclusion proof against the latest signed checkpoint, if it covers it."""
    checkpoint = ledger.checkpoint_latest()
    if checkpoint is None or checkpoint.size <= seq:
        return None
    proof = ledger.inclusion_proof(seq=seq, size=checkpoint.size)
    return {**proof, "checkpoint": checkpoint.note}


def receipt_file(receipt: Receipt) -> dict:
    """The downloadable receipt: the signed document, its signature and the inclusion proof."""
    document = json.loads(receipt.document)
    return {
        "receipt": document,
        "signature": {"alg": "Ed25519", "key_id": receipt.key_id, "value": receipt.signature},
        "inclusion": receipt_inclusion(document["ledger"]["seq"]),
        "keys_url": settings.SITE_URL + reverse("ledger_keys"),
    }


# --- checking a receipt -------------------------------------------------------------------


@dataclass
class ReceiptCheck:
    """What a verifier learns from a receipt file (or a stored receipt)."""

    document: dict | None = None
    signature_ok: bool = False
    key_id: str = ""
    key_current: bool = False
    # "ok": the entry is in a signed checkpoint; "pending": no checkpoint covers it yet;
    # "failed": the proof, the checkpoint or the entry does not match.
    inclusion: str = "pending"
    checkpoint_size: int | None = None
    errors: list[str] = field(default_factory=list)
    # Filled in by /verify/ for a pasted receipt whose signature holds.
    status: ReceiptStatus | None = None
    status_tone: str = ""
    receipt_url: str = ""

    @property
    def ok(self) -> bool:
        return self.signature_ok and self.inclusion != "failed"


def receipt_check(data) -> ReceiptCheck:
    """
    Check a receipt file (a dict, as downloaded): the signature against the published key
    named in it, then the ledger entry's inclusion in the latest signed checkpoint. Never
    raises on malformed input: problems come back in ``errors``.
    """
    check = ReceiptCheck()
    try:
        document = data["receipt"]
        signature = base64.b64decode(data["signature"]["value"], validate=True)
        check.key_id = str(data["signature"]["key_id"])
        message = canonical_json(document)
    except (KeyError, TypeError, ValueError, binascii.Error):
        check.errors.append(_("This is not a Portrait receipt file."))
        return check
    check.document = document if isinstance(document, dict) else None
    key = signing.public_key_for(check.key_id)
    if key is None:
        check.errors.append(_("The key that signed this receipt is not one of Portrait's keys."))
    elif check.document is None or document.get("key_id") != check.key_id:
        check.errors.append(_("The receipt names a different key than its signature."))
    else:
        check.signature_ok = key.verify(signature, message)
        check.key_current = key.current
        if not check.signature_ok:
            check.errors.append(_("The signature does not match: the receipt was altered."))
    if check.signature_ok:
        _check_inclusion(check)
    return check


def _check_inclusion(check: ReceiptCheck) -> None:
    """Against the ledger as it stands: the entry, then the latest checkpoint's proof."""
    claimed = check.document.get("ledger") or {}
    entry = LedgerEntry.objects.filter(seq=claimed.get("seq")).first()
    if entry is None or entry.entry_hash != claimed.get("entry_hash"):
        check.inclusion = "failed"
        check.errors.append(_("The ledger does not hold the entry this receipt names."))
        return
    checkpoint = ledger.checkpoint_latest()
    if checkpoint is None or checkpoint.size <= entry.seq:
        return
    body = ledger.checkpoint_open(checkpoint.note)
    proof = ledger.inclusion_proof(seq=entry.seq, size=checkpoint.size)
    included = body is not None and merkle.verify_inclusion(
        index=entry.seq,
        size=body.size,
        leaf_hash_value=merkle.leaf_hash(bytes.fromhex(entry.entry_hash)),
        proof=[base64.b64decode(node) for node in proof["proof"]],
        root_hash=body.root_hash,
    )
    check.checkpoint_size = checkpoint.size
    check.inclusion = "ok" if included else "failed"
    if not included:
        check.errors.append(_("The ledger entry is not in the signed checkpoint."))


def receipt_check_stored(receipt: Receipt) -> ReceiptCheck:
    return receipt_check(
        {
            "receipt": json.loads(receipt.document),
            "signature": {"key_id": receipt.key_id, "value": receipt.signature},
        }
    )
