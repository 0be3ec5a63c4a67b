"""Studios and their members: every write locks the studio, checks, writes, then logs."""

import secrets
from datetime import timedelta
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from creators.choices import MemberRole
from creators.models import Studio, StudioInvitation, StudioMembership
from creators.permissions import ROLE_PERMISSIONS, can_manage_studio
from portal.exceptions import DomainError
from portal.models import Role, User
from portal.services import audit_record, notification_create

INVITATION_DAYS = 14
_ALL_PERMS = ROLE_PERMISSIONS[MemberRole.OWNER]
#: What an owner may change after creating the studio. The address (slug) is not among them:
#: links already sent in notifications and invitation emails point at it.
STUDIO_FIELDS = ("name", "legal_entity", "country", "website", "description")
#: The facts staff checked when they verified the studio; changing one undoes the verification.
VERIFIED_FIELDS = frozenset({"legal_entity", "country"})


def _lock(studio: Studio) -> Studio:
    """Every membership change locks the studio row: two owners demoting each other at once
    must not leave the studio without an owner."""
    return Studio.objects.select_for_update().get(pk=studio.pk)


def _sync_perms(user, studio: Studio, role: str | None) -> None:
    """Guardian object permissions mirror the member's role exactly (None: not a member)."""
    granted = ROLE_PERMISSIONS[role] if role else ()
    for perm in _ALL_PERMS:
        if perm in granted:
            assign_perm(f"creators.{perm}", user, studio)
        else:
            remove_perm(f"creators.{perm}", user, studio)


def _ensure_owner(user, studio: Studio) -> None:
    if not can_manage_studio(user, studio):
        raise DomainError(_("Only the studio's owners can do this."), code="forbidden")


def _check_role(role: str) -> None:
    if role not in MemberRole.values:
        raise DomainError(_("Choose one of the roles offered."), code="unknown_role")


@transaction.atomic
def studio_create(
    *,
    user: User,
    name: str,
    slug: str,
    legal_entity: str,
    country: str,
    website: str = "",
    description: str = "",
) -> Studio:
    if not user.has_role(Role.CREATOR):
        raise DomainError(_("Only an account with the creator role can create a studio."))
    if Studio.objects.filter(slug=slug).exists():
        raise DomainError(_("That address is taken; choose another."), code="slug_taken")
    studio = Studio.objects.create(
        name=name,
        slug=slug,
        legal_entity=legal_entity,
        country=country,
        website=website,
        description=description,
        created_by=user,
    )
    StudioMembership.objects.create(studio=studio, user=user, role=MemberRole.OWNER)
    _sync_perms(user, studio, MemberRole.OWNER)
    audit_record(actor=user, action="studio.created", target=studio)
    return studio


@transaction.atomic
def studio_verify(*, studio: Studio, staff_user: User) -> Studio:
    """Staff checked the legal entity: the studio gets its badge and may pitch."""
    if not staff_user.is_staff:
        raise DomainError(_("Only staff can verify studios."), code="forbidden")
    studio = _lock(studio)
    if studio.is_verified:
        raise DomainError(_("This studio is already verified."), code="already_verified")
    studio.verified_at = timezone.now()
    studio.verified_by = staff_user
    studio.save(update_fields=["verified_at", "verified_by", "updated_at"])
    audit_record(actor=staff_user, action="studio.verified", target=studio)
    for membership in studio.memberships.filter(role=MemberRole.OWNER).select_related("user"):
        notification_create(
            recipient=membership.user,
            kind="studio_verified",
            context={"studio": studio.name},
            url=reverse("studio_detail", kwargs={"slug": studio.slug}),
        )
    return studio


@transaction.atomic
def studio_update(*, studio: Studio, data: dict, acting_user: User) -> Studio:
    """
    The owner corrects the studio's details. Staff verified the legal entity and country, not the
    rest: a verified studio that changes either loses its badge (and so pitching) until staff
    check again. Nobody is notified; the admin lists the studio as unverified.
    """
    studio = _lock(studio)
    _ensure_owner(acting_user, studio)
    changed = [k for k in STUDIO_FIELDS if k in data and getattr(studio, k) != data[k]]
    if not changed:
        return studio
    for name in changed:
        setattr(studio, name, data[name])
    unverified = studio.is_verified and bool(VERIFIED_FIELDS.intersection(changed))
    if unverified:
        studio.verified_at = None
        studio.verified_by = None
    extra = ["verified_at", "verified_by"] if unverified else []
    studio.save(update_fields=[*changed, *extra, "updated_at"])
    audit_record(
        actor=acting_user,
        action="studio.updated",
        target=studio,
        data={"fields": changed, "verification_cleared": unverified},
    )
    return studio


def _send_invitation_email(*, email: str, studio_name: str, link: str, language: str) -> None:
    context = {"studio": studio_name, "link": link, "site_url": settings.SITE_URL}
    with translation.override(language):
        subject = " ".join(
            render_to_string("notifications/studio_invitation_subject.txt", context).split()
        )
        body = render_to_string("notifications/studio_invitation_body.txt", context).strip()
    send_mail(subject, body, None, [email])


@transaction.atomic
def studio_invite(*, studio: Studio, email: str, role: str, acting_user: User) -> StudioInvitation:
    """
    An email link to join. If the address belongs to an account the invitation goes through the
    outbox; otherwise (the outbox needs a recipient account) it is mailed directly after commit.
    """
    _check_role(role)
    studio = _lock(studio)
    email = email.strip()
    if studio.memberships.filter(user__email__iexact=email).exists():
        raise DomainError(_("This person is already a member."), code="already_member")
    invitation = StudioInvitation.objects.create(
        studio=studio,
        email=email,
        role=role,
        token=secrets.token_urlsafe(32),
        invited_by=acting_user,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    url = reverse("studio_join", kwargs={"token": invitation.token})
    audit_record(actor=acting_user, action="studio.invited", target=studio, data={"role": role})
    account = User.objects.filter(email__iexact=email, is_active=True).first()
    if account is not None:
        context = {"studio": studio.name, "role": role}
        notification_create(recipient=account, kind="studio_invitation", context=context, url=url)
    else:
        transaction.on_commit(
            partial(
                _send_invitation_email,
                email=email,
                studio_name=studio.name,
                link=f"{settings.SITE_URL}{url}",
                language=acting_user.language,
            )
        )
    return invitation


def invitation_problem(*, invitation: StudioInvitation, user: User) -> str:
    """Why this user cannot use this invitation now ('' if they can)."""
    if invitation.accepted_at is not None:
        return _("This invitation has already been used.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask the studio to invite you again.")
    owns_address = EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists()
    if not owns_address:
        return _(
            "This invitation was sent to another email address. Sign in with the account "
            "that has that address verified."
        )
    if invitation.studio.memberships.filter(user=user).exists():
        return _("You are already a member of this studio.")
    return ""


@transaction.atomic
def studio_join(*, token: str, user: User) -> StudioMembership:
    invitation = (
        StudioInvitation.objects.select_for_update().select_related("studio").filter(token=token)
    ).first()
    if invitation is None:
        raise DomainError(_("This invitation link is not valid."), code="unknown_invitation")
    _lock(invitation.studio)
    problem = invitation_problem(invitation=invitation, user=user)
    if problem:
        raise DomainError(problem, code="invitation_unusable")
    membership = StudioMembership.objects.create(
        studio=invitation.studio, user=user, role=invitation.role
    )
    _sync_perms(user, invitation.studio, invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    audit_record(
        actor=user, action="studio.joined", target=invitation.studio, data={"role": invitation.role}
    )
    return membership


@transaction.atomic
def studio_invitation_cancel(*, invitation: StudioInvitation, acting_user: User) -> None:
    """
    The owner withdraws a pending invitation: the row is deleted, so its link is no longer valid.
    Rows are locked in the order studio_join locks them (invitation, then studio), so a cancel
    racing a join either finds the invitation used or leaves nothing to join with.
    """
    invitation = (
        StudioInvitation.objects.select_for_update()
        .select_related("studio")
        .filter(pk=invitation.pk)
        .first()
    )
    if invitation is None:
        raise DomainError(_("This invitation was already cancelled."), code="unknown_invitation")
    studio = _lock(invitation.studio)
    _ensure_owner(acting_user, studio)
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation has already been used."), code="invitation_used")
    data = {"invitation": invitation.pk, "email": invitation.email, "role": invitation.role}
    invitation.delete()
    audit_record(actor=acting_user, action="studio.invitation_cancelled", target=studio, data=data)


def _ensure_another_owner(membership: StudioMembership) -> None:
    if membership.role != MemberRole.OWNER:
        return
    others = StudioMembership.objects.filter(studio_id=membership.studio_id, role=MemberRole.OWNER)
    if not others.exclude(pk=membership.pk).exists():
        raise DomainError(
            _("A studio needs at least one owner. Make someone else an owner first."),
            code="last_owner",
        )


@transaction.atomic
def studio_member_set_role(
    *, membership: StudioMembership, role: str, acting_user: User
) -> StudioMembership:
    _check_role(role)
    _lock(membership.studio)
    membership = StudioMembership.objects.select_related("user", "studio").get(pk=membership.pk)
    if role != MemberRole.OWNER:
        _ensure_another_owner(membership)
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    _sync_perms(membership.user, membership.studio, role)
    audit_record(
        actor=acting_user,
        action="studio.member_role_changed",
        target=membership.studio,
        data={"user": membership.user_id, "from": previous, "to": role},
    )
    return membership


@transaction.atomic
def studio_member_remove(*, membership: StudioMembership, acting_user: User) -> None:
    _lock(membership.studio)
    membership = StudioMembership.objects.select_related("user", "studio").get(pk=membership.pk)
    _ensure_another_owner(membership)
    _sync_perms(membership.user, membership.studio, None)
    membership.delete()
    audit_record(
        actor=acting_user,
        action="studio.member_removed",
        target=membership.studio,
        data={"user": membership.user_id},
    )
