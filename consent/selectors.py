"""
Reads about grants. Whether a grant is in force is decided here, from the clock, on every
call: a grant past ``ends_at`` is not in force even if the sweep has not recorded its expiry.
"""

from datetime import datetime

from django.utils import timezone

from actors.choices import GuardianshipStatus
from consent.choices import GrantStatus
from consent.models import Grant
from consent.states import LIVE_GRANT


def grant_in_force(*, grant: Grant, now: datetime | None = None) -> bool:
    """Active and inside its window. Suspended, ended, or unsigned grants are never in force."""
    now = now or timezone.now()
    return (
        grant.status == GrantStatus.ACTIVE
        and grant.starts_at is not None
        and grant.ends_at is not None
        and grant.starts_at <= now < grant.ends_at
    )


def grant_covers(*, grant: Grant, use_type: str, now: datetime | None = None) -> bool:
    """In force now and the use type is one the actor consented to."""
    return grant_in_force(grant=grant, now=now) and use_type in (grant.use_types or [])


def grant_effective_status(*, grant: Grant, now: datetime | None = None) -> str:
    """The status the clock says, whether or not the sweep has recorded it yet."""
    now = now or timezone.now()
    if grant.status == GrantStatus.AWAITING_SIGNATURE and grant.sign_by <= now:
        return GrantStatus.LAPSED
    if grant.status in (GrantStatus.ACTIVE, GrantStatus.SUSPENDED) and grant.ends_at <= now:
        return GrantStatus.EXPIRED
    return grant.status


def grant_is_due_for_clock(*, grant: Grant, now: datetime | None = None) -> bool:
    return (
        grant.status in LIVE_GRANT and grant_effective_status(grant=grant, now=now) != grant.status
    )


def grants_visible_q(*, user):
    """The grants this user may see on the list page: as the actor's side or the studio's."""
    from django.db.models import Q

    from actors.choices import AgentRight

    actor_side = (
        Q(listing__owner=user)
        | Q(
            listing__listinguserobjectpermission__user=user,
            listing__listinguserobjectpermission__permission__codename__in=[
                AgentRight.SIGN_GRANTS,
                AgentRight.ANSWER_PITCHES,
            ],
        )
        | Q(
            listing__guardianships__guardian=user,
            listing__guardianships__status=GuardianshipStatus.ACTIVE,
        )
    )
    studio_side = Q(studio__memberships__user=user)
    return actor_side | studio_side


def grant_list_for(*, user):
    return (
        Grant.objects.filter(pk__in=Grant.objects.filter(grants_visible_q(user=user)).values("pk"))
        .select_related("listing", "studio", "role__brief")
        .order_by("-created_at", "-id")
    )


def grants_to_sign_for(*, user):
    return grant_list_for(user=user).filter(status=GrantStatus.AWAITING_SIGNATURE)


def grant_get(*, grant_id: int) -> Grant | None:
    return (
        Grant.objects.select_related(
            "listing__owner", "studio", "role__brief", "pitch", "terms", "attestation"
        )
        .filter(pk=grant_id)
        .first()
    )


# --- shots ----------------------------------------------------------------------------------

from consent.choices import ShotStatus  # noqa: E402


def shot_effective_status(*, shot, now: datetime | None = None) -> str:
    """An open request past its due time has expired, whether or not the sweep recorded it."""
    now = now or timezone.now()
    if shot.status == ShotStatus.PENDING and shot.due_at <= now:
        return ShotStatus.EXPIRED
    return shot.status


def shots_for_grant(*, grant: Grant, now: datetime | None = None) -> list:
    """Every shot of the grant, newest first, each with ``effective_status`` set."""
    now = now or timezone.now()
    shots = list(
        grant.shots.select_related("decided_by", "submitted_by").order_by("-created_at", "-pk")
    )
    for shot in shots:
        shot.effective_status = shot_effective_status(shot=shot, now=now)
    return shots


def shots_used(*, grant: Grant, now: datetime | None = None) -> int:
    """Places taken of ``max_shots``: approved, or awaiting an answer and not yet due."""
    now = now or timezone.now()
    return (
        grant.shots.filter(status__in=[ShotStatus.PENDING, ShotStatus.APPROVED])
        .exclude(status=ShotStatus.PENDING, due_at__lte=now)
        .count()
    )


def shot_covers(*, grant: Grant, sha256: str, now: datetime | None = None) -> bool:
    """Whether a render with exactly these bytes may be used now: an approval of that very hash
    under this grant, and the grant in force. Any other hash (an edited render) is not covered.
    Deny on any doubt: a page and the future tools API both call this."""
    if not sha256 or not grant_in_force(grant=grant, now=now):
        return False
    return grant.shots.filter(status=ShotStatus.APPROVED, render_sha256=sha256.lower()).exists()


def vault_accesses_for_listing(*, listing, limit: int = 50) -> list:
    """The actor's view of who opened their reference assets, under which grant, and when."""
    from consent.models import VaultAccess

    return list(
        VaultAccess.objects.filter(grant__listing=listing)
        .select_related("grant__studio", "user", "asset")
        .order_by("-at", "-pk")[:limit]
    )
