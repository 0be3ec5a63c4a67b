import json
import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.models import Role
from portal.receipts import RECEIPT_ID_RE


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


# --- receipts (issue 8) --------------------------------------------------------------------


class ReceiptVerifyForm(forms.Form):
    """One of: a receipt id, a pasted receipt file, an uploaded receipt file."""

    receipt_id = forms.CharField(label=_("Receipt id"), required=False, max_length=40)
    receipt_json = forms.CharField(
        label=_("Or paste the receipt file"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
    )
    receipt_file = forms.FileField(label=_("Or upload the receipt file"), required=False)

    def clean_receipt_id(self):
        value = self.cleaned_data["receipt_id"].strip().upper()
        if value and not re.fullmatch(RECEIPT_ID_RE, value):
            raise forms.ValidationError(
                _("A receipt id is the letter R followed by 24 letters and digits.")
            )
        return value

    def clean(self):
        data = super().clean()
        given = [k for k in ("receipt_id", "receipt_json", "receipt_file") if data.get(k)]
        if len(given) != 1:
            raise forms.ValidationError(
                _("Give a receipt id, paste a receipt file or upload one: exactly one of them.")
            )
        if given[0] == "receipt_id":
            return data
        limit = settings.PORTAL_RECEIPT_UPLOAD_MAX_BYTES
        if given[0] == "receipt_file":
            upload = data["receipt_file"]
            raw = upload.read(limit + 1) if upload.size <= limit else b""
        else:
            raw = data["receipt_json"].encode()
        if not raw or len(raw) > limit:
            raise forms.ValidationError(
                _("A receipt file is at most %(size)s KB.") % {"size": limit // 1024}
            )
        try:
            data["receipt_data"] = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise forms.ValidationError(_("This is not a receipt file: it is not JSON.")) from None
        return data
