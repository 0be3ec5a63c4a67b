"""What the creators app adds to other apps' pages through the kernel's hooks, and its links."""

from urllib.parse import quote

import pytest

from tests.conftest import client_for
from tests.creators.conftest import World

pytestmark = pytest.mark.django_db


def _listing_page(world, user):
    response = client_for(user).get(f"/actors/{world.listing.slug}/")
    assert response.status_code == 200
    return response.text


def test_a_producer_of_a_verified_studio_is_offered_to_pitch_from_the_actor_page(world):
    page = _listing_page(world, world.producer)
    assert "Pitch this actor" in page
    assert f'href="/briefs/roles/{world.role.pk}/pitch/{world.listing.slug}/"' in page


@pytest.mark.parametrize("who", ["anonymous", "actor", "viewer", "agent"])
def test_nobody_else_is_offered_to_pitch_from_the_actor_page(world, who):
    user = None if who == "anonymous" else getattr(world, who)
    assert "Pitch this actor" not in _listing_page(world, user)


def test_an_unverified_studio_is_not_offered_to_pitch():
    world = World(verified=False)
    assert "Pitch this actor" not in _listing_page(world, world.producer)


def test_a_role_already_pitched_is_marked_instead_of_offered(world):
    world.send()
    page = _listing_page(world, world.producer)
    assert "Already pitched for this role" in page
    assert f"/briefs/roles/{world.role.pk}/pitch/" not in page


def test_a_studio_member_can_save_the_directory_search_they_are_looking_at(world):
    page = client_for(world.producer).get("/actors/", {"q": "lin", "gender": ""}).text
    query = quote("q=lin", safe="")
    assert f'href="/studios/{world.studio.slug}/searches/?query={query}"' in page
    assert "Save this search" in page


def test_no_save_link_without_a_search_or_for_visitors_outside_studios(world):
    assert "Save this search" not in client_for(world.producer).get("/actors/").text
    assert "Save this search" not in client_for(None).get("/actors/", {"q": "lin"}).text
    assert "Save this search" not in client_for(world.actor).get("/actors/", {"q": "lin"}).text


def test_the_brief_page_leads_each_role_to_its_suggestions_and_pitches(world):
    pitch = world.send()
    page = client_for(world.viewer).get(f"/briefs/{world.brief.pk}/").text
    assert f"/briefs/roles/{world.role.pk}/suggestions/" in page
    assert f"/pitches/{pitch.pk}/" in page
    assert "Next: find your actors" in page


def test_the_studio_page_links_its_tools(world):
    page = client_for(world.viewer).get(f"/studios/{world.studio.slug}/").text
    for path in ("pitches", "shortlists", "searches"):
        assert f"/studios/{world.studio.slug}/{path}/" in page


def test_actors_and_agents_find_their_pitches_in_the_header(world):
    for user in (world.actor, world.agent):
        assert 'href="/pitches/"' in client_for(user).get("/dashboard/").text
    assert 'href="/pitches/"' not in client_for(world.producer).get("/dashboard/").text
