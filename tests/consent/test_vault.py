"""The vault under a grant: marked copies for the studio's members, only while the grant is in
force and covers the use, decided on every request, logged, and shown to the actor."""

import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from PIL import Image

from consent.models import Grant, VaultAccess
from consent.services.vault import plus_data_mining
from tests.consent.factories_shots import GrantWorld, make_asset

pytestmark = pytest.mark.django_db
PLUS = "{http://ns.useplus.org/ldf/xmp/1.0/}DataMining"


@pytest.fixture
def vault_world(shot_world):
    shot_world.asset = make_asset(shot_world.listing)
    return shot_world


def url(world, kind="view", asset=None):
    return f"/grants/{world.grant.pk}/vault/{(asset or world.asset).pk}/{kind}/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def data_mining_of(data: bytes) -> str:
    with Image.open(io.BytesIO(data)) as im:
        root = ET.fromstring(im.info["xmp"])  # noqa: S314 - our own output, read back
    return root.find(f".//{PLUS}").text.rsplit("/", 1)[-1]


# --- the ladder ----------------------------------------------------------------------------


def test_an_anonymous_visitor_is_sent_to_sign_in(vault_world):
    response = Client().get(url(vault_world))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["outsider", "actor", "signing_agent"])
def test_anyone_outside_the_studio_gets_a_404(vault_world, who):
    assert client_for(getattr(vault_world, who)).get(url(vault_world)).status_code == 404


@pytest.mark.parametrize("who", ["viewer", "producer", "owner"])
def test_every_member_of_the_studio_sees_the_copy(vault_world, who):
    response = client_for(getattr(vault_world, who)).get(url(vault_world))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_the_copy_is_served_by_the_portal_never_by_a_presigned_redirect(vault_world, settings):
    settings.AWS_STORAGE_BUCKET_NAME = "portrait-private"
    response = client_for(vault_world.viewer).get(url(vault_world))
    assert response.status_code == 200
    assert "Location" not in response


def test_the_copy_is_never_cached(vault_world):
    response = client_for(vault_world.viewer).get(url(vault_world))
    assert "no-store" in response["Cache-Control"]


def test_a_download_is_an_attachment(vault_world):
    response = client_for(vault_world.viewer).get(url(vault_world, "download"))
    assert response["Content-Disposition"].startswith("attachment")


def test_an_unknown_access_kind_is_a_404(vault_world):
    assert client_for(vault_world.viewer).get(url(vault_world, "stream")).status_code == 404


def test_nginx_serves_the_bytes_when_x_accel_is_configured(vault_world, settings):
    settings.PORTAL_X_ACCEL_PREFIX = "/protected/"
    response = client_for(vault_world.viewer).get(url(vault_world))
    assert response["X-Accel-Redirect"].startswith("/protected/vault/")


# --- what the copy says --------------------------------------------------------------------


def test_the_copy_is_marked_and_not_the_original_bytes(vault_world):
    data = body(client_for(vault_world.viewer).get(url(vault_world)))
    original = vault_world.asset.original.open("rb").read()
    assert data != original


def test_by_default_the_copy_prohibits_data_mining_and_ai_training(vault_world):
    data = body(client_for(vault_world.viewer).get(url(vault_world)))
    assert data_mining_of(data) == "DMI-PROHIBITED"


def test_the_copy_names_the_grant_in_its_xmp(vault_world):
    data = body(client_for(vault_world.viewer).get(url(vault_world)))
    with Image.open(io.BytesIO(data)) as im:
        assert f"portrait:grant:{vault_world.grant.pk}".encode() in im.info["xmp"]


@pytest.mark.parametrize(
    ("training", "value"),
    [
        ({}, "DMI-PROHIBITED"),
        ({"data_mining": "notAllowed", "ai_training": "allowed"}, "DMI-PROHIBITED"),
        ({"data_mining": "allowed"}, "DMI-PROHIBITED-AIMLTRAINING"),
        ({"data_mining": "allowed", "ai_training": "allowed"}, "DMI-PROHIBITED-GENAIMLTRAINING"),
        (
            {
                "data_mining": "allowed",
                "ai_training": "allowed",
                "ai_generative_training": "allowed",
            },
            "DMI-ALLOWED",
        ),
        ({"data_mining": "allowed", "ai_training": "constrained"}, "DMI-PROHIBITED-SEECONSTRAINT"),
        ({"data_mining": "yes please"}, "DMI-PROHIBITED"),
    ],
)
def test_the_grants_training_choices_map_to_the_plus_vocabulary(training, value):
    assert plus_data_mining(training=training) == value


def test_a_grant_allowing_training_says_so_in_the_copy():
    world = GrantWorld(
        training={
            "data_mining": "allowed",
            "ai_inference": "allowed",
            "ai_generative_training": "allowed",
            "ai_training": "allowed",
        }
    )
    world.asset = make_asset(world.listing)
    data = body(client_for(world.viewer).get(url(world)))
    assert data_mining_of(data) == "DMI-ALLOWED"


# --- only what the grant covers ------------------------------------------------------------


def test_a_voice_only_grant_opens_no_photos():
    world = GrantWorld(use_types=["voice"])
    world.asset = make_asset(world.listing)
    assert client_for(world.viewer).get(url(world)).status_code == 404


def test_another_actors_asset_is_a_404(vault_world):
    other = make_asset(GrantWorld().listing)
    response = client_for(vault_world.viewer).get(url(vault_world, asset=other))
    assert response.status_code == 404


def test_an_asset_still_processing_is_a_404(vault_world):
    asset = make_asset(vault_world.listing, status="processing")
    response = client_for(vault_world.viewer).get(url(vault_world, asset=asset))
    assert response.status_code == 404


# --- the very next request -----------------------------------------------------------------


def test_access_is_refused_on_the_request_right_after_the_grant_ends_by_the_clock(vault_world):
    client = client_for(vault_world.viewer)
    assert client.get(url(vault_world)).status_code == 200
    Grant.objects.filter(pk=vault_world.grant.pk).update(
        ends_at=timezone.now() - timedelta(microseconds=1)
    )
    assert client.get(url(vault_world)).status_code == 404


@pytest.mark.parametrize("status", ["suspended", "revoked", "completed"])
def test_access_is_refused_on_the_request_right_after_the_grant_stops(vault_world, status):
    client = client_for(vault_world.viewer)
    assert client.get(url(vault_world)).status_code == 200
    Grant.objects.filter(pk=vault_world.grant.pk).update(
        status=status, ended_at=timezone.now(), suspended_at=timezone.now()
    )
    assert client.get(url(vault_world)).status_code == 404


def test_the_vault_page_lists_nothing_once_the_grant_stops(vault_world):
    client = client_for(vault_world.viewer)
    assert vault_world.asset.label in client.get(f"/grants/{vault_world.grant.pk}/vault/").text
    Grant.objects.filter(pk=vault_world.grant.pk).update(
        ends_at=timezone.now() - timedelta(microseconds=1)
    )
    page = client.get(f"/grants/{vault_world.grant.pk}/vault/").text
    assert vault_world.asset.label not in page


# --- the log -------------------------------------------------------------------------------


def test_every_view_and_download_is_logged_with_who_and_when(vault_world):
    client = client_for(vault_world.viewer)
    client.get(url(vault_world))
    client.get(url(vault_world, "download"))
    rows = VaultAccess.objects.filter(grant=vault_world.grant).order_by("at", "pk")
    assert [(a.user_id, a.kind) for a in rows] == [
        (vault_world.viewer.pk, "view"),
        (vault_world.viewer.pk, "download"),
    ]


def test_a_refused_request_is_not_logged(vault_world):
    client_for(vault_world.outsider).get(url(vault_world))
    assert not VaultAccess.objects.exists()


def test_the_copy_is_made_once_per_grant_and_asset(vault_world):
    client = client_for(vault_world.viewer)
    first = body(client.get(url(vault_world)))
    second = body(client.get(url(vault_world)))
    assert first == second
    assert vault_world.grant.vault_copies.count() == 1


def test_the_actor_sees_the_log_on_their_listing_page(vault_world):
    client_for(vault_world.viewer).get(url(vault_world, "download"))
    page = client_for(vault_world.actor).get(f"/listing/{vault_world.listing.slug}/")
    assert page.status_code == 200
    assert "Who opened your reference assets" in page.text
    assert vault_world.studio.name in page.text


def test_an_agent_managing_the_listing_does_not_see_the_log(vault_world):
    from guardian.shortcuts import assign_perm

    assign_perm("actors.edit_listing", vault_world.signing_agent, vault_world.listing)
    page = client_for(vault_world.signing_agent).get(f"/listing/{vault_world.listing.slug}/")
    assert page.status_code == 200
    assert "Who opened your reference assets" not in page.text
