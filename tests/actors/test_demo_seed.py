"""Demo data: generated actors (actors.demo.seed_listings) and the seed_demo hook."""

import io

import pytest
from django.core.management import call_command

from actors.choices import ListingStatus
from actors.demo import DEMO_MIN_GENERATED, generated_email, seed_listings
from actors.models import Listing, Terms
from actors.selectors import DirectoryFilters, actor_directory_search
from portal.models import User, UserRole

pytestmark = pytest.mark.django_db


def generated_listings():
    return Listing.objects.filter(owner__email__endswith="@example.invalid")


def test_generated_actors_are_listed_with_terms_search_fields_and_unusable_passwords():
    assert seed_listings(count=40, stdout=io.StringIO()) == 40
    listings = list(generated_listings().select_related("owner", "current_terms"))
    assert len(listings) == 40
    for listing in listings:
        assert listing.status == ListingStatus.LISTED
        assert listing.listed_at
        assert listing.current_terms.listing_id == listing.pk
        assert listing.current_terms.use_types
        assert listing.current_terms.genres
        assert listing.search_text
        assert listing.stage_name.lower() in listing.search_text
        assert not listing.owner.has_usable_password()
        assert listing.owner.display_name == listing.stage_name
    assert UserRole.objects.filter(role="actor", user__email__endswith=".invalid").count() == 40
    # A mix: Chinese names carry their grams, and most actors are verified.
    assert any(listing.search_grams for listing in listings)
    assert any(not listing.search_grams for listing in listings)
    assert sum(listing.verified_at is not None for listing in listings) > 20


def test_seeding_again_adds_nothing_and_a_larger_count_tops_up():
    seed_listings(count=10)
    first = set(generated_listings().values_list("slug", flat=True))
    assert seed_listings(count=10) == 0
    assert seed_listings(count=15) == 5
    assert first < set(generated_listings().values_list("slug", flat=True))
    assert Terms.objects.count() == 15
    assert User.objects.filter(email=generated_email(14)).exists()


def test_the_same_number_always_makes_the_same_actor():
    seed_listings(count=3)
    before = list(generated_listings().order_by("slug").values_list("slug", "stage_name"))
    Listing.objects.update(current_terms=None)  # the current terms protect the listing
    Listing.objects.all().delete()
    User.objects.all().delete()
    seed_listings(count=3)
    after = list(generated_listings().order_by("slug").values_list("slug", "stage_name"))
    assert before == after


def test_seed_demo_lists_the_demo_actor_and_a_directory_worth_browsing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    listing = Listing.objects.get(slug="lin-xiaoyu")
    assert listing.owner.email == "actor@example.com"
    assert listing.stage_name == "林晓雨 Lin Xiaoyu"
    assert listing.status == ListingStatus.LISTED
    assert listing.is_verified
    assert listing.current_terms.version == 1
    assert generated_listings().count() == DEMO_MIN_GENERATED
    found = actor_directory_search(filters=DirectoryFilters(query="林晓雨"))
    assert listing in found
    assert listing in actor_directory_search(filters=DirectoryFilters(query="lin xiaoyu"))


def test_seed_demo_is_idempotent_and_asks_for_more_with_actors(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    assert Listing.objects.filter(owner__email="actor@example.com").count() == 1
    assert generated_listings().count() == DEMO_MIN_GENERATED
    call_command("seed_demo", "--actors", str(DEMO_MIN_GENERATED + 5), stdout=io.StringIO())
    assert generated_listings().count() == DEMO_MIN_GENERATED + 5


def test_seed_demo_keeps_an_existing_demo_listing(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    Listing.objects.filter(slug="lin-xiaoyu").update(stage_name="Renamed by the actor")
    call_command("seed_demo", stdout=io.StringIO())
    assert Listing.objects.get(slug="lin-xiaoyu").stage_name == "Renamed by the actor"


def test_forced_seed_demo_without_debug_generates_only_what_is_asked(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert Listing.objects.filter(slug="lin-xiaoyu").exists()
    assert not generated_listings().exists()
    call_command("seed_demo", "--force", "--actors", "7", stdout=io.StringIO())
    assert generated_listings().count() == 7
