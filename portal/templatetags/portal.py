from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag
def notification_title(notification):
    """A notification's one-line title: its email subject, in the language of the page."""
    context = {**notification.context, "notification": notification}
    return " ".join(
        render_to_string(f"notifications/{notification.kind}_subject.txt", context).split()
    )
