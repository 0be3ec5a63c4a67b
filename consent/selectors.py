"""
Reads about grants. Whether a grant is in force is decided here, from the clock, on every
call: a grant past ``ends_at`` is not in force even if the sweep has not recorded its expiry.
"""

from datetime import datetime

from django.utils import timezone

from consent.choices import GrantStatus
from consent.models import Grant
from consent.states import LIVE_GRANT


def grant_in_force(grant: Grant, *, now: datetime | None = None) -> bool:
    """Active and inside its window. Suspended, ended, or unsigned grants are never in force."""
    now = now or timezone.now()
    return (
        grant.status == GrantStatus.ACTIVE
        and grant.starts_at is not None
        and grant.ends_at is not None
        and grant.starts_at <= now < grant.ends_at
    )


def grant_covers(grant: Grant, *, use_type: str, now: datetime | None = None) -> bool:
    """In force now and the use type is one the actor consented to."""
    return grant_in_force(grant, now=now) and use_type in (grant.use_types or [])


def grant_effective_status(grant: Grant, *, now: datetime | None = None) -> str:
    """The status the clock says, whether or not the sweep has recorded it yet."""
    now = now or timezone.now()
    if grant.status == GrantStatus.AWAITING_SIGNATURE and grant.sign_by <= now:
        return GrantStatus.LAPSED
    if grant.status in (GrantStatus.ACTIVE, GrantStatus.SUSPENDED) and grant.ends_at <= now:
        return GrantStatus.EXPIRED
    return grant.status


def grant_is_due_for_clock(grant: Grant, *, now: datetime | None = None) -> bool:
    return grant.status in LIVE_GRANT and grant_effective_status(grant, now=now) != grant.status
