"""A terms version is a permanent record: the ORM cannot change it in place or delete it."""

from decimal import Decimal

import pytest

from actors.models import Terms
from actors.services import listings as services
from portal.exceptions import ImmutableRecord
from tests.actors.factories import make_listing

pytestmark = pytest.mark.django_db


def test_saving_an_existing_terms_version_is_refused(actor):
    terms = make_listing(actor).current_terms
    terms.fee_floor = Decimal(1)
    with pytest.raises(ImmutableRecord, match="immutable"):
        terms.save()


def test_a_refused_save_leaves_the_stored_version_unchanged(actor):
    terms = make_listing(actor).current_terms
    terms.fee_floor = Decimal(1)
    with pytest.raises(ImmutableRecord):
        terms.save(update_fields=["fee_floor"])
    assert Terms.objects.get(pk=terms.pk).fee_floor == Decimal(5000)


def test_a_bulk_update_of_what_a_version_states_is_refused(actor):
    terms = make_listing(actor).current_terms
    with pytest.raises(ImmutableRecord, match="max_term_months"):
        Terms.objects.filter(pk=terms.pk).update(max_term_months=120)


def test_bookkeeping_may_still_be_bulk_updated(actor):
    terms = make_listing(actor).current_terms
    assert Terms.objects.filter(pk=terms.pk).update(created_by=None) == 1


def test_a_version_the_listing_points_at_cannot_be_deleted(actor):
    terms = make_listing(actor).current_terms
    with pytest.raises(ImmutableRecord, match=r"actors\.Listing"):
        terms.delete()


def test_a_superseded_version_nothing_points_at_can_be_deleted(actor):
    listing = make_listing(actor)
    old = listing.current_terms
    data = {f: getattr(old, f) for f in Terms.AGREED_FIELDS}
    services.terms_create_version(
        listing=listing, data={**data, "fee_floor": Decimal(9000)}, acting_user=actor
    )
    old.delete()
    assert not Terms.objects.filter(pk=old.pk).exists()


def test_a_change_of_terms_makes_a_new_version_and_keeps_the_old_one(actor):
    listing = make_listing(actor)
    old = listing.current_terms
    data = {f: getattr(old, f) for f in Terms.AGREED_FIELDS}
    new = services.terms_create_version(
        listing=listing, data={**data, "fee_floor": Decimal(9000)}, acting_user=actor
    )
    assert Terms.objects.get(pk=old.pk).fee_floor == Decimal(5000)
    assert new.version == old.version + 1
