"""Pitch forms: the offer's shape and format only. Whether it fits is the service's question."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.choices import MAX_TERM_MONTHS_ADULT, Currency, Territory, UseType
from creators.choices import AiMethod, PitchStatus
from creators.services.pitches import PitchOffer

CHECKBOXES = forms.CheckboxSelectMultiple


class OfferForm(forms.Form):
    """The offer on the table, within one role: used to send a pitch and to counter one."""

    use_types = forms.MultipleChoiceField(label=_("Use types"), widget=CHECKBOXES)
    scenes = forms.TypedMultipleChoiceField(label=_("Scenes"), coerce=int, widget=CHECKBOXES)
    estimated_shots = forms.IntegerField(label=_("Estimated shots"), min_value=1, max_value=9999)
    territories = forms.MultipleChoiceField(
        label=_("Territories"), choices=Territory.choices, widget=CHECKBOXES
    )
    term_months = forms.IntegerField(
        label=_("Term (months)"), min_value=1, max_value=MAX_TERM_MONTHS_ADULT
    )
    fee = forms.DecimalField(label=_("Fee"), min_value=Decimal(0), max_digits=12, decimal_places=2)
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    ai_method = forms.ChoiceField(label=_("AI method"), choices=AiMethod.choices)

    def __init__(self, *args, role, **kwargs):
        super().__init__(*args, **kwargs)
        uses = dict(UseType.choices)
        self.fields["use_types"].choices = [(u, uses.get(u, u)) for u in role.use_types]
        self.fields["scenes"].choices = [
            (scene.number, _("Scene %(number)s: %(what)s (%(shots)s shots)")
            % {"number": scene.number, "what": scene.description[:80], "shots": scene.shot_count})
            for scene in role.scenes.all()
        ]  # fmt: skip

    def offer(self) -> PitchOffer:
        data = self.cleaned_data
        return PitchOffer(**{f: data[f] for f in PitchOffer.__dataclass_fields__})


class PitchForm(OfferForm):
    message = forms.CharField(
        label=_("Message to the actor"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("No email addresses or phone numbers: you talk on Portrait."),
    )

    @classmethod
    def initial_for(cls, role, listing) -> dict:
        brief, terms = role.brief, listing.current_terms
        scenes = list(role.scenes.all())
        return {
            "use_types": list(role.use_types),
            "scenes": [s.number for s in scenes],
            "estimated_shots": sum(s.shot_count for s in scenes) or 1,
            "territories": list(brief.territories),
            "term_months": brief.term_months,
            "fee": _plain(terms.fee_floor) if terms else None,
            "currency": terms.currency if terms else brief.currency,
            "ai_method": brief.ai_method,
        }


def _plain(amount):
    """A whole amount without its ".00" (a number field shows 30000, not 30000.00)."""
    if amount is not None and amount == amount.to_integral_value():
        return int(amount)
    return amount


class CounterForm(OfferForm):
    note = forms.CharField(
        label=_("Why this counter-offer"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def initial_for(cls, pitch) -> dict:
        initial = {f: getattr(pitch, f) for f in PitchOffer.__dataclass_fields__}
        return {**initial, "fee": _plain(initial["fee"])}


class PitchNoteForm(forms.Form):
    """The optional reason given with an agreement, a refusal or a withdrawal."""

    note = forms.CharField(
        label=_("Note to the other side (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PitchMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Both sides see the thread. Contact details are not allowed."),
    )


class PitchFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *PitchStatus.choices],
    )
