"""What consent plugs into the kernel's registries, so actors and creators never import it."""

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consent.choices import GrantStatus
from consent.models import Attestation, Grant
from consent.permissions import can_sign_grant, grant_parties
from consent.selectors import grant_effective_status, grants_to_sign_for
from consent.services import grants as services
from consent.states import SIGNER
from creators.choices import PitchStatus
from portal.hooks import (
    Fragment,
    NavItem,
    ReceiptStatus,
    Section,
    Task,
    register_account_deletion_step,
    register_dashboard_section,
    register_demo_seeder,
    register_listing_action,
    register_listing_status_handler,
    register_nav_item,
    register_pitch_action,
    register_pitch_agreed,
    register_receipt_status,
    register_register_fact,
)
from portal.models import Role

register_nav_item(
    NavItem(
        gettext_lazy("Consents"),
        "grant_list",
        roles=frozenset({Role.ACTOR, Role.AGENT, Role.CREATOR}),
        order=40,
    )
)


def _seed(**kwargs):
    from consent.demo import seed_demo_consent

    seed_demo_consent(**kwargs)


register_demo_seeder(_seed)


@register_pitch_agreed
def create_grant_for_agreed_pitch(*, pitch, acting_user):
    services.grant_create(pitch=pitch, acting_user=acting_user)


@register_listing_status_handler
def grants_follow_listing(*, listing, action, from_status, acting_user):
    services.grants_follow_listing(listing=listing, action=action, acting_user=acting_user)


@register_account_deletion_step(gettext_lazy("every consent grant you signed is revoked;"))
def revoke_grants_of_deleted_account(*, user, acting_user):
    services.grants_revoke_for_user(user=user, acting_user=acting_user)


@register_receipt_status("grant")
def grant_receipt_status(subject_id: str) -> ReceiptStatus | None:
    grant = Grant.objects.filter(pk=subject_id).first() if subject_id.isdigit() else None
    if grant is None:
        return None
    code = grant_effective_status(grant)
    detail = grant.end_reason if code == GrantStatus.REVOKED else ""
    return ReceiptStatus(
        code=code,
        label=str(GrantStatus(code).label),
        detail=detail,
        valid_from=grant.starts_at,
        valid_until=grant.ended_at or grant.ends_at,
    )


@register_pitch_action
def pitch_grant_action(request, pitch):
    """The agreed pitch's page points at its grant: "Review and sign" for the actor's side."""
    if pitch.status not in (PitchStatus.AGREED, PitchStatus.CONCLUDED):
        return None
    grant = Grant.objects.filter(pitch=pitch).select_related("listing").first()
    if grant is None:
        return None
    signer = grant.status == GrantStatus.AWAITING_SIGNATURE and can_sign_grant(request.user, grant)
    return Fragment("consent/_pitch_grant.html", {"grant": grant, "can_sign": signer})


@register_listing_action
def approved_projects(request, listing):
    """The projects the actor chose to show, each linking to its receipt. Private by default."""
    shown = list(
        Grant.objects.filter(listing=listing, on_profile=True)
        .exclude(receipt_id="")
        .select_related("studio")
        .order_by("-signed_at")[:20]
    )
    if not shown:
        return None
    return Fragment("consent/_approved_projects.html", {"approved_grants": shown})


@register_register_fact
def register_grant_counts(listings):
    """How many grants are active and when the last was signed; nothing more."""
    ids = [listing.pk for listing in listings]
    if not ids:
        return {}
    from django.utils import timezone

    now = timezone.now()
    rows = (
        Grant.objects.filter(listing_id__in=ids, signed_at__isnull=False)
        .values("listing_id")
        .annotate(
            active=Count(
                "pk",
                filter=Q(status=GrantStatus.ACTIVE, starts_at__lte=now, ends_at__gt=now),
            ),
            last_signed=Max("starts_at"),
        )
    )
    return {
        row["listing_id"]: Fragment(
            "consent/_register_grants.html",
            {"active_grants": row["active"], "last_signed": row["last_signed"]},
        )
        for row in rows
    }


@register_dashboard_section
def grants_section(request):
    user = request.user
    if not user.roles & {Role.ACTOR, Role.AGENT, Role.CREATOR} and not _is_guardian(user):
        return None
    tasks = [
        Task(
            _("Sign the consent for %(role)s in “%(brief)s”")
            % {"role": g.role.character_name, "brief": g.role.brief.title},
            reverse("grant_sign", kwargs={"pk": g.pk}),
            _("Sign by %(when)s") % {"when": g.sign_by.strftime("%Y-%m-%d")},
            urgent=True,
        )
        for g in grants_to_sign_for(user)[:10]
        if SIGNER in grant_parties(user, g)
    ]
    owed = Attestation.objects.filter(
        attested_at__isnull=True, grant__studio__memberships__user=user
    ).select_related("grant__role__brief", "grant__listing")[:10]
    tasks += [
        Task(
            _("Attest deletion for %(name)s in “%(brief)s”")
            % {"name": a.grant.listing.stage_name, "brief": a.grant.role.brief.title},
            reverse("grant_attest", kwargs={"pk": a.grant_id}),
            urgent=a.is_overdue,
        )
        for a in owed
    ]
    return Section(
        title=_("Consent grants"),
        tasks=tasks,
        order=15,
        empty_text=_("Nothing to sign or attest."),
    )


def _is_guardian(user) -> bool:
    return user.is_authenticated and user.guardianships.filter(status="active").exists()
