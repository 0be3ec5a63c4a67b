"""Fixtures for the ledger and receipt tests (issue 8)."""

import pytest

from portal import hooks
from portal.hooks import ReceiptStatus
from portal.ledger import ledger_append
from portal.receipts import receipt_issue

FAKE_KIND = "test_consent"


@pytest.fixture
def fake_status():
    """A receipt kind whose status the test sets: {"code": ...}; resolver removed afterwards."""
    state = {"code": "active"}

    def resolve(subject_id):
        return ReceiptStatus(code=state["code"], label=state["code"].title())

    hooks.register_receipt_status(FAKE_KIND)(resolve)
    yield state
    hooks.receipt_status_resolvers.pop(FAKE_KIND, None)


@pytest.fixture
def make_receipt(actor):
    """Issue a receipt about the actor's user row, recorded by its own ledger entry."""

    def make(**document):
        document = {
            "actor_name": "Lin Xiaoyu",
            "studio": "Red Lantern Pictures",
            "project": "Moon over Harbour",
            "role": "Lead",
            "valid_until": "2027-06-30",
            "training": {"cawg.ai_generative_training": "notAllowed"},
            **document,
        }
        entry = ledger_append(event_type="grant.signed", subject=actor, actor=actor)
        return receipt_issue(kind=FAKE_KIND, subject=actor, document=document, ledger_entry=entry)

    return make
