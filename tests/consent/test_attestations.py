"""Declared models and deletion attestations: owed however a grant ends, overdue goes to staff."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consent.models import Attestation, AttestationCase
from consent.services import attestations as services
from consent.services import grants as grant_services
from portal.exceptions import DomainError
from portal.models import Notification
from tests.consent.conftest import make_offer


def _declare(world, grant, name="Lin-LoRA v1"):
    return services.model_declare(
        grant=grant,
        acting_user=world.producer,
        name=name,
        base_model="SDXL 1.0",
        purpose="Face consistency across episodes",
        location="Studio render farm, encrypted volume 3",
    )


@pytest.fixture
def training_world(db):
    from tests.consent.conftest import GrantWorld

    world = GrantWorld(
        terms={"training_ai_generative_training": "allowed"}, brief={"ai_method": "fine_tune"}
    )
    world.offer = make_offer(ai_method="fine_tune")
    return world


def test_a_fine_tuning_grant_takes_model_declarations_while_active(training_world):
    grant = training_world.signed_grant(training_world.offer)
    declaration = _declare(training_world, grant)
    assert declaration.grant == grant
    assert "grant_model_declared" in Notification.objects.filter(
        recipient=training_world.actor
    ).values_list("kind", flat=True)


def test_a_reference_only_grant_takes_no_model(world):
    grant = world.signed_grant()
    with pytest.raises(DomainError, match="does not allow"):
        _declare(world, grant)


def test_only_the_studios_producers_declare(training_world):
    grant = training_world.signed_grant(training_world.offer)
    with pytest.raises(DomainError, match="producers"):
        services.model_declare(
            grant=grant,
            acting_user=training_world.viewer,
            name="x",
            base_model="y",
            purpose="z",
            location="w",
        )


def test_the_attestation_must_cover_every_declared_model(training_world):
    grant = training_world.signed_grant(training_world.offer)
    first = _declare(training_world, grant)
    _declare(training_world, grant, name="Lin-LoRA v2")
    grant = grant_services.grant_revoke(grant=grant, acting_user=training_world.actor)
    with pytest.raises(DomainError, match="Lin-LoRA v2"):
        services.attestation_submit(
            attestation=grant.attestation,
            acting_user=training_world.producer,
            reference_data_deleted=True,
            model_ids=[first.pk],
        )


def test_the_attestation_must_state_the_reference_data_is_deleted(world):
    grant = grant_services.grant_revoke(grant=world.signed_grant(), acting_user=world.actor)
    with pytest.raises(DomainError, match="reference data"):
        services.attestation_submit(
            attestation=grant.attestation,
            acting_user=world.producer,
            reference_data_deleted=False,
            model_ids=[],
        )


def test_a_complete_attestation_is_recorded_and_the_actor_told(world):
    grant = grant_services.grant_complete(
        grant=world.signed_grant(), acting_user=world.producer, party="studio"
    )
    attestation = services.attestation_submit(
        attestation=grant.attestation,
        acting_user=world.producer,
        reference_data_deleted=True,
        model_ids=[],
        statement="Wiped on 1 December.",
    )
    assert attestation.attested_at is not None
    assert "grant_attested" in Notification.objects.filter(recipient=world.actor).values_list(
        "kind", flat=True
    )


def test_an_overdue_attestation_opens_one_staff_case(world):
    grant = grant_services.grant_revoke(grant=world.signed_grant(), acting_user=world.actor)
    Attestation.objects.filter(grant=grant).update(due_at=timezone.now() - timedelta(days=1))
    assert services.attestations_open_overdue_cases() == 1
    assert services.attestations_open_overdue_cases() == 0
    assert AttestationCase.objects.filter(attestation__grant=grant).count() == 1
    assert "grant_attestation_overdue" in Notification.objects.filter(
        recipient=world.staff
    ).values_list("kind", flat=True)


def test_reminders_go_out_weekly_and_not_twice(world):
    grant = grant_services.grant_revoke(grant=world.signed_grant(), acting_user=world.actor)
    Attestation.objects.filter(grant=grant).update(requested_at=timezone.now() - timedelta(days=8))
    assert services.attestations_remind_due() == 1
    assert services.attestations_remind_due() == 0
