from django.core.paginator import Paginator
from django.db.models import QuerySet

from portal.models import Notification, User


def notification_list(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notifications_unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_page(*, user: User, page: str | int | None, per_page: int = 20):
    return Paginator(notification_list(user=user), per_page).get_page(page)


def request_unread_count(*, request) -> int:
    """The header and the dashboard both show it; count once per request."""
    if not request.user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_count"):
        request._unread_count = notifications_unread_count(user=request.user)
    return request._unread_count
