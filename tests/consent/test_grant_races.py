"""Concurrent signing and ending on PostgreSQL: the row lock leaves exactly one winner."""

import threading

import pytest
from django.db import connection

from consent.choices import GrantStatus
from consent.models import Grant, GrantEvent
from consent.services import grants as services
from portal.exceptions import DomainError
from tests.consent.conftest import GrantWorld

# Row locks are proven on PostgreSQL; SQLite serialises writers.
pytestmark = pytest.mark.postgres


def _race(*steps):
    barrier = threading.Barrier(len(steps))
    outcomes = []

    def run(step):
        barrier.wait()
        try:
            step()
            outcomes.append("done")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(step,)) for step in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def _sign(grant, user):
    return lambda: services.grant_sign(
        grant=grant, acting_user=user, reauthenticated=True, acknowledged=True
    )


@pytest.mark.django_db(transaction=True)
def test_the_actor_and_their_agent_signing_at_once_sign_once():
    world = GrantWorld()
    grant = world.agreed_grant()
    outcomes = _race(_sign(grant, world.actor), _sign(grant, world.signing_agent))
    assert outcomes.count("done") == 1
    assert len(outcomes) == 2
    assert GrantEvent.objects.filter(grant=grant, action="sign").count() == 1
    assert Grant.objects.get(pk=grant.pk).status == GrantStatus.ACTIVE


@pytest.mark.django_db(transaction=True)
def test_revoke_and_complete_at_once_end_the_grant_once():
    world = GrantWorld()
    grant = world.signed_grant()
    outcomes = _race(
        lambda: services.grant_revoke(grant=grant, acting_user=world.actor),
        lambda: services.grant_complete(grant=grant, acting_user=world.producer, party="studio"),
    )
    assert outcomes.count("done") == 1
    assert outcomes.count("invalid_transition") == 1
    grant = Grant.objects.get(pk=grant.pk)
    assert grant.status in {GrantStatus.REVOKED, GrantStatus.COMPLETED}
    ends = GrantEvent.objects.filter(grant=grant, action__in=["revoke", "complete"]).count()
    assert ends == 1
    assert grant.attestation.attested_at is None


@pytest.mark.django_db(transaction=True)
def test_the_sweep_and_a_request_record_an_expiry_once():
    from datetime import timedelta

    from django.utils import timezone

    world = GrantWorld()
    grant = world.signed_grant()
    past = timezone.now() - timedelta(seconds=1)
    Grant.objects.filter(pk=grant.pk).update(starts_at=past - timedelta(days=9), ends_at=past)
    outcomes = _race(
        services.grants_record_clock, lambda: services.grant_refresh_clock(grant=grant)
    )
    assert outcomes == ["done", "done"]
    assert GrantEvent.objects.filter(grant=grant, action="expire").count() == 1
