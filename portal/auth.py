"""
Re-authentication and MFA helpers. Sensitive actions (deleting an account, later signing a
consent) call these so that "the person at the keyboard is the account holder" holds for them.
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.decorators import reauthentication_required
from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from allauth.mfa.utils import is_mfa_enabled

#: Decorator for views whose every request (GET included) needs a sign-in or re-authentication
#: within the last ``ACCOUNT_REAUTHENTICATION_TIMEOUT`` seconds; otherwise allauth sends the
#: user to re-authenticate (password, or a second factor) and back.
recent_login_required = reauthentication_required(allow_get=False)


def has_recent_login(request) -> bool:
    return request.user.is_authenticated and did_recently_reauthenticate(request)


def session_used_mfa(request) -> bool:
    """Whether this session's sign-in (or a later re-authentication) passed a second factor."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def user_has_mfa(user) -> bool:
    return user.is_authenticated and is_mfa_enabled(user)


def recent_second_factor(request) -> bool:
    """A second factor passed in this session within the re-authentication timeout."""
    import time

    from allauth.account import app_settings

    records = get_authentication_records(request, request.user)
    return any(
        record.get("method") == "mfa"
        and time.time() - record.get("at", 0) < app_settings.REAUTHENTICATION_TIMEOUT
        for record in records
    )


def can_sign_now(request) -> bool:
    """Consent signing: re-authenticated within five minutes, with the second factor when the
    account has one enrolled."""
    if not has_recent_login(request):
        return False
    return not user_has_mfa(request.user) or recent_second_factor(request)
