"""seed_demo's consent part: a signed grant, a revoked one awaiting attestation, a signing agent."""

import io

import pytest
from django.core.management import call_command

from consent.choices import GrantStatus
from consent.models import Attestation, Grant
from consent.permissions import is_actor_signer
from portal.models import Receipt, User

pytestmark = pytest.mark.django_db


def seed():
    out = io.StringIO()
    call_command("seed_demo", "--force", stdout=out)
    return out.getvalue()


def test_seed_demo_adds_an_active_and_a_revoked_grant(settings):
    settings.DEBUG = False
    assert "Demo consent grants" in seed()
    grants = Grant.objects.filter(listing__slug="lin-xiaoyu")
    assert sorted(grants.values_list("status", flat=True)) == [
        GrantStatus.ACTIVE,
        GrantStatus.REVOKED,
    ]
    active = grants.get(status=GrantStatus.ACTIVE)
    assert Receipt.objects.filter(pk=active.receipt_id).exists()
    assert active.on_profile


def test_the_revoked_demo_grant_awaits_the_studios_attestation(settings):
    settings.DEBUG = False
    seed()
    attestation = Attestation.objects.get(grant__status=GrantStatus.REVOKED)
    assert attestation.attested_at is None


def test_the_demo_agent_may_sign_for_the_demo_actor(settings):
    settings.DEBUG = False
    seed()
    agent = User.objects.get(email="agent@example.com")
    grant = Grant.objects.get(status=GrantStatus.ACTIVE)
    assert is_actor_signer(agent, grant.listing)
    assert grant.signed_by == agent


def test_seed_demo_twice_adds_no_grant(settings):
    settings.DEBUG = False
    seed()
    before = Grant.objects.count()
    seed()
    assert Grant.objects.count() == before
