"""Concurrent approve and revoke on PostgreSQL: both lock the grant row first, so exactly one
decides the shot's fate and the record is consistent, in whichever order they land."""

import threading

import pytest
from django.db import connection

from consent.choices import GrantStatus, ShotStatus
from consent.models import Grant, Shot, ShotEvent
from consent.selectors import shot_covers
from consent.services import shots as services
from consent.services.grants import grant_revoke
from portal.exceptions import DomainError
from portal.models import LedgerEntry
from tests.consent.factories_shots import GrantWorld, render_upload

# Row locks are proven on PostgreSQL; SQLite serialises writers.
pytestmark = pytest.mark.postgres
ROUNDS = 6


def _race(**calls) -> dict[str, str]:
    barrier = threading.Barrier(len(calls))
    outcomes = {}

    def run(name, call):
        barrier.wait()
        try:
            call()
            outcomes[name] = "ok"
        except DomainError as exc:
            outcomes[name] = exc.code
        except Exception as exc:  # reported as the outcome: the test then fails on it
            outcomes[name] = f"crashed: {exc!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in calls.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _round():
    world = GrantWorld()
    shot = services.shot_submit(
        grant=world.grant,
        scene=1,
        description="A shot.",
        direction="A prompt.",
        upload=render_upload(),
        acting_user=world.producer,
    )
    outcomes = _race(
        approve=lambda: services.shot_approve(shot=shot, acting_user=world.actor),
        revoke=lambda: grant_revoke(grant=world.grant, acting_user=world.actor, reason="No."),
    )
    return outcomes, Shot.objects.get(pk=shot.pk), Grant.objects.get(pk=world.grant.pk)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(ROUNDS))
def test_approve_and_revoke_at_once_leave_one_decision_on_the_shot(attempt):
    outcomes, shot, grant = _round()
    decisions = ShotEvent.objects.filter(shot=shot).exclude(action="submit")
    assert outcomes["revoke"] == "ok"
    assert grant.status == GrantStatus.REVOKED
    assert decisions.count() == 1
    if outcomes["approve"] == "ok":
        assert shot.status == ShotStatus.APPROVED
        assert shot.decided_at <= grant.ended_at
    else:
        assert outcomes["approve"] == "grant_not_in_force"
        assert shot.status == ShotStatus.VOIDED


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(ROUNDS))
def test_after_the_race_the_ledger_shows_the_winner_first(attempt):
    outcomes, shot, grant = _round()
    revoked = LedgerEntry.objects.get(event_type="grant.revoked", subject_id=str(grant.pk))
    if outcomes["approve"] == "ok":
        approved = LedgerEntry.objects.get(event_type="shot.approved", subject_id=str(shot.pk))
        assert approved.seq < revoked.seq
    else:
        voided = LedgerEntry.objects.get(event_type="shots.voided", subject_id=str(grant.pk))
        assert voided.seq > revoked.seq
        assert not LedgerEntry.objects.filter(event_type="shot.approved").exists()


@pytest.mark.django_db(transaction=True)
def test_whoever_wins_no_approval_covers_anything_after_the_revocation():
    _outcomes, shot, grant = _round()
    assert not shot_covers(grant=grant, sha256=shot.render_sha256)
