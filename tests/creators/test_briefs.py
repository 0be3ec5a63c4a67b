from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext

from creators.models import Brief, BriefRole, Interest
from creators.services import briefs as brief_services
from creators.states import BRIEF_TRANSITIONS
from portal.exceptions import DomainError
from portal.models import Notification, Role
from tests.actors.factories import make_listing
from tests.conftest import admin_request, client_for, make_user
from tests.creators.factories import make_brief, make_role, make_studio

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    owner = make_user("owner@example.com", roles=[Role.CREATOR])
    producer = make_user("producer@example.com", roles=[Role.CREATOR])
    viewer = make_user("viewer@example.com", roles=[Role.CREATOR])
    studio = make_studio(
        owner, slug="lantern", members=[(producer, "producer"), (viewer, "viewer")]
    )
    return {"studio": studio, "owner": owner, "producer": producer, "viewer": viewer}


@pytest.fixture
def staff():
    return make_user("staff@example.com", staff=True)


# --- completeness ---------------------------------------------------------------------------


def test_a_complete_brief_misses_nothing(team):
    brief = make_brief(team["studio"], status="draft")
    assert brief_services.brief_missing_parts(brief=brief) == []


def test_an_empty_draft_lists_every_missing_part(team):
    brief = Brief.objects.create(studio=team["studio"], title="Untitled")
    missing = brief_services.brief_missing_parts(brief=brief)
    for label in ["logline", "synopsis", "genre", "AI tool", "data retention", "production ends"]:
        assert any(label in item for item in missing), label
    assert "Add at least one role." in missing
    assert not any("sensitive content" in item for item in missing)


def test_roles_and_scenes_must_be_specific(team):
    brief = make_brief(team["studio"], status="draft", roles=[])
    make_role(brief, character_name="Ah Fu", use_types=[])
    make_role(brief, character_name="Mei", scenes=[])
    make_role(brief, character_name="Lao Li", scenes=[{"number": 4, "description": "  "}])
    assert brief_services.brief_missing_parts(brief=brief) == [
        "Role “Ah Fu”: choose the use types needed.",
        "Role “Mei”: add at least one scene.",
        "Role “Lao Li”, scene 4: describe what happens.",
    ]


def test_dates_and_budget_must_be_ordered(team):
    brief = make_brief(team["studio"], status="draft")
    brief.ends_on = brief.starts_on.replace(year=brief.starts_on.year - 1)
    brief.budget_min, brief.budget_max = Decimal("9000"), Decimal("100")
    missing = brief_services.brief_missing_parts(brief=brief)
    assert "Production must end on or after the day it starts." in missing
    assert "The budget's lower end must not be above its upper end." in missing


def test_submitting_a_vague_brief_is_refused_with_the_list_and_changes_nothing(team):
    brief = make_brief(team["studio"], status="draft", roles=[], ai_tool="")
    with pytest.raises(brief_services.BriefIncomplete) as refused:
        brief_services.brief_submit(brief=brief, acting_user=team["producer"])
    assert refused.value.missing == ["Fill in “AI tool”.", "Add at least one role."]
    brief.refresh_from_db()
    assert brief.status == "draft"
    assert brief.submitted_at is None


def test_the_brief_page_shows_what_is_missing(team):
    brief = make_brief(team["studio"], status="draft", roles=[], logline="")
    body = client_for(team["producer"]).get(f"/briefs/{brief.pk}/").content.decode()
    assert "Still missing before you can submit" in body
    assert "Fill in “logline”." in body
    assert "Add at least one role." in body


# --- transitions through the services --------------------------------------------------------


def _run(action, brief, team, staff):
    if action == "submit":
        return brief_services.brief_submit(brief=brief, acting_user=team["producer"])
    if action == "publish":
        return brief_services.brief_publish(brief=brief, staff_user=staff)
    if action == "return":
        return brief_services.brief_return(brief=brief, staff_user=staff, reasons="Too vague.")
    return brief_services.brief_close(brief=brief, acting_user=team["producer"])


STATUSES = ["draft", "in_review", "published", "returned", "closed"]
ACTIONS = ["submit", "publish", "return", "close"]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_brief_transition_is_allowed_or_refused_by_the_table(team, staff, status, action):
    brief = make_brief(team["studio"], status=status)
    target = BRIEF_TRANSITIONS.get((status, action))
    if target is None:
        with pytest.raises(DomainError):
            _run(action, brief, team, staff)
        brief.refresh_from_db()
        assert brief.status == status
    else:
        _run(action, brief, team, staff)
        brief.refresh_from_db()
        assert brief.status == target


def test_viewers_cannot_submit_or_close(team):
    brief = make_brief(team["studio"], status="draft")
    for service in (brief_services.brief_submit, brief_services.brief_close):
        with pytest.raises(DomainError):
            service(brief=brief, acting_user=team["viewer"])


def test_only_staff_publish_or_return(team):
    brief = make_brief(team["studio"], status="in_review")
    with pytest.raises(DomainError):
        brief_services.brief_publish(brief=brief, staff_user=team["owner"])
    with pytest.raises(DomainError):
        brief_services.brief_return(brief=brief, staff_user=team["owner"], reasons="No.")


def test_publishing_notifies_the_producers_not_the_viewer(team, staff):
    brief = make_brief(team["studio"], status="in_review")
    brief_services.brief_publish(brief=brief, staff_user=staff)
    told = set(
        Notification.objects.filter(kind="brief_published").values_list(
            "recipient__email", flat=True
        )
    )
    assert told == {"owner@example.com", "producer@example.com"}


def test_a_return_needs_reasons_and_the_studio_sees_them(team, staff):
    brief = make_brief(team["studio"], status="in_review")
    with pytest.raises(DomainError):
        brief_services.brief_return(brief=brief, staff_user=staff, reasons="  ")
    brief_services.brief_return(
        brief=brief, staff_user=staff, reasons="Say which scenes need the voice."
    )
    body = client_for(team["viewer"]).get(f"/briefs/{brief.pk}/").content.decode()
    assert "Staff returned this brief" in body
    assert "Say which scenes need the voice." in body
    notification = Notification.objects.get(kind="brief_returned", recipient=team["producer"])
    assert notification.context["reasons"] == "Say which scenes need the voice."


def test_admin_actions_publish_and_return_with_reasons(team, staff):
    first = make_brief(team["studio"], status="in_review")
    second = make_brief(team["studio"], status="in_review")
    model_admin = admin.site._registry[Brief]
    model_admin.publish(admin_request(staff), Brief.objects.filter(pk=first.pk))
    asked = model_admin.return_with_reasons(
        admin_request(staff), Brief.objects.filter(pk=second.pk)
    )
    assert asked.status_code == 200  # the intermediate page asking for reasons
    done = admin_request(staff, {"confirm": "1", "reasons": "Name the AI tool's version."})
    model_admin.return_with_reasons(done, Brief.objects.filter(pk=second.pk))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "published"
    assert second.status == "returned"
    assert second.review_notes == "Name the AI tool's version."


def test_a_published_brief_cannot_be_edited(team):
    brief = make_brief(team["studio"], status="published")
    with pytest.raises(DomainError, match="Close it and write a new one"):
        brief_services.brief_update(
            brief=brief, data={"title": "New"}, acting_user=team["producer"]
        )
    with pytest.raises(DomainError):
        brief_services.brief_role_save(
            brief=brief, data={"character_name": "X"}, acting_user=team["producer"]
        )


# --- studio-side views ----------------------------------------------------------------------


BRIEF_DATA = {
    "title": "Night Market",
    "logline": "A cook and a thief.",
    "visibility": "private",
    "currency": "CNY",
}


def test_brief_create_climbs_the_ladder(team):
    url = "/studios/lantern/briefs/new/"
    outsider = make_user("outsider@example.com", roles=[Role.CREATOR])
    assert "/accounts/login/" in client_for().get(url)["Location"]
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(team["viewer"]).post(url, BRIEF_DATA).status_code == 403
    response = client_for(team["producer"]).post(url, BRIEF_DATA)
    brief = Brief.objects.get(title="Night Market")
    assert response["Location"] == f"/briefs/{brief.pk}/"
    assert brief.status == "draft"
    assert brief.created_by == team["producer"]


def test_brief_edit_and_submit_climb_the_ladder(team):
    brief = make_brief(team["studio"], status="draft")
    outsider = make_user("outsider@example.com", roles=[Role.ACTOR])
    edit, submit = f"/briefs/{brief.pk}/edit/", f"/briefs/{brief.pk}/submit/"
    assert client_for().get(edit).status_code == 302
    assert client_for(outsider).get(edit).status_code == 404
    assert client_for(outsider).post(submit).status_code == 404
    assert client_for(outsider).get(f"/briefs/{brief.pk}/").status_code == 404  # a draft
    assert client_for(team["viewer"]).get(f"/briefs/{brief.pk}/").status_code == 200
    assert client_for(team["viewer"]).get(edit).status_code == 403
    assert client_for(team["viewer"]).post(submit).status_code == 403
    response = client_for(team["producer"]).post(edit, {**BRIEF_DATA, "title": "Renamed"})
    assert response.status_code == 302
    client_for(team["producer"]).post(submit)
    brief.refresh_from_db()
    assert brief.title == "Renamed"
    assert brief.status == "draft"  # the edit dropped required parts: the submit was refused


def test_a_vague_submit_through_the_page_shows_the_list(team):
    brief = make_brief(team["studio"], status="draft", roles=[])
    response = client_for(team["producer"]).post(f"/briefs/{brief.pk}/submit/", follow=True)
    body = response.content.decode()
    assert "This brief is not specific enough yet." in body
    assert "Add at least one role." in body
    brief.refresh_from_db()
    assert brief.status == "draft"


def test_a_complete_brief_submits_through_the_page(team):
    brief = make_brief(team["studio"], status="draft")
    client_for(team["producer"]).post(f"/briefs/{brief.pk}/submit/")
    brief.refresh_from_db()
    assert brief.status == "in_review"
    assert brief.submitted_at is not None


def test_producer_adds_a_role_with_scenes(team):
    brief = make_brief(team["studio"], status="draft", roles=[])
    data = {
        "role-character_name": "Granny Zhou",
        "role-description": "Runs the noodle stall.",
        "role-use_types": ["voice"],
        "scenes-TOTAL_FORMS": "2",
        "scenes-INITIAL_FORMS": "0",
        "scenes-0-number": "1",
        "scenes-0-description": "She shouts the prices.",
        "scenes-0-shot_count": "2",
        "scenes-1-number": "",
        "scenes-1-description": "",
        "scenes-1-shot_count": "1",  # the blank row as rendered, left alone
    }
    url = f"/briefs/{brief.pk}/roles/new/"
    assert client_for(team["viewer"]).post(url, data).status_code == 403
    response = client_for(team["producer"]).post(url, data)
    assert response.status_code == 302
    role = BriefRole.objects.get(brief=brief)
    assert role.use_types == ["voice"]
    assert list(role.scenes.values_list("number", "shot_count")) == [(1, 2)]
    assert brief_services.brief_missing_parts(brief=brief) == []


# --- /briefs/ for actors and agents ---------------------------------------------------------


def test_brief_list_needs_an_actor_or_agent(team):
    assert "/accounts/login/" in client_for().get("/briefs/")["Location"]
    # A creator is shown their studios' briefs instead (issue 12): see test_creator_paths.py.
    assert client_for(make_user("norole@example.com")).get("/briefs/").status_code == 404


def test_brief_list_shows_only_published_open_briefs(team, actor):
    make_brief(team["studio"], title="Open call")
    make_brief(team["studio"], title="Private one", visibility="private")
    make_brief(team["studio"], title="Still a draft", status="draft")
    make_brief(team["studio"], title="Closed one", status="closed")
    body = client_for(actor).get("/briefs/").content.decode()
    assert "Open call" in body
    assert "Private one" not in body
    assert "Still a draft" not in body
    assert "Closed one" not in body


def test_brief_list_empty_states(actor, team):
    assert "No open casting calls right now." in client_for(actor).get("/briefs/").content.decode()
    make_brief(team["studio"])
    body = client_for(actor).get("/briefs/?genre=horror").content.decode()
    assert "No casting calls match these filters." in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("genre=comedy", {"Comedy"}),
        ("format=film", {"Comedy"}),
        ("use_types=body", {"Comedy"}),
        ("use_types=face&use_types=voice", {"Drama"}),
        ("territory=JP", {"Comedy"}),
        ("budget=60000&currency=CNY", {"Comedy"}),
        ("budget=60000&currency=USD", set()),
        ("budget=1000&currency=CNY", {"Drama", "Comedy"}),
    ],
)
def test_brief_list_filters(team, actor, query, expected):
    make_brief(team["studio"], title="Drama")
    make_brief(
        team["studio"],
        title="Comedy",
        genre="comedy",
        format="film",
        territories=["JP"],
        budget_max=Decimal("80000"),
        roles=[{"use_types": ["body"]}],
    )
    response = client_for(actor).get(f"/briefs/?{query}")
    shown = {brief.title for brief in response.context["page"].object_list}
    assert shown == expected


def test_brief_list_query_count_does_not_grow_with_the_page(team, actor, django_assert_num_queries):
    client = client_for(actor)
    make_brief(team["studio"])
    client.get("/briefs/")  # warm the session and caches
    with CaptureQueriesContext(connection) as one_brief:
        client.get("/briefs/")
    for _ in range(24):
        make_brief(make_studio(), roles=[{}, {"character_name": "Lao Wang"}])
    with django_assert_num_queries(len(one_brief)):
        response = client.get("/briefs/")
    assert len(response.context["page"].object_list) == 20
    assert "Page 1 of 2" in response.content.decode()


# --- the actor's view and interest ----------------------------------------------------------


def test_actors_see_open_briefs_but_not_private_ones(team, actor):
    open_brief = make_brief(team["studio"])
    private = make_brief(team["studio"], visibility="private")
    assert client_for(actor).get(f"/briefs/{open_brief.pk}/").status_code == 200
    assert client_for(actor).get(f"/briefs/{private.pk}/").status_code == 404
    creator_only = make_user("other-creator@example.com", roles=[Role.CREATOR])
    assert client_for(creator_only).get(f"/briefs/{open_brief.pk}/").status_code == 404


def test_expressing_interest_notifies_every_producer_once(team, actor):
    brief = make_brief(team["studio"])
    listing = make_listing(actor)
    client = client_for(actor)
    response = client.post(f"/briefs/{brief.pk}/interest/", {"listing": listing.pk, "note": "Hi"})
    assert response.status_code == 302
    interest = Interest.objects.get(brief=brief, listing=listing)
    assert interest.expressed_by == actor
    told = Notification.objects.filter(kind="interest_expressed")
    assert set(told.values_list("recipient__email", flat=True)) == {
        "owner@example.com",
        "producer@example.com",
    }
    client.post(f"/briefs/{brief.pk}/interest/", {"listing": listing.pk})
    assert Interest.objects.count() == 1
    assert told.count() == 2


def test_an_agent_with_answer_pitches_expresses_interest_for_their_actor(team, actor):
    from actors.services import representation as rep_services

    brief = make_brief(team["studio"])
    listing = make_listing(actor)
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    rep = rep_services.representation_request(listing=listing, agent=agent)
    rep_services.representation_respond(
        representation=rep, accept=True, rights=["answer_pitches"], acting_user=actor
    )
    client_for(agent).post(f"/briefs/{brief.pk}/interest/", {"listing": listing.pk})
    assert Interest.objects.get().expressed_by == agent


def test_interest_is_refused_without_the_right_or_the_listing(team, actor):
    brief = make_brief(team["studio"])
    listing = make_listing(actor)
    other_actor = make_user("other@example.com", roles=[Role.ACTOR])
    client_for(other_actor).post(f"/briefs/{brief.pk}/interest/", {"listing": listing.pk})
    paused = make_listing(status="paused")
    with pytest.raises(DomainError):
        brief_services.interest_express(brief=brief, listing=paused, acting_user=paused.owner)
    private = make_brief(team["studio"], visibility="private")
    assert (
        client_for(actor)
        .post(f"/briefs/{private.pk}/interest/", {"listing": listing.pk})
        .status_code
        == 404
    )
    assert not Interest.objects.exists()


def test_studio_and_brief_pages_render_for_a_producer_and_owner(team, actor):
    brief = make_brief(team["studio"], status="draft")
    role = brief.roles.get()
    owner, producer = client_for(team["owner"]), client_for(team["producer"])
    for client, url in [
        (owner, "/studios/"),
        (owner, "/studios/new/"),
        (owner, "/studios/lantern/invite/"),
        (producer, "/studios/lantern/briefs/new/"),
        (producer, f"/briefs/{brief.pk}/edit/"),
        (producer, f"/briefs/{brief.pk}/roles/new/"),
        (producer, f"/briefs/{brief.pk}/roles/{role.pk}/"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    body = producer.get(f"/briefs/{role.brief_id}/roles/{role.pk}/").content.decode()
    assert "Su Wan arrives at the station in the rain." in body
    published = make_brief(team["studio"])
    make_listing(actor)
    body = client_for(actor).get(f"/briefs/{published.pk}/").content.decode()
    assert "Tell the studio I am interested" in body
    assert "Su Wan" in body
