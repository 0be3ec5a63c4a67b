"""Shot services: submission bound to the exact bytes, decisions by whoever may sign, the
grant's limits, and the clock."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consent.choices import ShotStatus
from consent.models import Shot, ShotEvent
from consent.selectors import shot_covers, shot_effective_status, shots_used
from consent.services import shots as services
from portal.exceptions import DomainError
from portal.models import Notification
from tests.consent.factories_shots import GrantWorld, jpeg_bytes, render_upload

pytestmark = pytest.mark.django_db


def submit(world, colour=(120, 90, 60), **changes):
    values = {
        "grant": world.grant,
        "scene": 1,
        "description": "Su Wan steps off the train.",
        "direction": "Wide shot, rain, 1930s station, reference photos 1-3.",
        "upload": render_upload(colour),
        "acting_user": world.producer,
        **changes,
    }
    return services.shot_submit(**values)


def kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# --- submission ----------------------------------------------------------------------------


def test_a_submitted_shot_records_the_sha256_of_the_exact_bytes(shot_world):
    import hashlib

    shot = submit(shot_world)
    assert shot.render_sha256 == hashlib.sha256(jpeg_bytes()).hexdigest()


def test_a_submitted_shot_is_due_within_the_grants_response_window(shot_world):
    before = timezone.now()
    shot = submit(shot_world)
    assert shot.due_at >= before + timedelta(hours=72)
    assert shot.due_at <= timezone.now() + timedelta(hours=72)


def test_a_submitted_shot_tells_whoever_may_sign_and_nobody_else(shot_world):
    submit(shot_world)
    assert kinds(shot_world.actor) == ["shot_submitted"]
    assert kinds(shot_world.signing_agent) == ["shot_submitted"]
    assert kinds(shot_world.answering_agent) == []


def test_a_viewer_of_the_studio_cannot_submit_shots(shot_world):
    with pytest.raises(DomainError, match="producers") as exc:
        submit(shot_world, acting_user=shot_world.viewer)
    assert exc.value.code == "forbidden"


def test_a_scene_outside_the_grant_is_refused(shot_world):
    with pytest.raises(DomainError, match="scenes") as exc:
        submit(shot_world, scene=9)
    assert exc.value.code == "scene"


def test_a_refused_upload_stores_nothing(shot_world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("render.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    with pytest.raises(DomainError, match="SVG"):
        submit(shot_world, upload=bad)
    assert Shot.objects.count() == 0


@pytest.mark.parametrize("status", ["awaiting_signature", "suspended", "revoked", "expired"])
def test_a_grant_not_in_force_takes_no_shots(status):
    world = GrantWorld(status=status)
    with pytest.raises(DomainError, match="not in force") as exc:
        submit(world)
    assert exc.value.code == "grant_not_in_force"


def test_a_grant_past_its_end_takes_no_shots_before_any_sweep():
    world = GrantWorld(ends_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(DomainError, match="not in force"):
        submit(world)


def test_a_grant_takes_no_more_shots_than_it_allows():
    world = GrantWorld(max_shots=2)
    submit(world, colour=(1, 2, 3))
    submit(world, colour=(4, 5, 6))
    with pytest.raises(DomainError, match="allows 2 shots") as exc:
        submit(world, colour=(7, 8, 9))
    assert exc.value.code == "max_shots"


def test_a_rejected_shot_frees_its_place():
    world = GrantWorld(max_shots=1)
    first = submit(world, colour=(1, 2, 3))
    services.shot_reject(shot=first, acting_user=world.actor, reason="Wrong costume.")
    assert submit(world, colour=(4, 5, 6)).status == ShotStatus.PENDING


def test_an_expired_request_frees_its_place_by_the_clock_alone():
    world = GrantWorld(max_shots=1)
    first = submit(world, colour=(1, 2, 3))
    Shot.objects.filter(pk=first.pk).update(due_at=timezone.now() - timedelta(seconds=1))
    assert shots_used(grant=world.grant) == 0
    assert submit(world, colour=(4, 5, 6)).status == ShotStatus.PENDING


# --- decisions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status", "notice"),
    [
        ("approve", ShotStatus.APPROVED, "shot_approved"),
        ("reject", ShotStatus.REJECTED, "shot_rejected"),
        ("request_changes", ShotStatus.CHANGES_REQUESTED, "shot_changes_requested"),
    ],
)
def test_the_actor_decides_and_the_studios_producers_hear(shot_world, action, status, notice):
    shot = submit(shot_world)
    decided = services.shot_decide(
        shot=shot, action=action, acting_user=shot_world.actor, reason="Too dark."
    )
    assert decided.status == status
    assert kinds(shot_world.producer) == [notice]
    assert kinds(shot_world.owner) == [notice]
    assert kinds(shot_world.viewer) == []


def test_each_decision_leaves_a_history_row(shot_world):
    shot = submit(shot_world)
    services.shot_approve(shot=shot, acting_user=shot_world.actor)
    rows = list(ShotEvent.objects.filter(shot=shot).values_list("action", "to_status"))
    assert rows == [("submit", "pending"), ("approve", "approved")]


def test_an_agent_with_the_sign_right_approves_on_the_actors_behalf(shot_world):
    shot = submit(shot_world)
    services.shot_approve(shot=shot, acting_user=shot_world.signing_agent)
    event = ShotEvent.objects.get(shot=shot, action="approve")
    assert event.on_behalf_of == shot_world.actor


@pytest.mark.parametrize("who", ["answering_agent", "producer", "outsider"])
def test_nobody_else_decides_on_shots(shot_world, who):
    shot = submit(shot_world)
    with pytest.raises(DomainError, match="decides on shots") as exc:
        services.shot_approve(shot=shot, acting_user=getattr(shot_world, who))
    assert exc.value.code == "forbidden"


@pytest.mark.parametrize("action", ["reject", "request_changes"])
def test_a_refusal_needs_a_reason(shot_world, action):
    shot = submit(shot_world)
    with pytest.raises(DomainError, match="Say why") as exc:
        services.shot_decide(shot=shot, action=action, acting_user=shot_world.actor, reason=" ")
    assert exc.value.code == "reason"


def test_a_decided_shot_cannot_be_decided_again(shot_world):
    shot = submit(shot_world)
    services.shot_reject(shot=shot, acting_user=shot_world.actor, reason="No.")
    with pytest.raises(DomainError, match="cannot be changed"):
        services.shot_approve(shot=shot, acting_user=shot_world.actor)


def test_an_approval_issues_a_receipt(shot_world):
    shot = services.shot_approve(shot=submit(shot_world), acting_user=shot_world.actor)
    assert Shot.objects.get(pk=shot.pk).receipt_id.startswith("R")


# --- the clock -----------------------------------------------------------------------------


def test_a_request_past_its_due_time_cannot_be_approved_with_no_worker_running(shot_world):
    shot = submit(shot_world)
    Shot.objects.filter(pk=shot.pk).update(due_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(DomainError, match="expired") as exc:
        services.shot_approve(shot=shot, acting_user=shot_world.actor)
    assert exc.value.code == "expired"


def test_a_request_past_its_due_time_reads_as_expired_before_the_sweep(shot_world):
    shot = submit(shot_world)
    later = shot.due_at + timedelta(seconds=1)
    assert shot_effective_status(shot=shot, now=later) == ShotStatus.EXPIRED
    assert Shot.objects.get(pk=shot.pk).status == ShotStatus.PENDING


def test_a_shot_cannot_be_approved_once_its_grant_ended(shot_world):
    shot = submit(shot_world)
    type(shot_world.grant).objects.filter(pk=shot_world.grant.pk).update(
        ends_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(DomainError, match="no longer in force") as exc:
        services.shot_approve(shot=shot, acting_user=shot_world.actor)
    assert exc.value.code == "grant_not_in_force"


# --- an approval covers one file -----------------------------------------------------------


def test_an_approval_covers_the_approved_render(shot_world):
    shot = services.shot_approve(shot=submit(shot_world), acting_user=shot_world.actor)
    assert shot_covers(grant=shot_world.grant, sha256=shot.render_sha256)


def test_an_approval_does_not_cover_a_changed_render(shot_world):
    import hashlib

    services.shot_approve(shot=submit(shot_world), acting_user=shot_world.actor)
    changed = hashlib.sha256(jpeg_bytes((121, 90, 60))).hexdigest()
    assert not shot_covers(grant=shot_world.grant, sha256=changed)


def test_a_changed_render_is_a_new_submission_needing_its_own_approval(shot_world):
    first = submit(shot_world)
    services.shot_request_changes(shot=first, acting_user=shot_world.actor, reason="Less rain.")
    second = submit(shot_world, colour=(10, 90, 60), replaces=first)
    assert second.render_sha256 != first.render_sha256
    assert not shot_covers(grant=shot_world.grant, sha256=second.render_sha256)


def test_a_pending_or_refused_render_is_not_covered(shot_world):
    shot = submit(shot_world)
    assert not shot_covers(grant=shot_world.grant, sha256=shot.render_sha256)


def test_no_approval_outlives_its_grant(shot_world):
    shot = services.shot_approve(shot=submit(shot_world), acting_user=shot_world.actor)
    after_end = shot_world.grant.ends_at + timedelta(seconds=1)
    assert not shot_covers(grant=shot_world.grant, sha256=shot.render_sha256, now=after_end)


def test_an_approval_under_one_grant_covers_nothing_under_another(shot_world):
    shot = services.shot_approve(shot=submit(shot_world), acting_user=shot_world.actor)
    other = GrantWorld()
    assert not shot_covers(grant=other.grant, sha256=shot.render_sha256)
