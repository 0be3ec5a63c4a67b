from django.conf import settings

from portal.models import Role
from portal.selectors import request_unread_count


def portal(request):
    """Navigation state every page shows: the user's roles and unread notifications."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": frozenset(), "unread_count": 0, "Role": Role, "DEBUG": settings.DEBUG}
    return {
        "nav_roles": user.roles,
        "unread_count": request_unread_count(request),
        "Role": Role,
        "DEBUG": settings.DEBUG,
    }
