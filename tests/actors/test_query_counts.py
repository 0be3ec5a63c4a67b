"""List pages cost the same number of queries for two rows or six: an N+1 would show here.

Each page is requested once before counting, so session bookkeeping on the first request of a
client does not count.
"""

import pytest

from actors.models import Guardianship
from actors.services import register as register_services
from actors.services import representation as rep_services
from portal.models import Role
from tests.actors.factories import make_listing
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db

ROWS = [2, 6]

# Signed in: session, user, roles and unread count, then the page's own read.
AGENT_HUB_QUERIES = 5
GUARDIAN_HUB_QUERIES = 5
REGISTER_QUERIES = 3  # anonymous: the listings, the opt-outs and their grant counts (one batch)


def _counted_get(client, url, django_assert_num_queries, expected, **params):
    client.get(url, params)
    with django_assert_num_queries(expected):
        response = client.get(url, params)
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("rows", ROWS)
def test_the_agent_hub_costs_the_same_for_any_number_of_actors(rows, django_assert_num_queries):
    agent = make_user("agent@example.com", roles=[Role.AGENT])
    names = [f"Represented {n}" for n in range(rows)]
    for n, name in enumerate(names):
        listing = make_listing(stage_name=name)
        rep = rep_services.representation_request(listing=listing, agent=agent)
        if n % 2 == 0:
            rep_services.representation_respond(
                representation=rep, accept=True, rights=["edit_listing"], acting_user=listing.owner
            )
    page = _counted_get(client_for(agent), "/agent/", django_assert_num_queries, AGENT_HUB_QUERIES)
    for name in names:
        assert name in page


@pytest.mark.parametrize("rows", ROWS)
def test_the_guardian_hub_costs_the_same_for_any_number_of_wards(rows, django_assert_num_queries):
    guardian = make_user("guardian@example.com")
    names = [f"Ward {n}" for n in range(rows)]
    for n, name in enumerate(names):
        listing = make_listing(stage_name=name, status="draft", verified=False)
        Guardianship.objects.create(
            listing=listing,
            guardian=guardian,
            relationship="parent",
            status="active" if n % 2 else "invited",
        )
    page = _counted_get(
        client_for(guardian), "/guardian/", django_assert_num_queries, GUARDIAN_HUB_QUERIES
    )
    for name in names:
        assert name in page


@pytest.mark.parametrize("rows", ROWS)
def test_the_register_costs_the_same_for_any_number_of_matches(rows, django_assert_num_queries):
    names = [f"Zhang Listed {n}" for n in range(rows)]
    for n, name in enumerate(names):
        make_listing(stage_name=name, status="withdrawn" if n % 3 == 0 else "listed")
    opted_out = [f"Zhang Opted {n}" for n in range(rows)]
    for n, name in enumerate(opted_out):
        user = make_user(f"optout{n}@example.com")
        register_services.optout_publish(user=user, public_name=name)
    page = _counted_get(
        client_for(None), "/register/", django_assert_num_queries, REGISTER_QUERIES, q="Zhang"
    )
    for name in names + opted_out:
        assert name in page
