"""
The minors' cap follows the date of birth: terms of ten years written before a minor's date of
birth was known never let a ten-year pitch through, and the fit check reads the age on the day.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from actors.choices import MAX_TERM_MONTHS_MINOR
from actors.models import ListingPrivate, Terms
from actors.services import listings as listing_services
from creators.fit import Offer, Project, pitch_fit
from creators.selectors_matchmaking import role_suggestions_page, suggestion_role_get
from creators.services import pitches as pitch_services
from creators.services.pitches import PitchOffer, PitchRefused
from portal.models import AuditEvent, Role
from tests.actors.factories import make_listing
from tests.conftest import make_user
from tests.creators.factories import make_brief, make_studio

pytestmark = pytest.mark.django_db

TEN_YEARS = 120


def _sixteen_years_old() -> date:
    return timezone.localdate() - timedelta(days=16 * 365)


def _offer(term_months: int) -> PitchOffer:
    return PitchOffer(
        use_types=["face"],
        scenes=[1],
        estimated_shots=3,
        territories=["CN"],
        term_months=term_months,
        fee=Decimal("6000"),
        currency="CNY",
        ai_method="reference_only",
    )


@pytest.fixture
def producer(db):
    return make_user("producer@example.com", roles=[Role.CREATOR])


@pytest.fixture
def role(producer):
    studio = make_studio(producer)
    return make_brief(studio, term_months=TEN_YEARS).roles.get()


@pytest.fixture
def ten_year_listing(actor):
    """Listed with ten-year terms, by an adult's date of birth (the factory's)."""
    return make_listing(actor, terms={"max_term_months": TEN_YEARS})


def _became_minor_behind_the_services(listing) -> None:
    """The state today's code reaches: a minor's birth date beside terms of ten years."""
    ListingPrivate.objects.filter(listing=listing).update(date_of_birth=_sixteen_years_old())


# --- the cap follows the date of birth -------------------------------------------------------


def test_a_minors_date_of_birth_entered_after_the_terms_caps_them_at_five_years(
    actor, ten_year_listing
):
    listing_services.listing_update_private(
        listing=ten_year_listing,
        data={"date_of_birth": _sixteen_years_old()},
        acting_user=actor,
    )
    ten_year_listing.refresh_from_db()
    assert ten_year_listing.current_terms.max_term_months == MAX_TERM_MONTHS_MINOR


def test_the_capped_terms_are_a_new_version_and_the_old_one_is_kept(actor, ten_year_listing):
    first = ten_year_listing.current_terms
    listing_services.listing_update_private(
        listing=ten_year_listing,
        data={"date_of_birth": _sixteen_years_old()},
        acting_user=actor,
    )
    ten_year_listing.refresh_from_db()
    assert ten_year_listing.current_terms.version == first.version + 1
    assert Terms.objects.get(pk=first.pk).max_term_months == TEN_YEARS


def test_the_cap_keeps_everything_else_the_terms_said(actor, ten_year_listing):
    first = ten_year_listing.current_terms
    listing_services.listing_update_private(
        listing=ten_year_listing,
        data={"date_of_birth": _sixteen_years_old()},
        acting_user=actor,
    )
    ten_year_listing.refresh_from_db()
    capped = ten_year_listing.current_terms
    others = [f for f in Terms.AGREED_FIELDS if f != "max_term_months"]
    assert {f: getattr(capped, f) for f in others} == {f: getattr(first, f) for f in others}


def test_the_cap_is_audited(actor, ten_year_listing):
    listing_services.listing_update_private(
        listing=ten_year_listing,
        data={"date_of_birth": _sixteen_years_old()},
        acting_user=actor,
    )
    assert AuditEvent.objects.filter(action="terms.capped_for_minor").count() == 1


def test_an_adults_date_of_birth_leaves_the_terms_alone(actor, ten_year_listing):
    first = ten_year_listing.current_terms
    listing_services.listing_update_private(
        listing=ten_year_listing, data={"date_of_birth": date(1988, 3, 1)}, acting_user=actor
    )
    ten_year_listing.refresh_from_db()
    assert ten_year_listing.current_terms_id == first.pk


# --- the fit check reads the age on the day of the check -------------------------------------


def _pure_fit(*, actor_is_minor: bool, term_months: int):
    terms = Terms(
        use_types=["face"],
        genres=["drama"],
        formats=["film"],
        territories=["CN"],
        max_term_months=TEN_YEARS,
        fee_floor=Decimal(0),
        currency="CNY",
    )
    offer = Offer(
        use_types=["face"],
        territories=["CN"],
        term_months=term_months,
        fee=Decimal(1),
        currency="CNY",
        ai_method="reference_only",
    )
    project = Project(genre="drama", format="film")
    return pitch_fit(
        listing_status="listed",
        terms=terms,
        offer=offer,
        project=project,
        actor_is_minor=actor_is_minor,
    )


def test_the_pure_fit_check_refuses_more_than_five_years_for_a_minor():
    codes = [m.code for m in _pure_fit(actor_is_minor=True, term_months=61)]
    assert codes == ["term"]


def test_the_pure_fit_check_names_the_minors_cap_as_the_maximum():
    [mismatch] = _pure_fit(actor_is_minor=True, term_months=TEN_YEARS)
    assert "maximum of 60" in mismatch.message


def test_the_pure_fit_check_allows_five_years_for_a_minor():
    assert _pure_fit(actor_is_minor=True, term_months=MAX_TERM_MONTHS_MINOR) == []


def test_the_pure_fit_check_allows_ten_years_for_an_adult_whose_terms_say_so():
    assert _pure_fit(actor_is_minor=False, term_months=TEN_YEARS) == []


def test_a_ten_year_pitch_to_a_minor_with_ten_year_terms_is_refused(
    producer, role, ten_year_listing
):
    _became_minor_behind_the_services(ten_year_listing)
    with pytest.raises(PitchRefused) as refused:
        pitch_services.pitch_send(
            role=role,
            listing=ten_year_listing,
            offer=_offer(TEN_YEARS),
            acting_user=producer,
        )
    assert [m.code for m in refused.value.mismatches] == ["term"]


def test_the_pitch_preview_refuses_a_ten_year_term_for_a_minor(role, ten_year_listing):
    _became_minor_behind_the_services(ten_year_listing)
    ten_year_listing.refresh_from_db()
    mismatches = pitch_services.pitch_fit_check(
        role=role, listing=ten_year_listing, offer=_offer(TEN_YEARS)
    )
    assert [m.code for m in mismatches] == ["term"]


def test_a_ten_year_pitch_to_an_adult_with_ten_year_terms_is_sent(producer, role, ten_year_listing):
    pitch = pitch_services.pitch_send(
        role=role, listing=ten_year_listing, offer=_offer(TEN_YEARS), acting_user=producer
    )
    assert pitch.term_months == TEN_YEARS


def test_a_minor_is_not_suggested_for_a_ten_year_role(role, ten_year_listing):
    _became_minor_behind_the_services(ten_year_listing)
    page = role_suggestions_page(role=suggestion_role_get(role_id=role.pk), page_number=1)
    assert page.count == 0


def test_an_adult_is_suggested_for_a_ten_year_role(role, ten_year_listing):
    page = role_suggestions_page(role=suggestion_role_get(role_id=role.pk), page_number=1)
    assert [s.listing for s in page.page.object_list] == [ten_year_listing]


def test_the_private_details_page_tells_a_minor_their_terms_were_capped(actor, ten_year_listing):
    client = Client()
    client.force_login(actor)
    response = client.post(
        f"/listing/{ten_year_listing.slug}/private/",
        {"legal_name": "林晓雨", "date_of_birth": _sixteen_years_old().isoformat()},
        follow=True,
    )
    assert "at most 5 years" in response.text


def test_the_private_details_page_says_nothing_of_terms_to_an_adult(actor, ten_year_listing):
    client = Client()
    client.force_login(actor)
    response = client.post(
        f"/listing/{ten_year_listing.slug}/private/",
        {"legal_name": "林晓雨", "date_of_birth": "1988-03-01"},
        follow=True,
    )
    assert "at most 5 years" not in response.text
