from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from actors import states
from actors.choices import ListingStatus
from actors.models import Headshot, Listing, Terms
from actors.services import listings as services
from portal.exceptions import DomainError
from portal.models import AuditEvent, Notification
from tests.actors.factories import make_listing
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

TERMS = {
    "use_types": ["face"],
    "genres": ["drama"],
    "formats": ["film"],
    "red_lines": [],
    "red_line_terms": [],
    "training_data_mining": "not_allowed",
    "training_ai_inference": "allowed",
    "training_ai_generative_training": "not_allowed",
    "training_ai_training": "not_allowed",
    "training_notes": {},
    "territories": ["CN"],
    "max_term_months": 12,
    "fee_floor": 1000,
    "currency": "CNY",
    "response_window_hours": 72,
    "has_counsel": False,
    "has_union_representation": False,
}


def _years_ago(years: int):
    return timezone.localdate() - timedelta(days=365 * years + 10)


def _ready_headshot(listing):
    headshot = Headshot(listing=listing, sha256="0" * 64, status="ready", is_primary=True)
    headshot.original.save("x.jpg", ContentFile(b"x"), save=False)
    headshot.save()


def test_an_actor_starts_a_draft_listing_with_default_terms(actor):
    listing = services.listing_create(
        owner=actor, stage_name="林晓雨", slug="lin-xiaoyu", acting_user=actor
    )
    assert listing.status == ListingStatus.DRAFT
    terms = listing.current_terms
    assert terms.version == 1
    # Default: generation from references only, no training of any kind, a one-year term.
    assert terms.training() == {
        "data_mining": "not_allowed",
        "ai_inference": "allowed",
        "ai_generative_training": "not_allowed",
        "ai_training": "not_allowed",
    }
    assert terms.max_term_months == 12
    assert "林晓" in listing.search_grams
    assert AuditEvent.objects.filter(action="listing.created", target_id=str(listing.pk)).exists()


def test_only_an_actor_can_create_a_listing_and_only_one(actor, creator):
    with pytest.raises(DomainError):
        services.listing_create(owner=creator, stage_name="X", slug="x", acting_user=creator)
    services.listing_create(owner=actor, stage_name="A", slug="a", acting_user=actor)
    with pytest.raises(DomainError, match="already have a listing"):
        services.listing_create(owner=actor, stage_name="B", slug="b", acting_user=actor)


def test_every_change_of_terms_is_a_new_immutable_version(actor):
    listing = make_listing(actor)
    first = listing.current_terms
    second = services.terms_create_version(
        listing=listing, data={**TERMS, "fee_floor": 9000}, acting_user=actor
    )
    assert second.version == 2
    listing.refresh_from_db()
    assert listing.current_terms_id == second.pk
    first.refresh_from_db()
    assert first.fee_floor == 5000  # the old version is untouched
    assert Terms.objects.filter(listing=listing).count() == 2
    # Saving the same terms again makes no new version.
    same = services.terms_create_version(
        listing=listing, data={**TERMS, "fee_floor": 9000}, acting_user=actor
    )
    assert same.pk == second.pk


def test_terms_refuse_a_term_above_ten_years_and_five_for_minors(actor):
    listing = make_listing(actor)
    with pytest.raises(DomainError, match="120 months"):
        services.terms_create_version(
            listing=listing, data={**TERMS, "max_term_months": 121}, acting_user=actor
        )
    listing.private.date_of_birth = _years_ago(15)
    listing.private.save()
    listing = Listing.objects.select_related("private").get(pk=listing.pk)
    with pytest.raises(DomainError, match="60 months"):
        services.terms_create_version(
            listing=listing, data={**TERMS, "max_term_months": 61}, acting_user=actor
        )
    assert (
        services.terms_create_version(
            listing=listing, data={**TERMS, "max_term_months": 60}, acting_user=actor
        ).max_term_months
        == 60
    )


@pytest.mark.parametrize(("status", "action"), list(states.TRANSITIONS))
def test_every_allowed_transition_in_the_table_is_accepted(status, action):
    assert states.ensure_transition(status, action) == states.TRANSITIONS[(status, action)]


REFUSED = [
    (status, action)
    for status in ListingStatus.values
    for action in sorted(states.ACTION_LABELS)
    if (status, action) not in states.TRANSITIONS
]


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_every_transition_outside_the_table_is_refused(status, action):
    with pytest.raises(DomainError):
        states.ensure_transition(status, action)


def test_a_refused_transition_changes_nothing(actor):
    listing = make_listing(actor, status="withdrawn")
    with pytest.raises(DomainError):
        services.listing_transition(listing=listing, action="pause", acting_user=actor)
    listing.refresh_from_db()
    assert listing.status == "withdrawn"
    assert not AuditEvent.objects.filter(action="listing.pause").exists()


def test_submitting_an_incomplete_listing_says_exactly_what_is_missing(actor):
    listing = services.listing_create(owner=actor, stage_name="A", slug="a", acting_user=actor)
    with pytest.raises(DomainError) as refused:
        services.listing_transition(listing=listing, action="submit", acting_user=actor)
    message = refused.value.message
    for part in [
        "a headline",
        "a biography",
        "at least one headshot",
        "the use types",
        "legal name and date of birth",
    ]:
        assert part in message
    listing.refresh_from_db()
    assert listing.status == "draft"


def test_submit_then_staff_verify_lists_it_with_a_badge(actor):
    listing = make_listing(actor, status="draft", verified=False)
    _ready_headshot(listing)
    services.listing_transition(listing=listing, action="submit", acting_user=actor)
    staff = make_user("ops@example.com", staff=True)
    listed = services.listing_verify(listing=listing, staff_user=staff)
    assert listed.status == "listed"
    assert listed.is_verified
    assert listed.listed_at
    assert listed.verified_by == staff
    assert Notification.objects.filter(recipient=actor, kind="listing_status_changed").exists()
    with pytest.raises(DomainError):
        services.listing_verify(listing=listing, staff_user=actor)


def test_pause_everything_and_resume(actor):
    listing = make_listing(actor)
    paused = services.listing_transition(listing=listing, action="pause", acting_user=actor)
    assert paused.status == "paused"
    assert paused.is_visible
    assert not paused.accepts_pitches
    resumed = services.listing_transition(listing=listing, action="resume", acting_user=actor)
    assert resumed.accepts_pitches


def test_a_minor_needs_a_guardians_approval_and_checked_identity(actor):
    from actors.services import representation as rep

    listing = make_listing(actor, status="draft", verified=False)
    _ready_headshot(listing)
    listing.private.date_of_birth = _years_ago(14)
    listing.private.save()
    with pytest.raises(DomainError, match="guardian"):
        services.listing_transition(listing=listing, action="submit", acting_user=actor)
    mother = make_user("mother@example.com")
    guardianship = rep.guardianship_invite(
        listing=listing,
        guardian_email="mother@example.com",
        relationship="mother",
        acting_user=actor,
    )
    rep.guardianship_respond(guardianship=guardianship, accept=True, acting_user=mother)
    rep.guardianship_approve_listing(guardianship=guardianship, acting_user=mother)
    services.listing_transition(listing=listing, action="submit", acting_user=actor)
    staff = make_user("ops@example.com", staff=True)
    with pytest.raises(DomainError, match="guardian's identity"):
        services.listing_verify(listing=listing, staff_user=staff)
    rep.guardianship_check_identity(guardianship=guardianship, staff_user=staff)
    assert services.listing_verify(listing=listing, staff_user=staff).status == "listed"


def test_a_relisted_listing_skips_verification_only_if_verified_before(actor):
    listing = make_listing(actor, status="withdrawn")
    _ready_headshot(listing)
    services.listing_transition(listing=listing, action="reopen", acting_user=actor)
    assert (
        services.listing_transition(listing=listing, action="relist", acting_user=actor).status
        == "listed"
    )
    unverified = make_listing(status="draft", verified=False)
    with pytest.raises(DomainError):
        services.listing_transition(
            listing=unverified, action="relist", acting_user=unverified.owner
        )


def test_profile_edits_refresh_the_search_fields(actor):
    listing = make_listing(actor)
    services.listing_update_profile(
        listing=listing, data={"stage_name": "欧阳娜娜"}, acting_user=actor
    )
    listing.refresh_from_db()
    assert "欧阳" in listing.search_grams
    assert "娜娜" in listing.search_grams
