"""The kernel's small vocabularies that are not a model's own: receipt checks and tones."""

from django.db import models


class Inclusion(models.TextChoices):
    """Whether a receipt's ledger entry is proven to be in a signed checkpoint."""

    OK = "ok"  # the entry is in a signed checkpoint
    PENDING = "pending"  # recorded; no checkpoint covers it yet
    FAILED = "failed"  # the proof, the checkpoint or the entry does not match


#: Receipt status codes answered by the apps' resolvers (portal.hooks.ReceiptStatus), as the
#: verify page colours them: in force, ended or held, and anything else.
RECEIPT_GOOD_STATUSES = frozenset({"active", "approved", "completed"})
RECEIPT_BAD_STATUSES = frozenset({"revoked", "expired", "voided", "lapsed", "suspended"})
