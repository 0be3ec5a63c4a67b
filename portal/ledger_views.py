"""
Public, sign-in-free pages and JSON endpoints of the ledger and the receipts: checkpoints,
proofs, entries, published keys, and ``/verify/``. Nothing here reveals more than the ledger
itself publishes; every malformed or unknown id answers a clear 404.
"""

import io
import json
import re

import segno
from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal import ledger, receipts, signing
from portal.forms import ReceiptVerifyForm, bound_data
from portal.models import LedgerEntry, Receipt

_RECEIPT_ID = re.compile(receipts.RECEIPT_ID_RE)


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def _int_param(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() and len(value) < 19 else None


# --- the ledger ---------------------------------------------------------------------------


@never_cache
@require_GET
def ledger_checkpoint(request):
    """The latest signed checkpoint, as C2SP tlog-checkpoint text."""
    checkpoint = ledger.checkpoint_latest() or ledger.checkpoint_sign()
    return HttpResponse(checkpoint.note, content_type="text/plain; charset=utf-8")


@never_cache
@require_GET
def ledger_inclusion_proof(request):
    seq, size = _int_param(request, "seq"), _int_param(request, "size")
    if size is None:
        latest = ledger.checkpoint_latest()
        size = latest.size if latest else None
    if seq is None or size is None:
        return _bad_request("give seq and size as whole numbers")
    if not seq < size <= ledger.ledger_size():
        return _bad_request("need seq < size <= the ledger's size")
    return JsonResponse(ledger.inclusion_proof(seq=seq, size=size))


@never_cache
@require_GET
def ledger_consistency_proof(request):
    old, new = _int_param(request, "from"), _int_param(request, "to")
    if old is None or new is None:
        return _bad_request("give from and to as whole numbers")
    if not 0 < old <= new <= ledger.ledger_size():
        return _bad_request("need 0 < from <= to <= the ledger's size")
    return JsonResponse(ledger.consistency_proof(old_size=old, new_size=new))


@require_GET
def ledger_entry(request, seq: int):
    entry = LedgerEntry.objects.filter(seq=seq).first()
    if entry is None:
        return JsonResponse({"error": "no such entry"}, status=404)
    return JsonResponse(ledger.entry_public(entry), json_dumps_params={"ensure_ascii": False})


@require_GET
def ledger_keys(request):
    """Every public key, current and retired, with its C2SP note verifier key."""
    origin = settings.PORTAL_LEDGER_ORIGIN
    keys = [
        {
            "key_id": key.key_id,
            "alg": "Ed25519",
            "public_key": key.b64,
            "status": "current" if key.current else "retired",
            "note_verifier_key": signing.note_verifier_key(origin, key.public_key),
        }
        for key in signing.published_keys()
    ]
    return JsonResponse({"issuer": "Portrait", "origin": origin, "keys": keys})


# --- receipts -----------------------------------------------------------------------------


def _receipt_or_404(request, receipt_id: str) -> Receipt:
    receipt = None
    if _RECEIPT_ID.fullmatch(receipt_id):
        receipt = Receipt.objects.filter(pk=receipt_id).select_related("ledger_entry").first()
    if receipt is None:
        raise Http404
    return receipt


def _missing(request, receipt_id: str):
    return TemplateResponse(
        request,
        "portal/receipt_missing.html",
        {"receipt_id": receipt_id[:40], "form": ReceiptVerifyForm()},
        status=404,
    )


# What a receipt's consent fields are called on the page, in this order; others follow.
CONSENT_LABELS = {
    "actor_name": gettext_lazy("Actor"),
    "studio": gettext_lazy("Studio"),
    "project": gettext_lazy("Project"),
    "role": gettext_lazy("Role"),
    "scope_summary": gettext_lazy("Scope"),
    "valid_from": gettext_lazy("Valid from"),
    "valid_until": gettext_lazy("Valid until"),
    "snapshot_sha256": gettext_lazy("Grant snapshot (SHA-256)"),
    "render_sha256": gettext_lazy("Approved render (SHA-256)"),
}
# The C2PA/CAWG training-and-data-mining vocabulary.
TRAINING_LABELS = {
    "cawg.data_mining": gettext_lazy("Data mining"),
    "cawg.ai_inference": gettext_lazy("AI inference"),
    "cawg.ai_generative_training": gettext_lazy("Generative AI training"),
    "cawg.ai_training": gettext_lazy("AI training"),
}
TRAINING_CHOICES = {
    "allowed": gettext_lazy("allowed"),
    "notAllowed": gettext_lazy("not allowed"),
    "constrained": gettext_lazy("constrained"),
}
GOOD_STATUSES = {"active", "approved", "completed"}
BAD_STATUSES = {"revoked", "expired", "voided", "lapsed", "suspended"}


def _plain(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def consent_rows(consent: dict) -> list[tuple[str, str]]:
    """The consent fields as (label, text) rows; the training choices come separately."""
    rows = [
        (label, _plain(consent[key])) for key, label in CONSENT_LABELS.items() if key in consent
    ]
    rows += [
        (key.replace("_", " "), _plain(value))
        for key, value in sorted(consent.items())
        if key not in CONSENT_LABELS and key != "training"
    ]
    return rows


def training_rows(consent: dict) -> list[tuple[str, str]]:
    training = consent.get("training")
    if not isinstance(training, dict):
        return []
    return [
        (TRAINING_LABELS.get(key, key), TRAINING_CHOICES.get(value, _plain(value)))
        for key, value in sorted(training.items())
    ]


def status_tone(code: str) -> str:
    return "ok" if code in GOOD_STATUSES else "warn" if code in BAD_STATUSES else "muted"


def _report(receipt: Receipt) -> dict:
    """Everything /verify/ tells about a stored receipt, read live."""
    check = receipts.receipt_check_stored(receipt)
    status = receipts.receipt_status(kind=receipt.kind, subject_id=receipt.subject_id)
    return {"receipt": receipt, "check": check, "status": status}


@never_cache
@require_GET
def receipt_verify(request, receipt_id: str):
    try:
        receipt = _receipt_or_404(request, receipt_id)
    except Http404:
        return _missing(request, receipt_id)
    context = _report(receipt)
    consent = context["check"].document.get("consent", {})
    context.update(
        consent_rows=consent_rows(consent),
        training_rows=training_rows(consent),
        status_tone=status_tone(context["status"].code),
        document=context["check"].document,
    )
    return TemplateResponse(request, "portal/receipt_verify.html", context)


@never_cache
@require_GET
def receipt_verify_json(request, receipt_id: str):
    try:
        receipt = _receipt_or_404(request, receipt_id)
    except Http404:
        return JsonResponse({"error": "no such receipt"}, status=404)
    report = _report(receipt)
    check, status = report["check"], report["status"]
    return JsonResponse(
        {
            "receipt_id": receipt.id,
            "signature": "valid" if check.signature_ok else "invalid",
            "key_id": check.key_id,
            "inclusion": check.inclusion,
            "checkpoint_size": check.checkpoint_size,
            "status": {
                "code": status.code,
                "label": str(status.label),
                "detail": str(status.detail),
                "valid_from": status.valid_from.isoformat() if status.valid_from else None,
                "valid_until": status.valid_until.isoformat() if status.valid_until else None,
            },
            "receipt": check.document,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def receipt_download(request, receipt_id: str):
    receipt = _receipt_or_404(request, receipt_id)
    body = json.dumps(receipts.receipt_file(receipt), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="portrait-receipt-{receipt.id}.json"'
    return response


@require_GET
def receipt_qr(request, receipt_id: str):
    receipt = _receipt_or_404(request, receipt_id)
    url = settings.SITE_URL + reverse("receipt_verify", args=[receipt.id])
    # A standalone SVG (with its namespace) loaded by <img>: no inline style, so CSP holds.
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False)
    return HttpResponse(buffer.getvalue(), content_type="image/svg+xml")


@require_http_methods(["GET", "POST"])
def receipt_verify_form(request):
    """Look up a receipt by id, or check a pasted or uploaded receipt file."""
    form = ReceiptVerifyForm(bound_data(request), request.FILES or None)
    check = None
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("receipt_id"):
            return redirect("receipt_verify", form.cleaned_data["receipt_id"])
        check = receipts.receipt_check(form.cleaned_data["receipt_data"])
        if check.document is not None and check.signature_ok:
            receipt_id = str(check.document.get("receipt_id", ""))
            check.status = receipts.receipt_status(
                kind=str(check.document.get("kind", "")),
                subject_id=str((check.document.get("subject") or {}).get("id", "")),
            )
            check.status_tone = status_tone(check.status.code)
            check.receipt_url = (
                reverse("receipt_verify", args=[receipt_id])
                if Receipt.objects.filter(pk=receipt_id).exists()
                else ""
            )
    return TemplateResponse(
        request,
        "portal/receipt_verify_form.html",
        {"form": form, "check": check, "title": _("Verify a consent receipt")},
    )
