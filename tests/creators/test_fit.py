from decimal import Decimal

import pytest

from actors.models import Terms
from creators.fit import Offer, Project, pitch_fit

TERMS = dict(
    use_types=["face", "voice"],
    genres=["drama", "romance"],
    formats=["short_drama"],
    red_lines=["political", "gambling"],
    red_line_terms=["BrandX"],
    training_data_mining="not_allowed",
    training_ai_inference="allowed",
    training_ai_generative_training="constrained",
    training_ai_training="not_allowed",
    territories=["CN", "HK"],
    max_term_months=12,
    fee_floor=Decimal("5000"),
    currency="CNY",
)
GOOD_OFFER = Offer(
    use_types=["face"],
    territories=["CN"],
    term_months=12,
    fee=Decimal("5000"),
    currency="CNY",
    ai_method="reference_only",
)
GOOD_PROJECT = Project(
    genre="drama", format="short_drama", sensitive_content=[], text="A romance in old Shanghai."
)


def _fit(offer=GOOD_OFFER, project=GOOD_PROJECT, status="listed", **terms):
    return pitch_fit(
        listing_status=status,
        terms=Terms(**{**TERMS, **terms}),
        offer=offer,
        project=project,
        actor_is_minor=False,
    )


def _codes(mismatches):
    return [m.code for m in mismatches]


def test_a_pitch_within_every_term_fits():
    assert _fit() == []


def test_generative_training_allowed_with_constraints_still_fits():
    offer = Offer(**{**GOOD_OFFER.__dict__, "ai_method": "fine_tune"})
    assert _fit(offer=offer) == []


@pytest.mark.parametrize(
    ("change", "code", "words"),
    [
        ({"status": "paused"}, "paused", "paused"),
        ({"status": "withdrawn"}, "not_listed", "not listed"),
        ({"project": Project("drama", "short_drama", ["gambling"], "")}, "red_line", "gambling"),
        (
            {"project": Project("drama", "short_drama", [], "Sponsored by brandx")},
            "red_line_term",
            "BrandX",
        ),
        ({"project": Project("horror", "short_drama")}, "genre", "Horror"),
        ({"project": Project("drama", "advertisement")}, "format", "Advertisement"),
        (
            {"offer": Offer(["face", "body"], ["CN"], 12, Decimal(5000), "CNY", "reference_only")},
            "use_type",
            "Body",
        ),
        (
            {"offer": Offer(["face"], ["CN"], 12, Decimal(5000), "CNY", "model_training")},
            "training",
            "training a model",
        ),
        (
            {"offer": Offer(["face"], ["CN"], 13, Decimal(5000), "CNY", "reference_only")},
            "term",
            "13 months",
        ),
        (
            {"offer": Offer(["face"], ["CN"], 12, Decimal("4999.99"), "CNY", "reference_only")},
            "fee",
            "5000",
        ),
        (
            {"offer": Offer(["face"], ["CN"], 12, Decimal(9000), "USD", "reference_only")},
            "currency",
            "CNY",
        ),
        (
            {"offer": Offer(["face"], ["CN", "NA"], 12, Decimal(5000), "CNY", "reference_only")},
            "territory",
            "North America",
        ),
    ],
)
def test_each_kind_of_mismatch_is_named_with_its_reason(change, code, words):
    mismatches = _fit(**change)
    assert _codes(mismatches) == [code]
    assert words.lower() in mismatches[0].message.lower()


def test_every_reason_is_listed_not_just_the_first():
    offer = Offer(["body"], ["NA"], 36, Decimal(10), "CNY", "model_training")
    project = Project("horror", "film", ["political"], "")
    codes = _codes(_fit(offer=offer, project=project, status="paused"))
    assert codes == [
        "paused",
        "red_line",
        "genre",
        "format",
        "use_type",
        "training",
        "term",
        "fee",
        "territory",
    ]


def test_worldwide_terms_accept_any_territory():
    offer = Offer(["face"], ["NA", "EU", "WW"], 12, Decimal(5000), "CNY", "reference_only")
    assert _fit(offer=offer, territories=["WW"]) == []
