"""What shots and the vault add to the kernel's pages: the actor's vault log on their listing,
the signers' dashboard task, and the current status of shot approval receipts."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from actors.models import Listing, ListingUserObjectPermission
from actors.permissions import is_owner
from consent.choices import GrantStatus, ShotStatus
from consent.models import Shot
from consent.selectors import grant_in_force, vault_accesses_for_listing
from consent.services.grants import GRANT_ENDED_STEPS
from consent.services.shots import shots_void_for_grant
from portal.hooks import (
    Fragment,
    ReceiptStatus,
    Section,
    Task,
    register_dashboard_section,
    register_demo_seeder,
    register_listing_manage_section,
    register_receipt_status,
)
from portal.models import Role


@register_listing_manage_section
def vault_log_section(request, listing):
    if not is_owner(request.user, listing):
        return None
    return Fragment(
        "consent/vault_access_log.html", {"accesses": vault_accesses_for_listing(listing=listing)}
    )


@register_dashboard_section
def shots_to_answer_section(request):
    """Pending shots, per grant, for whoever may decide on them (actor or signing agent)."""
    user = request.user
    if not user.roles & {Role.ACTOR, Role.AGENT}:
        return None
    listings = set(Listing.objects.filter(owner=user).values_list("pk", flat=True))
    listings |= set(
        ListingUserObjectPermission.objects.filter(
            user=user, permission__codename="sign_grants"
        ).values_list("content_object_id", flat=True)
    )
    now = timezone.now()
    by_grant: dict = {}
    pending = Shot.objects.filter(
        status=ShotStatus.PENDING,
        due_at__gt=now,
        grant__status=GrantStatus.ACTIVE,
        grant__listing_id__in=listings,
    ).select_related("grant__listing")
    for shot in pending.order_by("due_at"):
        by_grant.setdefault(shot.grant, []).append(shot)
    tasks = [
        Task(
            ngettext(
                "%(n)s shot awaits your approval (%(name)s)",
                "%(n)s shots await your approval (%(name)s)",
                len(shots),
            )
            % {"n": len(shots), "name": grant.listing.stage_name},
            reverse("grant_shots", kwargs={"pk": grant.pk}),
            _("Answer by %(when)s")
            % {"when": date_format(timezone.localtime(shots[0].due_at), "DATETIME_FORMAT")},
            urgent=True,
        )
        for grant, shots in by_grant.items()
        if grant_in_force(grant=grant, now=now)
    ]
    if not tasks:
        return None
    return Section(title=_("Shots to approve"), tasks=tasks, order=15)


@register_receipt_status("shot_approval")
def shot_approval_receipt_status(subject_id: str) -> ReceiptStatus | None:
    """What a shot approval receipt means NOW: approved only while the shot is approved and its
    grant in force; voided once the grant was revoked (or the shot voided); expired once the
    grant ran out, completed or lapsed."""
    if not str(subject_id).isdigit():
        return None
    shot = Shot.objects.select_related("grant").filter(pk=int(subject_id)).first()
    if shot is None:
        return None
    grant = shot.grant
    if shot.status == ShotStatus.APPROVED and grant_in_force(grant=grant):
        return ReceiptStatus(
            code="approved",
            label=pgettext("receipt status", "Approved"),
            detail=_("Covers exactly the render with SHA-256 %(sha)s.")
            % {"sha": shot.render_sha256},
            valid_from=shot.decided_at,
            valid_until=grant.ends_at,
        )
    if shot.status == ShotStatus.APPROVED and grant.status == GrantStatus.SUSPENDED:
        return ReceiptStatus(
            code="suspended",
            label=pgettext("receipt status", "Suspended"),
            detail=_("The actor paused their listing: the consent grant is suspended."),
            valid_from=shot.decided_at,
            valid_until=grant.ends_at,
        )
    if shot.status == ShotStatus.VOIDED or grant.status == GrantStatus.REVOKED:
        return ReceiptStatus(
            code="voided",
            label=pgettext("receipt status", "Voided"),
            detail=_("The actor revoked the consent grant this approval was given under."),
            valid_from=shot.decided_at,
            valid_until=grant.ended_at,
        )
    if shot.status == ShotStatus.APPROVED:
        return ReceiptStatus(
            code="expired",
            label=pgettext("receipt status", "Expired"),
            detail=_("The consent grant this approval was given under has ended."),
            valid_from=shot.decided_at,
            valid_until=grant.ended_at or grant.ends_at,
        )
    return ReceiptStatus(code=shot.status, label=str(ShotStatus(shot.status).label))


# Every way a grant ends (revoked, expired, completed, lapsed) runs this inside the grant
# service's transaction, with the grant row locked: open requests are voided (or recorded as
# expired) and the grant's vault copies deleted.
if shots_void_for_grant not in GRANT_ENDED_STEPS:
    GRANT_ENDED_STEPS.append(shots_void_for_grant)


def _seed(**kwargs):
    from consent.demo_shots import seed_demo_shots

    seed_demo_shots(**kwargs)


# Registered after consent.hooks' seeder (ConsentConfig.ready imports it first): the shots go on
# the active grant that seeder signs.
register_demo_seeder(_seed)
