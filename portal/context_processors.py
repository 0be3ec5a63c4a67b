from django.conf import settings

from portal import hooks
from portal.models import Role
from portal.selectors import request_unread_count


def portal(request):
    """Navigation state every page shows: the user's roles, their menu, unread notifications."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "nav_roles": frozenset(),
            "nav_items": [i for i in hooks.nav_items if i.public],
            "unread_count": 0,
            "Role": Role,
            "DEBUG": settings.DEBUG,
        }
    roles = user.roles
    items = [
        i for i in hooks.nav_items if i.public or (i.staff and user.is_staff) or (i.roles & roles)
    ]
    return {
        "nav_roles": roles,
        "nav_items": items,
        "unread_count": request_unread_count(request=request),
        "Role": Role,
        "DEBUG": settings.DEBUG,
    }
