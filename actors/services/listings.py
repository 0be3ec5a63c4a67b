"""Listings and their terms: every write, each locking the row, checking, writing, then logging."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actors import ledger_events, states
from actors.choices import (
    MAX_TERM_MONTHS_ADULT,
    MAX_TERM_MONTHS_MINOR,
    ListingStatus,
)
from actors.models import Guardianship, Listing, ListingPrivate, Terms
from actors.search import listing_search_fields
from portal import hooks
from portal.exceptions import DomainError
from portal.models import Role
from portal.services import audit_record, notification_create

PROFILE_FIELDS = Listing.PROFILE_FIELDS
PRIVATE_FIELDS = ListingPrivate.EDITABLE_FIELDS
TERMS_FIELDS = Terms.AGREED_FIELDS


def _on_behalf_of(listing: Listing, acting_user):
    """An agent's action is recorded as theirs, on behalf of the actor."""
    return listing.owner if acting_user.pk != listing.owner_id else None


def _lock(listing: Listing) -> Listing:
    return Listing.objects.select_for_update().get(pk=listing.pk)


def slug_suggestion(stage_name: str) -> str:
    base = slugify(stage_name)[:50] or "actor"
    slug, n = base, 1
    while Listing.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def listing_create(*, owner, stage_name: str, slug: str, acting_user) -> Listing:
    if not owner.has_role(Role.ACTOR):
        raise DomainError(_("Only an account with the actor role can create a listing."))
    if Listing.objects.filter(owner=owner).exists():
        raise DomainError(_("You already have a listing."), code="duplicate_listing")
    if Listing.objects.filter(slug=slug).exists():
        raise DomainError(_("That address is taken; choose another."), code="slug_taken")
    listing = Listing(owner=owner, stage_name=stage_name, slug=slug)
    listing.search_text, listing.search_grams = listing_search_fields(listing)
    listing.save()
    ListingPrivate.objects.create(listing=listing, contact_email=owner.email)
    terms = Terms.objects.create(listing=listing, version=1, created_by=acting_user)
    Listing.objects.filter(pk=listing.pk).update(current_terms=terms)
    listing.current_terms = terms
    audit_record(actor=acting_user, action="listing.created", target=listing)
    return listing


@transaction.atomic
def listing_update_profile(*, listing: Listing, data: dict, acting_user) -> Listing:
    listing = _lock(listing)
    if listing.status == ListingStatus.WITHDRAWN:
        raise DomainError(_("Reopen the listing before editing it."), code="withdrawn")
    changed = [f for f in PROFILE_FIELDS if f in data and getattr(listing, f) != data[f]]
    for field in changed:
        setattr(listing, field, data[field])
    listing.search_text, listing.search_grams = listing_search_fields(listing)
    listing.save()
    if changed:
        audit_record(
            actor=acting_user,
            action="listing.profile_updated",
            target=listing,
            on_behalf_of=_on_behalf_of(listing, acting_user),
            data={"fields": changed},
        )
        _tell_owner_about_agent(listing, acting_user, "listing_edited_by_agent")
    return listing


@transaction.atomic
def listing_update_private(*, listing: Listing, data: dict, acting_user) -> ListingPrivate:
    private, _created = ListingPrivate.objects.select_for_update().get_or_create(listing=listing)
    for field in PRIVATE_FIELDS:
        if field in data:
            setattr(private, field, data[field])
    private.save()
    # Field names only: the values are personal data.
    audit_record(
        actor=acting_user,
        action="listing.private_updated",
        target=listing,
        data={"fields": [f for f in PRIVATE_FIELDS if f in data]},
    )
    return private


@transaction.atomic
def listing_erase_private(*, listing: Listing, acting_user) -> None:
    """Identity data goes when the account goes; the identity document's file too."""
    private = ListingPrivate.objects.select_for_update().filter(listing=listing).first()
    if private is None:
        return
    document = private.identity_document.name
    if document:
        storage = private.identity_document.storage
        transaction.on_commit(lambda: storage.delete(document))
    ListingPrivate.objects.filter(pk=private.pk).update(
        legal_name="",
        date_of_birth=None,
        contact_email="",
        contact_phone="",
        identity_document="",
    )
    audit_record(actor=acting_user, action="listing.private_erased", target=listing)


def max_term_for(listing: Listing) -> int:
    private = getattr(listing, "private", None)
    return MAX_TERM_MONTHS_MINOR if private and private.is_minor else MAX_TERM_MONTHS_ADULT


@transaction.atomic
def terms_create_version(*, listing: Listing, data: dict, acting_user) -> Terms:
    """Terms are never edited: every change is a new version, and the listing points at it."""
    listing = _lock(listing)
    cap = max_term_for(listing)
    if data["max_term_months"] > cap:
        raise DomainError(
            _("The maximum term is %(cap)s months (%(years)s years) for this listing.")
            % {"cap": cap, "years": cap // 12},
            code="term_too_long",
        )
    current = listing.current_terms
    if current and all(getattr(current, f) == data[f] for f in TERMS_FIELDS if f in data):
        return current
    version = (listing.terms_versions.aggregate(v=Max("version"))["v"] or 0) + 1
    terms = Terms.objects.create(
        listing=listing,
        version=version,
        created_by=acting_user,
        **{f: data[f] for f in TERMS_FIELDS if f in data},
    )
    Listing.objects.filter(pk=listing.pk).update(current_terms=terms, updated_at=timezone.now())
    listing.current_terms = terms
    audit_record(
        actor=acting_user,
        action="terms.version_created",
        target=listing,
        on_behalf_of=_on_behalf_of(listing, acting_user),
        data={"version": version},
    )
    ledger_events.ledger_terms_published(
        listing=listing, acting_user=acting_user, on_behalf_of=_on_behalf_of(listing, acting_user)
    )
    _tell_owner_about_agent(listing, acting_user, "terms_changed_by_agent")
    return terms


def listing_missing_parts(listing: Listing) -> list[str]:
    """What still stops a listing from being submitted, in words the actor can act on."""
    missing = []
    if not listing.headline:
        missing.append(_("a headline"))
    if not listing.bio:
        missing.append(_("a biography"))
    if not listing.languages:
        missing.append(_("the languages you speak"))
    if not listing.headshots.filter(status="ready").exists():
        missing.append(_("at least one headshot"))
    terms = listing.current_terms
    if terms is None or not terms.use_types:
        missing.append(_("the use types you allow, in your terms"))
    if terms is None or not terms.genres:
        missing.append(_("the genres you accept, in your terms"))
    if terms is None or not terms.formats:
        missing.append(_("the formats you accept, in your terms"))
    if terms is None or not terms.territories:
        missing.append(_("the territories you allow, in your terms"))
    private = getattr(listing, "private", None)
    if private is None or not private.legal_name or not private.date_of_birth:
        missing.append(_("your legal name and date of birth, for identity verification"))
    elif private.is_minor and not _guardian_approved(listing):
        missing.append(_("your guardian's approval"))
    return missing


def _guardian_approved(listing: Listing) -> bool:
    return listing.guardianships.filter(
        status=Guardianship.Status.ACTIVE, listing_approved_at__isnull=False
    ).exists()


def _guardian_identity_checked(listing: Listing) -> bool:
    return listing.guardianships.filter(
        status=Guardianship.Status.ACTIVE, identity_checked_at__isnull=False
    ).exists()


@transaction.atomic
def listing_transition(*, listing: Listing, action: str, acting_user) -> Listing:
    listing = _lock(listing)
    target = states.ensure_transition(listing.status, action)
    _check_guards(listing, action)
    from_status = listing.status
    now = timezone.now()
    listing.status = target
    listing.status_changed_at = now
    if action == "verify":
        listing.verified_at, listing.verified_by = now, acting_user
    if target == ListingStatus.LISTED and listing.listed_at is None:
        listing.listed_at = now
    listing.save(
        update_fields=[
            "status",
            "status_changed_at",
            "verified_at",
            "verified_by",
            "listed_at",
            "updated_at",
        ]
    )
    audit_record(
        actor=acting_user,
        action=f"listing.{action}",
        target=listing,
        on_behalf_of=_on_behalf_of(listing, acting_user),
        data={"status": target},
    )
    ledger_events.ledger_listing_status(
        listing=listing,
        action=action,
        acting_user=acting_user,
        on_behalf_of=_on_behalf_of(listing, acting_user),
    )
    if acting_user.pk != listing.owner_id:
        notification_create(
            recipient=listing.owner,
            kind="listing_status_changed",
            context={"status": target, "by": str(acting_user)},
            url="/listing/",
        )
    # Grants follow the listing (pause suspends, resume restores, withdraw revokes).
    hooks.listing_status_changed(
        listing=listing, action=action, from_status=from_status, acting_user=acting_user
    )
    return listing


def _check_guards(listing: Listing, action: str) -> None:
    if action == "submit":
        if listing.verified_at is not None:
            raise DomainError(_("This listing was verified before: list it again instead."))
        missing = listing_missing_parts(listing)
        if missing:
            raise DomainError(
                _("Before you submit, add: %(parts)s.") % {"parts": "; ".join(missing)},
                code="incomplete",
            )
    elif action == "relist":
        if listing.verified_at is None:
            raise DomainError(_("Submit the listing for identity verification first."))
        missing = listing_missing_parts(listing)
        if missing:
            raise DomainError(_("Before you list, add: %(parts)s.") % {"parts": "; ".join(missing)})
    elif action == "verify":
        private = getattr(listing, "private", None)
        if private is not None and private.is_minor and not _guardian_identity_checked(listing):
            raise DomainError(_("Check the guardian's identity before listing a minor."))


def listing_verify(*, listing: Listing, staff_user) -> Listing:
    """Staff confirmed the actor's identity: the listing goes live with a verified badge."""
    if not staff_user.is_staff:
        raise DomainError(_("Only staff can verify identities."), code="forbidden")
    return listing_transition(listing=listing, action="verify", acting_user=staff_user)


def _tell_owner_about_agent(listing: Listing, acting_user, kind: str) -> None:
    """The actor can always see what an agent did, and undo it."""
    if acting_user.pk != listing.owner_id:
        notification_create(
            recipient=listing.owner,
            kind=kind,
            context={"by": str(acting_user)},
            url="/listing/",
        )
