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


# --- numbers and lists in the page's language (portal/text.py) ------------------------------


@register.filter
def human_list(items):
    from portal.text import human_list as join

    return join(items)


@register.filter
def amount(value):
    from portal.text import amount as grouped

    return grouped(value)


@register.simple_tag
def list_separator():
    from portal.text import list_separator as separator

    return separator()


@register.simple_tag
def colon():
    from portal.text import colon as label_colon

    return label_colon()


@register.filter
def paren(text):
    from portal.text import parenthesised

    return parenthesised(text)
