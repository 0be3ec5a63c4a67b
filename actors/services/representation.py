"""Agents and guardians: who may act for an actor, and with which rights."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from actors import ledger_events
from actors.choices import AgentRight
from actors.models import Guardianship, Listing, Representation
from portal.exceptions import DomainError
from portal.models import Role, User
from portal.services import audit_record, notification_create


def _lock(representation: Representation) -> Representation:
    return (
        Representation.objects.select_for_update()
        .select_related("listing")
        .get(pk=representation.pk)
    )


def _sync_perms(representation: Representation) -> None:
    """Guardian object permissions mirror the active rights exactly."""
    agent, listing = representation.agent, representation.listing
    active = representation.status == Representation.Status.ACTIVE
    for right in AgentRight.values:
        if active and right in representation.rights:
            assign_perm(f"actors.{right}", agent, listing)
        else:
            remove_perm(f"actors.{right}", agent, listing)


def _clean_rights(rights) -> list[str]:
    unknown = set(rights) - set(AgentRight.values)
    if unknown:
        raise DomainError(_("Unknown right: %(right)s.") % {"right": ", ".join(sorted(unknown))})
    return [r for r in AgentRight.values if r in rights]


@transaction.atomic
def representation_request(*, listing: Listing, agent: User, message: str = "") -> Representation:
    if not agent.has_role(Role.AGENT):
        raise DomainError(_("Only an account with the agent role can ask to represent an actor."))
    if listing.owner_id == agent.pk:
        raise DomainError(_("You cannot represent yourself."))
    open_ = Representation.objects.filter(
        listing=listing,
        agent=agent,
        status__in=[Representation.Status.REQUESTED, Representation.Status.ACTIVE],
    )
    if open_.exists():
        raise DomainError(_("You already represent this actor or have asked to."), code="duplicate")
    representation = Representation.objects.create(listing=listing, agent=agent, message=message)
    audit_record(actor=agent, action="representation.requested", target=listing)
    notification_create(
        recipient=listing.owner,
        kind="representation_requested",
        context={"agent": str(agent)},
        url="/listing/",
    )
    return representation


@transaction.atomic
def representation_respond(
    *, representation: Representation, accept: bool, rights=(), acting_user: User
) -> Representation:
    representation = _lock(representation)
    if representation.status != Representation.Status.REQUESTED:
        raise DomainError(_("This request has already been answered."), code="answered")
    representation.status = (
        Representation.Status.ACTIVE if accept else Representation.Status.DECLINED
    )
    representation.rights = _clean_rights(rights) if accept else []
    representation.responded_at = timezone.now()
    representation.save()
    _sync_perms(representation)
    audit_record(
        actor=acting_user,
        action="representation.accepted" if accept else "representation.declined",
        target=representation.listing,
        data={"agent": representation.agent_id, "rights": representation.rights},
    )
    if accept:
        ledger_events.ledger_representation(
            representation=representation, event="granted", acting_user=acting_user
        )
    notification_create(
        recipient=representation.agent,
        kind="representation_accepted" if accept else "representation_declined",
        context={"actor": representation.listing.stage_name},
        url="/agent/",
    )
    return representation


@transaction.atomic
def representation_set_rights(
    *, representation: Representation, rights, acting_user: User
) -> Representation:
    representation = _lock(representation)
    if representation.status != Representation.Status.ACTIVE:
        raise DomainError(_("Only an active representation has rights to change."))
    representation.rights = _clean_rights(rights)
    representation.save(update_fields=["rights", "updated_at"])
    _sync_perms(representation)
    audit_record(
        actor=acting_user,
        action="representation.rights_changed",
        target=representation.listing,
        data={"agent": representation.agent_id, "rights": representation.rights},
    )
    ledger_events.ledger_representation(
        representation=representation, event="rights_changed", acting_user=acting_user
    )
    notification_create(
        recipient=representation.agent,
        kind="representation_rights_changed",
        context={"actor": representation.listing.stage_name},
        url="/agent/",
    )
    return representation


@transaction.atomic
def representation_end(*, representation: Representation, acting_user: User) -> Representation:
    """Either side may end it, at any time; the agent's rights end with it, at once."""
    representation = _lock(representation)
    if representation.status not in (Representation.Status.ACTIVE, Representation.Status.REQUESTED):
        raise DomainError(_("This representation has already ended."), code="ended")
    representation.status = Representation.Status.ENDED
    representation.ended_at = timezone.now()
    representation.save(update_fields=["status", "ended_at", "updated_at"])
    _sync_perms(representation)
    audit_record(
        actor=acting_user,
        action="representation.ended",
        target=representation.listing,
        data={"agent": representation.agent_id},
    )
    if representation.responded_at is not None:  # it was granted, not just requested
        ledger_events.ledger_representation(
            representation=representation, event="ended", acting_user=acting_user
        )
    other = (
        representation.agent
        if acting_user.pk == representation.listing.owner_id
        else representation.listing.owner
    )
    notification_create(
        recipient=other,
        kind="representation_ended",
        context={"actor": representation.listing.stage_name, "agent": str(representation.agent)},
        url="/dashboard/",
    )
    return representation


# --- guardians of minors -------------------------------------------------------------------


@transaction.atomic
def guardianship_invite(
    *, listing: Listing, guardian_email: str, relationship: str, acting_user: User
) -> Guardianship:
    guardian = User.objects.filter(email__iexact=guardian_email.strip(), is_active=True).first()
    if guardian is None or not guardian.emailaddress_set.filter(verified=True).exists():
        raise DomainError(
            _(
                "There is no verified Portrait account with that email. Ask your guardian to "
                "create an account first, then invite them again."
            ),
            code="no_account",
        )
    if guardian.pk == listing.owner_id:
        raise DomainError(_("A guardian must be another person."))
    if listing.guardianships.filter(status__in=["invited", "active"]).exists():
        raise DomainError(_("This listing already has a guardian or a pending invitation."))
    guardianship = Guardianship.objects.create(
        listing=listing, guardian=guardian, relationship=relationship
    )
    audit_record(actor=acting_user, action="guardianship.invited", target=listing)
    notification_create(
        recipient=guardian,
        kind="guardian_invited",
        context={"actor": listing.stage_name},
        url="/guardian/",
    )
    return guardianship


def _lock_guardianship(guardianship: Guardianship) -> Guardianship:
    return (
        Guardianship.objects.select_for_update().select_related("listing").get(pk=guardianship.pk)
    )


@transaction.atomic
def guardianship_respond(
    *, guardianship: Guardianship, accept: bool, acting_user: User
) -> Guardianship:
    guardianship = _lock_guardianship(guardianship)
    if guardianship.status != Guardianship.Status.INVITED:
        raise DomainError(_("This invitation has already been answered."))
    guardianship.status = Guardianship.Status.ACTIVE if accept else Guardianship.Status.DECLINED
    guardianship.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=acting_user, action=f"guardianship.{guardianship.status}", target=guardianship.listing
    )
    if accept:
        ledger_events.ledger_guardianship(
            guardianship=guardianship, event="granted", acting_user=acting_user
        )
    notification_create(
        recipient=guardianship.listing.owner,
        kind="guardian_answered",
        context={"accepted": accept},
        url="/listing/",
    )
    return guardianship


@transaction.atomic
def guardianship_approve_listing(*, guardianship: Guardianship, acting_user: User) -> Guardianship:
    guardianship = _lock_guardianship(guardianship)
    if guardianship.status != Guardianship.Status.ACTIVE:
        raise DomainError(_("Accept the invitation before approving the listing."))
    guardianship.listing_approved_at = timezone.now()
    guardianship.save(update_fields=["listing_approved_at", "updated_at"])
    audit_record(
        actor=acting_user, action="guardianship.listing_approved", target=guardianship.listing
    )
    ledger_events.ledger_guardianship(
        guardianship=guardianship, event="listing_approved", acting_user=acting_user
    )
    notification_create(
        recipient=guardianship.listing.owner,
        kind="guardian_approved",
        url="/listing/",
    )
    return guardianship


@transaction.atomic
def guardianship_check_identity(*, guardianship: Guardianship, staff_user: User) -> Guardianship:
    if not staff_user.is_staff:
        raise DomainError(_("Only staff can check identities."), code="forbidden")
    guardianship = _lock_guardianship(guardianship)
    guardianship.identity_checked_at = timezone.now()
    guardianship.identity_checked_by = staff_user
    guardianship.save(update_fields=["identity_checked_at", "identity_checked_by", "updated_at"])
    audit_record(
        actor=staff_user, action="guardianship.identity_checked", target=guardianship.listing
    )
    ledger_events.ledger_guardianship(
        guardianship=guardianship, event="identity_checked", acting_user=staff_user
    )
    return guardianship
