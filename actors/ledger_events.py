"""
What the actors app records in the public ledger (issue 8), one function per consent-relevant
event, each called with one line next to the service's ``audit_record``. Payloads carry public
names and ids only: a listing appears once it has been public (``listed_at``), so a draft nobody
saw never reaches the public ledger; private details (legal name, birth date, contact) never do.
Staff acting on someone else's listing are marked ``"staff": true``.
"""

from django.db.models import Q

from actors.choices import ListingStatus
from actors.models import Listing, OptOut
from portal.hooks import register_ledger_bootstrapper
from portal.ledger import ledger_append
from portal.models import LedgerEntry

LEDGERED_STATUSES = {ListingStatus.LISTED, ListingStatus.PAUSED, ListingStatus.WITHDRAWN}


def _listing_payload(listing: Listing, acting_user=None) -> dict:
    terms = listing.current_terms
    payload = {
        "listing": listing.slug,
        "stage_name": listing.stage_name,
        "terms_version": terms.version if terms else None,
    }
    if acting_user is not None and acting_user.is_staff and acting_user.pk != listing.owner_id:
        payload["staff"] = True
    return payload


def ledger_listing_status(*, listing: Listing, action: str, acting_user, on_behalf_of=None):
    """listing.listed / listing.paused / listing.withdrawn, for listings that were ever public."""
    if listing.status not in LEDGERED_STATUSES or listing.listed_at is None:
        return None
    return ledger_append(
        event_type=f"listing.{listing.status}",
        subject=listing,
        actor=acting_user,
        on_behalf_of=on_behalf_of,
        payload={**_listing_payload(listing, acting_user), "action": action},
    )


def ledger_terms_published(*, listing: Listing, acting_user, on_behalf_of=None):
    """A new terms version of a public listing (earlier versions ride on listing.listed)."""
    if listing.listed_at is None:
        return None
    return ledger_append(
        event_type="terms.published",
        subject=listing,
        actor=acting_user,
        on_behalf_of=on_behalf_of,
        payload=_listing_payload(listing, acting_user),
    )


def ledger_opt_out(*, opt_out: OptOut, acting_user, published: bool):
    return ledger_append(
        event_type="optout.published" if published else "optout.withdrawn",
        subject=opt_out,
        actor=acting_user,
        payload={"public_name": opt_out.public_name},
    )


def ledger_representation(*, representation, event: str, acting_user):
    """representation.granted / .rights_changed / .ended: who may act for the actor."""
    listing = representation.listing
    return ledger_append(
        event_type=f"representation.{event}",
        subject=listing,
        actor=acting_user,
        payload={
            **_listing_payload(listing, acting_user),
            "agent": representation.agent_id,
            "rights": list(representation.rights),
        },
    )


def ledger_guardianship(*, guardianship, event: str, acting_user):
    """guardianship.granted / .listing_approved / .identity_checked / .ended (minors)."""
    listing = guardianship.listing
    # A minor's listing before it was public: record the fact under ids only.
    payload = {"guardian": guardianship.guardian_id, "listing_id": listing.pk}
    if acting_user is not None and acting_user.is_staff:
        payload["staff"] = True
    return ledger_append(
        event_type=f"guardianship.{event}",
        subject=listing,
        actor=acting_user,
        payload=payload,
    )


@register_ledger_bootstrapper
def ledger_record_listings(*, stdout=None) -> int:
    """Record every public listing and live opt-out as it stands, once (idempotent)."""
    recorded = set(
        LedgerEntry.objects.filter(
            subject_type__in=["actors.listing", "actors.optout"]
        ).values_list("subject_type", "subject_id")
    )
    added = 0
    listings = Listing.objects.filter(listed_at__isnull=False).select_related("current_terms")
    for listing in listings.order_by("pk").iterator():
        if ("actors.listing", str(listing.pk)) not in recorded:
            ledger_append(
                event_type="listing.recorded",
                subject=listing,
                payload={**_listing_payload(listing), "status": listing.status},
            )
            added += 1
    for opt_out in OptOut.objects.filter(Q(withdrawn_at__isnull=True)).order_by("pk").iterator():
        if ("actors.optout", str(opt_out.pk)) not in recorded:
            ledger_opt_out(opt_out=opt_out, acting_user=None, published=True)
            added += 1
    return added
