"""``{% grant_shot_links grant %}``: the grant page's way to its shots and its vault, for whoever
may open them (the grant page itself stays the grants' own)."""

from django import template

from consent.permissions import can_use_vault, can_view_shots
from consent.selectors import grant_in_force, shots_used

register = template.Library()


@register.inclusion_tag("consent/_grant_shot_links.html", takes_context=True)
def grant_shot_links(context, grant):
    user = context["request"].user
    signed = grant.signed_at is not None
    return {
        "grant": grant,
        "show_shots": signed and can_view_shots(user, grant),
        "show_vault": can_use_vault(user, grant) and grant_in_force(grant=grant),
        "used": shots_used(grant=grant) if signed else 0,
    }
