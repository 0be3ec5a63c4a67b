"""Grant pages: the access ladder, signing behind a fresh re-authentication, query counts."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from consent.choices import GrantStatus
from consent.models import Grant
from consent.services import grants as services
from tests.actors.factories import make_listing
from tests.conftest import PASSWORD
from tests.consent.conftest import client_for


def _reauthenticated(user) -> Client:
    client = client_for(user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    return client


ALL_TICKED = {"ack_scope": "on", "ack_term": "on", "ack_training": "on", "ack_revocation": "on"}


def test_anonymous_visitors_are_sent_to_sign_in(world):
    grant = world.agreed_grant()
    response = Client().get(f"/grants/{grant.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_outsider_gets_a_404_for_a_grant(world):
    grant = world.agreed_grant()
    assert client_for(world.outsider).get(f"/grants/{grant.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["actor", "signing_agent", "answer_agent", "producer", "viewer"])
def test_each_party_sees_the_grant(world, who):
    grant = world.agreed_grant()
    response = client_for(getattr(world, who)).get(f"/grants/{grant.pk}/")
    assert response.status_code == 200
    assert grant.snapshot_sha256 in response.text


def test_signing_asks_for_a_fresh_reauthentication_first(world):
    grant = world.agreed_grant()
    response = client_for(world.actor).get(f"/grants/{grant.pk}/sign/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_signing_with_a_second_factor_enrolled_asks_for_it(world):
    grant = world.agreed_grant()
    TOTP.activate(world.actor, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    response = _reauthenticated(world.actor).get(f"/grants/{grant.pk}/sign/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")


def test_the_signing_page_shows_every_part_and_ticks_nothing(world):
    grant = world.agreed_grant()
    response = _reauthenticated(world.actor).get(f"/grants/{grant.pk}/sign/")
    assert response.status_code == 200
    assert "The Teacher of Hongkou" in response.text
    assert "Generative AI training" in response.text
    assert "Pending shots are voided" in response.text
    assert response.text.count('type="checkbox"') == 4
    assert "checked" not in response.text


def test_the_signing_page_reads_in_chinese(world):
    grant = world.agreed_grant()
    client = _reauthenticated(world.actor)
    response = client.get(f"/grants/{grant.pk}/sign/", headers={"accept-language": "zh-hans"})
    assert "一、授权内容" in response.text
    assert "三、如果你撤回授权" in response.text


def test_the_signing_page_writes_the_fee_as_people_do(world):
    grant = world.agreed_grant()
    response = _reauthenticated(world.actor).get(f"/grants/{grant.pk}/sign/")
    assert "6,000" in response.text
    assert "6000.00" not in response.text


def test_signing_without_every_box_ticked_is_refused(world):
    grant = world.agreed_grant()
    client = _reauthenticated(world.actor)
    response = client.post(f"/grants/{grant.pk}/sign/", {"ack_scope": "on"})
    assert response.status_code == 400
    grant.refresh_from_db()
    assert grant.status == GrantStatus.AWAITING_SIGNATURE


def test_signing_with_every_box_ticked_activates_the_grant(world):
    grant = world.agreed_grant()
    response = _reauthenticated(world.actor).post(f"/grants/{grant.pk}/sign/", ALL_TICKED)
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == GrantStatus.ACTIVE


def test_an_answer_only_agent_gets_a_404_on_the_signing_page(world):
    grant = world.agreed_grant()
    response = _reauthenticated(world.answer_agent).get(f"/grants/{grant.pk}/sign/")
    assert response.status_code == 404


def test_the_studio_cannot_open_the_revoke_page(world):
    grant = world.signed_grant()
    response = _reauthenticated(world.producer).get(f"/grants/{grant.pk}/revoke/")
    assert response.status_code == 404


def test_the_actor_revokes_from_the_page_with_a_reason(world):
    grant = world.signed_grant()
    client = _reauthenticated(world.actor)
    response = client.post(f"/grants/{grant.pk}/revoke/", {"reason": "Not any more"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.status == GrantStatus.REVOKED
    assert grant.end_reason == "Not any more"


def test_the_agreed_pitch_page_offers_review_and_sign_to_the_actor(world):
    grant = world.agreed_grant()
    response = client_for(world.actor).get(f"/pitches/{grant.pitch_id}/")
    assert f"/grants/{grant.pk}/sign/" in response.text


def test_the_agreed_pitch_page_offers_no_signature_to_an_answer_only_agent(world):
    grant = world.agreed_grant()
    response = client_for(world.answer_agent).get(f"/pitches/{grant.pitch_id}/")
    assert f"/grants/{grant.pk}/sign/" not in response.text


def test_the_grant_page_links_every_receipt(world):
    grant = world.signed_grant()
    response = client_for(world.producer).get(f"/grants/{grant.pk}/")
    assert f"/verify/{grant.receipt_id}/" in response.text
    assert f"/verify/{grant.receipt_id}/receipt.json" in response.text


def test_the_grant_page_shows_the_recorded_expiry_on_the_request_after_ends_at(world):
    grant = world.signed_grant()
    Grant.objects.filter(pk=grant.pk).update(
        starts_at=grant.starts_at - services.timedelta(days=400),
        ends_at=grant.starts_at - services.timedelta(days=1),
    )
    response = client_for(world.actor).get(f"/grants/{grant.pk}/")
    assert "Not in force" in response.text
    grant.refresh_from_db()
    assert grant.status == GrantStatus.EXPIRED


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/grants/").status_code == 200
    return len(queries)


def test_the_grant_list_costs_the_same_queries_for_one_grant_or_many(world):
    world.agreed_grant()
    client = client_for(world.producer)
    one = _list_queries(client)
    for _ in range(3):
        world.listing = make_listing()
        world.actor = world.listing.owner
        world.agreed_grant()
    many = _list_queries(client)
    assert Grant.objects.filter(studio=world.studio).count() == 4
    assert many == one


def test_an_outsider_sees_no_grants_on_the_list(world):
    grant = world.agreed_grant()
    response = client_for(world.outsider).get("/grants/")
    assert f"/grants/{grant.pk}/" not in response.text


def test_the_public_register_shows_only_the_count_of_active_grants(world):
    world.signed_grant()
    response = Client().get("/register/", {"q": world.listing.stage_name})
    assert "1 active consent grant" in response.text
    assert "The Teacher of Hongkou" not in response.text


def test_approved_projects_are_private_until_the_actor_shows_them(world):
    grant = world.signed_grant()
    page = f"/actors/{world.listing.slug}/"
    assert grant.receipt_id not in Client().get(page).text
    client_for(world.actor).post(f"/grants/{grant.pk}/profile/", {"show": "1"})
    assert f"/verify/{grant.receipt_id}/" in Client().get(page).text


def test_the_studio_dashboard_lists_its_active_grants(world):
    grant = world.signed_grant()
    response = client_for(world.viewer).get("/dashboard/")
    assert f"/grants/{grant.pk}/" in response.text


def test_the_actor_dashboard_asks_for_a_signature(world):
    grant = world.agreed_grant()
    response = client_for(world.actor).get("/dashboard/")
    assert f"/grants/{grant.pk}/sign/" in response.text


def test_an_answer_only_agent_is_not_asked_to_sign_on_the_dashboard(world):
    grant = world.agreed_grant()
    response = client_for(world.answer_agent).get("/dashboard/")
    assert f"/grants/{grant.pk}/sign/" not in response.text
