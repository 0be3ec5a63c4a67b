"""seed_demo gives every shot and vault page real data, once (one run: seeding is slow)."""

import pytest
from django.core.management import call_command

from consent.choices import GrantStatus
from consent.models import Grant

pytestmark = pytest.mark.django_db


def test_the_demo_grant_has_shots_in_each_state_a_receipt_and_a_reference_photo(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent: adds nothing
    grant = Grant.objects.get(listing__owner__email="actor@example.com", status=GrantStatus.ACTIVE)
    statuses = sorted(grant.shots.values_list("status", flat=True))
    assert statuses == ["approved", "pending", "rejected"]
    assert grant.shots.get(status="approved").receipt_id
    # The actors' seeder gives the demo actor two reference photos; the shots seeder adds none.
    assert grant.listing.reference_assets.filter(status="ready").count() == 2
