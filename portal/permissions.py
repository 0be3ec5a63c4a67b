from portal.auth import session_used_mfa, user_has_mfa


def can_use_admin(request) -> bool:
    """Staff reach the admin only from a session that passed MFA."""
    user = request.user
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user_has_mfa(user)
        and session_used_mfa(request)
    )


def can_read_notification(user, notification) -> bool:
    return user.is_authenticated and notification.recipient_id == user.pk
