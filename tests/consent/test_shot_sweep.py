"""The clock's sweep over shot requests: set-based, recorded once, and never needed for
correctness; and what happens to a grant's shots when the grant ends."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consent.choices import ShotStatus
from consent.models import Shot, ShotEvent, VaultCopy
from consent.services import shots as services
from consent.services.vault import vault_copy_get
from portal.models import Notification
from tests.consent.factories_shots import GrantWorld, make_asset, render_upload

pytestmark = pytest.mark.django_db


def submit(world, colour):
    return services.shot_submit(
        grant=world.grant,
        scene=1,
        description="A shot.",
        direction="A prompt.",
        upload=render_upload(colour),
        acting_user=world.producer,
    )


@pytest.fixture
def due_world():
    """A grant with three requests: two past their due time, one not."""
    world = GrantWorld(max_shots=5)
    world.shots = [submit(world, (i, 2, 3)) for i in range(3)]
    past = timezone.now() - timedelta(minutes=1)
    Shot.objects.filter(pk__in=[s.pk for s in world.shots[:2]]).update(due_at=past)
    Notification.objects.all().delete()
    return world


def statuses(world):
    return [Shot.objects.get(pk=s.pk).status for s in world.shots]


def test_the_sweep_records_only_the_requests_past_their_due_time(due_world):
    assert services.shots_expire_due() == 2
    assert statuses(due_world) == ["expired", "expired", "pending"]


def test_the_sweep_writes_one_history_row_per_expired_shot(due_world):
    services.shots_expire_due()
    rows = ShotEvent.objects.filter(action="expire").values_list("shot_id", flat=True)
    assert sorted(rows) == sorted(s.pk for s in due_world.shots[:2])


def test_the_sweep_tells_each_producer_once_per_grant(due_world):
    services.shots_expire_due()
    notices = Notification.objects.filter(kind="shots_expired")
    recipients = sorted(n.recipient_id for n in notices)
    assert recipients == sorted([due_world.producer.pk, due_world.owner.pk])
    assert {n.context["count"] for n in notices} == {2}


def test_the_sweep_notice_links_to_the_grants_shots(due_world):
    services.shots_expire_due()
    notice = Notification.objects.filter(kind="shots_expired").first()
    assert notice.url == f"/grants/{due_world.grant.pk}/shots/"


def test_the_sweep_notice_renders_in_both_languages(due_world):
    from portal.services import notification_render

    services.shots_expire_due()
    notice = Notification.objects.filter(kind="shots_expired").first()
    english = notification_render(notification=notice)["subject"]
    notice.recipient.language = "zh-hans"
    chinese = notification_render(notification=notice)["subject"]
    assert "2 shot requests expired" in english
    assert english != chinese


def test_the_sweep_run_twice_does_nothing_the_second_time(due_world):
    services.shots_expire_due()
    events = ShotEvent.objects.count()
    notices = Notification.objects.count()
    assert services.shots_expire_due() == 0
    assert ShotEvent.objects.count() == events
    assert Notification.objects.count() == notices


def test_the_sweep_stores_times_the_orm_reads_back(due_world):
    now = timezone.now()
    services.shots_expire_due(now=now)
    assert Shot.objects.get(pk=due_world.shots[0].pk).decided_at == now


def test_the_signers_are_reminded_once_before_requests_expire():
    world = GrantWorld()
    shot = submit(world, (9, 9, 9))
    Shot.objects.filter(pk=shot.pk).update(due_at=timezone.now() + timedelta(hours=2))
    assert services.shots_remind_due() == 1
    assert services.shots_remind_due() == 0
    kinds = Notification.objects.filter(recipient=world.actor).values_list("kind", flat=True)
    assert sorted(kinds) == ["shot_submitted", "shots_expiring"]


# --- the grant ends ------------------------------------------------------------------------


def test_ending_a_grant_voids_its_open_requests_and_records_the_overdue_as_expired(due_world):
    services.shots_void_for_grant(grant=due_world.grant)
    assert statuses(due_world) == ["expired", "expired", "voided"]


def test_ending_a_grant_keeps_approvals_as_the_record_of_what_was_approved():
    world = GrantWorld()
    shot = services.shot_approve(shot=submit(world, (5, 5, 5)), acting_user=world.actor)
    services.shots_void_for_grant(grant=world.grant)
    assert Shot.objects.get(pk=shot.pk).status == ShotStatus.APPROVED


def test_ending_a_grant_deletes_its_vault_copies():
    world = GrantWorld()
    vault_copy_get(grant=world.grant, asset=make_asset(world.listing))
    services.shots_void_for_grant(grant=world.grant)
    assert not VaultCopy.objects.filter(grant=world.grant).exists()


def test_ending_one_grant_leaves_other_grants_shots_alone(due_world):
    other = GrantWorld()
    shot = submit(other, (7, 7, 7))
    services.shots_void_for_grant(grant=due_world.grant)
    assert Shot.objects.get(pk=shot.pk).status == ShotStatus.PENDING
