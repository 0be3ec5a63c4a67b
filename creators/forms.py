"""Input shape for studios and briefs. No side effects: views hand cleaned data to services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.choices import Currency, Format, Genre, Territory, UseType
from actors.models import Listing
from creators.choices import Channel, MemberRole, SensitiveContent
from creators.models import Brief, BriefRole, BriefScene, Studio
from creators.services.briefs import BRIEF_FIELDS

CHECKBOXES = forms.CheckboxSelectMultiple
#: Paths under /studios/ that are pages, not studios.
RESERVED_SLUGS = frozenset({"new", "join"})


class StudioForm(forms.ModelForm):
    class Meta:
        model = Studio
        fields = ["name", "slug", "legal_entity", "country", "website", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "slug": _("Letters, numbers and hyphens: your studio's web address ends with it."),
            "legal_entity": _("The company that signs agreements, as registered."),
        }

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("That address is taken; choose another."))
        return slug


class StudioEditForm(StudioForm):
    """The details an owner may change later; the address stays (links already sent use it)."""

    class Meta(StudioForm.Meta):
        fields = ["name", "legal_entity", "country", "website", "description"]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)


def _multi(label, choices):
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=CHECKBOXES, required=False
    )


class BriefForm(forms.ModelForm):
    """Every part of the brief may be left blank while drafting: submitting says what's missing."""

    genre = forms.ChoiceField(label=_("Genre"), choices=[("", "—"), *Genre.choices], required=False)
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", "—"), *Format.choices], required=False
    )
    sensitive_content = _multi(_("Sensitive content it contains"), SensitiveContent.choices)
    channels = _multi(_("Distribution channels"), Channel.choices)
    territories = _multi(_("Territories"), Territory.choices)

    class Meta:
        model = Brief
        fields = BRIEF_FIELDS
        widgets = {
            "synopsis": forms.Textarea(attrs={"rows": 6}),
            "data_plan": forms.Textarea(attrs={"rows": 4}),
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "visibility": forms.RadioSelect,
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("Production must end on or after the day it starts."))
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", _("The upper end of the budget is below the lower end."))
        return data


class RoleForm(forms.ModelForm):
    use_types = forms.MultipleChoiceField(
        label=_("Use types needed"), choices=UseType.choices, widget=CHECKBOXES, required=False
    )

    class Meta:
        model = BriefRole
        fields = ["character_name", "description", "use_types"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class SceneForm(forms.ModelForm):
    class Meta:
        model = BriefScene
        fields = ["number", "description", "shot_count"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


def _kept(form) -> bool:
    """A filled-in scene row not marked for deletion (blank extra rows are skipped)."""
    data = getattr(form, "cleaned_data", {})
    return data.get("number") is not None and not data.get("DELETE")


class BaseSceneFormSet(forms.BaseFormSet):
    def clean(self):
        numbers = [form.cleaned_data["number"] for form in self.forms if _kept(form)]
        if len(numbers) != len(set(numbers)):
            raise forms.ValidationError(_("Each scene needs its own number."))

    def scenes(self) -> list[dict]:
        return [
            {k: form.cleaned_data[k] for k in ("number", "description", "shot_count")}
            for form in self.forms
            if _kept(form)
        ]


SceneFormSet = forms.formset_factory(SceneForm, formset=BaseSceneFormSet, extra=2, can_delete=True)


class BriefFilterForm(forms.Form):
    genre = forms.ChoiceField(
        label=_("Genre"), choices=[("", _("Any genre")), *Genre.choices], required=False
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("", _("Any format")), *Format.choices], required=False
    )
    use_types = _multi(_("Use types needed"), UseType.choices)
    territory = forms.ChoiceField(
        label=_("Territory"), choices=[("", _("Any territory")), *Territory.choices], required=False
    )
    budget = forms.DecimalField(
        label=_("Budget at least"), min_value=0, max_digits=12, decimal_places=2, required=False
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, required=False)


class InterestForm(forms.Form):
    listing = forms.ModelChoiceField(label=_("Actor"), queryset=None, empty_label=None)
    note = forms.CharField(
        label=_("A note to the studio"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, listings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["listing"].queryset = Listing.objects.filter(pk__in=[x.pk for x in listings])
