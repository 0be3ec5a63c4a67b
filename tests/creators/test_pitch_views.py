"""Pitch pages: the permission ladder on each, the fit preview, answers, the thread, the lists."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from creators.models import Pitch, PitchEvent, PitchMessage
from portal.models import Notification
from tests.actors.factories import make_listing
from tests.conftest import client_for
from tests.creators.conftest import World, make_offer

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {
        "use_types": ["face"],
        "scenes": ["1", "2"],
        "estimated_shots": "5",
        "territories": ["CN"],
        "term_months": "12",
        "fee": "6000",
        "currency": "CNY",
        "ai_method": "reference_only",
        "message": "We love your work.",
    }
    return {**data, **changes}


def _new_url(world, listing=None):
    return f"/briefs/roles/{world.role.pk}/pitch/{(listing or world.listing).slug}/"


# --- sending -------------------------------------------------------------------------------


def test_the_pitch_form_ladder(world):
    url = _new_url(world)
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client_for(world.actor).get(url).status_code == 404
    assert client_for(world.viewer).get(url).status_code == 404
    response = client_for(world.producer).get(url)
    assert response.status_code == 200
    assert "Send pitch" in response.text
    assert "Check fit" in response.text


def test_a_producer_sends_a_fitting_pitch(world):
    response = client_for(world.producer).post(_new_url(world), _form())
    pitch = Pitch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/pitches/{pitch.pk}/"
    assert pitch.fee == Decimal("6000")
    assert pitch.scenes == [1, 2]
    assert Notification.objects.filter(recipient=world.actor, kind="pitch_received").exists()


def test_a_pitch_that_does_not_fit_shows_every_reason_and_sends_nothing(world):
    response = client_for(world.producer).post(_new_url(world), _form(fee="10", territories=["JP"]))
    assert response.status_code == 200
    assert 'data-code="fee"' in response.text
    assert 'data-code="territory"' in response.text
    assert not Pitch.objects.exists()
    assert not Notification.objects.exists()


def test_the_daily_limit_is_explained_on_the_form(world, settings):
    settings.PORTAL_PITCHES_PER_STUDIO_PER_DAY = 1
    world.send(listing=make_listing())
    response = client_for(world.producer).post(_new_url(world), _form())
    assert response.status_code == 200
    assert "24 hours" in response.text
    assert Pitch.objects.count() == 1


def test_check_fit_answers_htmx_with_the_partial_and_plain_posts_with_the_page(world):
    url = _new_url(world) + "fit/"
    client = client_for(world.producer)
    partial = client.post(url, _form(fee="10"), headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in partial.text
    assert 'id="fit-result"' in partial.text
    assert 'data-code="fee"' in partial.text
    page = client.post(url, _form())
    assert "<html" in page.text
    assert "It fits every one" in page.text
    assert not Pitch.objects.exists()
    assert client_for(world.actor).post(url, _form()).status_code == 404


def test_an_unverified_studio_can_check_but_not_send():
    world = World(verified=False)
    response = client_for(world.producer).get(_new_url(world))
    assert response.status_code == 200
    assert "Send pitch" not in response.text
    client_for(world.producer).post(_new_url(world), _form())
    assert not Pitch.objects.exists()


# --- one pitch: the ladder -----------------------------------------------------------------


def test_the_pitch_page_ladder(world):
    pitch = world.send()
    url = f"/pitches/{pitch.pk}/"
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    other_actor = make_listing().owner
    assert client_for(other_actor).get(url).status_code == 404
    assert client_for(world.idle_agent).get(url).status_code == 404
    viewer_page = client_for(world.viewer).get(url)
    assert viewer_page.status_code == 200
    assert "Withdraw" not in viewer_page.text
    producer_page = client_for(world.producer).get(url)
    assert producer_page.status_code == 200
    assert f"/pitches/{pitch.pk}/withdraw/" in producer_page.text
    pitch.refresh_from_db()
    assert pitch.status == "sent"  # the studio looking does not count as viewed
    actor_page = client_for(world.actor).get(url)
    assert actor_page.status_code == 200
    pitch.refresh_from_db()
    assert pitch.status == "viewed"
    assert f"/pitches/{pitch.pk}/decline/" in actor_page.text
    assert 'id="counter"' in actor_page.text
    assert client_for(world.agent).get(url).status_code == 200


def test_contact_details_never_show_between_the_sides(world):
    pitch = world.send()
    actor_page = client_for(world.actor).get(f"/pitches/{pitch.pk}/").text
    studio_page = client_for(world.producer).get(f"/pitches/{pitch.pk}/").text
    assert world.producer.email not in actor_page
    assert world.owner.email not in actor_page
    assert world.actor.email not in studio_page
    assert world.agent.email not in studio_page
    assert world.studio.name in actor_page
    assert world.listing.stage_name in studio_page


def test_a_viewer_member_can_see_but_not_act(world):
    pitch = world.send()
    client = client_for(world.viewer)
    assert client.get(f"/pitches/{pitch.pk}/withdraw/").status_code == 403
    assert client.post(f"/pitches/{pitch.pk}/withdraw/").status_code == 403
    response = client.post(f"/pitches/{pitch.pk}/messages/", {"body": "Hi"})
    assert response.status_code == 302
    assert not PitchMessage.objects.exists()
    pitch.refresh_from_db()
    assert pitch.status == "sent"


def test_the_producer_withdraws_after_confirming(world):
    pitch = world.send()
    client = client_for(world.producer)
    confirm = client.get(f"/pitches/{pitch.pk}/withdraw/")
    assert confirm.status_code == 200
    assert "Withdraw this pitch?" in confirm.text
    response = client.post(f"/pitches/{pitch.pk}/withdraw/", {"note": ""})
    assert response.status_code == 302
    pitch.refresh_from_db()
    assert pitch.status == "withdrawn"


def test_the_actor_counters_and_a_counter_below_the_floor_is_shown_its_reasons(world):
    pitch = world.send()
    client = client_for(world.actor)
    refused = client.post(f"/pitches/{pitch.pk}/counter/", _form(fee="100", note=""))
    assert refused.status_code == 400
    assert 'data-code="fee"' in refused.text
    pitch.refresh_from_db()
    assert pitch.status == "sent"
    done = client.post(f"/pitches/{pitch.pk}/counter/", _form(fee="9000", note="My rate."))
    assert done.status_code == 302
    pitch.refresh_from_db()
    assert (pitch.status, pitch.awaiting, pitch.fee) == ("countered", "studio", Decimal("9000"))


def test_an_agent_with_the_right_agrees_for_the_actor(world):
    pitch = world.send()
    response = client_for(world.agent).post(f"/pitches/{pitch.pk}/agree/", {"note": ""})
    assert response.status_code == 302
    pitch.refresh_from_db()
    assert pitch.status == "agreed"
    assert PitchEvent.objects.filter(pitch=pitch).last().on_behalf_of == world.actor


def test_an_agent_without_the_right_cannot_reach_the_actions(world):
    pitch = world.send()
    client = client_for(world.idle_agent)
    assert client.post(f"/pitches/{pitch.pk}/decline/").status_code == 404
    assert client.post(f"/pitches/{pitch.pk}/messages/", {"body": "Hi"}).status_code == 404


def test_an_overdue_pitch_shows_as_expired_and_refuses_answers(world):
    from datetime import timedelta

    from django.utils import timezone

    pitch = world.send()
    Pitch.objects.filter(pk=pitch.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    page = client_for(world.actor).get(f"/pitches/{pitch.pk}/")
    assert page.status_code == 200
    assert "Expired" in page.text
    client_for(world.actor).post(f"/pitches/{pitch.pk}/agree/", {"note": ""})
    pitch.refresh_from_db()
    assert pitch.status == "expired"


# --- the thread ----------------------------------------------------------------------------


def test_messages_post_with_htmx_and_without(world):
    pitch = world.send()
    url = f"/pitches/{pitch.pk}/messages/"
    partial = client_for(world.actor).post(url, {"body": "Which tool?"}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert 'id="thread"' in partial.text
    assert "Which tool?" in partial.text
    assert "<html" not in partial.text
    plain = client_for(world.producer).post(url, {"body": "Kling, reference only."})
    assert plain.status_code == 302
    assert plain["Location"].endswith("#thread")
    refused = client_for(world.producer).post(
        url, {"body": "mail me: a@b.cn"}, HTTP_HX_REQUEST="true"
    )
    assert "phone numbers" in refused.text
    assert PitchMessage.objects.count() == 2
    kinds = Notification.objects.filter(kind="pitch_message")
    assert set(kinds.values_list("recipient", flat=True)) >= {world.producer.pk, world.actor.pk}


# --- lists ---------------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_the_studio_list_ladder_and_a_fixed_query_count(world):
    url = f"/studios/{world.studio.slug}/pitches/"
    assert client_for(None).get(url).status_code == 302
    assert client_for(world.actor).get(url).status_code == 404
    world.send()
    client = client_for(world.viewer)
    few, response = _queries(client, url)
    assert world.listing.stage_name in response.text
    for _ in range(4):
        world.send(listing=make_listing())
    many, response = _queries(client, url)
    assert many == few
    assert response.text.count("/pitches/") >= 5


def test_the_studio_list_filters_by_status_by_the_clock(world):
    from datetime import timedelta

    from django.utils import timezone

    late = world.send()
    world.send(listing=make_listing(stage_name="Fresh Face"))
    Pitch.objects.filter(pk=late.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    url = f"/studios/{world.studio.slug}/pitches/?status=expired"
    response = client_for(world.producer).get(url)
    assert world.listing.stage_name in response.text
    assert "Fresh Face" not in response.text


def test_the_inbox_shows_the_actor_and_agent_their_pitches_with_a_fixed_query_count(world):
    url = "/pitches/"
    assert client_for(None).get(url).status_code == 302
    world.send()
    for user in (world.actor, world.agent):
        assert world.studio.name in client_for(user).get(url).text
    assert world.studio.name not in client_for(world.idle_agent).get(url).text
    client = client_for(world.agent)
    few, _response = _queries(client, url)
    for _ in range(3):
        fresh = World()
        fresh.listing = world.listing
        fresh.send(make_offer())
    many, _response = _queries(client, url)
    assert many == few
