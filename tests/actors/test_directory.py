"""The directory page at /actors/: full page, htmx partial, states, paging and its query count."""

import re

import pytest
from django.test import Client

from actors import selectors
from actors.models import Headshot
from tests.actors.test_search import directory_listing

pytestmark = pytest.mark.django_db

URL = "/actors/"
HTMX = {"HX-Request": "true"}


def cards(response) -> list[str]:
    """Stage names of the result cards, in order."""
    html = response.content.decode()
    return re.findall(r'class="actor-card__name"><a href="[^"]*">([^<]*)</a>', html)


def status_text(response) -> str:
    html = response.content.decode()
    match = re.search(r'id="directory-status"[^>]*>(.*?)</p>', html, re.S)
    return " ".join(match.group(1).split()) if match else ""


def test_anonymous_visitors_get_the_whole_page_with_form_and_results(client):
    directory_listing("林晓雨 Lin Xiaoyu", headline="Period drama", location="上海")
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert 'role="search"' in html
    assert cards(response) == ["林晓雨 Lin Xiaoyu"]
    assert 'href="/actors/dir-' in html  # the listing's public page
    assert status_text(response) == "1 actor listed"
    assert "Newest listings first" in html  # the first-visit hint
    assert "HX-Request" in response["Vary"]


def test_every_form_control_has_a_label(client):
    html = client.get(URL).content.decode()
    ids = re.findall(r'<(?:input|select)[^>]*\bid="(id_[^"]+)"', html)
    assert ids
    for control_id in ids:
        assert f'for="{control_id}"' in html, control_id


def test_an_htmx_request_gets_only_the_results_and_the_count_out_of_band(client):
    directory_listing("Maya Okafor", languages=["en"])
    directory_listing("张伟")
    response = client.get(URL, {"q": "okafor"}, headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert "<form" not in html
    assert cards(response) == ["Maya Okafor"]
    assert 'id="directory-status" hx-swap-oob="innerHTML"' in html
    assert status_text(response) == "1 actor matches"


def test_an_htmx_history_restore_gets_the_whole_page(client):
    directory_listing("Maya Okafor")
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    assert "<html" in client.get(URL, headers=headers).content.decode()


def test_the_form_keeps_what_was_asked_and_filters_the_results(client):
    directory_listing("Voice Actor", terms={"use_types": ["face", "voice"]}, languages=["en"])
    directory_listing("Face Only", terms={"use_types": ["face"]}, languages=["en"])
    response = client.get(URL, {"use_types": "voice", "languages": "en", "q": "actor"})
    assert cards(response) == ["Voice Actor"]
    html = response.content.decode()
    assert 'value="voice"' in html
    assert re.search(r'value="voice"[^>]*checked', html)
    assert 'value="actor"' in html


def test_paused_listings_show_a_badge_and_available_now_hides_them(client):
    directory_listing("Paused Actor", status="paused")
    directory_listing("Listed Actor")
    response = client.get(URL)
    assert set(cards(response)) == {"Paused Actor", "Listed Actor"}
    assert "Paused, not taking new pitches" in response.content.decode()
    assert cards(client.get(URL, {"available": "on"})) == ["Listed Actor"]


def test_draft_awaiting_and_withdrawn_listings_never_appear(client):
    for status in ("draft", "awaiting_verification", "withdrawn"):
        directory_listing(f"Hidden {status}", status=status)
    assert cards(client.get(URL)) == []
    assert cards(client.get(URL, {"q": "hidden"})) == []
    assert "No one is listed yet." in client.get(URL).content.decode()


def test_no_match_shows_an_empty_state_with_a_way_back(client):
    directory_listing("Maya Okafor")
    html = client.get(URL, {"q": "nobody-like-this"}).content.decode()
    assert "No actors match your search." in html
    assert f'href="{URL}">Clear all filters' in html
    assert "0 actors match" in html


def test_a_card_shows_terms_fee_training_and_verification(client):
    directory_listing(
        "Maya Okafor",
        languages=["en", "yue"],
        location="London",
        playing_age_min=25,
        playing_age_max=35,
        terms={
            "use_types": ["face", "voice"],
            "fee_floor": 12500,
            "currency": "GBP",
            "training_ai_generative_training": "constrained",
        },
    )
    directory_listing("Unverified Actor", verified=False)
    html = client.get(URL, {"q": "okafor"}, headers=HTMX).content.decode()
    for text in (
        "English, Cantonese",
        "London",
        "25–35",
        "Face, Voice",
        "12,500 GBP",
        "Generative AI training (with constraints)",
        "Identity verified",
    ):
        assert text in html, text
    html = client.get(URL, {"q": "unverified"}, headers=HTMX).content.decode()
    assert "Identity verified" not in html
    assert "Generation from references only; no training" in html


def test_only_a_ready_primary_headshot_is_shown(client):
    listing = directory_listing("Maya Okafor")
    for name, primary, status in (("main", True, "ready"), ("other", False, "ready")):
        Headshot.objects.create(
            listing=listing,
            original=f"headshots/originals/{name}.jpg",
            thumbnail=f"headshots/{name}-thumb.jpg",
            sha256="0" * 64,
            is_primary=primary,
            status=status,
        )
    processing = directory_listing("Still Processing")
    Headshot.objects.create(
        listing=processing,
        original="headshots/originals/p.jpg",
        thumbnail="headshots/p-thumb.jpg",
        sha256="1" * 64,
        is_primary=True,
        status="processing",
    )
    html = client.get(URL).content.decode()
    assert "headshots/main-thumb.jpg" in html
    assert "other-thumb.jpg" not in html
    assert "p-thumb.jpg" not in html


def test_invalid_filters_are_reported_and_left_out(client):
    directory_listing("Maya Okafor", playing_age_min=20, playing_age_max=30)
    response = client.get(URL, {"age": "500", "budget": "100"})
    html = response.content.decode()
    assert "Some filters were left out" in html
    assert "Choose the currency of your budget." in html
    assert 'aria-invalid="true"' in html
    assert cards(response) == ["Maya Okafor"]


def test_sorting_by_fee_and_newest(client):
    directory_listing("Dear", terms={"fee_floor": 90000}, days_ago=1)
    directory_listing("Cheap", terms={"fee_floor": 100}, days_ago=5)
    assert cards(client.get(URL, {"sort": "fee"})) == ["Cheap", "Dear"]
    assert cards(client.get(URL, {"sort": "newest"})) == ["Dear", "Cheap"]


def test_pages_of_twenty_whose_links_keep_the_filters(client):
    for i in range(25):
        directory_listing(f"Okafor {i:02}", days_ago=i)
    directory_listing("Someone Else")
    first = client.get(URL, {"q": "okafor"})
    assert len(cards(first)) == 20
    assert status_text(first) == "25 actors match"
    html = first.content.decode()
    assert 'href="?q=okafor&amp;page=2"' in html
    assert 'rel="next"' in html
    assert "Page 1 of 2" in html
    second = client.get(URL, {"q": "okafor", "page": "2"}, headers=HTMX)
    assert cards(second) == [f"Okafor {i:02}" for i in range(20, 25)]
    assert 'start="21"' in second.content.decode()
    # A page past the end shows the last one, as Django's get_page does.
    assert cards(client.get(URL, {"q": "okafor", "page": "99"})) == cards(second)


def test_a_count_past_the_cap_is_shown_as_more_than_the_cap(client, monkeypatch):
    monkeypatch.setattr(selectors, "DIRECTORY_COUNT_CAP", 3)
    for i in range(5):
        directory_listing(f"Actor {i}")
    response = client.get(URL)
    assert status_text(response) == "More than 3 actors listed"
    assert len(cards(response)) == 3
    assert "Only the first 3 are shown" in response.content.decode()
    assert status_text(client.get(URL, {"q": "actor"})) == "More than 3 actors match"


def test_a_count_at_the_cap_is_exact(client, monkeypatch):
    monkeypatch.setattr(selectors, "DIRECTORY_COUNT_CAP", 3)
    for i in range(3):
        directory_listing(f"Actor {i}")
    assert status_text(client.get(URL)) == "3 actors listed"


def _queries_for_page(client, django_assert_num_queries, expected, **params):
    with django_assert_num_queries(expected):
        response = client.get(URL, params)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_a_page_costs_the_same_queries_for_one_result_or_a_full_page(
    signed_in, actor, django_assert_num_queries
):
    client = Client()
    if signed_in:
        client.force_login(actor)
        client.get(URL)  # a first request may refresh session bookkeeping
    # count + rows (with terms joined) + primary headshots; signed in adds the session, the
    # user, their roles and their unread count.
    expected = 3 + (4 if signed_in else 0)
    listing = directory_listing("Zhang One")
    Headshot.objects.create(
        listing=listing,
        original="o.jpg",
        thumbnail="t.jpg",
        sha256="0" * 64,
        is_primary=True,
        status="ready",
    )
    one = _queries_for_page(client, django_assert_num_queries, expected, q="zhang")
    assert len(cards(one)) == 1
    for i in range(24):
        directory_listing(f"Zhang {i}", terms={"genres": ["drama", "comedy"]})
    full = _queries_for_page(
        client, django_assert_num_queries, expected, q="zhang", sort="fee", languages="cmn"
    )
    assert len(cards(full)) == 20
    second = _queries_for_page(client, django_assert_num_queries, expected, q="zhang", page=2)
    assert len(cards(second)) == 5
