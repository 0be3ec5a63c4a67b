import pytest
from django.utils import translation

from tests.consent.factories_shots import GrantWorld


@pytest.fixture(autouse=True)
def _english():
    # A request in Chinese leaves its language active in the thread; messages asserted here are
    # English, and a test here must not leave Chinese behind for the next one either.
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def shot_world(db):
    """An active grant, its studio's producer and viewer, the actor and two kinds of agent."""
    return GrantWorld()
