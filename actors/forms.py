from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from actors.choices import (
    AgentRight,
    Format,
    Genre,
    Language,
    Permission,
    RedLine,
    Territory,
    TrainingUse,
    UseType,
)
from actors.models import (
    RED_LINE_TERM_MAX_LENGTH,
    RED_LINE_TERMS_MAX,
    Listing,
    ListingPrivate,
    Terms,
    validate_red_line_terms,
)

CHECKBOXES = forms.CheckboxSelectMultiple


class ListingCreateForm(forms.Form):
    stage_name = forms.CharField(label=_("Stage name"), max_length=120)
    slug = forms.SlugField(
        label=_("Listing address"),
        max_length=60,
        help_text=_(
            "Letters, numbers and hyphens, e.g. wang-fang: your listing's web address ends with it."
        ),
    )


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ListingProfileForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages and dialects"),
        choices=Language.choices,
        widget=CHECKBOXES,
        required=False,
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One web address per line: showreel, agency page, social media."),
    )

    class Meta:
        model = Listing
        fields = Listing.PROFILE_FIELDS
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 6}),
            "skills": forms.Textarea(attrs={"rows": 3}),
            "credits": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["links"] = "\n".join(self.instance.links or [])

    def clean_links(self):
        links = _lines(self.cleaned_data["links"])
        validate = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                validate(link)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(link)s” is not a web address starting with https://."),
                    params={"link": link},
                ) from None
        return links[:10]

    def clean(self):
        data = super().clean()
        low, high = data.get("playing_age_min"), data.get("playing_age_max")
        if low is not None and high is not None and low > high:
            self.add_error("playing_age_max", _("The upper playing age is below the lower one."))
        return data


class ListingPrivateForm(forms.ModelForm):
    class Meta:
        model = ListingPrivate
        fields = ListingPrivate.EDITABLE_FIELDS
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"})}


def _permission_field(use: TrainingUse):
    return forms.ChoiceField(label=use.label, choices=Permission.choices, widget=forms.RadioSelect)


class TermsForm(forms.ModelForm):
    use_types = forms.MultipleChoiceField(
        label=_("Use types you allow"),
        choices=UseType.choices,
        widget=CHECKBOXES,
        required=False,
    )
    genres = forms.MultipleChoiceField(
        label=_("Genres you accept"), choices=Genre.choices, widget=CHECKBOXES, required=False
    )
    formats = forms.MultipleChoiceField(
        label=_("Formats you accept"), choices=Format.choices, widget=CHECKBOXES, required=False
    )
    red_lines = forms.MultipleChoiceField(
        label=_("Red lines: content you refuse"),
        choices=RedLine.choices,
        widget=CHECKBOXES,
        required=False,
    )
    red_line_terms = forms.CharField(
        label=_("Named brands or words you refuse"),
        required=False,
        max_length=RED_LINE_TERMS_MAX * (RED_LINE_TERM_MAX_LENGTH + 2),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Separate with commas, e.g. a competitor's brand or a word you never say."),
    )
    territories = forms.MultipleChoiceField(
        label=_("Territories"), choices=Territory.choices, widget=CHECKBOXES, required=False
    )
    training_data_mining = _permission_field(TrainingUse.DATA_MINING)
    training_ai_inference = _permission_field(TrainingUse.AI_INFERENCE)
    training_ai_generative_training = _permission_field(TrainingUse.AI_GENERATIVE_TRAINING)
    training_ai_training = _permission_field(TrainingUse.AI_TRAINING)
    training_constraints = forms.CharField(
        label=_("Constraints on the uses marked “allowed with constraints”"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )

    class Meta:
        model = Terms
        fields = [
            "use_types",
            "genres",
            "formats",
            "red_lines",
            "red_line_terms",
            "training_data_mining",
            "training_ai_inference",
            "training_ai_generative_training",
            "training_ai_training",
            "territories",
            "max_term_months",
            "fee_floor",
            "currency",
            "response_window_hours",
            "has_counsel",
            "has_union_representation",
        ]

    def __init__(self, *args, max_term_months: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_term = max_term_months
        self.fields["max_term_months"].widget.attrs["max"] = max_term_months
        if self.instance.pk and not self.is_bound:
            self.initial["red_line_terms"] = ", ".join(self.instance.red_line_terms or [])
            self.initial["training_constraints"] = (self.instance.training_notes or {}).get(
                "constraints", ""
            )

    def clean_red_line_terms(self):
        words = [w.strip() for w in self.cleaned_data["red_line_terms"].split(",")]
        words = [w for w in words if w]
        validate_red_line_terms(words)  # too many or too long is said, never cut silently
        return words

    def clean_max_term_months(self):
        months = self.cleaned_data["max_term_months"]
        if months > self.max_term:
            raise forms.ValidationError(
                _("At most %(months)s months (%(years)s years) for this listing."),
                params={"months": self.max_term, "years": self.max_term // 12},
            )
        return months

    def clean(self):
        data = super().clean()
        training = [data.get(f"training_{u}") for u in TrainingUse.values]
        if Permission.CONSTRAINED in training and not data.get("training_constraints"):
            self.add_error(
                "training_constraints",
                _("Say what the constraints are for the uses you allow with constraints."),
            )
        data["training_notes"] = (
            {"constraints": data["training_constraints"]}
            if data.get("training_constraints")
            else {}
        )
        return data


class ActorNameSearchForm(forms.Form):
    q = forms.CharField(
        label=_("The actor's name"),
        max_length=80,
        help_text=_("Their stage name in Chinese or Latin letters; pinyin works too."),
    )


class RepresentationRequestForm(forms.Form):
    # Filled in from the search result the agent picked, never typed.
    listing = forms.CharField(widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message to the actor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class RightsForm(forms.Form):
    rights = forms.MultipleChoiceField(
        label=_("What this agent may do for you"),
        choices=AgentRight.choices,
        widget=CHECKBOXES,
        required=False,
    )


class GuardianInviteForm(forms.Form):
    email = forms.EmailField(label=_("Your guardian's email on Portrait"))
    relationship = forms.CharField(
        label=_("Relationship to you"),
        max_length=60,
        help_text=_("For example: mother, father, legal guardian."),
    )


class RegisterSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("A stage name or the name the public knows, in any script."),
    )


class RegisterClaimForm(forms.Form):
    claimant_name = forms.CharField(label=_("Your name"), max_length=120)
    claimant_email = forms.EmailField(
        label=_("Your email"), help_text=_("Staff write to you here. It is never published.")
    )
    message = forms.CharField(
        label=_("What is wrong"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: this is me and I never joined, or these photos are mine."),
    )
    is_person = forms.BooleanField(
        label=_("I am the person concerned, or legally act for them."),
        error_messages={
            "required": _(
                "Only the person concerned, or someone legally acting for them, can file a claim."
            )
        },
    )


class OptOutForm(forms.Form):
    public_name = forms.CharField(label=_("Your name as the public knows it"), max_length=120)
    statement = forms.CharField(
        label=_("Statement (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        initial=_("I do not license my likeness, face, voice or body, for AI-generated work."),
    )
