"""Reads for studios and briefs. (Pitch and matchmaking reads are added below these.)"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from actors.choices import ListingStatus
from actors.models import Listing, Representation
from creators.choices import BriefStatus, Visibility
from creators.models import (
    Brief,
    BriefRole,
    Studio,
    StudioInvitation,
    StudioMembership,
    StudioUserObjectPermission,
)

# --- studios -------------------------------------------------------------------------------


def memberships_for_user(*, user) -> QuerySet[StudioMembership]:
    return (
        StudioMembership.objects.filter(user=user).select_related("studio").order_by("studio__name")
    )


def studio_members(*, studio: Studio) -> QuerySet[StudioMembership]:
    return studio.memberships.select_related("user").order_by("created_at", "id")


def pending_invitations_for_studio(*, studio: Studio) -> QuerySet[StudioInvitation]:
    """Invitations not yet used and still within their time (the clock decides, not a sweep)."""
    return studio.invitations.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("expires_at", "id")


def studio_producers(*, studio: Studio) -> QuerySet:
    """Everyone holding the produce permission on the studio (guardian is the source of truth)."""
    holders = StudioUserObjectPermission.objects.filter(
        content_object=studio, permission__codename="produce"
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=holders, is_active=True).order_by("pk")


# --- briefs --------------------------------------------------------------------------------


def briefs_for_studio(*, studio: Studio) -> QuerySet[Brief]:
    return studio.briefs.order_by("-created_at")


def briefs_for_member(*, user) -> QuerySet[Brief]:
    """Every brief of every studio ``user`` belongs to, newest first, with its studio."""
    return (
        Brief.objects.filter(studio__memberships__user=user)
        .select_related("studio")
        .order_by("studio__name", "-created_at")
    )


def brief_with_roles(*, pk: int) -> Brief | None:
    return (
        Brief.objects.select_related("studio")
        .prefetch_related("roles__scenes")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class BriefFilters:
    genre: str = ""
    format: str = ""
    use_types: tuple[str, ...] = ()
    territory: str = ""
    budget: Decimal | None = None
    currency: str = ""


def _json_has_all(field: str, values) -> Q:
    """A JSON list holding every value: containment on PostgreSQL, its JSON text on SQLite."""
    values = list(values)
    if not values:
        return Q()
    if connection.features.supports_json_field_contains:
        return Q(**{f"{field}__contains": values})
    return Q(*(Q(**{f"{field}__icontains": f'"{value}"'}) for value in values))


def open_briefs(*, filters: BriefFilters) -> QuerySet[Brief]:
    """Published open casting calls matching the filters, newest first, ready for the list."""
    condition = Q(status=BriefStatus.PUBLISHED, visibility=Visibility.OPEN)
    if filters.genre:
        condition &= Q(genre=filters.genre)
    if filters.format:
        condition &= Q(format=filters.format)
    if filters.territory:
        condition &= _json_has_all("territories", [filters.territory])
    if filters.use_types:
        roles = BriefRole.objects.filter(_json_has_all("use_types", filters.use_types))
        condition &= Q(pk__in=roles.values("brief_id"))
    if filters.budget is not None:
        # The budget's top reaches the amount, in the currency asked about.
        condition &= Q(budget_max__gte=filters.budget, currency=filters.currency or "CNY")
    return (
        Brief.objects.filter(condition)
        .select_related("studio")
        .prefetch_related("roles")
        .order_by("-published_at", "-id")
    )


def listings_user_can_answer_for(*, user) -> list[Listing]:
    """Listed actors this user may express interest for: their own, and those who let them
    answer pitches as their agent."""
    own = Q(owner=user)
    represented = Representation.objects.filter(
        _json_has_all("rights", ["answer_pitches"]), agent=user, status=Representation.Status.ACTIVE
    ).values("listing_id")
    return list(
        Listing.objects.filter(own | Q(pk__in=represented), status=ListingStatus.LISTED).order_by(
            "stage_name"
        )
    )
