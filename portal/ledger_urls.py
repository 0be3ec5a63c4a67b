"""Public URLs of the ledger and the receipts (issue 8); included from ``portal.urls``."""

from django.urls import path

from portal import ledger_views as views

urlpatterns = [
    path("ledger/checkpoint", views.ledger_checkpoint, name="ledger_checkpoint"),
    path("ledger/proof/inclusion", views.ledger_inclusion_proof, name="ledger_inclusion_proof"),
    path(
        "ledger/proof/consistency",
        views.ledger_consistency_proof,
        name="ledger_consistency_proof",
    ),
    path("ledger/entries/<int:seq>.json", views.ledger_entry, name="ledger_entry"),
    path(".well-known/portrait-keys.json", views.ledger_keys, name="ledger_keys"),
    path("verify/", views.receipt_verify_form, name="receipt_verify_form"),
    path("verify/<str:receipt_id>.json", views.receipt_verify_json, name="receipt_verify_json"),
    path("verify/<str:receipt_id>/", views.receipt_verify, name="receipt_verify"),
    path("verify/<str:receipt_id>/qr.svg", views.receipt_qr, name="receipt_qr"),
    path("verify/<str:receipt_id>/receipt.json", views.receipt_download, name="receipt_download"),
]
