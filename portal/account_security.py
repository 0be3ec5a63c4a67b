"""
Account security that allauth leaves to the site (security findings 3 and 4, issue 13).

Changing the email address: adding, confirming and making an address primary need a recent
re-authentication (``ACCOUNT_REAUTHENTICATION_REQUIRED`` and the confirmation view), and the
old address hears of the change *before* it happens, with a link that stops it and locks the
thief out. allauth's ``email_added`` signal calls :func:`email_change_announce`.
"""

import logging

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.exceptions import DomainError
from portal.models import User
from portal.services import audit_record

logger = logging.getLogger(__name__)

EMAIL_CHANGE_STOP_SALT = "portal.email-change-stop"


def email_change_stop_max_age() -> int:
    """The stop link lives as long as the confirmation link it races."""
    return account_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS * 24 * 60 * 60


def email_change_stop_token(*, email_address: EmailAddress) -> str:
    return signing.dumps(
        {"user": email_address.user_id, "address": email_address.pk}, salt=EMAIL_CHANGE_STOP_SALT
    )


def email_change_stop_read(token: str) -> dict | None:
    try:
        return signing.loads(
            token, salt=EMAIL_CHANGE_STOP_SALT, max_age=email_change_stop_max_age()
        )
    except signing.BadSignature:
        return None


def email_change_announce(*, email_address: EmailAddress) -> bool:
    """
    Tell the account's current verified address that another is being added, before it can be
    confirmed, with a link that stops the change. Returns whether a notice went out.
    """
    current = (
        EmailAddress.objects.filter(user_id=email_address.user_id, primary=True, verified=True)
        .exclude(pk=email_address.pk)
        .first()
    )
    if current is None or email_address.verified:
        return False
    stop_url = settings.SITE_URL + reverse(
        "email_change_stop", kwargs={"token": email_change_stop_token(email_address=email_address)}
    )
    get_adapter().send_mail(
        "account/email/email_change_requested",
        current.email,
        {"new_email": email_address.email, "stop_url": stop_url},
    )
    audit_record(
        actor=email_address.user, action="account.email_change_requested", target=email_address.user
    )
    return True


@transaction.atomic
def email_change_stop(*, token: str) -> User:
    """
    The owner, from the old mailbox, stops a change: the pending address is removed, every
    session ends and the password stops working (whoever added the address knew it), so the
    account is recovered only through a password reset sent to the old address.
    """
    data = email_change_stop_read(token)
    if data is None:
        raise DomainError(_("This link has expired or is not valid."), code="bad_token")
    user = User.objects.select_for_update().get(pk=data["user"])
    pending = EmailAddress.objects.filter(pk=data["address"], user=user).first()
    if pending is not None and pending.primary:
        raise DomainError(
            _("The change was already confirmed. Write to us at once so we can help."),
            code="too_late",
        )
    if pending is not None:
        pending.remove()
    for session in UserSession.objects.filter(user=user):
        session.end()
    user.set_unusable_password()
    user.save(update_fields=["password"])
    audit_record(actor=None, action="account.email_change_stopped", target=user)
    return user


def on_email_added(sender, *, email_address, **kwargs) -> None:
    """allauth's ``email_added`` signal (a stranger's event): announce it to the old address."""
    email_change_announce(email_address=email_address)


# --- a staff account's first second factor (security finding 3) ----------------------------
#
# A staff password alone must not be enough to enrol a second factor (and so reach the admin).
# The first factor of a staff account is enrolled only from a session that opened a short-lived
# link emailed to the account's verified address; until then staff reach no staff power (every
# staff power asks for an MFA session).

STAFF_ENROL_SALT = "portal.staff-first-factor"
STAFF_ENROL_SESSION_KEY = "portal_staff_enrol_until"


def staff_enrol_max_age() -> int:
    return settings.PORTAL_STAFF_MFA_ENROL_MINUTES * 60


def staff_needs_enrol_link(request) -> bool:
    """Whether this request must show the emailed link before enrolling a second factor."""
    from portal.auth import user_has_mfa

    user = request.user
    if not (user.is_authenticated and user.is_staff) or user_has_mfa(user):
        return False
    until = request.session.get(STAFF_ENROL_SESSION_KEY, 0)
    return until < timezone.now().timestamp()


def staff_enrol_link_send(*, user: User) -> bool:
    """Email a signed link to the staff member's verified primary address."""
    address = EmailAddress.objects.filter(user=user, primary=True, verified=True).first()
    if address is None or not user.is_staff:
        return False
    token = signing.dumps({"user": user.pk, "email": address.email}, salt=STAFF_ENROL_SALT)
    url = settings.SITE_URL + reverse("staff_mfa_enrol_confirm", kwargs={"token": token})
    get_adapter().send_mail(
        "account/email/staff_mfa_enrol",
        address.email,
        {"enrol_url": url, "minutes": settings.PORTAL_STAFF_MFA_ENROL_MINUTES},
    )
    audit_record(actor=user, action="account.staff_mfa_enrol_link_sent", target=user)
    return True


def staff_enrol_link_open(request, *, token: str) -> bool:
    """Open the link in a session of the same staff account: it may now enrol a first factor."""
    try:
        data = signing.loads(token, salt=STAFF_ENROL_SALT, max_age=staff_enrol_max_age())
    except signing.BadSignature:
        return False
    user = request.user
    still_verified = EmailAddress.objects.filter(
        user_id=data["user"], email=data["email"], primary=True, verified=True
    ).exists()
    if not (user.is_authenticated and user.is_staff and user.pk == data["user"]) or not (
        still_verified
    ):
        return False
    request.session[STAFF_ENROL_SESSION_KEY] = timezone.now().timestamp() + staff_enrol_max_age()
    audit_record(actor=user, action="account.staff_mfa_enrol_link_opened", target=user)
    return True
