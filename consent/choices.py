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
