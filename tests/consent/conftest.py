import pytest

from tests.consent.factories_shots import GrantWorld


@pytest.fixture
def shot_world(db):
    """An active grant, its studio's producer and viewer, the actor and two kinds of agent."""
    return GrantWorld()
