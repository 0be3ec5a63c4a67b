"""Paths that used to end in the wrong place for creators and actors (issue 12)."""

from decimal import Decimal

import pytest
from django.test import Client

from creators.services import pitches as services
from creators.services.pitches import PitchOffer
from portal.models import Role
from tests.actors.factories import make_listing
from tests.conftest import make_user
from tests.creators.factories import make_brief, make_studio

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def producer():
    return make_user("producer@example.com", roles=[Role.CREATOR])


def test_a_creator_opening_briefs_gets_their_studios_briefs(producer):
    studio = make_studio(members=[(producer, "producer")])
    make_brief(studio, title="Moonlit Harbour", status="draft")
    page = client_for(producer).get("/briefs/")
    assert "Moonlit Harbour" in page.text


def test_a_creator_never_sees_another_studios_briefs_there(producer):
    make_studio(members=[(producer, "producer")])
    make_brief(make_studio(), title="Someone Else's Film", status="draft")
    assert "Someone Else" not in client_for(producer).get("/briefs/").text


def test_a_creator_without_briefs_is_told_where_to_write_one(producer):
    page = client_for(producer).get("/briefs/")
    assert 'href="/studios/"' in page.text


@pytest.fixture
def pitch(producer):
    studio = make_studio(members=[(producer, "producer")])
    brief = make_brief(studio)
    listing = make_listing()
    offer = PitchOffer(
        use_types=["face"],
        scenes=[1],
        estimated_shots=3,
        territories=["CN"],
        term_months=12,
        fee=Decimal("30000"),
        currency="CNY",
        ai_method="reference_only",
    )
    return services.pitch_send(
        role=brief.roles.get(), listing=listing, offer=offer, message="", acting_user=producer
    )


@pytest.mark.parametrize(
    "fact",
    [
        "Twelve three-minute episodes about a teacher and her school.",  # synopsis
        "Kling 2.1",  # AI tool
        "References kept encrypted, deleted within 30 days of the last render.",  # data plan
        "A young teacher who returns to her home town in 1930s Shanghai.",  # the role
        "Su Wan arrives at the station in the rain.",  # a scene in the offer
        "She opens the old school&#x27;s doors.",  # a scene of the role outside the offer
    ],
)
def test_the_actor_reads_the_whole_project_on_the_pitch(pitch, fact):
    page = client_for(pitch.listing.owner).get(f"/pitches/{pitch.pk}/")
    assert fact in page.text


def test_the_fee_is_written_with_grouped_digits_not_as_a_raw_decimal(pitch):
    page = client_for(pitch.listing.owner).get(f"/pitches/{pitch.pk}/")
    assert "30,000 CNY" in page.text


def test_the_fit_preview_names_the_field_at_fault(producer):
    studio = make_studio(members=[(producer, "producer")])
    role = make_brief(studio).roles.get()
    listing = make_listing()
    data = {
        "use_types": ["face"],
        "scenes": ["1"],
        "estimated_shots": "3",
        "territories": ["CN"],
        "term_months": "240",
        "fee": "6000",
        "currency": "CNY",
        "ai_method": "reference_only",
    }
    page = client_for(producer).post(
        f"/briefs/roles/{role.pk}/pitch/{listing.slug}/fit/", data, HTTP_HX_REQUEST="true"
    )
    assert 'data-field="term_months"' in page.text


def test_the_counter_offer_form_starts_from_the_fee_without_trailing_zeros(pitch):
    page = client_for(pitch.listing.owner).get(f"/pitches/{pitch.pk}/")
    assert "30000.00" not in page.text
