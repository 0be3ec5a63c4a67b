"""Fixtures for the creators tests: one `World` builder for every pitch test."""

from decimal import Decimal

import pytest
from guardian.shortcuts import assign_perm

from creators.services import pitches as services
from creators.services.pitches import PitchOffer
from portal.models import Role
from tests.actors.factories import make_listing
from tests.conftest import make_user
from tests.creators.factories import make_brief, make_studio

_n = iter(range(1, 10**6))


def make_offer(**changes) -> PitchOffer:
    values = {
        "use_types": ["face"],
        "scenes": [1, 2],
        "estimated_shots": 5,
        "territories": ["CN"],
        "term_months": 12,
        "fee": Decimal("6000"),
        "currency": "CNY",
        "ai_method": "reference_only",
    }
    return PitchOffer(**{**values, **changes})


class World:
    """A verified studio (owner, producer, viewer), a published brief with a role, an actor
    with a listing, and an agent who may answer pitches for them."""

    def __init__(self, *, verified=True, brief_status="published", listing_status="listed",
                 brief=None, terms=None):  # fmt: skip
        n = next(_n)
        self.producer = make_user(f"producer{n}@example.com", roles=[Role.CREATOR])
        self.viewer = make_user(f"viewer{n}@example.com", roles=[Role.CREATOR])
        self.studio = make_studio(
            verified=verified, members=[(self.producer, "producer"), (self.viewer, "viewer")]
        )
        self.owner = self.studio.created_by
        self.brief = make_brief(self.studio, status=brief_status, **(brief or {}))
        self.role = self.brief.roles.get()
        self.listing = make_listing(status=listing_status, terms=terms)
        self.actor = self.listing.owner
        self.agent = make_user(f"agent{n}@example.com", roles=[Role.AGENT])
        assign_perm("actors.answer_pitches", self.agent, self.listing)
        self.idle_agent = make_user(f"idle-agent{n}@example.com", roles=[Role.AGENT])
        assign_perm("actors.edit_listing", self.idle_agent, self.listing)

    def send(self, offer=None, *, listing=None, message="We love your work."):
        return services.pitch_send(
            role=self.role,
            listing=listing or self.listing,
            offer=offer or make_offer(),
            message=message,
            acting_user=self.producer,
        )


@pytest.fixture
def world(db):
    return World()
