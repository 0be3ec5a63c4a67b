"""Turn the stored codes of listings and terms into the labels a reader sees, in their language."""

from django import template

from actors.choices import (
    Format,
    Genre,
    Language,
    ListingStatus,
    Permission,
    RedLine,
    Territory,
    TrainingUse,
    UseType,
)

register = template.Library()


def _labels(choices):
    def convert(values):
        known = dict(choices.choices)
        return [str(known.get(value, value)) for value in values or []]

    return convert


register.filter("use_type_labels", _labels(UseType))
register.filter("genre_labels", _labels(Genre))
register.filter("format_labels", _labels(Format))
register.filter("territory_labels", _labels(Territory))
register.filter("red_line_labels", _labels(RedLine))
register.filter("language_labels", _labels(Language))


@register.filter
def training_rows(terms):
    return [
        (use, TrainingUse(use).label, Permission(value)) for use, value in terms.training().items()
    ]


@register.filter
def listing_status_label(value):
    return str(dict(ListingStatus.choices).get(value, value))


@register.filter
def genre_label(value):
    return _labels(Genre)([value])[0] if value else ""


@register.filter
def format_label(value):
    return _labels(Format)([value])[0] if value else ""
