"""Consent forms: input shape only. Nothing on the signing form is pre-ticked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from consent.models import ModelDeclaration

#: What the signer confirms, one box each (the statements the signing page shows).
ACKNOWLEDGEMENTS = (
    ("ack_scope", _("I read the project, role, scenes, use types, channels and territory.")),
    ("ack_term", _("I read the term, its start and the fee.")),
    ("ack_training", _("I read the training choices and the data plan.")),
    ("ack_revocation", _("I read what revoking this consent will and will not undo.")),
)


class SignForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in ACKNOWLEDGEMENTS:
            self.fields[name] = forms.BooleanField(label=label, required=False, initial=False)

    def acknowledged(self) -> bool:
        return self.is_valid() and all(self.cleaned_data[name] for name, _label in ACKNOWLEDGEMENTS)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, the studio sees it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CompleteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModelDeclarationForm(forms.ModelForm):
    class Meta:
        model = ModelDeclaration
        fields = ["name", "base_model", "purpose", "location"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}


class AttestationForm(forms.Form):
    reference_data_deleted = forms.BooleanField(
        label=_("We deleted every copy of the actor's reference data."), required=False
    )
    statement = forms.CharField(
        label=_("How and when (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, declarations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.declarations = list(declarations)
        for declaration in self.declarations:
            self.fields[f"model_{declaration.pk}"] = forms.BooleanField(
                label=_("We deleted the model “%(name)s” (kept at %(location)s) and every copy.")
                % {"name": declaration.name, "location": declaration.location},
                required=False,
            )

    def model_ids(self) -> list[int]:
        return [d.pk for d in self.declarations if self.cleaned_data.get(f"model_{d.pk}")]
