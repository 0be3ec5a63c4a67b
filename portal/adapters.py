from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.httpkit import get_client_ip
from django.conf import settings
from django.urls import reverse
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        # A new account speaks the language its owner signed up in; emails follow it.
        language = translation.get_language_from_request(request)
        if language in dict(settings.LANGUAGES):
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        if request.user.is_authenticated and not request.user.roles and not request.user.is_staff:
            return reverse("onboarding")
        return super().get_login_redirect_url(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """
        Failed sign-ins count per client address and account, not per account alone: six wrong
        passwords from anywhere used to lock the account for everyone, its owner included. The
        per-address limit (``10/m/ip``) still slows an attacker across accounts.
        """
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{get_client_ip(request) or 'unknown'}:{key}"
