from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from guardian.models import UserObjectPermissionBase

from actors import states
from actors.choices import (
    DEFAULT_RESPONSE_WINDOW_HOURS,
    DEFAULT_TERM_MONTHS,
    MAX_TERM_MONTHS_ADULT,
    Currency,
    GuardianshipStatus,
    ListingStatus,
    Permission,
    RepresentationStatus,
)
from portal.exceptions import ImmutableRecord
from portal.models import TimeStampedModel

# Every free-text field has a maximum (security finding 9, issue 13): checked by the forms, by
# model validation, and for the listing's long texts by the database.
BIO_MAX_LENGTH = 4000
SKILLS_MAX_LENGTH = 1000
CREDITS_MAX_LENGTH = 4000
RED_LINE_TERMS_MAX = 30
RED_LINE_TERM_MAX_LENGTH = 60


def validate_red_line_terms(value) -> None:
    if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
        raise ValidationError(_("Red-line words must be a list of words."), code="invalid")
    if len(value) > RED_LINE_TERMS_MAX:
        raise ValidationError(
            _("At most %(limit)s red-line words."),
            params={"limit": RED_LINE_TERMS_MAX},
            code="too_many",
        )
    for word in value:
        if len(word) > RED_LINE_TERM_MAX_LENGTH:
            raise ValidationError(
                _("“%(word)s…” is too long: at most %(limit)s characters per word."),
                params={"word": word[:20], "limit": RED_LINE_TERM_MAX_LENGTH},
                code="too_long",
            )


def _long_text(label, limit: int):
    return models.TextField(
        label, blank=True, max_length=limit, validators=[MaxLengthValidator(limit)]
    )


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class Listing(TimeStampedModel):
    """An actor's public profile: what creators see, and what pitches are checked against."""

    Status = ListingStatus  # templates compare with listing.Status.PAUSED, never a literal

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="listing",
        verbose_name=_("actor"),
    )
    slug = models.SlugField(_("address"), max_length=60, unique=True)
    stage_name = models.CharField(_("stage name"), max_length=120)
    headline = models.CharField(_("headline"), max_length=160, blank=True)
    bio = _long_text(_("biography"), BIO_MAX_LENGTH)
    location = models.CharField(_("location"), max_length=120, blank=True)
    languages = models.JSONField(_("languages and dialects"), default=list, blank=True)
    playing_age_min = models.PositiveSmallIntegerField(
        _("playing age from"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    playing_age_max = models.PositiveSmallIntegerField(
        _("playing age to"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    gender = models.CharField(
        _("gender"), max_length=60, blank=True, help_text=_("In your own words.")
    )
    height_cm = models.PositiveSmallIntegerField(
        _("height (cm)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(50), MaxValueValidator(250)],
    )
    skills = _long_text(_("skills"), SKILLS_MAX_LENGTH)
    credits = _long_text(_("credits"), CREDITS_MAX_LENGTH)
    agency = models.CharField(_("agency"), max_length=120, blank=True)
    union_membership = models.CharField(_("union membership"), max_length=120, blank=True)
    links = models.JSONField(_("links"), default=list, blank=True)

    status = models.CharField(
        _("status"),
        max_length=24,
        choices=ListingStatus.choices,
        default=ListingStatus.DRAFT,
        editable=False,
    )
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    listed_at = models.DateTimeField(_("first listed"), null=True, blank=True, editable=False)
    verified_at = models.DateTimeField(
        _("identity verified"), null=True, blank=True, editable=False
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("verified by"),
    )
    current_terms = models.ForeignKey(
        "Terms",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("current terms"),
    )
    # Search: written by the listing service from the fields above (see actors/search.py).
    search_text = models.TextField(default="", blank=True, editable=False)
    search_grams = models.JSONField(default=list, blank=True, editable=False)

    #: What the actor (or an agent with the right) edits on the public profile.
    PROFILE_FIELDS = [
        "stage_name",
        "headline",
        "bio",
        "location",
        "languages",
        "playing_age_min",
        "playing_age_max",
        "gender",
        "height_cm",
        "skills",
        "credits",
        "agency",
        "union_membership",
        "links",
    ]

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        permissions = [
            ("edit_listing", _("Can edit the listing, its terms and media")),
            ("answer_pitches", _("Can answer pitches for the actor")),
            ("sign_grants", _("Can sign consent grants for the actor")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(playing_age_min__isnull=True)
                | Q(playing_age_max__isnull=True)
                | Q(playing_age_min__lte=F("playing_age_max")),
                name="listing_playing_age_ordered",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ListingStatus.values), name="listing_status_known"
            ),
            *(
                models.CheckConstraint(
                    condition=LessThanOrEqual(Length(field), limit),
                    name=f"listing_{field}_max_length",
                )
                for field, limit in (
                    ("bio", BIO_MAX_LENGTH),
                    ("skills", SKILLS_MAX_LENGTH),
                    ("credits", CREDITS_MAX_LENGTH),
                )
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-listed_at"], name="listing_status_listed_idx"),
        ]

    def __str__(self):
        return self.stage_name

    @property
    def is_visible(self) -> bool:
        """Shown in the directory and on its public page."""
        return self.status in states.LISTING_VISIBLE

    @property
    def is_on_register(self) -> bool:
        """The public register answers for it: visible, or withdrawn (and since when)."""
        return self.status in states.LISTING_ON_REGISTER

    @property
    def accepts_pitches(self) -> bool:
        return self.status == ListingStatus.LISTED

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class ListingPrivate(TimeStampedModel):
    """What only the actor, their agents with edit rights and staff see. Never in the directory."""

    listing = models.OneToOneField(Listing, on_delete=models.CASCADE, related_name="private")
    legal_name = models.CharField(_("legal name"), max_length=160, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    identity_document = models.FileField(
        _("identity document"), storage=private_storage, upload_to="identity/", blank=True
    )

    EDITABLE_FIELDS = ["legal_name", "date_of_birth", "contact_email", "contact_phone"]

    class Meta:
        verbose_name = _("private details")
        verbose_name_plural = _("private details")

    def __str__(self):
        return f"private:{self.listing_id}"

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))

    @property
    def is_minor(self) -> bool:
        age = self.age_on(timezone.localdate())
        return age is not None and age < 18


class TermsQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # A bulk UPDATE skips save(): what a version states may not change this way either.
        # Bookkeeping (created_by set to NULL when a user row goes) still may.
        stated = sorted(set(kwargs) & {*Terms.AGREED_FIELDS, "listing", "listing_id", "version"})
        if stated:
            raise ImmutableRecord(
                f"Terms versions are immutable: refusing to update {', '.join(stated)}. "
                "Create a new version with actors.services.listings.terms_create_version()."
            )
        return super().update(**kwargs)


class Terms(models.Model):
    """
    One immutable version of a listing's licensing terms. A change makes a new version; pitches
    and grants keep pointing at the version they were made under. ``save()`` only inserts and
    ``delete()`` refuses a version anything points at (the consent issue adds the database rule).
    """

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="terms_versions")
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    use_types = models.JSONField(_("use types allowed"), default=list)
    genres = models.JSONField(_("genres accepted"), default=list)
    formats = models.JSONField(_("formats accepted"), default=list)
    red_lines = models.JSONField(_("red lines"), default=list, blank=True)
    red_line_terms = models.JSONField(
        _("named brands or words refused"),
        default=list,
        blank=True,
        validators=[validate_red_line_terms],
    )
    training_data_mining = models.CharField(
        _("data mining"),
        max_length=12,
        choices=Permission.choices,
        default=Permission.NOT_ALLOWED,
    )
    training_ai_inference = models.CharField(
        _("AI inference"), max_length=12, choices=Permission.choices, default=Permission.ALLOWED
    )
    training_ai_generative_training = models.CharField(
        _("generative AI training"),
        max_length=12,
        choices=Permission.choices,
        default=Permission.NOT_ALLOWED,
    )
    training_ai_training = models.CharField(
        _("AI training"),
        max_length=12,
        choices=Permission.choices,
        default=Permission.NOT_ALLOWED,
    )
    training_notes = models.JSONField(_("constraints on training"), default=dict, blank=True)
    territories = models.JSONField(_("territories"), default=list)
    max_term_months = models.PositiveSmallIntegerField(
        _("maximum term (months)"),
        default=DEFAULT_TERM_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TERM_MONTHS_ADULT)],
    )
    fee_floor = models.DecimalField(_("fee floor"), max_digits=12, decimal_places=2, default=0)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.CNY
    )
    response_window_hours = models.PositiveSmallIntegerField(
        _("response window for shot approvals (hours)"),
        default=DEFAULT_RESPONSE_WINDOW_HOURS,
        validators=[MinValueValidator(12), MaxValueValidator(24 * 14)],
    )
    has_counsel = models.BooleanField(_("represented by counsel"), default=False)
    has_union_representation = models.BooleanField(_("represented by a union"), default=False)

    objects = TermsQuerySet.as_manager()

    #: What a version states; everything else is bookkeeping.
    AGREED_FIELDS = [
        "use_types",
        "genres",
        "formats",
        "red_lines",
        "red_line_terms",
        "training_data_mining",
        "training_ai_inference",
        "training_ai_generative_training",
        "training_ai_training",
        "training_notes",
        "territories",
        "max_term_months",
        "fee_floor",
        "currency",
        "response_window_hours",
        "has_counsel",
        "has_union_representation",
    ]

    class Meta:
        verbose_name = _("terms")
        verbose_name_plural = _("terms")
        ordering = ["listing", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["listing", "version"], name="terms_version_unique"),
            models.CheckConstraint(
                condition=Q(max_term_months__gte=1, max_term_months__lte=MAX_TERM_MONTHS_ADULT),
                name="terms_max_term_within_ten_years",
            ),
            models.CheckConstraint(condition=Q(fee_floor__gte=0), name="terms_fee_floor_positive"),
        ]
        indexes = [models.Index(fields=["fee_floor"], name="terms_fee_floor_idx")]

    def __str__(self):
        return f"{self.listing_id} v{self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord(
                f"Terms version {self} is immutable: create a new version with "
                "actors.services.listings.terms_create_version() instead of saving this one."
            )
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        referrers = self.referenced_by()
        if referrers:
            raise ImmutableRecord(
                f"Terms version {self} is referenced by {', '.join(referrers)}: it cannot be "
                "deleted."
            )
        return super().delete(*args, **kwargs)

    def referenced_by(self) -> list[str]:
        """Which kinds of rows point at this version (any app's: pitches, later grants)."""
        found = []
        reverse = (
            f
            for f in self._meta.get_fields(include_hidden=True)
            if f.is_relation and f.auto_created and not f.concrete
        )
        for relation in reverse:
            model = relation.related_model
            if model.objects.filter(**{relation.field.name: self.pk}).exists():
                found.append(model._meta.label)
        return found

    def training(self) -> dict[str, str]:
        return {
            "data_mining": self.training_data_mining,
            "ai_inference": self.training_ai_inference,
            "ai_generative_training": self.training_ai_generative_training,
            "ai_training": self.training_ai_training,
        }

    def as_document(self) -> dict:
        """The machine-readable form published at /actors/<slug>/terms.json."""
        return {
            "listing": self.listing.slug,
            "version": self.version,
            "created_at": self.created_at.isoformat(),
            "use_types": self.use_types,
            "genres": self.genres,
            "formats": self.formats,
            "red_lines": {"categories": self.red_lines, "named": self.red_line_terms},
            "training": {
                use: {
                    "permission": value,
                    "constraints": self.training_notes.get("constraints")
                    if value == Permission.CONSTRAINED
                    else None,
                }
                for use, value in self.training().items()
            },
            "territories": self.territories,
            "max_term_months": self.max_term_months,
            "fee_floor": {"amount": str(self.fee_floor), "currency": self.currency},
            "response_window_hours": self.response_window_hours,
            "representation": {"counsel": self.has_counsel, "union": self.has_union_representation},
        }


class Representation(TimeStampedModel):
    """An agent acting for an actor, within the rights the actor delegated."""

    Status = RepresentationStatus

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="representations")
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representations"
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.REQUESTED, editable=False
    )
    message = models.TextField(_("message to the actor"), blank=True, max_length=1000)
    rights = models.JSONField(_("delegated rights"), default=list, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "agent"],
                condition=Q(status__in=list(states.REPRESENTATION_OPEN)),
                name="representation_one_open_per_agent",
            ),
        ]

    def __str__(self):
        return f"{self.agent_id} for {self.listing_id} ({self.status})"


class Guardianship(TimeStampedModel):
    """The guardian who consents for a minor: approves the listing and every grant."""

    Status = GuardianshipStatus

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="guardianships")
    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guardianships"
    )
    relationship = models.CharField(_("relationship to the actor"), max_length=60)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.INVITED, editable=False
    )
    listing_approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    identity_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    identity_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("guardianship")
        verbose_name_plural = _("guardianships")
        constraints = [
            models.UniqueConstraint(
                fields=["listing"],
                condition=Q(status__in=list(states.GUARDIANSHIP_OPEN)),
                name="guardianship_one_open_per_listing",
            ),
        ]

    def __str__(self):
        return f"guardian {self.guardian_id} of {self.listing_id}"


class MediaStatus(models.TextChoices):
    PROCESSING = "processing", pgettext_lazy("media status", "Processing")
    READY = "ready", pgettext_lazy("media status", "Ready")
    FAILED = "failed", pgettext_lazy("media status", "Failed")


#: Processing takes seconds; a photo still processing after this long lost its task (the
#: broker was down, a worker died) and the page offers to try again.
MEDIA_STUCK_AFTER = timedelta(minutes=5)


class ProcessedMedia:
    """What headshots and reference assets share: a status the worker moves on."""

    @property
    def is_ready(self) -> bool:
        return self.status == MediaStatus.READY

    @property
    def is_processing(self) -> bool:
        return self.status == MediaStatus.PROCESSING

    @property
    def is_stuck(self) -> bool:
        return self.is_processing and self.updated_at <= timezone.now() - MEDIA_STUCK_AFTER


class Headshot(ProcessedMedia, TimeStampedModel):
    """A public photo. Only the re-encoded derivatives are ever served."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="headshots")
    original = models.FileField(storage=private_storage, upload_to="headshots/originals/")
    image = models.FileField(upload_to="headshots/", blank=True)
    thumbnail = models.FileField(upload_to="headshots/", blank=True)
    sha256 = models.CharField(max_length=64, editable=False)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    is_primary = models.BooleanField(_("primary"), default=False)
    status = models.CharField(
        max_length=12, choices=MediaStatus.choices, default=MediaStatus.PROCESSING, editable=False
    )
    alt_text = models.CharField(_("description for screen readers"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("headshot")
        verbose_name_plural = _("headshots")
        ordering = ["-is_primary", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing"], condition=Q(is_primary=True), name="headshot_one_primary"
            ),
        ]

    def __str__(self):
        return f"headshot {self.pk} of {self.listing_id}"


class ReferenceAsset(ProcessedMedia, TimeStampedModel):
    """
    Likeness data (photos now, voice later). Private: served only through a view that checks
    permission on every request, never by a public URL.
    """

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        VOICE = "voice", _("Voice sample")

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="reference_assets")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PHOTO)
    label = models.CharField(_("label"), max_length=120, blank=True)
    original = models.FileField(storage=private_storage, upload_to="reference/originals/")
    derivative = models.FileField(storage=private_storage, upload_to="reference/", blank=True)
    preview = models.FileField(storage=private_storage, upload_to="reference/", blank=True)
    sha256 = models.CharField(max_length=64, editable=False)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=12, choices=MediaStatus.choices, default=MediaStatus.PROCESSING, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("reference asset")
        verbose_name_plural = _("reference assets")
        ordering = ["created_at"]

    def __str__(self):
        return f"reference {self.pk} of {self.listing_id}"


class OptOut(TimeStampedModel):
    """A public statement: "I do not license my likeness for AI work"."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opt_out"
    )
    public_name = models.CharField(_("name as the public knows it"), max_length=120)
    statement = models.TextField(_("statement"), blank=True, max_length=2000)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    search_text = models.TextField(default="", blank=True, editable=False)
    search_grams = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        verbose_name = _("public opt-out")
        verbose_name_plural = _("public opt-outs")

    def __str__(self):
        return self.public_name


class RegisterClaim(TimeStampedModel):
    """Someone says a listing uses their likeness without consent: a case for staff."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        DISMISSED = "dismissed", _("Dismissed")

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="claims")
    claimant_name = models.CharField(_("your name"), max_length=120)
    claimant_email = models.EmailField(_("your email"))
    message = models.TextField(_("what is wrong"), max_length=4000)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.OPEN, editable=False
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    handled_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("register claim")
        verbose_name_plural = _("register claims")
        ordering = ["-created_at"]

    def __str__(self):
        return f"claim {self.pk} on {self.listing_id}"


class ListingUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key permissions (fast at scale): an agent's delegated rights."""

    content_object = models.ForeignKey(Listing, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        abstract = False
