"""The ledger in the admin: every staff member reads it; nobody, superusers included, edits it."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from portal.ledger import ledger_append
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _admin_client(*, superuser):
    staff = make_user(f"ops{int(superuser)}@example.com", staff=True, is_superuser=superuser)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = Client()
    client.force_login(staff)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": 0, "type": "totp"}]
    session["account_authentication_methods_user"] = str(staff.pk)
    session.save()
    return client


@pytest.mark.parametrize("superuser", [True, False])
def test_staff_read_the_ledger(superuser):
    entry = ledger_append(event_type="listing.listed", subject_id="42")
    client = _admin_client(superuser=superuser)
    listing = client.get("/admin/portal/ledgerentry/")
    assert listing.status_code == 200
    assert "listing.listed" in listing.text
    detail = client.get(f"/admin/portal/ledgerentry/{entry.seq}/change/")
    assert detail.status_code == 200
    assert entry.entry_hash in detail.text


@pytest.mark.parametrize(
    "path",
    [
        "/admin/portal/ledgerentry/add/",
        "/admin/portal/ledgerentry/1/delete/",
        "/admin/portal/receipt/add/",
        "/admin/portal/checkpoint/add/",
        "/admin/portal/signingkey/add/",
    ],
)
def test_nobody_adds_or_deletes_through_the_admin(path):
    ledger_append(event_type="listing.listed")
    assert _admin_client(superuser=True).get(path).status_code == 403


def test_a_post_to_the_change_form_changes_nothing():
    entry = ledger_append(event_type="listing.listed", subject_id="42")
    client = _admin_client(superuser=True)
    response = client.post(
        f"/admin/portal/ledgerentry/{entry.seq}/change/", {"event_type": "listing.withdrawn"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.event_type == "listing.listed"
