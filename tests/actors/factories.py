"""Listings in any state, for tests. Plain functions, no magic."""

from datetime import date

from django.utils import timezone

from actors.models import Listing, ListingPrivate, Terms
from actors.search import listing_search_fields
from portal.models import Role
from tests.conftest import make_user

_counter = iter(range(1, 10**6))


def make_listing(owner=None, *, status="listed", verified=True, terms=None, **fields):
    n = next(_counter)
    owner = owner or make_user(f"actor{n}@example.com", roles=[Role.ACTOR])
    now = timezone.now()
    listing = Listing(
        owner=owner,
        slug=fields.pop("slug", f"actor-{n}"),
        stage_name=fields.pop("stage_name", f"Actor {n}"),
        headline=fields.pop("headline", "Stage and screen"),
        bio=fields.pop("bio", "Trained in Beijing."),
        languages=fields.pop("languages", ["cmn"]),
        status=status,
        verified_at=now if verified else None,
        listed_at=now if status in ("listed", "paused") else None,
        **fields,
    )
    listing.search_text, listing.search_grams = listing_search_fields(listing)
    listing.save()
    ListingPrivate.objects.create(
        listing=listing,
        legal_name=f"Legal Name {n}",
        date_of_birth=date(1990, 5, 17),
        contact_email=owner.email,
    )
    defaults = {
        "use_types": ["face", "voice"],
        "genres": ["drama", "romance"],
        "formats": ["short_drama", "film"],
        "territories": ["CN", "HK"],
        "red_lines": ["political"],
        "fee_floor": 5000,
        "currency": "CNY",
    }
    listing.current_terms = Terms.objects.create(
        listing=listing, version=1, created_by=owner, **{**defaults, **(terms or {})}
    )
    listing.save(update_fields=["current_terms"])
    return listing
