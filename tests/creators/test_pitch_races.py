"""Concurrent sends on PostgreSQL: row locks keep one open pitch per role and actor, and the
daily limit, true when two producers press "send" at the same moment."""

import pytest

from creators.models import Pitch
from tests.actors.factories import make_listing
from tests.conftest import race
from tests.creators.conftest import World

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_two_producers_pitching_the_same_actor_for_the_same_role_make_one_pitch():
    world = World()
    outcomes = race(world.send, world.send, world.send)
    assert outcomes.count("ok") == 1
    assert len(outcomes) == 3
    assert Pitch.objects.filter(role=world.role, listing=world.listing).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_daily_limit_holds_under_concurrent_sends(settings):
    settings.PORTAL_PITCHES_PER_STUDIO_PER_DAY = 1
    world = World()
    others = [make_listing() for _ in range(3)]
    outcomes = race(*[lambda listing=listing: world.send(listing=listing) for listing in others])
    assert outcomes.count("ok") == 1
    assert len(outcomes) == 3  # the others were refused with a reason, none crashed
    assert Pitch.objects.filter(studio=world.studio).count() == 1
