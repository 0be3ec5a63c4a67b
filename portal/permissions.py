from functools import cache

from guardian.utils import get_user_obj_perms_model

from portal.auth import session_used_mfa, user_has_mfa


def can_use_admin(request) -> bool:
    """Staff reach the admin only from a session that passed MFA."""
    return is_staff_with_mfa(request)


def is_staff_with_mfa(request) -> bool:
    """
    Every staff power, on the site as in the admin, needs a staff account whose session
    passed a second factor. Predicates that grant a staff power take the request for this.
    """
    if request is None:
        return False
    user = request.user
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user_has_mfa(user)
        and session_used_mfa(request)
    )


@cache
def _permission_model(model_class):
    return get_user_obj_perms_model(model_class)


def has_object_right(user, perm: str, obj) -> bool:
    """
    Whether ``user`` holds ``perm`` on ``obj`` through a relationship (an owner's, agent's or
    member's row in the object's direct foreign-key permission table).

    Never ``user.has_perm(perm, obj)``: Django and guardian answer True for any active
    superuser, which would make a superuser every actor's agent and every studio's owner on
    the site. Being a superuser is an admin matter; rights on the site come from relationships.
    """
    if not (user.is_authenticated and user.is_active):
        return False
    codename = perm.rsplit(".", 1)[-1]
    return (
        _permission_model(type(obj))
        .objects.filter(user=user, content_object=obj, permission__codename=codename)
        .exists()
    )


def can_read_notification(user, notification) -> bool:
    return user.is_authenticated and notification.recipient_id == user.pk
