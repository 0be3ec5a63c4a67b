"""
The proof of consent: the ledger's tables, kept apart from the kernel's other models (imported
at the end of ``portal.models`` so Django finds them).

Every table here is append-only. On PostgreSQL triggers (django-pgtrigger, installed by a
migration) refuse UPDATE, DELETE and TRUNCATE; everywhere the models refuse ``save()`` on an
existing row and ``delete()``. The triggers stop mistakes and casual edits; the hash chain and
the signed checkpoints make any change that gets past them (a superuser dropping a trigger)
detectable by ``manage.py verify_ledger`` and by anyone holding a checkpoint.
"""

import json

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.canonical import canonical_json


class AppendOnlyError(Exception):
    """A ledger row was about to be changed or deleted."""


def _append_only_triggers(prefix: str) -> list:
    return [
        pgtrigger.Protect(name=f"{prefix}_no_update", operation=pgtrigger.Update),
        pgtrigger.Protect(name=f"{prefix}_no_delete", operation=pgtrigger.Delete),
        pgtrigger.Trigger(
            name=f"{prefix}_no_truncate",
            operation=pgtrigger.Truncate,
            level=pgtrigger.Statement,
            when=pgtrigger.Before,
            func="RAISE EXCEPTION 'pgtrigger: Cannot truncate % table', TG_TABLE_NAME;",
        ),
    ]


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} rows are append-only")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} rows are append-only")


class LedgerHead(models.Model):
    """
    The single row every append locks (``select_for_update``): appends serialize here, so the
    sequence is gapless and the chain never forks. It mirrors the last entry (size, hash).
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    size = models.BigIntegerField(_("entries"), default=0)
    head_hash = models.CharField(_("last entry hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("ledger head")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="ledgerhead_single")]

    def __str__(self):
        return f"{self.size} entries"


class LedgerEntry(AppendOnlyModel):
    """One event in the transparency ledger. ``entry_hash`` covers every other field."""

    seq = models.BigIntegerField(_("sequence number"), primary_key=True)
    created_at = models.DateTimeField(_("at"), editable=False)
    event_type = models.CharField(_("event"), max_length=64)
    subject_type = models.CharField(_("subject type"), max_length=64, blank=True)
    subject_id = models.CharField(_("subject id"), max_length=64, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("done by"),
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    # The canonical JSON text itself (portal.canonical), so the hashed bytes are what is stored;
    # ``payload`` reads and writes it as a dict.
    payload_json = models.TextField(
        _("payload (canonical JSON)"), db_column="payload", default="{}"
    )
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["seq"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="ledger_subject_idx")]
        constraints = [models.CheckConstraint(condition=models.Q(seq__gte=0), name="ledger_seq")]
        triggers = _append_only_triggers("ledger")

    def __str__(self):
        return f"#{self.seq} {self.event_type}"

    @property
    def payload(self) -> dict:
        return json.loads(self.payload_json)

    @payload.setter
    def payload(self, value: dict) -> None:
        self.payload_json = canonical_json(value).decode()


class SigningKey(AppendOnlyModel):
    """
    Every Ed25519 public key that ever signed a receipt or a checkpoint, recorded the first time
    it signs, so rotation never orphans old signatures: ``/.well-known/portrait-keys.json``
    lists them all.
    """

    key_id = models.CharField(_("key id"), max_length=64, primary_key=True)
    public_key = models.CharField(_("public key (base64)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("first used"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("signing key")
        verbose_name_plural = _("signing keys")
        ordering = ["created_at"]
        triggers = _append_only_triggers("signingkey")

    def __str__(self):
        return self.key_id


class Checkpoint(AppendOnlyModel):
    """A signed tree head in the C2SP tlog-checkpoint format, kept so anyone can audit later."""

    size = models.BigIntegerField(_("tree size"))
    root_hash = models.CharField(_("root hash"), max_length=64)
    key_id = models.CharField(_("key id"), max_length=64)
    note = models.TextField(_("signed note"))
    created_at = models.DateTimeField(_("signed at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("ledger checkpoint")
        verbose_name_plural = _("ledger checkpoints")
        ordering = ["-size", "-created_at"]
        triggers = _append_only_triggers("checkpoint")

    def __str__(self):
        return f"{self.size} {self.root_hash[:12]}"


class Receipt(AppendOnlyModel):
    """A signed consent receipt: the exact bytes signed, the signature and the key that made it."""

    id = models.CharField(_("receipt id"), max_length=32, primary_key=True)
    kind = models.CharField(_("kind"), max_length=32)
    subject_type = models.CharField(_("subject type"), max_length=64)
    subject_id = models.CharField(_("subject id"), max_length=64)
    ledger_entry = models.ForeignKey(
        LedgerEntry, on_delete=models.PROTECT, related_name="+", verbose_name=_("ledger entry")
    )
    document = models.TextField(_("signed document (canonical JSON)"))
    signature = models.CharField(_("signature (base64)"), max_length=128)
    key_id = models.CharField(_("key id"), max_length=64)
    issued_at = models.DateTimeField(_("issued"), editable=False)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="receipt_subject_idx")]
        triggers = _append_only_triggers("receipt")

    def __str__(self):
        return self.id
