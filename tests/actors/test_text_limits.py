"""Security finding 9 (issue 13): every text field has a maximum, in forms, models and the DB."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from actors.forms import ListingProfileForm, TermsForm
from actors.models import (
    BIO_MAX_LENGTH,
    CREDITS_MAX_LENGTH,
    RED_LINE_TERM_MAX_LENGTH,
    RED_LINE_TERMS_MAX,
    SKILLS_MAX_LENGTH,
    Listing,
    validate_red_line_terms,
)
from tests.actors.factories import make_listing

pytestmark = pytest.mark.django_db

LIMITS = [("bio", BIO_MAX_LENGTH), ("skills", SKILLS_MAX_LENGTH), ("credits", CREDITS_MAX_LENGTH)]


def _profile_data(listing, **changes):
    data = {field: getattr(listing, field) or "" for field in Listing.PROFILE_FIELDS}
    data["languages"] = listing.languages
    data["links"] = ""
    return {key: value for key, value in {**data, **changes}.items() if value is not None}


@pytest.mark.parametrize(("field", "limit"), LIMITS)
def test_the_profile_form_refuses_a_text_over_its_limit(field, limit):
    listing = make_listing()
    form = ListingProfileForm(
        _profile_data(listing, **{field: "字" * (limit + 1)}), instance=listing
    )
    assert field in form.errors


@pytest.mark.parametrize(("field", "limit"), LIMITS)
def test_the_profile_form_takes_a_text_at_its_limit(field, limit):
    listing = make_listing()
    form = ListingProfileForm(_profile_data(listing, **{field: "字" * limit}), instance=listing)
    assert field not in form.errors


@pytest.mark.parametrize(("field", "limit"), LIMITS)
def test_model_validation_refuses_a_text_over_its_limit(field, limit):
    listing = make_listing()
    setattr(listing, field, "x" * (limit + 1))
    with pytest.raises(ValidationError, match="at most"):
        listing.full_clean()


@pytest.mark.parametrize(("field", "limit"), LIMITS)
def test_the_database_refuses_a_text_over_its_limit(field, limit):
    listing = make_listing()
    with pytest.raises(IntegrityError):
        Listing.objects.filter(pk=listing.pk).update(**{field: "x" * (limit + 1)})


def _terms_form(words: str):
    listing = make_listing()
    data = {
        "use_types": ["face"],
        "genres": ["drama"],
        "formats": ["film"],
        "red_line_terms": words,
        "territories": ["CN"],
        "max_term_months": "12",
        "fee_floor": "5000",
        "currency": "CNY",
        "response_window_hours": "72",
        "training_data_mining": "not_allowed",
        "training_ai_inference": "not_allowed",
        "training_ai_generative_training": "not_allowed",
        "training_ai_training": "not_allowed",
    }
    return TermsForm(data, instance=listing.current_terms, max_term_months=120)


def test_the_terms_form_refuses_too_many_red_line_words():
    words = ", ".join(f"brand{n}" for n in range(RED_LINE_TERMS_MAX + 1))
    form = _terms_form(words)
    assert "red_line_terms" in form.errors


def test_the_terms_form_refuses_a_red_line_word_that_is_too_long():
    form = _terms_form("x" * (RED_LINE_TERM_MAX_LENGTH + 1))
    assert "red_line_terms" in form.errors


def test_the_terms_form_refuses_a_hundred_thousand_characters():
    form = _terms_form("x" * 100_000)
    assert "red_line_terms" in form.errors


def test_the_terms_form_keeps_a_reasonable_list_of_red_line_words():
    form = _terms_form("Brand A, 某品牌, never say this")
    assert "red_line_terms" not in form.errors


def test_model_validation_refuses_too_many_red_line_words():
    with pytest.raises(ValidationError, match="At most"):
        validate_red_line_terms(["w"] * (RED_LINE_TERMS_MAX + 1))


def test_model_validation_refuses_a_red_line_word_that_is_too_long():
    with pytest.raises(ValidationError, match="too long"):
        validate_red_line_terms(["x" * (RED_LINE_TERM_MAX_LENGTH + 1)])


def test_terms_full_clean_checks_the_red_line_words():
    terms = make_listing().current_terms
    terms.red_line_terms = ["x" * 100_000]
    with pytest.raises(ValidationError, match="too long"):
        terms.full_clean()
