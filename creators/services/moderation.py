"""
Staff release or reject a pitch message the contact filter held. Only a released message reaches
the other side (and only then are they told); a rejected one stays visible to its author's side
marked as rejected, so nobody wonders where it went.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from creators.choices import Side
from creators.models import PitchMessage
from creators.services.pitches import thread_notify
from portal.exceptions import DomainError
from portal.services import audit_record


def _lock_held(message: PitchMessage, staff_user) -> PitchMessage:
    if not (staff_user.is_authenticated and staff_user.is_active and staff_user.is_staff):
        raise DomainError(_("Only staff can moderate messages."), code="forbidden")
    message = (
        PitchMessage.objects.select_for_update(of=("self",))
        .select_related("pitch__listing", "pitch__studio", "pitch__role__brief")
        .get(pk=message.pk)
    )
    if message.moderation != PitchMessage.Moderation.HELD:
        raise DomainError(_("This message is not waiting for review."), code="not_held")
    return message


def _decide(message: PitchMessage, moderation: str, staff_user) -> PitchMessage:
    message.moderation = moderation
    message.moderated_by = staff_user
    message.moderated_at = timezone.now()
    message.save(update_fields=["moderation", "moderated_by", "moderated_at"])
    audit_record(
        actor=staff_user,
        action=f"pitch.message_{moderation}",
        target=message.pitch,
        data={"message": message.pk},
    )
    return message


@transaction.atomic
def pitch_message_release(*, message: PitchMessage, staff_user) -> PitchMessage:
    message = _decide(
        _lock_held(message, staff_user), PitchMessage.Moderation.DELIVERED, staff_user
    )
    other = Side.STUDIO if message.side == Side.ACTOR else Side.ACTOR
    thread_notify(pitch=message.pitch, to_side=other)
    return message


@transaction.atomic
def pitch_message_reject(*, message: PitchMessage, staff_user) -> PitchMessage:
    return _decide(_lock_held(message, staff_user), PitchMessage.Moderation.REJECTED, staff_user)
