"""Input shape for shortlists and saved searches; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from creators.models import SavedSearch, Shortlist, ShortlistEntry


class ShortlistForm(forms.ModelForm):
    class Meta:
        model = Shortlist
        fields = ["name"]
        widgets = {"name": forms.TextInput(attrs={"placeholder": _("Leads for Chang'an")})}


class ShortlistNoteForm(forms.ModelForm):
    class Meta:
        model = ShortlistEntry
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"note": _("Only members of your studio see it; the actor never does.")}


class ShortlistAddForm(forms.Form):
    """Add one actor to one of the studio's shortlists (from the suggestions page)."""

    shortlist = forms.ModelChoiceField(
        label=_("Shortlist"), queryset=Shortlist.objects.none(), empty_label=None
    )
    listing = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Private note"), required=False, max_length=2000)

    def __init__(self, *args, studio, shortlists=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["shortlist"]
        field.queryset = studio.shortlists.order_by("name", "id")
        if shortlists is not None:
            # Already loaded by the page: the choices cost no query per actor.
            field.choices = [(s.pk, s.name) for s in shortlists]


class SavedSearchForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name", "query", "alerts"]
        labels = {"query": _("Directory search")}
        help_texts = {
            "query": _(
                "Search the actors directory, then paste its address here "
                "(or the part after “?”, such as q=wuxia&genres=historical)."
            ),
        }
        widgets = {
            "name": forms.TextInput(attrs={"placeholder": _("Wuxia leads in Shanghai")}),
            "query": forms.TextInput(attrs={"placeholder": "/actors/?q=…"}),
        }
