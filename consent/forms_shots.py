"""Forms for shots: input shape only. The services check everything that matters."""

from django import forms
from django.utils.translation import gettext_lazy as _

DECISIONS = [
    ("approve", _("Approve")),
    ("request_changes", _("Ask for changes")),
    ("reject", _("Reject")),
]


class ShotSubmitForm(forms.Form):
    scene = forms.TypedChoiceField(label=_("Scene"), coerce=int)
    description = forms.CharField(
        label=_("What the shot shows"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    direction = forms.CharField(
        label=_("Prompt or direction"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Exactly what you gave the AI tool, so the actor knows how it was made."),
    )
    render = forms.FileField(
        label=_("Render (JPEG, PNG or WebP)"),
        help_text=_("The approval covers this exact file. Any change to it needs a new approval."),
    )

    def __init__(self, *args, scenes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scene"].choices = [(n, _("Scene %(n)s") % {"n": n}) for n in scenes]


class ShotReviewForm(forms.Form):
    """Many pending shots at once: tick them, choose one decision, give a reason if needed."""

    shots = forms.TypedMultipleChoiceField(label=_("Shots"), coerce=int)
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason (needed to reject or ask for changes)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, pending=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shots"].choices = [(s.pk, str(s.pk)) for s in pending]

    def clean(self):
        data = super().clean()
        if data.get("decision") in ("reject", "request_changes") and not data.get("reason"):
            self.add_error("reason", _("Say why, so the studio knows what to change."))
        return data
