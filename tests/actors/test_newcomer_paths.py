"""Paths a newcomer takes on the actors' side: opting out, the directory's sort, withdrawing."""

import pytest
from django.test import Client

from tests.actors.factories import make_listing

pytestmark = pytest.mark.django_db


def test_opt_out_explains_what_it_does_before_asking_anyone_to_sign_in(db):
    page = Client().get("/opt-out/")
    assert "Why it needs an account" in page.text


def test_opt_out_offers_sign_up_and_sign_in_that_come_back_to_it(db):
    page = Client().get("/opt-out/")
    assert 'href="/accounts/signup/?next=/opt-out/"' in page.text


def test_a_signed_in_visitor_gets_the_opt_out_form(actor_client):
    assert 'name="public_name"' in actor_client.get("/opt-out/").text


def test_without_search_words_best_match_is_not_offered(db):
    assert "Best match" not in Client().get("/actors/").text


def test_without_search_words_the_first_sort_is_newest_as_the_hint_says(db):
    page = Client().get("/actors/").text
    sort = page[page.index('name="sort"') :]
    assert sort.index("Newest") < sort.index("Lowest fee floor")


def test_with_search_words_best_match_is_offered(db):
    assert "Best match" in Client().get("/actors/", {"q": "林"}).text


def test_withdrawing_a_listing_is_not_the_most_prominent_button(actor, actor_client):
    listing = make_listing(owner=actor)
    page = actor_client.get(f"/listing/{listing.slug}/").text
    withdraw = page[: page.index(f"/listing/{listing.slug}/status/withdraw/")]
    assert withdraw[withdraw.rindex("<a ") :].count("button--quiet-danger") == 1


def test_withdrawing_a_listing_comes_after_the_other_status_actions(actor, actor_client):
    listing = make_listing(owner=actor)
    page = actor_client.get(f"/listing/{listing.slug}/").text
    assert page.index("/status/pause/") < page.index("/status/withdraw/")
