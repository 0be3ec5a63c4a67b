from datetime import timedelta

import pytest
from django.contrib import admin
from django.core import mail
from django.utils import timezone

from creators.models import Studio, StudioInvitation, StudioMembership
from creators.services import studios as studio_services
from portal.exceptions import DomainError
from portal.models import AuditEvent, Notification, Role
from tests.conftest import admin_request, client_for, make_user
from tests.creators.factories import make_studio

pytestmark = pytest.mark.django_db

PERMS = ("manage_studio", "produce", "follow_studio")


def _perms(user, studio):
    # A fresh user object: Django caches permissions on the instance.
    fresh = type(user).objects.get(pk=user.pk)
    return {p for p in PERMS if fresh.has_perm(f"creators.{p}", studio)}


@pytest.fixture
def ladder():
    """A studio with an owner, a producer and a viewer, and an unrelated creator."""
    owner = make_user("owner@example.com", roles=[Role.CREATOR])
    producer = make_user("producer@example.com", roles=[Role.CREATOR])
    viewer = make_user("viewer@example.com", roles=[Role.CREATOR])
    outsider = make_user("outsider@example.com", roles=[Role.CREATOR, Role.ACTOR])
    studio = make_studio(
        owner,
        slug="lantern",
        name="Lantern Films",
        members=[(producer, "producer"), (viewer, "viewer")],
    )
    return {
        "studio": studio,
        "owner": owner,
        "producer": producer,
        "viewer": viewer,
        "outsider": outsider,
    }


# --- creating a studio ----------------------------------------------------------------------


def test_anonymous_is_sent_to_sign_in_for_studio_pages(ladder):
    for url in ["/studios/", "/studios/new/", "/studios/lantern/", "/studios/lantern/invite/"]:
        response = client_for().get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_only_creators_can_open_the_new_studio_page(actor):
    assert client_for(actor).get("/studios/new/").status_code == 404


def test_creator_creates_a_studio_and_becomes_its_owner(creator):
    response = client_for(creator).post(
        "/studios/new/",
        {
            "name": "Red Thread",
            "slug": "red-thread",
            "legal_entity": "Red Thread Pictures Ltd.",
            "country": "China",
            "website": "https://redthread.example.com",
            "description": "AI short dramas.",
        },
    )
    studio = Studio.objects.get(slug="red-thread")
    assert response.status_code == 302
    assert response["Location"] == "/studios/red-thread/"
    assert studio.memberships.get().user == creator
    assert studio.memberships.get().role == "owner"
    assert _perms(creator, studio) == set(PERMS)
    assert not studio.is_verified
    assert AuditEvent.objects.filter(action="studio.created", target_id=str(studio.pk)).exists()


def test_a_taken_or_reserved_address_is_refused(creator, ladder):
    data = {"name": "X", "legal_entity": "X Ltd.", "country": "China"}
    for slug in ["lantern", "new", "join"]:
        response = client_for(creator).post("/studios/new/", {**data, "slug": slug})
        assert response.status_code == 200
        assert response.context["form"].errors["slug"]
    assert Studio.objects.count() == 1


# --- the studio page ------------------------------------------------------------------------


def test_studio_page_is_a_404_to_non_members(ladder):
    assert client_for(ladder["outsider"]).get("/studios/lantern/").status_code == 404


def test_viewer_sees_the_studio_but_no_member_controls(ladder):
    response = client_for(ladder["viewer"]).get("/studios/lantern/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Lantern Films" in body
    assert "/studios/lantern/invite/" not in body
    assert "Write a brief" not in body


def test_owner_sees_invitation_and_member_controls(ladder):
    body = client_for(ladder["owner"]).get("/studios/lantern/").content.decode()
    assert "/studios/lantern/invite/" in body
    assert "Change role" in body


def test_verified_badge_shows_once_staff_verify(ladder):
    studio = make_studio(ladder["owner"], verified=False, slug="fresh")
    assert (
        "Verified studio" not in client_for(ladder["owner"]).get("/studios/fresh/").content.decode()
    )
    staff = make_user("staff@example.com", staff=True)
    studio_services.studio_verify(studio=studio, staff_user=staff)
    assert "Verified studio" in client_for(ladder["owner"]).get("/studios/fresh/").content.decode()


def test_only_staff_verify_and_only_once(ladder):
    studio = make_studio(verified=False)
    with pytest.raises(DomainError):
        studio_services.studio_verify(studio=studio, staff_user=ladder["owner"])
    staff = make_user("staff@example.com", staff=True)
    studio_services.studio_verify(studio=studio, staff_user=staff)
    studio.refresh_from_db()
    assert studio.is_verified
    assert studio.verified_by == staff
    assert Notification.objects.filter(recipient=studio.created_by, kind="studio_verified").exists()
    with pytest.raises(DomainError):
        studio_services.studio_verify(studio=studio, staff_user=staff)


def test_admin_verify_action_calls_the_service(ladder):
    studio = make_studio(verified=False)
    staff = make_user("staff@example.com", staff=True, is_superuser=True)
    model_admin = admin.site._registry[Studio]
    model_admin.verify_studio(admin_request(staff), Studio.objects.filter(pk=studio.pk))
    studio.refresh_from_db()
    assert studio.is_verified


# --- editing the studio's details -----------------------------------------------------------

EDIT_URL = "/studios/lantern/edit/"


def _details(studio, **changes):
    fields = ("name", "legal_entity", "country", "website", "description")
    return {**{name: getattr(studio, name) for name in fields}, **changes}


def test_edit_page_climbs_the_ladder(ladder):
    data = _details(ladder["studio"], name="Lantern Pictures")
    response = client_for().get(EDIT_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client_for(ladder["outsider"]).get(EDIT_URL).status_code == 404
    assert client_for(ladder["outsider"]).post(EDIT_URL, data).status_code == 404
    for who in ("viewer", "producer"):
        assert client_for(ladder[who]).get(EDIT_URL).status_code == 403
        assert client_for(ladder[who]).post(EDIT_URL, data).status_code == 403
    ladder["studio"].refresh_from_db()
    assert ladder["studio"].name == "Lantern Films"
    assert client_for(ladder["owner"]).get(EDIT_URL).status_code == 200
    response = client_for(ladder["owner"]).post(EDIT_URL, data)
    assert response.status_code == 302
    assert response["Location"] == "/studios/lantern/"
    ladder["studio"].refresh_from_db()
    assert ladder["studio"].name == "Lantern Pictures"


def test_only_owners_see_the_edit_link(ladder):
    assert EDIT_URL in client_for(ladder["owner"]).get("/studios/lantern/").content.decode()
    for who in ("viewer", "producer"):
        assert EDIT_URL not in client_for(ladder[who]).get("/studios/lantern/").content.decode()


def test_the_address_cannot_be_changed_on_the_edit_page(ladder):
    data = _details(ladder["studio"], slug="elsewhere")
    client_for(ladder["owner"]).post(EDIT_URL, data)
    assert Studio.objects.filter(slug="lantern").exists()
    assert not Studio.objects.filter(slug="elsewhere").exists()


def test_the_edit_form_warns_a_verified_studio_about_its_verification(ladder):
    body = client_for(ladder["owner"]).get(EDIT_URL).content.decode()
    assert "removes the studio's verification" in body
    make_studio(ladder["owner"], verified=False, slug="fresh")
    body = client_for(ladder["owner"]).get("/studios/fresh/edit/").content.decode()
    assert "removes the studio's verification" not in body


def test_producer_and_viewer_cannot_update_through_the_service(ladder):
    for who in ("viewer", "producer", "outsider"):
        with pytest.raises(DomainError) as caught:
            studio_services.studio_update(
                studio=ladder["studio"], data={"name": "Hijacked"}, acting_user=ladder[who]
            )
        assert caught.value.code == "forbidden"
    ladder["studio"].refresh_from_db()
    assert ladder["studio"].name == "Lantern Films"


@pytest.mark.parametrize(
    ("changes", "keeps_verification"),
    [
        ({"name": "Lantern Pictures"}, True),
        ({"website": "https://lantern.example.com", "description": "New slate."}, True),
        ({"legal_entity": "Lantern Holdings Ltd."}, False),
        ({"country": "Singapore"}, False),
        ({"name": "Lantern Pictures", "country": "Singapore"}, False),
    ],
)
def test_verification_is_cleared_only_when_the_verified_facts_change(
    ladder, changes, keeps_verification
):
    staff = make_user("staff@example.com", staff=True)
    studio = ladder["studio"]
    Studio.objects.filter(pk=studio.pk).update(verified_by=staff)
    studio.refresh_from_db()
    data = _details(studio, **changes)
    studio_services.studio_update(studio=studio, data=data, acting_user=ladder["owner"])
    studio.refresh_from_db()
    for name, value in changes.items():
        assert getattr(studio, name) == value
    assert studio.is_verified is keeps_verification
    assert (studio.verified_by == staff) is keeps_verification
    event = AuditEvent.objects.get(action="studio.updated", target_id=str(studio.pk))
    assert event.actor == ladder["owner"]
    assert sorted(event.data["fields"]) == sorted(changes)
    assert event.data["verification_cleared"] is not keeps_verification


def test_losing_verification_notifies_nobody_and_stops_pitching(ladder):
    from creators.permissions import can_pitch

    studio_services.studio_update(
        studio=ladder["studio"],
        data=_details(ladder["studio"], legal_entity="Another Co."),
        acting_user=ladder["owner"],
    )
    ladder["studio"].refresh_from_db()
    assert not can_pitch(ladder["producer"], ladder["studio"])
    assert not Notification.objects.exists()


def test_the_owner_is_told_when_an_edit_removes_verification(ladder):
    response = client_for(ladder["owner"]).post(
        EDIT_URL, _details(ladder["studio"], country="Singapore"), follow=True
    )
    body = response.content.decode()
    assert "no longer verified" in body
    assert "Verified studio" not in body


def test_an_unchanged_save_writes_no_audit_row(ladder):
    studio_services.studio_update(
        studio=ladder["studio"], data=_details(ladder["studio"]), acting_user=ladder["owner"]
    )
    assert not AuditEvent.objects.filter(action="studio.updated").exists()
    ladder["studio"].refresh_from_db()
    assert ladder["studio"].is_verified


# --- invitations ----------------------------------------------------------------------------


def test_viewer_and_producer_cannot_invite(ladder):
    for who in ("viewer", "producer"):
        response = client_for(ladder[who]).post(
            "/studios/lantern/invite/", {"email": "x@example.com", "role": "viewer"}
        )
        assert response.status_code == 403
    assert client_for(ladder["outsider"]).get("/studios/lantern/invite/").status_code == 404
    assert not StudioInvitation.objects.exists()


def test_inviting_an_address_without_an_account_mails_the_link_after_commit(
    ladder, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(ladder["owner"]).post(
            "/studios/lantern/invite/", {"email": "New.Person@example.com", "role": "producer"}
        )
    assert response.status_code == 302
    invitation = StudioInvitation.objects.get()
    assert invitation.role == "producer"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["New.Person@example.com"]
    assert f"/studios/join/{invitation.token}/" in mail.outbox[0].body
    assert "Lantern Films" in mail.outbox[0].subject


def test_inviting_an_existing_account_goes_through_the_outbox(ladder):
    invitee = make_user("invitee@example.com")
    studio_services.studio_invite(
        studio=ladder["studio"],
        email="INVITEE@example.com",
        role="viewer",
        acting_user=ladder["owner"],
    )
    notification = Notification.objects.get(recipient=invitee, kind="studio_invitation")
    assert notification.url.startswith("/studios/join/")


def test_inviting_a_member_is_refused(ladder):
    with pytest.raises(DomainError):
        studio_services.studio_invite(
            studio=ladder["studio"],
            email="viewer@example.com",
            role="viewer",
            acting_user=ladder["owner"],
        )


def _invite(ladder, email="invitee@example.com", role="producer"):
    return studio_services.studio_invite(
        studio=ladder["studio"], email=email, role=role, acting_user=ladder["owner"]
    )


def test_a_valid_invitation_joins_with_its_role_and_permissions(ladder):
    invitation = _invite(ladder, email="Invitee@Example.com")
    invitee = make_user("invitee@example.com")
    client = client_for(invitee)
    assert "Join the studio" in client.get(f"/studios/join/{invitation.token}/").content.decode()
    response = client.post(f"/studios/join/{invitation.token}/")
    assert response.status_code == 302
    assert response["Location"] == "/studios/lantern/"
    membership = StudioMembership.objects.get(studio=ladder["studio"], user=invitee)
    assert membership.role == "producer"
    assert _perms(invitee, ladder["studio"]) == {"produce", "follow_studio"}
    invitation.refresh_from_db()
    assert invitation.accepted_by == invitee
    assert invitation.accepted_at is not None


def test_an_invitation_for_another_email_is_refused(ladder):
    invitation = _invite(ladder)
    someone = make_user("someone-else@example.com")
    response = client_for(someone).post(f"/studios/join/{invitation.token}/")
    assert response.status_code == 200
    assert "sent to another email address" in response.content.decode()
    assert not StudioMembership.objects.filter(user=someone).exists()


def test_an_unverified_matching_address_is_not_enough(ladder):
    invitation = _invite(ladder)
    unverified = make_user("invitee@example.com", verified=False)
    with pytest.raises(DomainError):
        studio_services.studio_join(token=invitation.token, user=unverified)


def test_an_expired_invitation_says_so(ladder):
    invitation = _invite(ladder)
    StudioInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    invitee = make_user("invitee@example.com")
    response = client_for(invitee).post(f"/studios/join/{invitation.token}/")
    assert "This invitation has expired" in response.content.decode()
    assert not StudioMembership.objects.filter(user=invitee).exists()


def test_a_used_invitation_cannot_be_used_again(ladder):
    invitation = _invite(ladder)
    invitee = make_user("invitee@example.com")
    studio_services.studio_join(token=invitation.token, user=invitee)
    StudioMembership.objects.filter(user=invitee).delete()
    response = client_for(invitee).post(f"/studios/join/{invitation.token}/")
    assert "already been used" in response.content.decode()
    assert not StudioMembership.objects.filter(user=invitee).exists()


def test_an_unknown_token_is_a_404(ladder):
    assert client_for(ladder["outsider"]).get("/studios/join/nope/").status_code == 404


# --- roles, guardian permissions and the last owner -----------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", {"manage_studio", "produce", "follow_studio"}),
        ("producer", {"produce", "follow_studio"}),
        ("viewer", {"follow_studio"}),
    ],
)
def test_role_change_keeps_guardian_permissions_in_sync(ladder, role, expected):
    membership = StudioMembership.objects.get(user=ladder["producer"])
    studio_services.studio_member_set_role(
        membership=membership, role=role, acting_user=ladder["owner"]
    )
    assert _perms(ladder["producer"], ladder["studio"]) == expected


def test_removing_a_member_takes_every_permission_away(ladder):
    membership = StudioMembership.objects.get(user=ladder["producer"])
    studio_services.studio_member_remove(membership=membership, acting_user=ladder["owner"])
    assert _perms(ladder["producer"], ladder["studio"]) == set()
    assert client_for(ladder["producer"]).get("/studios/lantern/").status_code == 404


def test_the_last_owner_cannot_be_demoted_or_removed(ladder):
    owner_membership = StudioMembership.objects.get(user=ladder["owner"])
    with pytest.raises(DomainError, match="at least one owner"):
        studio_services.studio_member_set_role(
            membership=owner_membership, role="producer", acting_user=ladder["owner"]
        )
    with pytest.raises(DomainError, match="at least one owner"):
        studio_services.studio_member_remove(
            membership=owner_membership, acting_user=ladder["owner"]
        )
    assert _perms(ladder["owner"], ladder["studio"]) == set(PERMS)


def test_an_owner_can_step_down_once_there_is_another(ladder):
    producer = StudioMembership.objects.get(user=ladder["producer"])
    studio_services.studio_member_set_role(
        membership=producer, role="owner", acting_user=ladder["owner"]
    )
    owner_membership = StudioMembership.objects.get(user=ladder["owner"])
    studio_services.studio_member_set_role(
        membership=owner_membership, role="viewer", acting_user=ladder["owner"]
    )
    assert _perms(ladder["owner"], ladder["studio"]) == {"follow_studio"}


def test_member_views_climb_the_ladder(ladder):
    membership = StudioMembership.objects.get(user=ladder["viewer"])
    role_url = f"/studios/lantern/members/{membership.pk}/role/"
    remove_url = f"/studios/lantern/members/{membership.pk}/remove/"
    assert client_for().post(role_url, {"role": "owner"}).status_code == 302  # to sign in
    assert client_for(ladder["outsider"]).post(role_url, {"role": "owner"}).status_code == 404
    assert client_for(ladder["viewer"]).post(role_url, {"role": "owner"}).status_code == 403
    assert client_for(ladder["producer"]).post(remove_url).status_code == 403
    membership.refresh_from_db()
    assert membership.role == "viewer"
    client_for(ladder["owner"]).post(role_url, {"role": "producer"})
    membership.refresh_from_db()
    assert membership.role == "producer"
    client_for(ladder["owner"]).post(remove_url)
    assert not StudioMembership.objects.filter(pk=membership.pk).exists()


def test_the_page_says_why_the_last_owner_stays(ladder):
    membership = StudioMembership.objects.get(user=ladder["owner"])
    response = client_for(ladder["owner"]).post(
        f"/studios/lantern/members/{membership.pk}/role/", {"role": "viewer"}, follow=True
    )
    assert "at least one owner" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "owner"


# --- pending invitations and cancelling them ------------------------------------------------


def test_owner_sees_only_pending_invitations_on_the_studio_page(ladder):
    pending = _invite(ladder, email="pending@example.com", role="viewer")
    expired = _invite(ladder, email="expired@example.com")
    StudioInvitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    used = _invite(ladder, email="invitee@example.com")
    studio_services.studio_join(token=used.token, user=make_user("invitee@example.com"))
    body = client_for(ladder["owner"]).get("/studios/lantern/").content.decode()
    assert "pending@example.com" in body
    assert f"/studios/lantern/invitations/{pending.pk}/cancel/" in body
    assert "expired@example.com" not in body
    assert f"/studios/lantern/invitations/{used.pk}/cancel/" not in body


def test_producers_and_viewers_do_not_see_pending_invitations(ladder):
    _invite(ladder, email="pending@example.com")
    for who in ("viewer", "producer"):
        body = client_for(ladder[who]).get("/studios/lantern/").content.decode()
        assert "pending@example.com" not in body
        assert "Pending invitations" not in body


def test_cancelling_an_invitation_climbs_the_ladder(ladder):
    invitation = _invite(ladder)
    url = f"/studios/lantern/invitations/{invitation.pk}/cancel/"
    response = client_for().post(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client_for(ladder["outsider"]).post(url).status_code == 404
    for who in ("viewer", "producer"):
        assert client_for(ladder[who]).get(url).status_code == 403
        assert client_for(ladder[who]).post(url).status_code == 403
    assert StudioInvitation.objects.filter(pk=invitation.pk).exists()
    confirm = client_for(ladder["owner"]).get(url)
    assert confirm.status_code == 200
    assert "invitee@example.com" in confirm.content.decode()
    assert StudioInvitation.objects.filter(pk=invitation.pk).exists()  # GET only asks
    response = client_for(ladder["owner"]).post(url)
    assert response.status_code == 302
    assert response["Location"] == "/studios/lantern/"
    assert not StudioInvitation.objects.filter(pk=invitation.pk).exists()
    event = AuditEvent.objects.get(action="studio.invitation_cancelled")
    assert event.actor == ladder["owner"]
    assert event.data == {
        "invitation": invitation.pk,
        "email": invitation.email,
        "role": "producer",
    }


def test_an_invitation_of_another_studio_cannot_be_cancelled_here(ladder):
    other = make_studio(ladder["owner"], slug="other")
    invitation = studio_services.studio_invite(
        studio=other, email="x@example.com", role="viewer", acting_user=ladder["owner"]
    )
    url = f"/studios/lantern/invitations/{invitation.pk}/cancel/"
    assert client_for(ladder["owner"]).post(url).status_code == 404
    assert StudioInvitation.objects.filter(pk=invitation.pk).exists()


def test_only_owners_cancel_invitations_through_the_service(ladder):
    invitation = _invite(ladder)
    for who in ("viewer", "producer", "outsider"):
        with pytest.raises(DomainError) as caught:
            studio_services.studio_invitation_cancel(invitation=invitation, acting_user=ladder[who])
        assert caught.value.code == "forbidden"
    assert StudioInvitation.objects.filter(pk=invitation.pk).exists()
    assert not AuditEvent.objects.filter(action="studio.invitation_cancelled").exists()


def test_a_used_invitation_cannot_be_cancelled(ladder):
    invitation = _invite(ladder)
    invitee = make_user("invitee@example.com")
    studio_services.studio_join(token=invitation.token, user=invitee)
    with pytest.raises(DomainError, match="already been used"):
        studio_services.studio_invitation_cancel(invitation=invitation, acting_user=ladder["owner"])
    assert StudioMembership.objects.filter(user=invitee).exists()


def test_a_cancelled_invitation_is_refused_at_join(ladder):
    invitation = _invite(ladder)
    studio_services.studio_invitation_cancel(invitation=invitation, acting_user=ladder["owner"])
    invitee = make_user("invitee@example.com")
    client = client_for(invitee)
    for response in (
        client.get(f"/studios/join/{invitation.token}/"),
        client.post(f"/studios/join/{invitation.token}/"),
    ):
        assert response.status_code == 404
        assert "This invitation link is not valid." in response.content.decode()
    with pytest.raises(DomainError, match="not valid"):
        studio_services.studio_join(token=invitation.token, user=invitee)
    assert not StudioMembership.objects.filter(user=invitee).exists()
