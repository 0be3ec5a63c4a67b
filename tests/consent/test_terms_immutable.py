"""The database refuses to change a terms version: pitches and grants were agreed under it."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction

from actors.models import Terms


def test_updating_a_terms_version_is_refused_by_the_database(world):
    terms = world.listing.current_terms
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        Terms.objects.filter(pk=terms.pk).update(fee_floor=Decimal("1"))
    terms.refresh_from_db()
    assert terms.fee_floor == Decimal("5000")


def test_saving_a_changed_terms_row_is_refused_too(world):
    terms = world.listing.current_terms
    terms.use_types = ["face", "voice", "body"]
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        terms.save()


def test_a_terms_version_referenced_by_a_grant_stays_as_the_snapshot_hashed_it(world):
    grant = world.agreed_grant()
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        Terms.objects.filter(pk=grant.terms_id).update(territories=["WW"])
    assert Terms.objects.get(pk=grant.terms_id).as_document() == grant.snapshot["terms"]


def test_a_new_version_is_still_published_as_usual(world):
    from actors.services.listings import terms_create_version

    data = {f: getattr(world.listing.current_terms, f) for f in Terms.AGREED_FIELDS}
    terms = terms_create_version(
        listing=world.listing, data={**data, "fee_floor": Decimal("7000")}, acting_user=world.actor
    )
    assert terms.version == 2
