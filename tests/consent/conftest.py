"""A world for consent tests: a verified studio with a published brief, a listed actor, an agent
who may sign, an agent who may only answer pitches, and an outsider. Plain functions."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone, translation
from guardian.shortcuts import assign_perm

from actors.models import Guardianship, ListingPrivate
from consent.models import Grant
from consent.services import grants as services
from creators.services.pitches import PitchOffer, pitch_send, pitch_transition
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


class GrantWorld:
    def __init__(self, *, terms=None, brief=None):
        n = next(_n)
        self.producer = make_user(f"g-producer{n}@example.com", roles=[Role.CREATOR])
        self.viewer = make_user(f"g-viewer{n}@example.com", roles=[Role.CREATOR])
        self.studio = make_studio(
            verified=True, members=[(self.producer, "producer"), (self.viewer, "viewer")]
        )
        self.brief = make_brief(self.studio, **(brief or {}))
        self.role = self.brief.roles.get()
        self.listing = make_listing(terms=terms)
        self.actor = self.listing.owner
        self.signing_agent = make_user(f"g-signer{n}@example.com", roles=[Role.AGENT])
        assign_perm("actors.sign_grants", self.signing_agent, self.listing)
        assign_perm("actors.answer_pitches", self.signing_agent, self.listing)
        self.answer_agent = make_user(f"g-answerer{n}@example.com", roles=[Role.AGENT])
        assign_perm("actors.answer_pitches", self.answer_agent, self.listing)
        self.outsider = make_user(f"g-outsider{n}@example.com", roles=[Role.CREATOR])
        self.staff = make_user(f"g-staff{n}@example.com", staff=True)

    def agreed_grant(self, offer=None) -> Grant:
        pitch = pitch_send(
            role=self.role,
            listing=self.listing,
            offer=offer or make_offer(),
            message="",
            acting_user=self.producer,
        )
        pitch_transition(pitch=pitch, action="agree", acting_user=self.actor)
        return Grant.objects.get(pitch=pitch)

    def signed_grant(self, offer=None) -> Grant:
        grant = self.agreed_grant(offer)
        return services.grant_sign(
            grant=grant, acting_user=self.actor, reauthenticated=True, acknowledged=True
        )

    def make_minor(self, *, guardian=True):
        """The actor turns out to be 16 today; with an active guardian unless told otherwise."""
        today = timezone.localdate()
        ListingPrivate.objects.filter(listing=self.listing).update(
            date_of_birth=today.replace(year=today.year - 16)
        )
        if guardian:
            self.guardian = make_user(f"guardian-{self.listing.pk}@example.com")
            Guardianship.objects.create(
                listing=self.listing,
                guardian=self.guardian,
                relationship="mother",
                status=Guardianship.Status.ACTIVE,
            )


@pytest.fixture
def world(db):
    return GrantWorld()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- shots and the vault --------------------------------------------------------------------


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
    from tests.consent.factories_shots import GrantWorld as ShotGrantWorld

    return ShotGrantWorld()
