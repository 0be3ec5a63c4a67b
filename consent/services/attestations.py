"""
After a grant: the studio declares the models it trained on the actor's data while the grant is
active, and attests, however the grant ended, that it deleted the reference data and every
declared model. Reminders go out through the outbox; an overdue attestation opens a staff case.
The obligation is the studio's: a member leaving changes nothing (recipients are read each time).
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consent.models import Attestation, AttestationCase, Grant, ModelDeclaration
from consent.permissions import can_act_for_studio
from consent.selectors import grant_in_force
from consent.services.grants import grant_notify, grant_signers, studio_producers
from creators.choices import AiMethod
from portal.exceptions import DomainError
from portal.ledger import ledger_append
from portal.models import User
from portal.services import audit_record, notification_create

ATTESTATION_DAYS = getattr(settings, "PORTAL_ATTESTATION_DAYS", 30)
REMINDER_EVERY = timedelta(days=7)
#: Methods that put the actor's data into a model: each such model must be declared.
TRAINING_METHODS = frozenset({AiMethod.FINE_TUNE, AiMethod.MODEL_TRAINING})


def grant_allows_models(grant: Grant) -> bool:
    return grant.ai_method in TRAINING_METHODS


@transaction.atomic
def model_declare(
    *, grant: Grant, acting_user, name: str, base_model: str, purpose: str, location: str
) -> ModelDeclaration:
    grant = (
        Grant.objects.select_for_update(of=("self",))
        .select_related("studio", "listing")
        .get(pk=grant.pk)
    )
    if not can_act_for_studio(acting_user, grant):
        raise DomainError(_("Only the studio's producers declare models."), code="forbidden")
    if not grant_allows_models(grant):
        raise DomainError(
            _("This consent does not allow fine-tuning or training: no model may exist."),
            code="no_training",
        )
    if not grant_in_force(grant):
        raise DomainError(
            _("Declare models while the consent grant is active."), code="not_in_force"
        )
    declaration = ModelDeclaration.objects.create(
        grant=grant,
        name=name.strip(),
        base_model=base_model.strip(),
        purpose=purpose.strip(),
        location=location.strip(),
        declared_by=acting_user,
    )
    audit_record(actor=acting_user, action="grant.model_declared", target=grant)
    ledger_append(
        event_type="grant.model_declared",
        subject=grant,
        actor=acting_user,
        payload={
            "grant_id": grant.pk,
            "declaration_id": declaration.pk,
            "name": declaration.name,
            "base_model": declaration.base_model,
        },
    )
    grant_notify(grant, recipients=grant_signers(grant.listing), kind="grant_model_declared")
    return declaration


def attestation_request(*, grant: Grant) -> Attestation:
    """Called in the transaction that ends a signed grant. Idempotent."""
    attestation, created = Attestation.objects.get_or_create(
        grant=grant, defaults={"due_at": timezone.now() + timedelta(days=ATTESTATION_DAYS)}
    )
    if created:
        grant_notify(
            grant,
            recipients=studio_producers(grant.studio),
            kind="grant_attestation_requested",
            extra={"due_at": attestation.due_at.isoformat()},
        )
    return attestation


@transaction.atomic
def attestation_submit(
    *,
    attestation: Attestation,
    acting_user,
    reference_data_deleted: bool,
    model_ids,
    statement: str = "",
) -> Attestation:
    attestation = Attestation.objects.select_for_update().get(pk=attestation.pk)
    grant = Grant.objects.select_related("studio", "listing").get(pk=attestation.grant_id)
    if not can_act_for_studio(acting_user, grant):
        raise DomainError(_("Only the studio's producers attest deletion."), code="forbidden")
    if attestation.attested_at is not None:
        raise DomainError(_("Deletion is already attested."), code="already_attested")
    if not reference_data_deleted:
        raise DomainError(
            _("Attest that the reference data is deleted: nothing else can be accepted."),
            code="reference_data",
        )
    declared = list(grant.model_declarations.order_by("pk"))
    missing = [m.name for m in declared if m.pk not in set(model_ids)]
    if missing:
        raise DomainError(
            _("The attestation must cover every declared model: %(names)s.")
            % {"names": ", ".join(missing)},
            code="models_missing",
        )
    now = timezone.now()
    attestation.attested_at, attestation.attested_by = now, acting_user
    attestation.reference_data_deleted = True
    attestation.models_deleted = [
        {"id": m.pk, "name": m.name, "base_model": m.base_model, "location": m.location}
        for m in declared
    ]
    attestation.statement = statement.strip()
    attestation.save()
    audit_record(actor=acting_user, action="grant.deletion_attested", target=grant)
    ledger_append(
        event_type="grant.deletion_attested",
        subject=grant,
        actor=acting_user,
        payload={
            "grant_id": grant.pk,
            "reference_data_deleted": True,
            "models": [m["id"] for m in attestation.models_deleted],
        },
    )
    grant_notify(grant, recipients=grant_signers(grant.listing), kind="grant_attested")
    return attestation


@transaction.atomic
def attestations_remind_due() -> int:
    """Weekly reminders while an attestation is outstanding. One UPDATE claims them."""
    now = timezone.now()
    due = Q(attested_at__isnull=True) & (
        Q(reminded_at__isnull=True, requested_at__lte=now - REMINDER_EVERY)
        | Q(reminded_at__lte=now - REMINDER_EVERY)
    )
    ids = list(
        Attestation.objects.select_for_update(skip_locked=True)
        .filter(due)
        .values_list("pk", flat=True)[:500]
    )
    if not ids:
        return 0
    from django.db.models import F

    Attestation.objects.filter(due, pk__in=ids).update(
        reminded_at=now, reminders_sent=F("reminders_sent") + 1, updated_at=now
    )
    for attestation in Attestation.objects.filter(pk__in=ids).select_related(
        "grant__studio", "grant__listing"
    ):
        grant_notify(
            attestation.grant,
            recipients=studio_producers(attestation.grant.studio),
            kind="grant_attestation_reminder",
            extra={"due_at": attestation.due_at.isoformat()},
        )
    return len(ids)


@transaction.atomic
def attestations_open_overdue_cases() -> int:
    """An overdue attestation opens one staff case (the one-to-one key makes reruns no-ops)."""
    now = timezone.now()
    overdue = list(
        Attestation.objects.filter(attested_at__isnull=True, due_at__lte=now, case__isnull=True)
        .select_related("grant__studio")
        .order_by("pk")[:500]
    )
    if not overdue:
        return 0
    AttestationCase.objects.bulk_create(
        [AttestationCase(attestation=a) for a in overdue], ignore_conflicts=True
    )
    staff = list(User.objects.filter(is_staff=True, is_active=True))
    for attestation in overdue:
        ledger_append(
            event_type="grant.attestation_overdue",
            subject=attestation.grant,
            payload={"grant_id": attestation.grant_id, "studio": attestation.grant.studio.name},
        )
        for user in staff:
            notification_create(
                recipient=user,
                kind="grant_attestation_overdue",
                context={"grant_id": attestation.grant_id, "studio": attestation.grant.studio.name},
                url=reverse("admin:consent_attestationcase_changelist"),
            )
    return len(overdue)


@transaction.atomic
def attestation_case_resolve(*, case: AttestationCase, staff_user, notes: str = "") -> None:
    if not staff_user.is_staff:
        raise DomainError(_("Only staff resolve cases."), code="forbidden")
    case = AttestationCase.objects.select_for_update().get(pk=case.pk)
    if case.status == AttestationCase.Status.RESOLVED:
        return
    case.status = AttestationCase.Status.RESOLVED
    case.resolved_at, case.resolved_by = timezone.now(), staff_user
    case.notes = notes or case.notes
    case.save()
    audit_record(actor=staff_user, action="grant.attestation_case_resolved", target=case)
