from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Role


def bound_data(request):
    """The data to bind a form to: the POST, even an empty one, or None on a GET. (An empty
    POST is falsy, so `request.POST or None` would leave the form unbound and unvalidated.)"""
    return request.POST if request.method == "POST" else None


class RoleChoiceForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a role to continue.")},
    )

    def __init__(self, *args, held_roles=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r.value, r.label) for r in Role if r not in held_roles]


class AccountDeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone."),
        error_messages={
            "required": _("Tick the box to confirm that you want to delete your account.")
        },
    )
