"""The vocabulary of consent: grant statuses and the CAWG training vocabulary receipts use."""

from django.db import models
from django.utils.translation import pgettext_lazy

from actors.choices import Permission


class GrantStatus(models.TextChoices):
    AWAITING_SIGNATURE = "awaiting_signature", pgettext_lazy("grant status", "Awaiting signature")
    ACTIVE = "active", pgettext_lazy("grant status", "Active")
    SUSPENDED = "suspended", pgettext_lazy("grant status", "Suspended")
    COMPLETED = "completed", pgettext_lazy("grant status", "Completed")
    EXPIRED = "expired", pgettext_lazy("grant status", "Expired")
    REVOKED = "revoked", pgettext_lazy("grant status", "Revoked")
    LAPSED = "lapsed", pgettext_lazy("grant status", "Lapsed")


#: A grant's ``training`` values are the C2PA/CAWG training-and-data-mining assertion's words.
#: Anything that is not "allowed" or "constrained" means not allowed (the default).
CAWG_ALLOWED = "allowed"
CAWG_NOT_ALLOWED = "notAllowed"
CAWG_CONSTRAINED = "constrained"
CAWG_PERMISSION = {
    Permission.ALLOWED: CAWG_ALLOWED,
    Permission.NOT_ALLOWED: CAWG_NOT_ALLOWED,
    Permission.CONSTRAINED: CAWG_CONSTRAINED,
}
#: The four uses, in the order the signing page and receipts show them.
TRAINING_USES = ("data_mining", "ai_inference", "ai_generative_training", "ai_training")


class ShotStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("shot status", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("shot status", "Approved")
    REJECTED = "rejected", pgettext_lazy("shot status", "Rejected")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("shot status", "Changes requested")
    EXPIRED = "expired", pgettext_lazy("shot status", "Expired")
    VOIDED = "voided", pgettext_lazy("shot status", "Voided")


class VaultAccessKind(models.TextChoices):
    VIEW = "view", pgettext_lazy("vault access", "Viewed")
    DOWNLOAD = "download", pgettext_lazy("vault access", "Downloaded")
