"""An agreed pitch lands in the public ledger; the steps before it do not."""

from decimal import Decimal

import pytest

from creators.services import pitches as services
from creators.services.pitches import PitchOffer
from portal.ledger import ledger_verify
from portal.models import LedgerEntry, Role
from tests.actors.factories import make_listing
from tests.conftest import make_user
from tests.creators.factories import make_brief, make_studio

pytestmark = pytest.mark.django_db


@pytest.fixture
def pitch():
    producer = make_user("producer@example.com", roles=[Role.CREATOR])
    studio = make_studio(members=[(producer, "producer")], name="Red Lantern Pictures")
    role = make_brief(studio).roles.get()
    listing = make_listing(status="listed")
    offer = PitchOffer(
        use_types=["face"],
        scenes=[1, 2],
        estimated_shots=5,
        territories=["CN"],
        term_months=12,
        fee=Decimal("6000"),
        currency="CNY",
        ai_method="reference_only",
    )
    return services.pitch_send(
        role=role, listing=listing, offer=offer, message="Hello.", acting_user=producer
    )


def test_only_the_agreement_is_recorded(pitch):
    assert not LedgerEntry.objects.filter(subject_type="creators.pitch").exists()
    services.pitch_transition(pitch=pitch, action="agree", acting_user=pitch.listing.owner)
    entry = LedgerEntry.objects.get(subject_type="creators.pitch")
    assert entry.event_type == "pitch.agreed"
    assert entry.subject_id == str(pitch.pk)
    assert entry.actor_id == pitch.listing.owner_id
    assert ledger_verify() is None


def test_the_agreement_names_the_parties_but_not_the_fee(pitch):
    services.pitch_transition(pitch=pitch, action="agree", acting_user=pitch.listing.owner)
    payload = LedgerEntry.objects.get(event_type="pitch.agreed").payload
    assert payload["studio"] == "Red Lantern Pictures"
    assert payload["listing"] == pitch.listing.slug
    assert payload["role"] == pitch.role.character_name
    assert payload["terms_version"] == 1
    assert "fee" not in payload


def test_a_declined_pitch_is_not_recorded(pitch):
    services.pitch_transition(pitch=pitch, action="decline", acting_user=pitch.listing.owner)
    assert not LedgerEntry.objects.filter(subject_type="creators.pitch").exists()
