"""
Security finding 7 (issue 13): the guardian invitation answers the same whether or not a
Portrait account exists for the address, so the form cannot be used to probe for accounts.
"""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client

from actors.models import Guardianship
from tests.actors.factories import make_listing
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    return make_listing(status="draft", verified=False)


@pytest.fixture
def owner_client(listing):
    client = Client()
    client.force_login(listing.owner)
    return client


def _invite(client, listing, email, capture):
    with capture(execute=True):
        response = client.post(
            f"/listing/{listing.slug}/guardian/", {"email": email, "relationship": "mother"}
        )
    notices = [str(m) for m in get_messages(response.wsgi_request)]
    return response, notices


def test_an_address_with_an_account_and_one_without_get_the_same_answer(
    listing, owner_client, django_capture_on_commit_callbacks
):
    make_user("mother@example.com")
    known = _invite(owner_client, listing, "mother@example.com", django_capture_on_commit_callbacks)
    Guardianship.objects.all().delete()
    fresh = Client()
    fresh.force_login(listing.owner)
    unknown = _invite(fresh, listing, "stranger@example.com", django_capture_on_commit_callbacks)
    assert (known[0].status_code, known[0]["Location"], known[1]) == (
        unknown[0].status_code,
        unknown[0]["Location"],
        unknown[1],
    )


def test_an_unverified_account_gets_the_same_answer_as_none(
    listing, owner_client, django_capture_on_commit_callbacks
):
    make_user("unverified@example.com", verified=False)
    response, notices = _invite(
        owner_client, listing, "unverified@example.com", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert notices == ["Invitation sent to your guardian."]


def test_an_address_without_an_account_is_emailed_how_to_join(
    listing, owner_client, django_capture_on_commit_callbacks
):
    _invite(owner_client, listing, "stranger@example.com", django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["stranger@example.com"]]
    assert "/accounts/signup/" in mail.outbox[0].body


def test_no_guardianship_is_stored_for_an_address_without_an_account(
    listing, owner_client, django_capture_on_commit_callbacks
):
    _invite(owner_client, listing, "stranger@example.com", django_capture_on_commit_callbacks)
    assert not Guardianship.objects.exists()


def test_a_verified_guardian_is_invited_as_before(
    listing, owner_client, django_capture_on_commit_callbacks
):
    mother = make_user("mother@example.com")
    _invite(owner_client, listing, "mother@example.com", django_capture_on_commit_callbacks)
    assert Guardianship.objects.get().guardian == mother


def test_inviting_is_rate_limited_per_user(
    listing, owner_client, django_capture_on_commit_callbacks, settings
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "guardian_invite": "2/h/user"}
    for n in range(2):
        _invite(owner_client, listing, f"s{n}@example.com", django_capture_on_commit_callbacks)
    response, _notices = _invite(
        owner_client, listing, "s9@example.com", django_capture_on_commit_callbacks
    )
    assert response.status_code == 429
