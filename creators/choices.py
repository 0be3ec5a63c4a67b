"""The vocabulary of studios, briefs and pitches. Use types, genres, formats and territories are
the actors app's, so a brief and a listing's terms compare value for value."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MemberRole(models.TextChoices):
    OWNER = "owner", pgettext_lazy("studio member", "Owner")
    PRODUCER = "producer", pgettext_lazy("studio member", "Producer")
    VIEWER = "viewer", pgettext_lazy("studio member", "Viewer")


class BriefStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("brief status", "Draft")
    IN_REVIEW = "in_review", pgettext_lazy("brief status", "In review")
    PUBLISHED = "published", pgettext_lazy("brief status", "Published")
    RETURNED = "returned", pgettext_lazy("brief status", "Returned")
    CLOSED = "closed", pgettext_lazy("brief status", "Closed")


class Visibility(models.TextChoices):
    OPEN = "open", _("Open casting call: actors can browse it and express interest")
    PRIVATE = "private", _("Private: only actors you pitch see it")


class Rating(models.TextChoices):
    ALL = "all", _("All ages")
    TEEN = "12", _("12 and over")
    MATURE = "16", _("16 and over")
    ADULT = "18", _("18 and over")


class SensitiveContent(models.TextChoices):
    """What a brief declares; each maps onto the red line an actor may have drawn."""

    NUDITY = "sexual", _("Nudity or sexual content")
    VIOLENCE = "violence", _("Graphic violence")
    POLITICAL = "political", _("Political content")
    RELIGIOUS = "religion", _("Religious content")
    ALCOHOL = "alcohol", _("Alcohol")
    TOBACCO = "tobacco", _("Tobacco and vaping")
    GAMBLING = "gambling", _("Gambling")
    MEDICAL_CLAIMS = "medical_claims", _("Medical or health claims")
    FINANCIAL_CLAIMS = "financial_claims", _("Financial or investment claims")


class Channel(models.TextChoices):
    STREAMING = "streaming", _("Streaming platforms")
    SHORT_VIDEO = "short_video", _("Short-video apps")
    SOCIAL = "social", _("Social media")
    CINEMA = "cinema", _("Cinema")
    TELEVISION = "television", _("Television")
    ADVERTISING = "advertising", _("Paid advertising")
    GAME = "game", _("In a game")


class AiMethod(models.TextChoices):
    """How the likeness will be used; each needs the matching training permission."""

    REFERENCE_ONLY = "reference_only", _("Reference-only generation (no training)")
    FINE_TUNE = "fine_tune", _("Fine-tuning a model on the actor's references")
    MODEL_TRAINING = "model_training", _("Training a model on the actor's data")


#: The training use in the actor's terms each method needs (C2PA/CAWG vocabulary).
AI_METHOD_NEEDS = {
    AiMethod.REFERENCE_ONLY: "ai_inference",
    AiMethod.FINE_TUNE: "ai_generative_training",
    AiMethod.MODEL_TRAINING: "ai_training",
}


class Dialogue(models.TextChoices):
    SCRIPTED = "scripted", _("Scripted")
    GENERATED_LIVE = "generated_live", _("Generated live")
    NONE = "none", _("No dialogue")


class PitchStatus(models.TextChoices):
    SENT = "sent", pgettext_lazy("pitch status", "Sent")
    VIEWED = "viewed", pgettext_lazy("pitch status", "Viewed")
    COUNTERED = "countered", pgettext_lazy("pitch status", "Countered")
    AGREED = "agreed", pgettext_lazy("pitch status", "Agreed")
    DECLINED = "declined", pgettext_lazy("pitch status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("pitch status", "Withdrawn")
    EXPIRED = "expired", pgettext_lazy("pitch status", "Expired")
    # Agreed, then its consent grant ended or lapsed: the role and actor are free again.
    CONCLUDED = "concluded", pgettext_lazy("pitch status", "Concluded")


class Side(models.TextChoices):
    """Who acts on a pitch: the studio that sent it, or the actor (or their agent)."""

    STUDIO = "studio", _("Studio")
    ACTOR = "actor", _("Actor")
