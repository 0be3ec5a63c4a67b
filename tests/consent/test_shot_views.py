"""The shot pages: the ladder, the studio's submission, and the actor's review of many shots."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from consent.choices import ShotStatus
from consent.models import Shot
from consent.services import shots as services
from tests.consent.factories_shots import render_upload

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def submit(world, colour):
    return services.shot_submit(
        grant=world.grant,
        scene=1,
        description=f"Shot in {colour}.",
        direction="Prompt.",
        upload=render_upload(colour),
        acting_user=world.producer,
    )


def page(world):
    return f"/grants/{world.grant.pk}/shots/"


def test_an_anonymous_visitor_is_sent_to_sign_in(shot_world):
    assert Client().get(page(shot_world)).status_code == 302


@pytest.mark.parametrize("who", ["outsider", "answering_agent"])
def test_outsiders_get_a_404(shot_world, who):
    assert client_for(getattr(shot_world, who)).get(page(shot_world)).status_code == 404


@pytest.mark.parametrize("who", ["actor", "signing_agent", "viewer", "producer"])
def test_both_sides_see_the_shots(shot_world, who):
    submit(shot_world, (1, 1, 1))
    response = client_for(getattr(shot_world, who)).get(page(shot_world))
    assert response.status_code == 200
    assert "Shot in (1, 1, 1)." in response.text


def test_the_studio_submits_a_shot_from_the_form(shot_world):
    response = client_for(shot_world.producer).post(
        f"/grants/{shot_world.grant.pk}/shots/new/",
        {
            "scene": "2",
            "description": "She opens the doors.",
            "direction": "Slow push-in.",
            "render": render_upload((3, 3, 3)),
        },
    )
    assert response.status_code == 302
    assert Shot.objects.get(grant=shot_world.grant).scene == 2


def test_a_refused_render_comes_back_on_the_form_with_its_reason(shot_world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(shot_world.producer).post(
        f"/grants/{shot_world.grant.pk}/shots/new/",
        {
            "scene": "1",
            "description": "x",
            "direction": "y",
            "render": SimpleUploadedFile("r.png", b"GIF89a....", content_type="image/png"),
        },
    )
    assert response.status_code == 400
    assert "GIF images" in response.text
    assert not Shot.objects.exists()


def test_a_viewer_cannot_open_the_submission_form(shot_world):
    url = f"/grants/{shot_world.grant.pk}/shots/new/"
    assert client_for(shot_world.viewer).get(url).status_code == 404


def test_the_actor_approves_many_shots_at_once(shot_world):
    shots = [submit(shot_world, (i, 0, 0)) for i in range(3)]
    response = client_for(shot_world.actor).post(
        page(shot_world), {"shots": [shots[0].pk, shots[2].pk], "decision": "approve"}
    )
    assert response.status_code == 302
    statuses = [Shot.objects.get(pk=s.pk).status for s in shots]
    assert statuses == [ShotStatus.APPROVED, ShotStatus.PENDING, ShotStatus.APPROVED]


def test_a_rejection_without_a_reason_comes_back_on_the_form(shot_world):
    shot = submit(shot_world, (5, 0, 0))
    response = client_for(shot_world.actor).post(
        page(shot_world), {"shots": [shot.pk], "decision": "reject", "reason": ""}
    )
    assert response.status_code == 400
    assert Shot.objects.get(pk=shot.pk).status == ShotStatus.PENDING


def test_a_shot_that_expired_meanwhile_is_reported_and_the_others_are_answered(shot_world):
    late, fine = submit(shot_world, (6, 0, 0)), submit(shot_world, (7, 0, 0))
    client = client_for(shot_world.actor)
    client.get(page(shot_world))  # the page was opened while both were pending
    Shot.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(seconds=1))
    response = client.post(
        page(shot_world), {"shots": [late.pk, fine.pk], "decision": "approve"}, follow=True
    )
    assert Shot.objects.get(pk=fine.pk).status == ShotStatus.APPROVED
    assert Shot.objects.get(pk=late.pk).status == ShotStatus.PENDING
    assert "expired: nobody answered in time" in response.text


@pytest.mark.parametrize("who", ["producer", "viewer", "answering_agent"])
def test_only_signers_may_post_decisions(shot_world, who):
    shot = submit(shot_world, (8, 0, 0))
    response = client_for(getattr(shot_world, who)).post(
        page(shot_world), {"shots": [shot.pk], "decision": "approve"}
    )
    assert response.status_code == 404
    assert Shot.objects.get(pk=shot.pk).status == ShotStatus.PENDING


def test_the_render_preview_is_served_to_both_sides_and_nobody_else(
    shot_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        shot = submit(shot_world, (9, 0, 0))
    url = f"/grants/shots/{shot.pk}/render.jpg"
    assert client_for(shot_world.actor).get(url).status_code == 200
    assert client_for(shot_world.viewer).get(url).status_code == 200
    assert client_for(shot_world.outsider).get(url).status_code == 404


def test_the_actor_sees_pending_shots_on_the_dashboard(shot_world):
    submit(shot_world, (10, 0, 0))
    response = client_for(shot_world.actor).get("/dashboard/")
    assert "1 shot awaits your approval" in response.text


def test_the_review_page_is_translated(shot_world):
    submit(shot_world, (11, 0, 0))
    shot_world.actor.language = "zh-hans"
    shot_world.actor.save(update_fields=["language"])
    response = client_for(shot_world.actor).get(page(shot_world), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert '<html lang="zh-hans">' in response.text
    assert "Awaiting your answer" not in response.text
