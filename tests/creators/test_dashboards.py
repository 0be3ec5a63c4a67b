"""The creators app's dashboard sections: the creator's studios and what needs an answer; the
actor's and agent's incoming pitches with their deadlines."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from guardian.shortcuts import assign_perm

from creators.models import Pitch
from portal.models import Role
from tests.actors.factories import make_listing
from tests.conftest import client_for, make_user
from tests.creators.factories import make_brief, make_studio

pytestmark = pytest.mark.django_db


def make_pitch(role, listing, *, status="sent", awaiting="actor", days=10):
    """A pitch row as the pitch services leave it (dashboards only read them)."""
    return Pitch.objects.create(
        role=role,
        listing=listing,
        terms=listing.current_terms,
        studio=role.brief.studio,
        status=status,
        use_types=role.use_types,
        territories=["CN"],
        term_months=12,
        fee=Decimal("20000"),
        currency="CNY",
        ai_method="reference_only",
        awaiting=awaiting,
        expires_at=timezone.now() + timedelta(days=days),
    )


def dashboard(user) -> str:
    response = client_for(user).get("/dashboard/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_creator_without_a_studio_is_asked_to_create_one():
    creator = make_user("new@example.com", roles=[Role.CREATOR])
    assert "Create your studio" in dashboard(creator)


def test_the_creator_sees_what_needs_an_answer_and_the_studio_counts():
    owner = make_user("owner@example.com", roles=[Role.CREATOR])
    studio = make_studio(owner, verified=False, name="Lumen")
    role = make_brief(studio).roles.get()
    make_brief(studio, status="draft")
    make_brief(studio, status="returned", title="Night Market", review_notes="Scene 2 is vague.")
    actor = make_listing(stage_name="Zhou Min")
    make_pitch(role, actor, status="countered", awaiting="studio")
    make_pitch(role, make_listing(), status="declined")
    html = dashboard(owner)
    assert "Lumen is waiting for verification" in html
    assert "Zhou Min countered your pitch for Su Wan" in html
    assert "Staff returned “Night Market”" in html
    assert "Scene 2 is vague." in html
    assert "1 draft, 1 published, 1 returned" in html
    assert "1 countered, 1 declined" in html


def test_pitches_awaiting_the_actor_are_not_the_creators_task():
    owner = make_user("owner@example.com", roles=[Role.CREATOR])
    role = make_brief(make_studio(owner)).roles.get()
    make_pitch(role, make_listing(stage_name="Zhou Min"))
    assert "Zhou Min countered" not in dashboard(owner)


def test_the_creator_section_costs_the_same_queries_for_more_studios():
    from creators.hooks import creator_section

    owner = make_user("owner@example.com", roles=[Role.CREATOR])
    make_brief(make_studio(owner))

    class Request:
        user = owner

    creator_section(Request)
    with CaptureQueriesContext(connection) as one:
        creator_section(Request)
    for _ in range(3):
        studio = make_studio(owner, verified=False)
        role = make_brief(studio, status="returned").roles.get()
        make_pitch(role, make_listing(), status="countered", awaiting="studio")
    with CaptureQueriesContext(connection) as four:
        section = creator_section(Request)
    assert len(four) == len(one) <= 6
    assert len(section.tasks) == 3 + 3 + 3 + 4  # answers, returned briefs, unverified, studios


def test_the_actor_sees_open_pitches_soonest_deadline_first():
    listing = make_listing(stage_name="Zhou Min")
    first = make_brief(make_studio(name="Far Studio")).roles.get()
    second = make_brief(make_studio(name="Near Studio")).roles.get()
    third = make_brief(make_studio(name="Done Studio")).roles.get()
    make_pitch(first, listing, days=12)
    make_pitch(second, listing, status="viewed", days=1)
    make_pitch(third, listing, status="agreed")
    html = dashboard(listing.owner)
    assert "Pitches waiting for an answer" in html
    near = html.index("Answer Near Studio&#x27;s pitch for Su Wan")
    far = html.index("New pitch from Far Studio for Su Wan")
    assert near < far
    assert "Done Studio" not in html


def test_the_actor_does_not_see_pitches_awaiting_the_studio_or_overdue():
    listing = make_listing()
    make_pitch(make_brief(make_studio(name="Waiting")).roles.get(), listing, status="countered",
               awaiting="studio")  # fmt: skip
    make_pitch(make_brief(make_studio(name="Overdue")).roles.get(), listing, days=-1)
    html = dashboard(listing.owner)
    assert "No pitch is waiting for your answer." in html
    assert "Waiting" not in html.split("Pitches waiting")[1]


def test_an_agent_sees_pitches_only_for_actors_who_let_them_answer():
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    allowed = make_listing(stage_name="Zhou Min")
    not_allowed = make_listing(stage_name="Wang Fang")
    assign_perm("actors.answer_pitches", agent, allowed)
    assign_perm("actors.edit_listing", agent, not_allowed)
    make_pitch(make_brief(make_studio(name="Lumen")).roles.get(), allowed)
    make_pitch(make_brief(make_studio(name="Other")).roles.get(), not_allowed)
    html = dashboard(agent)
    assert "New pitch from Lumen for Su Wan · for Zhou Min" in html
    assert "Wang Fang" not in html.split("Pitches waiting")[1]


def test_people_without_those_roles_get_no_pitch_section():
    creator = make_user("creator@example.com", roles=[Role.CREATOR])
    assert "Pitches waiting for an answer" not in dashboard(creator)
