"""
Reads of pitches. Every list shows the status by the clock (`current_status`): a pitch past its
deadline reads as expired before the sweep has recorded it.
"""

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When
from django.utils import timezone

from actors.models import ListingUserObjectPermission
from creators.choices import PitchStatus
from creators.models import Pitch, PitchEvent, PitchMessage, Studio
from creators.states import OPEN_PITCH, ensure_pitch_system_transition

LIST_RELATED = ("studio", "listing", "role__brief", "terms")


def _with_current_status(qs: QuerySet) -> QuerySet:
    """An open pitch past its deadline reads as where the table's "expire" takes it."""
    now = timezone.now()
    overdue = [
        When(
            status=status,
            expires_at__lte=now,
            then=Value(ensure_pitch_system_transition(status, "expire")),
        )
        for status in OPEN_PITCH
    ]
    return qs.annotate(current_status=Case(*overdue, default="status", output_field=CharField()))


def _filtered(qs: QuerySet, status: str | None) -> QuerySet:
    qs = _with_current_status(qs)
    if status:
        qs = qs.filter(current_status=status)
    return qs


def pitch_get(*, pitch_id: int) -> Pitch | None:
    return (
        Pitch.objects.select_related("studio", "listing__owner", "role__brief", "terms", "sent_by")
        .filter(pk=pitch_id)
        .first()
    )


def pitches_for_studio(*, studio: Studio, status: str | None = None) -> QuerySet:
    qs = Pitch.objects.filter(studio=studio).select_related(*LIST_RELATED)
    return _filtered(qs, status).order_by("-created_at", "-id")


def _answerable_listing_ids(user) -> QuerySet:
    return ListingUserObjectPermission.objects.filter(
        user=user, permission__codename="answer_pitches"
    ).values("content_object_id")


def pitches_for_actor_side(*, user, status: str | None = None) -> QuerySet:
    """Incoming pitches for the actor's own listing and every listing the user answers for."""
    qs = Pitch.objects.filter(
        Q(listing__owner=user) | Q(listing_id__in=_answerable_listing_ids(user))
    ).select_related(*LIST_RELATED)
    return _filtered(qs, status).order_by("expires_at", "-id")


def pitch_history(*, pitch: Pitch) -> QuerySet:
    return PitchEvent.objects.filter(pitch=pitch).order_by("created_at", "id")


def pitch_thread(*, pitch: Pitch, side: str | None = None) -> QuerySet:
    """Delivered messages, and the viewer's own side's held or rejected ones (marked so)."""
    seen = Q(moderation=PitchMessage.Moderation.DELIVERED)
    if side is not None:
        seen |= Q(side=side)
    return PitchMessage.objects.filter(seen, pitch=pitch).order_by("created_at", "id")


def pitch_status_counts(*, qs: QuerySet) -> dict[str, int]:
    counts = {value: 0 for value in PitchStatus.values}
    for row in qs.order_by().values("current_status").annotate(n=Count("id")):
        counts[row["current_status"]] = row["n"]
    return counts
