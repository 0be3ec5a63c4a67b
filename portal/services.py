"""Every write the kernel makes: roles, the notification outbox, audit rows, account deletion."""

import logging
import smtplib
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal import hooks
from portal.exceptions import DomainError
from portal.jobs import enqueue_on_commit
from portal.models import AuditEvent, Notification, Role, User, UserRole

logger = logging.getLogger(__name__)

DELIVER_TASK = "portal.tasks.notification_deliver"


# --- audit ---------------------------------------------------------------------------------


def audit_record(*, actor, action: str, target=None, on_behalf_of=None, data=None) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        on_behalf_of=on_behalf_of,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
    )


# --- roles ---------------------------------------------------------------------------------


@transaction.atomic
def user_add_role(*, user: User, role: str, acting_user: User) -> UserRole:
    if role not in Role.values:
        raise DomainError(_("Choose one of the roles offered."), code="unknown_role")
    if UserRole.objects.filter(user=user, role=role).exists():
        raise DomainError(_("You already have this role."), code="duplicate_role")
    is_first = not UserRole.objects.filter(user=user).exists()
    user_role = UserRole.objects.create(user=user, role=role)
    user.__dict__.pop("roles", None)
    audit_record(actor=acting_user, action="user.role_added", target=user, data={"role": role})
    notification_create(
        recipient=user,
        kind="welcome" if is_first else "role_added",
        context={"role": role},
        url=reverse("dashboard"),
    )
    return user_role


# --- notifications (the outbox) ------------------------------------------------------------


def notification_create(*, recipient: User, kind: str, context=None, url: str = "") -> Notification:
    """Write an outbox row in the caller's transaction; delivery is kicked after commit."""
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, context=context or {}, url=url
    )
    enqueue_on_commit(DELIVER_TASK, notification.pk)
    return notification


def _claim(notification_id: int) -> bool:
    """
    Take the row for this worker with one conditional UPDATE. A redelivered task, or a second
    worker, finds nothing left to claim and sends nothing.
    """
    now = timezone.now()
    stale = now - timedelta(seconds=settings.PORTAL_NOTIFICATION_STALE_CLAIM_SECONDS)
    claimable = Q(status=Notification.Status.PENDING, next_attempt_at__lte=now) | Q(
        status=Notification.Status.SENDING, claimed_at__lt=stale
    )
    return bool(
        Notification.objects.filter(claimable, pk=notification_id).update(
            status=Notification.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    )


def notification_render(*, notification: Notification) -> dict[str, str]:
    """Subject, text and HTML of a notification, in the recipient's language."""
    context = {
        **notification.context,
        "notification": notification,
        "recipient": notification.recipient,
        "site_url": settings.SITE_URL,
        "link": f"{settings.SITE_URL}{notification.url}" if notification.url else "",
        "LANGUAGE_CODE": notification.recipient.language,
    }
    with translation.override(notification.recipient.language):
        base = f"notifications/{notification.kind}"
        subject = " ".join(render_to_string(f"{base}_subject.txt", context).split())
        body = render_to_string(f"{base}_body.txt", context).strip()
        context.update(subject=subject, body=body)
        return {
            "subject": subject,
            "text": render_to_string("notifications/email/base.txt", context),
            "html": render_to_string("notifications/email/base.html", context),
        }


def notification_deliver(*, notification_id: int) -> bool:
    """Send one outbox row by email, exactly once. Returns whether this call sent it."""
    if not _claim(notification_id):
        return False
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    recipient = notification.recipient
    if not recipient.is_active:
        Notification.objects.filter(pk=notification_id).update(
            status=Notification.Status.FAILED, last_error="recipient inactive"
        )
        return False
    rendered = notification_render(notification=notification)
    message = EmailMultiAlternatives(
        subject=rendered["subject"], body=rendered["text"], to=[recipient.email]
    )
    message.attach_alternative(rendered["html"], "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        _schedule_retry(notification, exc)
        return False
    Notification.objects.filter(pk=notification_id).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def _schedule_retry(notification: Notification, exc: Exception) -> None:
    attempts = notification.attempts
    give_up = attempts >= settings.PORTAL_NOTIFICATION_MAX_ATTEMPTS
    # Exponential backoff: 1, 2, 4, 8... minutes. Only the error's type is kept: SMTP errors
    # can echo addresses back.
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.FAILED if give_up else Notification.Status.PENDING,
        next_attempt_at=timezone.now() + timedelta(minutes=2 ** (attempts - 1)),
        last_error=type(exc).__name__,
    )
    logger.warning(
        "notification %s delivery failed (attempt %s, %s)%s",
        notification.pk,
        attempts,
        type(exc).__name__,
        "; giving up" if give_up else "",
    )


def notifications_deliver_due(*, limit: int = 200) -> int:
    """The periodic sweep: deliver what is due, including rows whose kick never arrived."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.PORTAL_NOTIFICATION_STALE_CLAIM_SECONDS)
    due = (
        Notification.objects.filter(
            Q(status=Notification.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=Notification.Status.SENDING, claimed_at__lt=stale)
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(notification_deliver(notification_id=pk) for pk in list(due))


def notifications_mark_read(*, user: User, notification_ids=None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())


# --- account -------------------------------------------------------------------------------


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("That language is not offered."), code="unknown_language")
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
    return user


@transaction.atomic
def account_delete(*, user: User, acting_user: User) -> User:
    """
    Erase an account's personal data and deactivate it. The row itself stays, anonymised, so
    audit history and (later) ledger events keep a stable reference.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.deleted_at is not None:
        raise DomainError(_("This account has already been deleted."), code="already_deleted")
    for step in hooks.account_deletion_steps:
        step.run(user=user, acting_user=acting_user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    for session in UserSession.objects.filter(user=user):
        session.end()
    Notification.objects.filter(recipient=user).delete()
    UserRole.objects.filter(user=user).delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.display_name = ""
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.deleted_at = timezone.now()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    audit_record(actor=acting_user, action="user.deleted", target=user)
    return user
