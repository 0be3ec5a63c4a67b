"""Numbers and lists as people write them in each language (portal/text.py)."""

from decimal import Decimal

import pytest
from django.utils import translation

from portal.text import amount, colon, human_list, parenthesised


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("30000.00"), "30,000"),
        (Decimal("1234.5"), "1,234.50"),
        (2000000, "2,000,000"),
        (None, ""),
    ],
)
def test_amounts_are_grouped_without_trailing_zeros(value, written):
    assert amount(value) == written


@pytest.mark.parametrize(
    ("language", "written"), [("en", "face, voice"), ("zh-hans", "face、voice")]
)
def test_lists_take_the_languages_separator(language, written):
    with translation.override(language):
        assert human_list(["face", "voice"]) == written


@pytest.mark.parametrize(("language", "written"), [("en", ": "), ("zh-hans", "：")])
def test_a_label_takes_the_languages_colon(language, written):
    with translation.override(language):
        assert colon() == written


@pytest.mark.parametrize(("language", "written"), [("en", " (x)"), ("zh-hans", "（x）")])
def test_an_aside_takes_the_languages_brackets(language, written):
    with translation.override(language):
        assert parenthesised("x") == written
