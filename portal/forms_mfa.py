"""
allauth's second-factor forms, telling a reused code from a wrong one.

allauth answers "Incorrect code." both when the code is wrong and when it is right but was
already used in this time step (its replay protection). Staff who typed the right code twice
then doubt their authenticator; saying which it is tells them to wait for the next code.
"""

from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, validate_totp_code
from allauth.mfa.utils import decrypt
from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

REUSED_CODE = _("That code has just been used. Wait for the next code in your authenticator app.")


def totp_code_was_used(user, code: str) -> bool:
    """Whether ``code`` is a current TOTP code of ``user`` that allauth already saw used."""
    for authenticator in Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP):
        totp = TOTP(authenticator)
        secret = decrypt(authenticator.data["secret"])
        # allauth marks a used code in the cache under this key (replay protection).
        if validate_totp_code(secret, code) and cache.get(totp._get_used_cache_key(code)):
            return True
    return False


class _ReusedCodeMessage:
    def clean_code(self):
        try:
            return super().clean_code()
        except forms.ValidationError:
            if totp_code_was_used(self.user, self.cleaned_data.get("code", "")):
                raise forms.ValidationError(REUSED_CODE, code="reused_code") from None
            raise


class PortalAuthenticateForm(_ReusedCodeMessage, AuthenticateForm):
    pass


class PortalReauthenticateForm(_ReusedCodeMessage, ReauthenticateForm):
    pass
