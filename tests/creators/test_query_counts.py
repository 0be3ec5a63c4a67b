"""Studio list pages cost the same number of queries for two rows or six: an N+1 would show.

Each page is requested once before counting, so session bookkeeping on the first request of a
client does not count.
"""

import pytest

from creators.services import matchmaking as services
from portal.models import Role
from tests.actors.factories import make_listing
from tests.conftest import client_for, make_user
from tests.creators.factories import make_studio

pytestmark = pytest.mark.django_db

ROWS = [2, 6]

STUDIO_LIST_QUERIES = 5
SHORTLISTS_QUERIES = 8
SAVED_SEARCHES_QUERIES = 7


def _counted_get(client, url, django_assert_num_queries, expected):
    client.get(url)
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response.text


@pytest.fixture
def producer(db):
    return make_user("producer@example.com", roles=[Role.CREATOR])


@pytest.mark.parametrize("rows", ROWS)
def test_the_studio_list_costs_the_same_for_any_number_of_studios(
    rows, producer, django_assert_num_queries
):
    names = [f"Studio Number {n}" for n in range(rows)]
    for n, name in enumerate(names):
        role = ("producer", "viewer", "owner")[n % 3]
        make_studio(name=name, verified=bool(n % 2), members=[(producer, role)])
    page = _counted_get(
        client_for(producer), "/studios/", django_assert_num_queries, STUDIO_LIST_QUERIES
    )
    for name in names:
        assert name in page


@pytest.mark.parametrize("rows", ROWS)
def test_the_shortlists_page_costs_the_same_for_any_number_of_lists(
    rows, producer, django_assert_num_queries
):
    studio = make_studio(members=[(producer, "producer")])
    names = [f"Shortlist Number {n}" for n in range(rows)]
    for name in names:
        shortlist = services.shortlist_create(studio=studio, name=name, acting_user=producer)
        for _ in range(2):
            services.shortlist_entry_add(
                shortlist=shortlist, listing=make_listing(), acting_user=producer, note="Maybe"
            )
    page = _counted_get(
        client_for(producer),
        f"/studios/{studio.slug}/shortlists/",
        django_assert_num_queries,
        SHORTLISTS_QUERIES,
    )
    for name in names:
        assert name in page


@pytest.mark.parametrize("rows", ROWS)
def test_the_saved_searches_page_costs_the_same_for_any_number_of_searches(
    rows, producer, django_assert_num_queries
):
    studio = make_studio(members=[(producer, "producer")])
    names = [f"Search Number {n}" for n in range(rows)]
    for n, name in enumerate(names):
        services.saved_search_create(
            studio=studio, user=producer, name=name, query=f"q=zhang{n}", alerts=bool(n % 2)
        )
    page = _counted_get(
        client_for(producer),
        f"/studios/{studio.slug}/searches/",
        django_assert_num_queries,
        SAVED_SEARCHES_QUERIES,
    )
    for name in names:
        assert name in page
