from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import UserObjectPermissionBase

from actors.choices import MAX_TERM_MONTHS_ADULT, Currency
from creators import states
from creators.choices import (
    AiMethod,
    BriefStatus,
    Dialogue,
    MemberRole,
    PitchStatus,
    Rating,
    Side,
    Visibility,
)
from portal.models import TimeStampedModel

USER = settings.AUTH_USER_MODEL

# Every free-text field has a maximum (security finding 9, issue 13).
REVIEW_NOTES_MAX_LENGTH = 4000


class Studio(TimeStampedModel):
    name = models.CharField(_("studio name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    legal_entity = models.CharField(_("legal entity"), max_length=200)
    country = models.CharField(_("country or region"), max_length=60)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("studio")
        verbose_name_plural = _("studios")
        permissions = [
            ("manage_studio", _("Can manage the studio and its members")),
            ("produce", _("Can write briefs and pitch actors")),
            ("follow_studio", _("Can see the studio's briefs and pitches")),
        ]

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class StudioMembership(TimeStampedModel):
    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="studio_memberships")
    role = models.CharField(_("role"), max_length=12, choices=MemberRole.choices)

    class Meta:
        verbose_name = _("studio member")
        verbose_name_plural = _("studio members")
        constraints = [
            models.UniqueConstraint(fields=["studio", "user"], name="membership_unique"),
        ]

    def __str__(self):
        return f"{self.user_id}@{self.studio_id} ({self.role})"


class StudioInvitation(TimeStampedModel):
    """An email link that lets its holder join a studio with a given role."""

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=12, choices=MemberRole.choices)
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("studio invitation")
        verbose_name_plural = _("studio invitations")

    def __str__(self):
        return f"invitation to {self.studio_id}"


class Brief(TimeStampedModel):
    """A project described specifically enough to consent to (SAG-AFTRA; Cal. Labor Code 927)."""

    Status = BriefStatus  # templates compare with brief.Status.PUBLISHED, never a literal

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="briefs")
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=160)
    logline = models.CharField(_("logline"), max_length=300, blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True, max_length=8000)
    genre = models.CharField(_("genre"), max_length=20, blank=True)
    format = models.CharField(_("format"), max_length=20, blank=True)
    rating = models.CharField(_("rating"), max_length=4, choices=Rating.choices, blank=True)
    sensitive_content = models.JSONField(_("sensitive content"), default=list, blank=True)
    channels = models.JSONField(_("distribution channels"), default=list, blank=True)
    territories = models.JSONField(_("territories"), default=list, blank=True)
    term_months = models.PositiveSmallIntegerField(
        _("term (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TERM_MONTHS_ADULT)],
    )
    ai_tool = models.CharField(_("AI tool"), max_length=160, blank=True)
    ai_method = models.CharField(
        _("AI method"), max_length=20, choices=AiMethod.choices, blank=True
    )
    data_plan = models.TextField(_("data retention and deletion plan"), blank=True, max_length=4000)
    dialogue = models.CharField(_("dialogue"), max_length=20, choices=Dialogue.choices, blank=True)
    starts_on = models.DateField(_("production starts"), null=True, blank=True)
    ends_on = models.DateField(_("production ends"), null=True, blank=True)
    budget_min = models.DecimalField(
        _("budget from"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    budget_max = models.DecimalField(
        _("budget to"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=BriefStatus.choices,
        default=BriefStatus.DRAFT,
        editable=False,
    )
    review_notes = models.TextField(
        _("staff's reasons"), blank=True, editable=False, max_length=REVIEW_NOTES_MAX_LENGTH
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("briefs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BriefStatus.values), name="brief_status_known"
            ),
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True)
                | Q(budget_max__isnull=True)
                | Q(budget_min__lte=F("budget_max")),
                name="brief_budget_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "visibility", "-published_at"], name="brief_public_idx")
        ]

    def __str__(self):
        return self.title


class BriefRole(TimeStampedModel):
    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="roles")
    character_name = models.CharField(_("character"), max_length=120)
    description = models.TextField(_("description"), max_length=4000)
    use_types = models.JSONField(_("use types needed"), default=list)

    class Meta:
        # A character in the project, not an account's role (身份): translators need to know.
        verbose_name = pgettext_lazy("character in a brief", "role")
        verbose_name_plural = pgettext_lazy("characters in a brief", "roles")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.character_name


class BriefScene(models.Model):
    """A scene the role appears in, with its shots: what an actor consents to, shot by shot."""

    role = models.ForeignKey(BriefRole, on_delete=models.CASCADE, related_name="scenes")
    number = models.PositiveSmallIntegerField(_("scene number"))
    description = models.TextField(_("what happens"), max_length=2000)
    shot_count = models.PositiveSmallIntegerField(
        _("shots"), default=1, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("scene")
        verbose_name_plural = _("scenes")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["role", "number"], name="scene_number_unique"),
        ]

    def __str__(self):
        return f"{self.role_id}#{self.number}"


class Pitch(TimeStampedModel):
    """A studio's offer to one actor for one role, checked against the actor's terms."""

    Status = PitchStatus
    Side = Side

    role = models.ForeignKey(BriefRole, on_delete=models.PROTECT, related_name="pitches")
    listing = models.ForeignKey("actors.Listing", on_delete=models.PROTECT, related_name="pitches")
    terms = models.ForeignKey(
        "actors.Terms",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The terms version the pitch was checked against."),
    )
    studio = models.ForeignKey(Studio, on_delete=models.PROTECT, related_name="pitches")
    sent_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(
        max_length=12, choices=PitchStatus.choices, default=PitchStatus.SENT, editable=False
    )
    # The offer on the table: set when sent, replaced by each counter.
    use_types = models.JSONField(_("use types"), default=list)
    scenes = models.JSONField(_("scenes"), default=list)
    estimated_shots = models.PositiveSmallIntegerField(_("estimated shots"), default=1)
    territories = models.JSONField(_("territories"), default=list)
    term_months = models.PositiveSmallIntegerField(_("term (months)"))
    fee = models.DecimalField(_("fee"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    ai_method = models.CharField(_("AI method"), max_length=20, choices=AiMethod.choices)
    message = models.TextField(_("message"), blank=True, max_length=4000)
    awaiting = models.CharField(
        max_length=8, choices=Side.choices, default=Side.ACTOR, editable=False
    )
    expires_at = models.DateTimeField(editable=False)
    viewed_at = models.DateTimeField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("pitch")
        verbose_name_plural = _("pitches")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PitchStatus.values), name="pitch_status_known"
            ),
            models.CheckConstraint(condition=Q(fee__gte=0), name="pitch_fee_positive"),
            models.UniqueConstraint(
                fields=["role", "listing"],
                condition=Q(status__in=list(states.PITCH_IN_PLAY)),
                name="pitch_one_open_per_role_and_actor",
            ),
        ]
        indexes = [
            models.Index(fields=["listing", "status"], name="pitch_listing_idx"),
            models.Index(fields=["studio", "status"], name="pitch_studio_idx"),
            models.Index(
                fields=["expires_at"],
                condition=Q(status__in=list(states.OPEN_PITCH)),
                name="pitch_open_expiry_idx",
            ),
        ]

    def __str__(self):
        return f"pitch {self.pk}: {self.studio_id} → {self.listing_id}"

    @property
    def is_open(self) -> bool:
        """Waiting for an answer (it may be overdue: see is_overdue)."""
        return self.status in states.OPEN_PITCH

    @property
    def is_in_play(self) -> bool:
        """Open or agreed: its thread is open."""
        return self.status in states.PITCH_IN_PLAY

    @property
    def is_agreed(self) -> bool:
        return self.status == PitchStatus.AGREED

    @property
    def is_overdue(self) -> bool:
        """Expired by the clock, whether or not the sweep has recorded it yet."""
        return self.is_open and self.expires_at <= timezone.now()


class PitchEvent(models.Model):
    """Every status change and counter-offer on a pitch, in order. Append-only."""

    Side = Side

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    side = models.CharField(max_length=8, choices=Side.choices)
    actor = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    on_behalf_of = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    offer = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True, max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.pitch_id}: {self.action}"


class PitchMessage(models.Model):
    class Moderation(models.TextChoices):
        """A doubtful message (maybe contact details) waits for staff before the other side
        sees it; its own side sees it marked as held."""

        DELIVERED = "delivered", _("Delivered")
        HELD = "held", _("Held for review")
        REJECTED = "rejected", _("Rejected")

    Side = Side

    pitch = models.ForeignKey(Pitch, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(max_length=8, choices=Side.choices)
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)
    moderation = models.CharField(
        _("moderation"), max_length=16, choices=Moderation.choices, default=Moderation.DELIVERED
    )
    held_reason = models.CharField(_("why it was held"), max_length=100, blank=True)
    moderated_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(moderation="held"),
                name="pitch_message_held_idx",
            ),
            models.Index(fields=["pitch", "author", "created_at"], name="pitch_message_rate_idx"),
        ]

    def __str__(self):
        return f"message {self.pk} on {self.pitch_id}"


class Shortlist(TimeStampedModel):
    """A studio's folder of actors, with private notes. Actors never see it."""

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="shortlists")
    name = models.CharField(_("name"), max_length=120)
    role = models.ForeignKey(
        BriefRole, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")

    def __str__(self):
        return self.name


class ShortlistEntry(TimeStampedModel):
    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="entries")
    listing = models.ForeignKey("actors.Listing", on_delete=models.CASCADE, related_name="+")
    note = models.TextField(_("private note"), blank=True, max_length=2000)
    added_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shortlist", "listing"], name="shortlist_entry_unique"),
        ]

    def __str__(self):
        return f"{self.listing_id} in {self.shortlist_id}"


class SavedSearch(TimeStampedModel):
    """A directory query a member saved; a periodic job alerts them when new actors match."""

    studio = models.ForeignKey(Studio, on_delete=models.CASCADE, related_name="saved_searches")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(_("name"), max_length=120)
    query = models.CharField(_("query"), max_length=1000)
    alerts = models.BooleanField(_("tell me about new matches"), default=True)
    last_checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")

    def __str__(self):
        return self.name


class Interest(TimeStampedModel):
    """An actor (or their agent) told a studio they are interested in an open brief."""

    brief = models.ForeignKey(Brief, on_delete=models.CASCADE, related_name="interests")
    listing = models.ForeignKey("actors.Listing", on_delete=models.CASCADE, related_name="+")
    expressed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.TextField(blank=True, max_length=1000)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        constraints = [
            models.UniqueConstraint(fields=["brief", "listing"], name="interest_unique"),
        ]

    def __str__(self):
        return f"{self.listing_id} → {self.brief_id}"


class StudioUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key permissions on studios: what each member's role allows."""

    content_object = models.ForeignKey(Studio, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        abstract = False
