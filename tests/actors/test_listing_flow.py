"""The whole path an actor walks: sign in, build a listing, get verified, pause, withdraw."""

import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from actors.models import Listing
from portal.models import AuditEvent, Notification, Role
from tests.conftest import client_for, make_user, sign_in

pytestmark = pytest.mark.django_db


def _photo():
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), (200, 150, 120)).save(buffer, "JPEG")
    return SimpleUploadedFile("me.jpg", buffer.getvalue())


def _staff_client():
    staff = make_user("ops@example.com", staff=True, is_superuser=True)
    TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client = client_for(staff)
    session = client.session
    session["account_authentication_methods"] = [{"method": "mfa", "at": 0, "type": "totp"}]
    session["account_authentication_methods_user"] = str(staff.pk)
    session.save()
    return client


def test_an_actor_builds_a_listing_gets_verified_then_pauses_and_withdraws(
    django_capture_on_commit_callbacks,
):
    make_user("new.actor@example.com", roles=[Role.ACTOR])
    actor = Client()
    sign_in(actor, "new.actor@example.com")
    assert (
        actor.post("/listing/", {"stage_name": "王芳 Wang Fang", "slug": "wang-fang"}).status_code
        == 302
    )
    actor.post(
        "/listing/wang-fang/profile/",
        {
            "stage_name": "王芳 Wang Fang",
            "headline": "都市剧 · Contemporary drama",
            "bio": "北京电影学院表演系毕业。",
            "languages": ["cmn", "en"],
            "location": "北京",
        },
    )
    actor.post(
        "/listing/wang-fang/private/",
        {
            "legal_name": "王芳",
            "date_of_birth": "1994-03-02",
            "contact_email": "new.actor@example.com",
            "contact_phone": "",
        },
    )
    actor.post(
        "/listing/wang-fang/terms/",
        {
            "use_types": ["face"],
            "genres": ["drama"],
            "formats": ["series"],
            "territories": ["CN"],
            "training_data_mining": "not_allowed",
            "training_ai_inference": "allowed",
            "training_ai_generative_training": "not_allowed",
            "training_ai_training": "not_allowed",
            "max_term_months": 12,
            "fee_floor": "3000",
            "currency": "CNY",
            "response_window_hours": 72,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        actor.post("/listing/wang-fang/media/headshots/", {"image": _photo()})
    overview = actor.get("/listing/wang-fang/")
    assert "Before you can submit" not in overview.text
    assert Client().get("/actors/wang-fang/").status_code == 404  # not public yet

    actor.post("/listing/wang-fang/status/submit/")
    listing = Listing.objects.get(slug="wang-fang")
    assert listing.status == "awaiting_verification"

    staff = _staff_client()
    response = staff.post(
        "/admin/actors/listing/",
        {
            "action": "verify_identity",
            "_selected_action": [listing.pk],
        },
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == "listed"
    assert listing.is_verified
    assert Notification.objects.filter(
        recipient=listing.owner, kind="listing_status_changed"
    ).exists()

    public = Client().get("/actors/wang-fang/")
    assert public.status_code == 200
    assert "Identity verified" in public.text
    assert "王芳" in public.text
    assert "1994" not in public.text  # the date of birth stays private

    actor.post("/listing/wang-fang/status/pause/")
    assert "Paused: not taking new pitches" in Client().get("/actors/wang-fang/").text
    actor.post("/listing/wang-fang/status/withdraw/")
    assert Client().get("/actors/wang-fang/").status_code == 404
    register = Client().get("/register/", {"q": "王芳"})
    assert "Withdrawn" in register.text
    actions = list(
        AuditEvent.objects.filter(target_id=str(listing.pk))
        .order_by("created_at", "id")
        .values_list("action", flat=True)
    )
    assert actions[0] == "listing.created"
    assert actions[-3:] == ["listing.verify", "listing.pause", "listing.withdraw"]
