"""Labels for what a grant's snapshot stores as values."""

from django import template
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from actors.choices import TrainingUse
from consent.choices import CAWG_ALLOWED, CAWG_CONSTRAINED, GrantStatus
from creators.choices import AiMethod, Channel, Dialogue, Rating, SensitiveContent

register = template.Library()

TRAINING_WORDS = {
    CAWG_ALLOWED: pgettext_lazy("training permission", "Allowed"),
    CAWG_CONSTRAINED: pgettext_lazy("training permission", "Allowed with constraints"),
}


def _labels(choices):
    def convert(values):
        known = dict(choices.choices)
        return [str(known.get(v, v)) for v in values or []]

    return convert


def _label(choices):
    def convert(value):
        return str(dict(choices.choices).get(value, value or "—"))

    return convert


register.filter("channel_labels", _labels(Channel))
register.filter("sensitive_labels", _labels(SensitiveContent))
register.filter("ai_method_label", _label(AiMethod))
register.filter("rating_label", _label(Rating))
register.filter("dialogue_label", _label(Dialogue))
register.filter("grant_status_label", _label(GrantStatus))


@register.filter
def training_rows(training: dict):
    """[(use label, permission label, allowed?)] in the CAWG order, "not allowed" by default."""
    return [
        (
            str(label),
            str(
                TRAINING_WORDS.get(
                    training.get(use), pgettext_lazy("training permission", "Not allowed")
                )
            ),
            training.get(use) in TRAINING_WORDS,
        )
        for use, label in TrainingUse.choices
    ]


@register.filter
def revocation_effects(allows_models: bool):
    effects = [
        _("Pending shots are voided at once; none of them may be used."),
        _("Access to your reference photos ends on the very next request."),
        _("Work not yet published must not be published with your likeness."),
        _(
            "Work already published under this consent may stay where it is; no new "
            "distribution, territory or channel may be added."
        ),
    ]
    if allows_models:
        effects.append(
            _(
                "Every model or adapter trained on your data must be deleted, and the studio "
                "attests it."
            )
        )
    else:
        effects.append(
            _(
                "No model may be trained on your data; the studio attests that your reference "
                "data is deleted."
            )
        )
    return [str(e) for e in effects]
