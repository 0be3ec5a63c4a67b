"""
Agents and guardians: who may act for an actor, and with which rights. Each has one writer
(``representation_transition``, ``guardianship_transition``) that locks the row, checks the
move against its table in ``actors/states.py``, writes, audits and notifies; the named services
below are the use cases pages call, each one move through that writer.
"""

import logging
import smtplib
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from actors import ledger_events, states
from actors.choices import AgentRight
from actors.models import Guardianship, Listing, Representation
from portal.exceptions import DomainError
from portal.models import Role, User
from portal.services import audit_record, notification_create

logger = logging.getLogger(__name__)
# --- representation by agents --------------------------------------------------------------

REPRESENTATION_AUDIT = {
    "accept": "representation.accepted",
    "decline": "representation.declined",
    "set_rights": "representation.rights_changed",
    "end": "representation.ended",
}
REPRESENTATION_NOTICE = {
    "accept": "representation_accepted",
    "decline": "representation_declined",
    "set_rights": "representation_rights_changed",
    "end": "representation_ended",
}


def _lock(representation: Representation) -> Representation:
    return (
        Representation.objects.select_for_update()
        .select_related("listing", "agent")
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
        listing=listing, agent=agent, status__in=states.REPRESENTATION_OPEN
    )
    if open_.exists():
        raise DomainError(_("You already represent this actor or have asked to."), code="duplicate")
    representation = Representation.objects.create(listing=listing, agent=agent, message=message)
    audit_record(actor=agent, action="representation.requested", target=listing)
    notification_create(
        recipient=listing.owner,
        kind="representation_requested",
        context={"agent": str(agent)},
        url=reverse("listing_manage", kwargs={"slug": listing.slug}),
    )
    return representation


def _apply_representation(representation: Representation, action: str, rights) -> None:
    now = timezone.now()
    if action in ("accept", "set_rights"):
        representation.rights = _clean_rights(rights)
    elif action == "decline":
        representation.rights = []
    if action in ("accept", "decline"):
        representation.responded_at = now
    elif action == "end":
        representation.ended_at = now


def _tell_other_side(representation: Representation, action: str, acting_user: User) -> None:
    listing = representation.listing
    if action == "end" and acting_user.pk == representation.agent_id:
        recipient, url = listing.owner, reverse("listing_manage", kwargs={"slug": listing.slug})
    else:
        recipient, url = representation.agent, reverse("agent_hub")
    notification_create(
        recipient=recipient,
        kind=REPRESENTATION_NOTICE[action],
        context={"actor": listing.stage_name, "agent": str(representation.agent)},
        url=url,
    )


@transaction.atomic
def representation_transition(
    *, representation: Representation, action: str, acting_user: User, rights=()
) -> Representation:
    """The one way a representation changes; the agent's rights follow at once."""
    representation = _lock(representation)
    from_status = representation.status
    representation.status = states.ensure_representation_transition(from_status, action)
    _apply_representation(representation, action, rights)
    representation.save()
    _sync_perms(representation)
    audit_record(
        actor=acting_user,
        action=REPRESENTATION_AUDIT[action],
        target=representation.listing,
        data={
            "agent": representation.agent_id,
            "rights": representation.rights,
            "from": from_status,
            "to": representation.status,
        },
    )
    if action in states.REPRESENTATION_LEDGER_EVENTS and (
        action != "end" or from_status in states.REPRESENTATION_GRANTED
    ):
        ledger_events.ledger_representation(
            representation=representation,
            event=states.REPRESENTATION_LEDGER_EVENTS[action],
            acting_user=acting_user,
        )
    _tell_other_side(representation, action, acting_user)
    return representation


def representation_respond(
    *, representation: Representation, accept: bool, rights=(), acting_user: User
) -> Representation:
    return representation_transition(
        representation=representation,
        action="accept" if accept else "decline",
        rights=rights,
        acting_user=acting_user,
    )


def representation_set_rights(
    *, representation: Representation, rights, acting_user: User
) -> Representation:
    return representation_transition(
        representation=representation, action="set_rights", rights=rights, acting_user=acting_user
    )


def representation_end(*, representation: Representation, acting_user: User) -> Representation:
    """Either side may end it, at any time; the agent's rights end with it, at once."""
    return representation_transition(
        representation=representation, action="end", acting_user=acting_user
    )


# --- guardians of minors -------------------------------------------------------------------

GUARDIANSHIP_AUDIT = {
    "accept": "guardianship.accepted",
    "decline": "guardianship.declined",
    "approve_listing": "guardianship.listing_approved",
    "check_identity": "guardianship.identity_checked",
    "end": "guardianship.ended",
}


def _guardian_join_email(address: str) -> None:
    """Ask someone without an account to join: the inviter is told exactly what they would be
    told if the account existed, so the form never says which addresses have accounts."""
    context = {"site_url": settings.SITE_URL}
    subject = " ".join(render_to_string("notifications/guardian_join_subject.txt", context).split())
    body = render_to_string("notifications/guardian_join_body.txt", context).strip()
    try:
        EmailMultiAlternatives(subject=subject, body=body, to=[address]).send()
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("guardian join email failed (%s)", type(exc).__name__)


@transaction.atomic
def guardianship_invite(
    *, listing: Listing, guardian_email: str, relationship: str, acting_user: User
) -> Guardianship | None:
    """
    Invite the guardian. With no verified account for the address, nothing is stored and the
    address gets an email on how to join; the caller answers the same way in both cases.
    """
    address = guardian_email.strip()
    if address.lower() == listing.owner.email.lower():
        raise DomainError(_("A guardian must be another person."))
    if listing.guardianships.filter(status__in=states.GUARDIANSHIP_OPEN).exists():
        raise DomainError(_("This listing already has a guardian or a pending invitation."))
    audit_record(actor=acting_user, action="guardianship.invited", target=listing)
    guardian = User.objects.filter(email__iexact=address, is_active=True).first()
    if guardian is None or not guardian.emailaddress_set.filter(verified=True).exists():
        transaction.on_commit(partial(_guardian_join_email, address))
        return None
    if guardian.pk == listing.owner_id:
        raise DomainError(_("A guardian must be another person."))
    guardianship = Guardianship.objects.create(
        listing=listing, guardian=guardian, relationship=relationship
    )
    notification_create(
        recipient=guardian,
        kind="guardian_invited",
        context={"actor": listing.stage_name},
        url=reverse("guardian_hub"),
    )
    return guardianship


def _lock_guardianship(guardianship: Guardianship) -> Guardianship:
    return (
        Guardianship.objects.select_for_update()
        .select_related("listing__owner", "guardian")
        .get(pk=guardianship.pk)
    )


def _apply_guardianship(guardianship: Guardianship, action: str, acting_user: User) -> None:
    if action == "approve_listing":
        guardianship.listing_approved_at = timezone.now()
    elif action == "check_identity":
        guardianship.identity_checked_at = timezone.now()
        guardianship.identity_checked_by = acting_user


def _guardianship_notice(guardianship: Guardianship, action: str, acting_user: User) -> None:
    listing = guardianship.listing
    manage = reverse("listing_manage", kwargs={"slug": listing.slug})
    if action in ("accept", "decline"):
        notification_create(
            recipient=listing.owner,
            kind="guardian_answered",
            context={"accepted": action == "accept"},
            url=manage,
        )
    elif action == "approve_listing":
        notification_create(recipient=listing.owner, kind="guardian_approved", url=manage)
    elif action == "end":
        by_guardian = acting_user.pk == guardianship.guardian_id
        notification_create(
            recipient=listing.owner if by_guardian else guardianship.guardian,
            kind="guardianship_ended",
            context={"actor": listing.stage_name, "guardian": str(guardianship.guardian)},
            url=manage if by_guardian else reverse("guardian_hub"),
        )


@transaction.atomic
def guardianship_transition(
    *, guardianship: Guardianship, action: str, acting_user: User
) -> Guardianship:
    """The one way a guardianship changes: lock, check the table, write, audit, notify."""
    if action in states.GUARDIANSHIP_STAFF_ACTIONS and not acting_user.is_staff:
        raise DomainError(_("Only staff can check identities."), code="forbidden")
    guardianship = _lock_guardianship(guardianship)
    from_status = guardianship.status
    guardianship.status = states.ensure_guardianship_transition(from_status, action)
    _apply_guardianship(guardianship, action, acting_user)
    guardianship.save()
    audit_record(
        actor=acting_user,
        action=GUARDIANSHIP_AUDIT[action],
        target=guardianship.listing,
        data={"guardian": guardianship.guardian_id, "from": from_status, "to": guardianship.status},
    )
    if action in states.GUARDIANSHIP_LEDGER_EVENTS and (
        action != "end" or from_status in states.GUARDIANSHIP_GRANTED
    ):
        ledger_events.ledger_guardianship(
            guardianship=guardianship,
            event=states.GUARDIANSHIP_LEDGER_EVENTS[action],
            acting_user=acting_user,
        )
    _guardianship_notice(guardianship, action, acting_user)
    return guardianship


def guardianship_respond(
    *, guardianship: Guardianship, accept: bool, acting_user: User
) -> Guardianship:
    return guardianship_transition(
        guardianship=guardianship, action="accept" if accept else "decline", acting_user=acting_user
    )


def guardianship_approve_listing(*, guardianship: Guardianship, acting_user: User) -> Guardianship:
    return guardianship_transition(
        guardianship=guardianship, action="approve_listing", acting_user=acting_user
    )


def guardianship_check_identity(*, guardianship: Guardianship, staff_user: User) -> Guardianship:
    return guardianship_transition(
        guardianship=guardianship, action="check_identity", acting_user=staff_user
    )


def guardianship_end(*, guardianship: Guardianship, acting_user: User) -> Guardianship:
    """The guardian steps down, or an account on either side is deleted."""
    return guardianship_transition(guardianship=guardianship, action="end", acting_user=acting_user)
