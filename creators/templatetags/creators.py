"""Labels for the codes a brief stores, in the reader's language."""

from django import template

from actors.templatetags.actors import _labels
from creators.choices import Channel, SensitiveContent

register = template.Library()

register.filter("sensitive_labels", _labels(SensitiveContent))
register.filter("channel_labels", _labels(Channel))
