import pytest
from django.test import Client
from django.utils import translation

from actors.models import Listing, Representation, Terms
from actors.services import representation as rep_services
from portal.models import AuditEvent, Notification, Role
from tests.actors.factories import make_listing
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(actor):
    return make_listing(actor, slug="lin-xiaoyu", stage_name="林晓雨")


def _agent(listing, rights, email="agent@example.com"):
    agent = make_user(email, roles=[Role.AGENT])
    rep = rep_services.representation_request(listing=listing, agent=agent)
    rep_services.representation_respond(
        representation=rep, accept=True, rights=rights, acting_user=listing.owner
    )
    return agent


MANAGE_URLS = [
    "/listing/lin-xiaoyu/",
    "/listing/lin-xiaoyu/profile/",
    "/listing/lin-xiaoyu/terms/",
    "/listing/lin-xiaoyu/media/",
]
OWNER_ONLY_URLS = ["/listing/lin-xiaoyu/private/", "/listing/lin-xiaoyu/guardian/"]


@pytest.mark.parametrize("url", MANAGE_URLS + OWNER_ONLY_URLS)
def test_management_pages_climb_the_permission_ladder(listing, url):
    anonymous = client_for().get(url)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    stranger = make_user("stranger@example.com", roles=[Role.CREATOR])
    assert client_for(stranger).get(url).status_code == 404
    no_rights = _agent(listing, [], email="norights@example.com")
    assert client_for(no_rights).get(url).status_code == 404
    editor = _agent(listing, ["edit_listing"], email="editor@example.com")
    assert client_for(editor).get(url).status_code == (404 if url in OWNER_ONLY_URLS else 200)
    assert client_for(listing.owner).get(url).status_code == 200


def test_an_actor_builds_the_profile_and_sees_it_as_creators_do(listing):
    client = client_for(listing.owner)
    response = client.post(
        "/listing/lin-xiaoyu/profile/",
        {
            "stage_name": "林晓雨",
            "headline": "古装剧女一号",
            "bio": "中央戏剧学院毕业。",
            "location": "北京",
            "languages": ["cmn", "en"],
            "playing_age_min": 20,
            "playing_age_max": 30,
            "gender": "女",
            "height_cm": 168,
            "skills": "骑马, 古筝",
            "credits": "《长安十二时辰》",
            "agency": "",
            "union_membership": "",
            "links": "https://example.com/reel",
        },
    )
    assert response.status_code == 302
    page = Client().get("/actors/lin-xiaoyu/")
    assert page.status_code == 200
    for text in ["林晓雨", "古装剧女一号", "北京", "Mandarin", "20–30", "https://example.com/reel"]:
        assert text in page.text
    assert "Legal Name" not in page.text  # private details never reach creators


def test_profile_errors_are_shown_in_the_page_and_nothing_is_saved(listing):
    response = client_for(listing.owner).post(
        "/listing/lin-xiaoyu/profile/",
        {
            "stage_name": "林晓雨",
            "playing_age_min": 40,
            "playing_age_max": 20,
            "links": "not a link",
        },
    )
    assert response.status_code == 200
    assert "The upper playing age is below the lower one." in response.text
    assert "is not a web address" in response.text
    listing.refresh_from_db()
    assert listing.playing_age_min is None


def test_saving_terms_makes_a_version_and_the_json_follows(listing):
    client = client_for(listing.owner)
    response = client.post(
        "/listing/lin-xiaoyu/terms/",
        {
            "use_types": ["face", "voice"],
            "genres": ["drama"],
            "formats": ["short_drama"],
            "red_lines": ["political", "gambling"],
            "red_line_terms": "BrandX, 赌场",
            "territories": ["CN"],
            "training_data_mining": "not_allowed",
            "training_ai_inference": "allowed",
            "training_ai_generative_training": "constrained",
            "training_ai_training": "not_allowed",
            "training_constraints": "Only for this project's model, deleted after delivery.",
            "max_term_months": 24,
            "fee_floor": "8000",
            "currency": "CNY",
            "response_window_hours": 48,
        },
    )
    assert response.status_code == 302, response.text
    assert Terms.objects.filter(listing=listing).count() == 2
    document = Client().get("/actors/lin-xiaoyu/terms.json").json()
    assert document["version"] == 2
    assert document["red_lines"] == {
        "categories": ["political", "gambling"],
        "named": ["BrandX", "赌场"],
    }
    assert document["training"]["ai_generative_training"] == {
        "permission": "constrained",
        "constraints": "Only for this project's model, deleted after delivery.",
    }
    assert document["fee_floor"] == {"amount": "8000.00", "currency": "CNY"}
    page = Client().get("/actors/lin-xiaoyu/")
    assert "Allowed with constraints" in page.text
    assert "Gambling" in page.text


def test_terms_form_explains_a_term_over_the_cap(listing):
    response = client_for(listing.owner).post(
        "/listing/lin-xiaoyu/terms/",
        {
            "max_term_months": 200,
            "fee_floor": "1",
            "currency": "CNY",
            "response_window_hours": 72,
            "training_data_mining": "not_allowed",
            "training_ai_inference": "allowed",
            "training_ai_generative_training": "not_allowed",
            "training_ai_training": "not_allowed",
        },
    )
    assert response.status_code == 200
    assert "At most 120 months (10 years) for this listing." in response.text


@pytest.mark.parametrize("status", ["draft", "awaiting_verification", "withdrawn"])
def test_hidden_listings_are_a_404_to_the_public_but_not_to_their_actor(actor, status):
    make_listing(actor, slug="hidden", status=status)
    assert Client().get("/actors/hidden/").status_code == 404
    assert Client().get("/actors/hidden/terms.json").status_code == 404
    stranger = make_user("stranger@example.com")
    assert client_for(stranger).get("/actors/hidden/").status_code == 404
    assert client_for(actor).get("/actors/hidden/").status_code == 200


def test_pausing_asks_for_confirmation_then_pauses(listing):
    client = client_for(listing.owner)
    confirm = client.get("/listing/lin-xiaoyu/status/pause/")
    assert confirm.status_code == 200
    assert "stops everything new" in confirm.text
    listing.refresh_from_db()
    assert listing.status == "listed"  # a GET changes nothing
    client.post("/listing/lin-xiaoyu/status/pause/")
    listing.refresh_from_db()
    assert listing.status == "paused"
    assert "Paused: not taking new pitches" in Client().get("/actors/lin-xiaoyu/").text
    client.post("/listing/lin-xiaoyu/status/withdraw/")
    listing.refresh_from_db()
    assert listing.status == "withdrawn"
    assert Client().get("/actors/lin-xiaoyu/").status_code == 404


def test_agents_cannot_withdraw_and_strangers_cannot_pause(listing):
    editor = _agent(listing, ["edit_listing"])
    assert client_for(editor).post("/listing/lin-xiaoyu/status/withdraw/").status_code == 404
    stranger = make_user("stranger@example.com")
    assert client_for(stranger).post("/listing/lin-xiaoyu/status/pause/").status_code == 404
    client_for(editor).post("/listing/lin-xiaoyu/status/pause/")
    listing.refresh_from_db()
    assert listing.status == "paused"
    # The actor sees what the agent did, recorded as the agent's, on the actor's behalf.
    event = AuditEvent.objects.get(action="listing.pause")
    assert event.actor == editor
    assert event.on_behalf_of == listing.owner
    assert Notification.objects.filter(
        recipient=listing.owner, kind="listing_status_changed"
    ).exists()


def test_an_actor_creates_a_listing_from_the_hub(actor):
    client = client_for(actor)
    form = client.get("/listing/")
    assert form.status_code == 200
    response = client.post("/listing/", {"stage_name": "林晓雨", "slug": "lin"})
    assert response["Location"] == "/listing/lin/"
    assert client.get("/listing/")["Location"] == "/listing/lin/"
    taken = client_for(make_user("other@example.com", roles=[Role.ACTOR])).post(
        "/listing/", {"stage_name": "X", "slug": "lin"}
    )
    assert "That address is taken" in taken.text
    assert Listing.objects.count() == 1


def test_a_creator_has_no_listing_hub(creator):
    assert client_for(creator).get("/listing/").status_code == 404


def test_rights_come_and_go_with_the_representation(listing):
    agent = _agent(listing, ["edit_listing"])
    rep = Representation.objects.get(agent=agent)
    assert client_for(agent).get("/listing/lin-xiaoyu/profile/").status_code == 200
    client_for(listing.owner).post(f"/representations/{rep.pk}/rights/", {"rights": []})
    assert client_for(agent).get("/listing/lin-xiaoyu/profile/").status_code == 404
    client_for(listing.owner).post(
        f"/representations/{rep.pk}/rights/", {"rights": ["edit_listing"]}
    )
    assert client_for(agent).get("/listing/lin-xiaoyu/profile/").status_code == 200
    client_for(agent).post(f"/representations/{rep.pk}/end/")
    rep.refresh_from_db()
    assert rep.status == "ended"
    assert client_for(agent).get("/listing/lin-xiaoyu/profile/").status_code == 404
    assert Notification.objects.filter(
        recipient=listing.owner, kind="representation_ended"
    ).exists()


def test_an_agent_asks_and_the_actor_accepts_with_chosen_rights(listing):
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    client = client_for(agent)
    response = client.post("/agent/", {"listing": "lin-xiaoyu", "message": "我是您的经纪人"})
    assert response.status_code == 302
    rep = Representation.objects.get(agent=agent)
    assert rep.status == "requested"
    manage = client_for(listing.owner).get("/listing/lin-xiaoyu/")
    assert "我是您的经纪人" in manage.text
    stranger = make_user("stranger@example.com")
    assert (
        client_for(stranger)
        .post(f"/representations/{rep.pk}/respond/", {"decision": "accept"})
        .status_code
        == 404
    )
    assert (
        client_for(agent)
        .post(f"/representations/{rep.pk}/respond/", {"decision": "accept"})
        .status_code
        == 404
    )  # not the agent's call
    client_for(listing.owner).post(
        f"/representations/{rep.pk}/respond/", {"decision": "accept", "rights": ["answer_pitches"]}
    )
    rep.refresh_from_db()
    assert rep.status == "active"
    assert rep.rights == ["answer_pitches"]
    assert agent.has_perm("actors.answer_pitches", listing)
    assert not agent.has_perm("actors.edit_listing", listing)
    hub = client.get("/agent/")
    assert "林晓雨" in hub.text
    assert "answer pitches" in hub.text


def test_an_agent_cannot_ask_twice_or_for_an_unknown_listing(listing):
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    client = client_for(agent)
    client.post("/agent/", {"listing": "lin-xiaoyu"})
    again = client.post("/agent/", {"listing": "lin-xiaoyu"})
    assert "already represent this actor or have asked to" in again.text
    unknown = client.post("/agent/", {"listing": "nobody"})
    assert "No listed actor has that address." in unknown.text
    assert Representation.objects.count() == 1


def test_agent_edits_are_recorded_as_theirs_on_the_actors_behalf(listing):
    editor = _agent(listing, ["edit_listing"])
    client_for(editor).post(
        "/listing/lin-xiaoyu/profile/", {"stage_name": "林晓雨", "headline": "新的简介"}
    )
    event = AuditEvent.objects.get(action="listing.profile_updated")
    assert event.actor == editor
    assert event.on_behalf_of == listing.owner
    assert Notification.objects.filter(
        recipient=listing.owner, kind="listing_edited_by_agent"
    ).exists()


def test_listing_pages_answer_in_chinese(listing):
    page = Client().get("/actors/lin-xiaoyu/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert '<html lang="zh-hans">' in page.text
    with translation.override("zh-hans"):
        terms_title = translation.gettext("Licensing terms (version %(version)s)") % {
            "version": listing.current_terms.version
        }
        verified = translation.gettext("Identity verified")
    assert terms_title != f"Licensing terms (version {listing.current_terms.version})"
    assert terms_title in page.text
    assert verified in page.text
    assert "Licensing terms" not in page.text
