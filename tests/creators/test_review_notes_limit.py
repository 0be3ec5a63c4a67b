"""Security finding 9 (issue 13): staff's reasons for returning a brief have a maximum too."""

from creators.admin import ReturnReasonsForm
from creators.models import REVIEW_NOTES_MAX_LENGTH


def test_the_return_form_refuses_reasons_over_the_limit():
    form = ReturnReasonsForm({"reasons": "x" * (REVIEW_NOTES_MAX_LENGTH + 1)})
    assert "reasons" in form.errors


def test_the_return_form_takes_reasons_at_the_limit():
    form = ReturnReasonsForm({"reasons": "x" * REVIEW_NOTES_MAX_LENGTH})
    assert form.is_valid()
