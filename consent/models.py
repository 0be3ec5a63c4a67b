"""
Consent: grants (an agreed pitch, signed), what a studio declares and attests under one, and
the staff cases opened when an attestation is overdue. Status and every service-owned field is
``editable=False``: only ``consent.services`` write them. The shots helper appends its models at
the END of this file.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consent.choices import GrantStatus
from consent.states import LIVE_GRANT, SIGNED_GRANT, TERMINAL_GRANT
from creators.choices import AiMethod
from portal.models import TimeStampedModel

USER = settings.AUTH_USER_MODEL


class Grant(TimeStampedModel):
    """
    A consent grant: one agreed pitch, signed by the actor's side, with an immutable snapshot of
    what was agreed. Whether it is in force is read from the clock (``consent.selectors``); the
    beat sweep only records expiry and lapse.
    """

    pitch = models.OneToOneField(
        "creators.Pitch", on_delete=models.PROTECT, related_name="grant", verbose_name=_("pitch")
    )
    listing = models.ForeignKey(
        "actors.Listing", on_delete=models.PROTECT, related_name="grants", verbose_name=_("actor")
    )
    studio = models.ForeignKey(
        "creators.Studio", on_delete=models.PROTECT, related_name="grants", verbose_name=_("studio")
    )
    role = models.ForeignKey(
        "creators.BriefRole",
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("role"),
    )
    terms = models.ForeignKey(
        "actors.Terms", on_delete=models.PROTECT, related_name="+", verbose_name=_("terms version")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=GrantStatus.choices,
        default=GrantStatus.AWAITING_SIGNATURE,
        editable=False,
    )
    # What was agreed, frozen: canonical JSON of the terms, the final offer and the brief's facts.
    snapshot = models.JSONField(_("snapshot"), editable=False)
    snapshot_sha256 = models.CharField(_("snapshot SHA-256"), max_length=64, editable=False)
    # The scope, copied from the snapshot so that checks need no JSON digging.
    use_types = models.JSONField(_("use types"), default=list, editable=False)
    scenes = models.JSONField(_("scenes"), default=list, editable=False)
    max_shots = models.PositiveIntegerField(_("maximum shots"), editable=False)
    ai_method = models.CharField(
        _("AI method"), max_length=20, choices=AiMethod.choices, editable=False
    )
    #: data_mining, ai_inference, ai_generative_training, ai_training -> "allowed" /
    #: "notAllowed" / "constrained" (consent.choices: the CAWG words).
    training = models.JSONField(_("training choices"), default=dict, editable=False)
    response_window_hours = models.PositiveSmallIntegerField(
        _("response window for shots (hours)"), editable=False
    )
    term_months = models.PositiveSmallIntegerField(_("term (months)"), editable=False)
    sign_by = models.DateTimeField(_("sign by"), editable=False)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True, editable=False)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True, editable=False)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True, editable=False)
    signed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    guardian_signed_at = models.DateTimeField(
        _("guardian signed"), null=True, blank=True, editable=False
    )
    guardian_signed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    suspended_at = models.DateTimeField(_("suspended"), null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True, editable=False)
    ended_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    end_reason = models.TextField(_("reason"), blank=True, max_length=2000, editable=False)
    receipt_id = models.CharField(_("receipt ID"), max_length=64, blank=True, editable=False)
    #: The actor chose to list this project among the "approved projects" on their public page.
    on_profile = models.BooleanField(_("shown on the public profile"), default=False)

    class Meta:
        verbose_name = _("consent grant")
        verbose_name_plural = _("consent grants")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=GrantStatus.values), name="grant_status_known"
            ),
            models.UniqueConstraint(
                fields=["role", "listing"],
                condition=Q(status__in=sorted(LIVE_GRANT)),
                name="grant_one_live_per_role_and_actor",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gt=F("starts_at")),
                name="grant_window_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(TERMINAL_GRANT)) | Q(ended_at__isnull=False),
                name="grant_terminal_has_ended_at",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=sorted(SIGNED_GRANT))
                | Q(signed_at__isnull=False, starts_at__isnull=False, ends_at__isnull=False),
                name="grant_signed_has_window",
            ),
            models.CheckConstraint(
                condition=~Q(status=GrantStatus.SUSPENDED) | Q(suspended_at__isnull=False),
                name="grant_suspended_has_suspended_at",
            ),
        ]
        indexes = [
            models.Index(fields=["listing", "status"], name="grant_listing_idx"),
            models.Index(fields=["studio", "status"], name="grant_studio_idx"),
            models.Index(
                fields=["ends_at"],
                condition=Q(status__in=sorted(SIGNED_GRANT)),
                name="grant_signed_ends_idx",
            ),
            models.Index(
                fields=["sign_by"],
                condition=Q(status=GrantStatus.AWAITING_SIGNATURE),
                name="grant_awaiting_sign_by_idx",
            ),
        ]

    def __str__(self):
        return f"grant {self.pk}: {self.studio_id} → {self.listing_id}"

    @property
    def awaits_signature(self) -> bool:
        return self.status == GrantStatus.AWAITING_SIGNATURE

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_GRANT


class GrantEvent(models.Model):
    """Every status change and signature on a grant, in order. Append-only."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    on_behalf_of = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["grant", "created_at"], name="grantevent_grant_idx")]

    def __str__(self):
        return f"{self.grant_id}: {self.action}"


class ModelDeclaration(TimeStampedModel):
    """A model or adapter the studio trained on the actor's data under a grant."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="model_declarations")
    name = models.CharField(_("model or adapter name"), max_length=160)
    base_model = models.CharField(_("base model"), max_length=160)
    purpose = models.TextField(_("what it is for"), max_length=2000)
    location = models.CharField(_("where it is kept"), max_length=300)
    declared_by = models.ForeignKey(
        USER, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("declared model")
        verbose_name_plural = _("declared models")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.name


class Attestation(TimeStampedModel):
    """
    The studio's statement, owed however a grant ends, that it deleted the reference data and
    every declared model. The obligation is the studio's: members leaving change nothing.
    """

    grant = models.OneToOneField(Grant, on_delete=models.PROTECT, related_name="attestation")
    requested_at = models.DateTimeField(_("requested"), default=timezone.now, editable=False)
    due_at = models.DateTimeField(_("due"), editable=False)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True, editable=False)
    reminders_sent = models.PositiveSmallIntegerField(
        _("reminders sent"), default=0, editable=False
    )
    attested_at = models.DateTimeField(_("attested"), null=True, blank=True, editable=False)
    attested_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    reference_data_deleted = models.BooleanField(
        _("reference data deleted"), default=False, editable=False
    )
    #: The declared models the statement covers: [{"id", "name", "base_model", "location"}].
    models_deleted = models.JSONField(_("models deleted"), default=list, editable=False)
    statement = models.TextField(_("statement"), blank=True, max_length=4000, editable=False)

    class Meta:
        verbose_name = _("deletion attestation")
        verbose_name_plural = _("deletion attestations")
        ordering = ["due_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attested_at__isnull=True) | Q(reference_data_deleted=True),
                name="attestation_covers_reference_data",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=Q(attested_at__isnull=True),
                name="attestation_pending_due_idx",
            ),
        ]

    def __str__(self):
        return f"attestation for grant {self.grant_id}"

    @property
    def is_done(self) -> bool:
        return self.attested_at is not None

    @property
    def is_overdue(self) -> bool:
        return self.attested_at is None and self.due_at <= timezone.now()


class AttestationCase(TimeStampedModel):
    """A staff case: an attestation is overdue. Opened by the sweep, closed by staff."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    attestation = models.OneToOneField(
        Attestation, on_delete=models.PROTECT, related_name="case", editable=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, editable=False
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True, editable=False)
    resolved_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    notes = models.TextField(_("staff notes"), blank=True, max_length=4000)

    class Meta:
        verbose_name = _("overdue attestation case")
        verbose_name_plural = _("overdue attestation cases")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"case for grant {self.attestation.grant_id}"


# --- shots and the vault under a grant ------------------------------------------------------

from consent.choices import ShotStatus, VaultAccessKind  # noqa: E402


def _private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class Shot(TimeStampedModel):
    """One render submitted for the actor's approval. An approval covers these exact bytes."""

    grant = models.ForeignKey(
        Grant, on_delete=models.PROTECT, related_name="shots", verbose_name=_("consent grant")
    )
    scene = models.PositiveSmallIntegerField(_("scene"))
    description = models.TextField(_("what the shot shows"), max_length=2000)
    direction = models.TextField(_("prompt or direction"), max_length=4000)
    render = models.FileField(_("render"), storage=_private_storage, upload_to="shots/renders/")
    preview = models.FileField(storage=_private_storage, upload_to="shots/previews/", blank=True)
    render_sha256 = models.CharField(_("render SHA-256"), max_length=64, editable=False)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("replaces"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ShotStatus.choices,
        default=ShotStatus.PENDING,
        editable=False,
    )
    due_at = models.DateTimeField(_("answer due"), editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000, editable=False)
    receipt_id = models.CharField(_("receipt"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("shot")
        verbose_name_plural = _("shots")
        ordering = ["grant", "scene", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ShotStatus.values), name="shot_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=ShotStatus.PENDING) | Q(decided_at__isnull=False),
                name="shot_decided_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[ShotStatus.REJECTED, ShotStatus.CHANGES_REQUESTED])
                | ~Q(reason=""),
                name="shot_refusal_has_reason",
            ),
        ]
        indexes = [
            # The expiry sweep reads only open requests by due time.
            models.Index(
                fields=["due_at"], condition=Q(status="pending"), name="shot_pending_due_idx"
            ),
            models.Index(fields=["grant", "status"], name="shot_grant_status_idx"),
            models.Index(fields=["render_sha256"], name="shot_render_sha_idx"),
        ]

    @property
    def changes_were_requested(self) -> bool:
        return self.status == ShotStatus.CHANGES_REQUESTED

    def __str__(self):
        return f"shot {self.pk} (grant {self.grant_id}, scene {self.scene})"


class ShotEvent(models.Model):
    """The history of a shot: one row per transition, system ones included."""

    shot = models.ForeignKey(Shot, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("shot event")
        verbose_name_plural = _("shot events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["shot", "created_at"], name="shotevent_shot_idx")]

    def __str__(self):
        return f"{self.shot_id}: {self.action}"


class VaultCopy(models.Model):
    """A reference asset as made for one grant: marked with the grant and the studio, with XMP
    stating what data mining and AI training the grant allows. Served only through the vault
    view, which checks the grant against the clock on every request."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="vault_copies")
    asset = models.ForeignKey(
        "actors.ReferenceAsset", on_delete=models.CASCADE, related_name="vault_copies"
    )
    file = models.FileField(storage=_private_storage, upload_to="vault/")
    sha256 = models.CharField(max_length=64, editable=False)
    data_mining = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("vault copy")
        verbose_name_plural = _("vault copies")
        constraints = [
            models.UniqueConstraint(fields=["grant", "asset"], name="vaultcopy_one_per_asset"),
        ]

    def __str__(self):
        return f"copy of {self.asset_id} for grant {self.grant_id}"


class VaultAccess(models.Model):
    """Every view or download of a reference asset under a grant. The actor sees this log."""

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="vault_accesses")
    asset = models.ForeignKey(
        "actors.ReferenceAsset", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    asset_sha256 = models.CharField(max_length=64)  # kept if the actor deletes the asset
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("access"), max_length=12, choices=VaultAccessKind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("vault access")
        verbose_name_plural = _("vault accesses")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["grant", "-at"], name="vaultaccess_grant_idx")]

    def __str__(self):
        return f"{self.kind} of {self.asset_id} under grant {self.grant_id}"
