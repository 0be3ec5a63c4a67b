from allauth.account.adapter import DefaultAccountAdapter
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
