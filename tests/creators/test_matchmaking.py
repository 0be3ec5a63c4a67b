"""Suggested actors, shortlists and saved searches with their alerts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from creators.models import SavedSearch, Shortlist, ShortlistEntry
from creators.selectors_matchmaking import role_suggestions_page, suggestion_role_get
from creators.services import matchmaking as services
from portal.models import AuditEvent, Notification, Role
from tests.actors.factories import make_listing
from tests.conftest import client_for, make_user
from tests.creators.factories import add_member, make_brief, make_studio

pytestmark = pytest.mark.django_db


@pytest.fixture
def producer(db):
    return make_user("producer@example.com", roles=[Role.CREATOR])


@pytest.fixture
def viewer(db):
    return make_user("viewer@example.com", roles=[Role.CREATOR])


@pytest.fixture
def studio(producer, viewer):
    return make_studio(producer, members=[(viewer, "viewer")])


@pytest.fixture
def role(studio):
    # The factory's brief: drama, short drama, CN+HK, 12 months, up to 50,000 CNY, reference-only
    # generation; its role Su Wan needs face and voice.
    return make_brief(studio).roles.get()


def suggested(role) -> list:
    role = suggestion_role_get(role_id=role.pk)
    return [s.listing for s in role_suggestions_page(role=role, page_number=1).page.object_list]


# --- suggestions: the fit --------------------------------------------------------------------


def test_an_actor_whose_terms_fit_is_suggested(role):
    listing = make_listing()
    assert suggested(role) == [listing]


@pytest.mark.parametrize(
    ("terms", "fields"),
    [
        ({"use_types": ["voice"]}, {}),  # the role needs face too
        ({"genres": ["comedy"]}, {}),
        ({"formats": ["film"]}, {}),  # the brief is a short drama
        ({"territories": ["CN"]}, {}),  # the brief also needs Hong Kong
        ({"max_term_months": 6}, {}),  # the brief asks for 12
        ({"fee_floor": 60000}, {}),  # the budget tops out at 50,000
        ({"currency": "USD"}, {}),  # fees compare only within a currency
        ({"training_ai_inference": "not_allowed"}, {}),  # reference-only generation needs it
        ({"red_line_terms": ["Shanghai"]}, {}),  # the role's description names it
        ({}, {"status": "paused"}),
        ({}, {"status": "withdrawn"}),
    ],
    ids=[
        "use_type",
        "genre",
        "format",
        "territory",
        "term",
        "fee",
        "currency",
        "training",
        "red_line_term",
        "paused",
        "withdrawn",
    ],
)
def test_an_actor_with_any_mismatch_is_left_out(role, terms, fields):
    make_listing(terms=terms, **fields)
    assert suggested(role) == []


def test_a_red_line_the_brief_crosses_leaves_the_actor_out(studio):
    role = make_brief(studio, sensitive_content=["violence"]).roles.get()
    make_listing(terms={"red_lines": ["violence"]})
    fits = make_listing(terms={"red_lines": ["political"]})
    assert suggested(role) == [fits]


def test_training_the_actor_refuses_leaves_them_out(studio):
    role = make_brief(studio, ai_method="fine_tune").roles.get()
    make_listing()  # generative training not allowed: the default
    fits = make_listing(terms={"training_ai_generative_training": "constrained"})
    assert suggested(role) == [fits]


def test_worldwide_terms_cover_every_territory(role):
    listing = make_listing(terms={"territories": ["WW"]})
    assert suggested(role) == [listing]


def test_without_a_budget_fee_floors_rule_nobody_out(studio):
    role = make_brief(studio, budget_min=None, budget_max=None).roles.get()
    listing = make_listing(terms={"fee_floor": 900000})
    assert suggested(role) == [listing]


# --- suggestions: ranking, reasons, the page --------------------------------------------------


def test_suggestions_rank_relevance_then_fit_strength(role):
    unverified = make_listing(verified=False, terms={"fee_floor": 1000})
    verified = make_listing(terms={"fee_floor": 40000})
    relevant = make_listing(
        verified=False, bio="Played a village teacher in a Shanghai period drama."
    )
    assert suggested(role) == [relevant, verified, unverified]


def test_cheaper_fee_floor_ranks_higher_when_all_else_is_equal(role):
    dear = make_listing(terms={"fee_floor": 45000})
    cheap = make_listing(terms={"fee_floor": 5000})
    assert suggested(role) == [cheap, dear]


def test_the_page_shows_each_actor_with_the_reasons(studio, producer, role):
    make_listing(stage_name="Zhou Min", bio="A teacher on stage and screen.")
    Shortlist.objects.create(studio=studio, name="Leads")
    response = client_for(producer).get(f"/briefs/roles/{role.pk}/suggestions/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zhou Min" in html
    assert "Accepts drama and short drama" in html
    assert "Fee floor 5,000 CNY, within budget" in html
    assert "Identity verified" in html
    assert "Profile mentions teacher" in html
    assert 'name="shortlist"' in html  # a producer can shortlist from here


def test_a_viewer_sees_suggestions_but_no_shortlist_form(studio, viewer, role):
    Shortlist.objects.create(studio=studio, name="Leads")
    make_listing(stage_name="Zhou Min")
    response = client_for(viewer).get(f"/briefs/roles/{role.pk}/suggestions/")
    assert response.status_code == 200
    assert "Zhou Min" in response.content.decode()
    assert 'name="shortlist"' not in response.content.decode()


def test_suggestions_are_hidden_from_everyone_outside_the_studio(role):
    url = f"/briefs/roles/{role.pk}/suggestions/"
    assert Client().get(url).status_code == 302  # to sign in
    outsider = make_user("outsider@example.com", roles=[Role.CREATOR])
    assert client_for(outsider).get(url).status_code == 404
    actor = make_listing().owner
    assert client_for(actor).get(url).status_code == 404
    other_studio = make_studio()
    assert client_for(other_studio.created_by).get(url).status_code == 404
    assert client_for(outsider).get("/briefs/roles/999999/suggestions/").status_code == 404


def test_suggestions_page_costs_the_same_queries_whatever_it_shows(producer, role):
    url = f"/briefs/roles/{role.pk}/suggestions/"
    client = client_for(producer)
    make_listing()
    client.get(url)  # warm caches (session, content types)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _ in range(6):
        make_listing()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["result"].count == 7
    assert len(many) == len(few)


def test_suggestions_paginate(role, settings):
    from creators import selectors_matchmaking

    for _ in range(3):
        make_listing()
    settings.DEBUG = False
    selectors_matchmaking.SUGGESTION_PAGE_SIZE, saved = (
        2,
        selectors_matchmaking.SUGGESTION_PAGE_SIZE,
    )
    try:
        role = suggestion_role_get(role_id=role.pk)
        second = role_suggestions_page(role=role, page_number=2)
    finally:
        selectors_matchmaking.SUGGESTION_PAGE_SIZE = saved
    assert second.count == 3
    assert len(second.page.object_list) == 1


# --- shortlists --------------------------------------------------------------------------------


def test_shortlists_are_hidden_from_anonymous_visitors_actors_and_outsiders(studio):
    shortlist = Shortlist.objects.create(studio=studio, name="Leads")
    for url in (f"/studios/{studio.slug}/shortlists/", f"/shortlists/{shortlist.pk}/"):
        assert Client().get(url).status_code == 302
        actor = make_listing().owner
        assert client_for(actor).get(url).status_code == 404
        outsider = make_studio().created_by
        assert client_for(outsider).get(url).status_code == 404


def test_a_viewer_reads_shortlists_and_notes_but_cannot_change_them(studio, viewer):
    shortlist = Shortlist.objects.create(studio=studio, name="Leads")
    listing = make_listing(stage_name="Zhou Min")
    entry = ShortlistEntry.objects.create(shortlist=shortlist, listing=listing, note="Great eyes")
    client = client_for(viewer)
    page = client.get(f"/shortlists/{shortlist.pk}/").content.decode()
    assert "Zhou Min" in page
    assert "Great eyes" in page
    assert "Edit note" not in page
    slug = studio.slug
    refused = [
        client.post(f"/studios/{slug}/shortlists/", {"name": "Mine"}),
        client.post(f"/shortlists/{shortlist.pk}/", {"name": "Renamed"}),
        client.post(f"/shortlists/{shortlist.pk}/delete/"),
        client.post(
            f"/studios/{slug}/shortlists/add/", {"shortlist": shortlist.pk, "listing": listing.pk}
        ),
        client.post(f"/shortlists/entries/{entry.pk}/note/", {"note": "changed"}),
        client.post(f"/shortlists/entries/{entry.pk}/remove/"),
    ]
    assert [r.status_code for r in refused] == [403] * 6
    entry.refresh_from_db()
    assert entry.note == "Great eyes"
    assert Shortlist.objects.get().name == "Leads"


def test_a_producer_creates_fills_annotates_and_deletes_a_shortlist(studio, producer, role):
    client = client_for(producer)
    listing = make_listing(stage_name="Zhou Min")
    response = client.post(f"/studios/{studio.slug}/shortlists/", {"name": "Leads for Su Wan"})
    shortlist = Shortlist.objects.get(studio=studio)
    assert response.url == f"/shortlists/{shortlist.pk}/"
    back = f"/briefs/roles/{role.pk}/suggestions/"
    response = client.post(
        f"/studios/{studio.slug}/shortlists/add/",
        {"shortlist": shortlist.pk, "listing": listing.pk, "note": "Call her", "next": back},
    )
    assert response.url == back
    entry = ShortlistEntry.objects.get(shortlist=shortlist)
    assert entry.note == "Call her"
    assert entry.added_by == producer
    # Editing the note, as a whole page and through htmx.
    client.post(f"/shortlists/entries/{entry.pk}/note/", {"note": "Called: available in May"})
    entry.refresh_from_db()
    assert entry.note == "Called: available in May"
    response = client.post(
        f"/shortlists/entries/{entry.pk}/note/", {"note": "Booked a chat"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Booked a chat" in response.content.decode()
    assert "<html" not in response.content.decode()
    client.post(f"/shortlists/{shortlist.pk}/", {"name": "Su Wan: leads"})
    assert Shortlist.objects.get().name == "Su Wan: leads"
    client.post(f"/shortlists/entries/{entry.pk}/remove/")
    assert not ShortlistEntry.objects.exists()
    assert "Delete" in client.get(f"/shortlists/{shortlist.pk}/delete/").content.decode()
    client.post(f"/shortlists/{shortlist.pk}/delete/")
    assert not Shortlist.objects.exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"shortlist.created", "shortlist.entry_added", "shortlist.deleted"} <= actions


def test_an_actor_is_shortlisted_once_and_only_while_visible(studio, producer):
    shortlist = Shortlist.objects.create(studio=studio, name="Leads")
    listing = make_listing()
    services.shortlist_entry_add(shortlist=shortlist, listing=listing, acting_user=producer)
    with pytest.raises(services.DomainError) as exc:
        services.shortlist_entry_add(shortlist=shortlist, listing=listing, acting_user=producer)
    assert exc.value.code == "duplicate"
    hidden = make_listing(status="withdrawn")
    with pytest.raises(services.DomainError) as exc:
        services.shortlist_entry_add(shortlist=shortlist, listing=hidden, acting_user=producer)
    assert exc.value.code == "listing_hidden"


def test_a_shortlist_of_another_studio_cannot_be_chosen(studio, producer):
    foreign = Shortlist.objects.create(studio=make_studio(), name="Theirs")
    listing = make_listing()
    client_for(producer).post(
        f"/studios/{studio.slug}/shortlists/add/", {"shortlist": foreign.pk, "listing": listing.pk}
    )
    assert not ShortlistEntry.objects.exists()


# --- saved searches ----------------------------------------------------------------------------


def test_a_member_saves_a_directory_address_and_lists_only_their_own(studio, viewer, producer):
    client = client_for(viewer)
    response = client.post(
        f"/studios/{studio.slug}/searches/",
        {
            "name": "Wuxia",
            "query": "https://portrait.example/actors/?q=wuxia&genres=drama&page=3",
            "alerts": "on",
        },
    )
    assert response.status_code == 302
    search = SavedSearch.objects.get()
    assert search.user == viewer
    assert search.query == "q=wuxia&genres=drama"
    assert search.alerts
    SavedSearch.objects.create(studio=studio, user=producer, name="Theirs", query="q=x")
    page = client.get(f"/studios/{studio.slug}/searches/").content.decode()
    assert "Wuxia" in page
    assert "Theirs" not in page


def test_a_search_the_directory_refuses_or_an_empty_one_is_not_saved(studio, producer):
    client = client_for(producer)
    url = f"/studios/{studio.slug}/searches/"
    response = client.post(url, {"name": "No currency", "query": "budget=5000"})
    assert "Choose the currency of your budget." in response.content.decode()
    response = client.post(url, {"name": "Everyone", "query": "sort=newest"})
    assert "no filters" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_the_form_is_prefilled_from_a_link(studio, producer):
    response = client_for(producer).get(f"/studios/{studio.slug}/searches/?query=q%3Dwuxia")
    assert 'value="q=wuxia"' in response.content.decode()


def test_saved_searches_are_private_to_their_member(studio, producer, viewer):
    search = SavedSearch.objects.create(studio=studio, user=producer, name="Mine", query="q=x")
    client = client_for(viewer)
    assert client.post(f"/searches/{search.pk}/delete/").status_code == 404
    assert client.post(f"/searches/{search.pk}/alerts/").status_code == 404
    assert Client().get(f"/studios/{studio.slug}/searches/").status_code == 302
    assert (
        client_for(make_listing().owner).get(f"/studios/{studio.slug}/searches/").status_code == 404
    )


def test_the_owner_toggles_alerts_and_deletes_a_search(studio, producer):
    search = SavedSearch.objects.create(studio=studio, user=producer, name="Mine", query="q=x")
    client = client_for(producer)
    client.post(f"/searches/{search.pk}/alerts/")
    search.refresh_from_db()
    assert not search.alerts
    client.post(f"/searches/{search.pk}/alerts/", {"alerts": "on"})
    search.refresh_from_db()
    assert search.alerts
    client.post(f"/searches/{search.pk}/delete/")
    assert not SavedSearch.objects.exists()


def later():
    """A run far enough ahead that everything listed so far has settled."""
    return timezone.now() + services.ALERT_SETTLE + timedelta(seconds=5)


def test_alerts_tell_once_about_new_actors_who_match(
    studio, producer, django_capture_on_commit_callbacks
):
    old = make_listing(bio="Wuxia and sword fighting")
    old.__class__.objects.filter(pk=old.pk).update(listed_at=timezone.now() - timedelta(days=3))
    search = services.saved_search_create(
        studio=studio, user=producer, name="Wuxia", query="q=wuxia"
    )
    SavedSearch.objects.filter(pk=search.pk).update(
        last_checked_at=timezone.now() - timedelta(days=1)
    )
    make_listing(bio="Wuxia lead, horse riding")
    make_listing(bio="Wuxia stunt double")
    make_listing(bio="Romantic comedy")  # does not match
    make_listing(bio="Wuxia but a draft", status="draft")  # not in the directory
    with django_capture_on_commit_callbacks():
        assert services.saved_search_alerts_run(now=later()) == 1
    notification = Notification.objects.get(kind="saved_search_matches")
    assert notification.recipient == producer
    assert notification.context["count"] == 2
    assert notification.url == "/actors/?q=wuxia&sort=newest"
    # Run again (or the task redelivered): nothing new, nothing sent.
    assert services.saved_search_alerts_run(now=later()) == 0
    assert Notification.objects.filter(kind="saved_search_matches").count() == 1


def test_a_redelivered_alert_with_a_stale_window_sends_nothing(studio, producer):
    search = services.saved_search_create(
        studio=studio, user=producer, name="Wuxia", query="q=wuxia"
    )
    SavedSearch.objects.filter(pk=search.pk).update(
        last_checked_at=timezone.now() - timedelta(days=1)
    )
    make_listing(bio="Wuxia lead")
    stale = SavedSearch.objects.select_related("user", "studio").get()
    until = later()
    assert services.saved_search_alert(search=stale, until=until) == 1
    # A second worker read the same row before the first claimed it: its claim finds nothing.
    assert services.saved_search_alert(search=stale, until=until) == 0
    assert Notification.objects.filter(kind="saved_search_matches").count() == 1


def test_no_alerts_when_turned_off_or_after_leaving_the_studio(studio, producer, viewer):
    day_ago = timezone.now() - timedelta(days=1)
    off = SavedSearch.objects.create(
        studio=studio, user=producer, name="Off", query="q=wuxia", alerts=False
    )
    left = SavedSearch.objects.create(studio=studio, user=viewer, name="Left", query="q=wuxia")
    SavedSearch.objects.update(last_checked_at=day_ago)
    from guardian.shortcuts import remove_perm

    remove_perm("creators.follow_studio", viewer, studio)
    make_listing(bio="Wuxia lead")
    assert services.saved_search_alerts_run(now=later()) == 0
    assert not Notification.objects.filter(kind="saved_search_matches").exists()
    off.refresh_from_db()
    assert off.last_checked_at == day_ago  # not advanced: turning it on starts afresh
    left.refresh_from_db()
    assert left.last_checked_at > day_ago


def test_the_alert_notification_renders_in_both_languages(studio, producer):
    from portal.services import notification_render

    search = services.saved_search_create(
        studio=studio, user=producer, name="Wuxia", query="q=wuxia"
    )
    SavedSearch.objects.filter(pk=search.pk).update(
        last_checked_at=timezone.now() - timedelta(days=1)
    )
    make_listing(bio="Wuxia lead")
    services.saved_search_alerts_run(now=later())
    notification = Notification.objects.get(kind="saved_search_matches")
    rendered = notification_render(notification=notification)
    assert "1 new actor matches “Wuxia”" in rendered["subject"]
    assert "/actors/?q=wuxia" in rendered["text"]


def test_producers_of_one_studio_cannot_touch_another_studios_shortlists(studio, producer):
    other = make_studio()
    theirs = Shortlist.objects.create(studio=other, name="Theirs")
    add_member(other, make_user("their-viewer@example.com"), "viewer")
    assert client_for(producer).get(f"/shortlists/{theirs.pk}/").status_code == 404
    assert client_for(producer).post(f"/shortlists/{theirs.pk}/delete/").status_code == 404
