"""
Representations and guardianships change through one writer each, which checks the table,
audits and tells the other side; account deletion goes through the same services.
"""

import pytest
from django.urls import reverse
from guardian.shortcuts import get_perms

from actors.models import Guardianship, OptOut, Representation
from actors.services import register as register_services
from actors.services import representation as services
from portal.exceptions import DomainError
from portal.models import AuditEvent, Notification, Role
from portal.services import account_delete
from tests.actors.factories import make_listing
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(actor):
    return make_listing(actor, slug="lin-xiaoyu", stage_name="林晓雨")


@pytest.fixture
def agent(db):
    return make_user("agent@example.com", roles=[Role.AGENT])


@pytest.fixture
def guardian(db):
    return make_user("mother@example.com")


@pytest.fixture
def requested(listing, agent):
    return services.representation_request(listing=listing, agent=agent)


@pytest.fixture
def active(requested, listing):
    return services.representation_respond(
        representation=requested, accept=True, rights=["edit_listing"], acting_user=listing.owner
    )


@pytest.fixture
def invited(listing, guardian):
    return services.guardianship_invite(
        listing=listing,
        guardian_email=guardian.email,
        relationship="mother",
        acting_user=listing.owner,
    )


def _audited(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def _notice(recipient, kind: str) -> Notification:
    return Notification.objects.get(recipient=recipient, kind=kind)


# --- representation ----------------------------------------------------------------------------


def test_accepting_goes_through_the_table_and_grants_the_rights(active, agent, listing):
    assert get_perms(agent, listing) == ["edit_listing"]


def test_a_declined_request_cannot_then_be_accepted(requested, listing):
    services.representation_respond(
        representation=requested, accept=False, acting_user=listing.owner
    )
    with pytest.raises(DomainError, match="cannot be changed that way"):
        services.representation_respond(
            representation=requested, accept=True, rights=[], acting_user=listing.owner
        )


def test_rights_of_a_request_not_yet_accepted_cannot_be_set(requested, listing):
    with pytest.raises(DomainError, match="cannot be changed that way"):
        services.representation_set_rights(
            representation=requested, rights=["edit_listing"], acting_user=listing.owner
        )


def test_an_ended_representation_cannot_end_again(active, agent):
    services.representation_end(representation=active, acting_user=agent)
    with pytest.raises(DomainError, match="cannot be changed that way"):
        services.representation_end(representation=active, acting_user=agent)


def test_an_agent_may_take_their_request_back(requested, agent):
    ended = services.representation_end(representation=requested, acting_user=agent)
    assert ended.status == Representation.Status.ENDED


def test_every_move_is_audited_with_where_it_came_from(active, listing):
    event = AuditEvent.objects.get(action="representation.accepted")
    assert (event.data["from"], event.data["to"]) == ("requested", "active")


def test_the_agent_hears_of_an_accepted_request_with_a_link_to_their_hub(active, agent):
    assert _notice(agent, "representation_accepted").url == reverse("agent_hub")


def test_the_actor_hears_of_a_request_with_a_link_to_the_listing(requested, listing):
    notice = _notice(listing.owner, "representation_requested")
    assert notice.url == reverse("listing_manage", kwargs={"slug": listing.slug})


def test_the_actor_hears_when_the_agent_ends_it(active, agent, listing):
    services.representation_end(representation=active, acting_user=agent)
    assert _notice(listing.owner, "representation_ended").url == reverse(
        "listing_manage", kwargs={"slug": listing.slug}
    )


def test_the_agent_hub_offers_to_withdraw_a_pending_request(requested, agent, client):
    client.force_login(agent)
    page = client.get(reverse("agent_hub"))
    assert reverse("representation_end", args=[requested.pk]) in page.text


def test_the_listing_page_offers_accept_but_not_end_for_a_request(requested, listing, client):
    client.force_login(listing.owner)
    page = client.get(reverse("listing_manage", kwargs={"slug": listing.slug}))
    assert 'value="accept"' in page.text
    assert reverse("representation_end", args=[requested.pk]) not in page.text


def test_the_listing_page_offers_rights_and_end_for_an_active_agent(active, listing, client):
    client.force_login(listing.owner)
    page = client.get(reverse("listing_manage", kwargs={"slug": listing.slug}))
    assert reverse("representation_end", args=[active.pk]) in page.text
    assert 'value="accept"' not in page.text


# --- guardianship ------------------------------------------------------------------------------


def test_a_guardian_accepts_then_approves(invited, guardian):
    services.guardianship_respond(guardianship=invited, accept=True, acting_user=guardian)
    approved = services.guardianship_approve_listing(guardianship=invited, acting_user=guardian)
    assert approved.listing_approved_at is not None


def test_an_invitation_not_yet_accepted_cannot_approve_the_listing(invited, guardian):
    with pytest.raises(DomainError, match="cannot be changed that way"):
        services.guardianship_approve_listing(guardianship=invited, acting_user=guardian)


def test_a_declined_invitation_cannot_then_be_accepted(invited, guardian):
    services.guardianship_respond(guardianship=invited, accept=False, acting_user=guardian)
    with pytest.raises(DomainError, match="cannot be changed that way"):
        services.guardianship_respond(guardianship=invited, accept=True, acting_user=guardian)


def test_only_staff_check_a_guardians_identity(invited, guardian):
    services.guardianship_respond(guardianship=invited, accept=True, acting_user=guardian)
    with pytest.raises(DomainError, match="Only staff"):
        services.guardianship_check_identity(guardianship=invited, staff_user=guardian)


def test_staff_cannot_check_the_identity_of_an_unanswered_invitation(invited):
    staff = make_user("ops@example.com", staff=True)
    with pytest.raises(DomainError, match="cannot be changed that way"):
        services.guardianship_check_identity(guardianship=invited, staff_user=staff)


def test_a_guardians_answer_is_audited(invited, guardian):
    services.guardianship_respond(guardianship=invited, accept=True, acting_user=guardian)
    assert _audited("guardianship.accepted") == 1


def test_the_guardian_hub_offers_accept_and_decline_for_an_invitation(invited, guardian, client):
    client.force_login(guardian)
    page = client.get(reverse("guardian_hub"))
    assert reverse("guardianship_answer", args=[invited.pk, "decline"]) in page.text


def test_the_guardian_hub_offers_approval_once_accepted(invited, guardian, client):
    services.guardianship_respond(guardianship=invited, accept=True, acting_user=guardian)
    client.force_login(guardian)
    page = client.get(reverse("guardian_hub"))
    assert reverse("guardianship_answer", args=[invited.pk, "approve"]) in page.text


def test_an_unknown_guardian_answer_is_not_found(invited, guardian, client):
    client.force_login(guardian)
    url = reverse("guardianship_answer", args=[invited.pk, "end"])
    assert client.post(url).status_code == 404


# --- account deletion goes through the services ----------------------------------------------


def test_a_deleted_guardians_guardianship_ends_through_the_service(invited, guardian):
    account_delete(user=guardian, acting_user=guardian)
    invited.refresh_from_db()
    assert invited.status == Guardianship.Status.ENDED


def test_a_deleted_guardians_guardianship_end_is_audited(invited, guardian):
    account_delete(user=guardian, acting_user=guardian)
    assert _audited("guardianship.ended") == 1


def test_the_actor_hears_their_guardian_is_gone(invited, guardian, listing):
    account_delete(user=guardian, acting_user=guardian)
    assert _notice(listing.owner, "guardianship_ended").context["actor"] == "林晓雨"


def test_a_deleted_actors_guardianship_ends_too(invited, listing):
    account_delete(user=listing.owner, acting_user=listing.owner)
    invited.refresh_from_db()
    assert invited.status == Guardianship.Status.ENDED


def test_a_deleted_agents_representation_ends_and_is_audited(active, agent):
    account_delete(user=agent, acting_user=agent)
    assert _audited("representation.ended") == 1


def test_a_deleted_accounts_opt_out_is_withdrawn_and_audited(actor):
    register_services.optout_publish(user=actor, public_name="林晓雨")
    account_delete(user=actor, acting_user=actor)
    assert _audited("optout.withdrawn") == 1


def test_a_deleted_accounts_opt_out_leaves_the_register(actor):
    opt_out = register_services.optout_publish(user=actor, public_name="林晓雨")
    account_delete(user=actor, acting_user=actor)
    assert OptOut.objects.get(pk=opt_out.pk).withdrawn_at is not None
