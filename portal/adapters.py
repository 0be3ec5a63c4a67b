from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.httpkit import get_client_ip
from django.conf import settings
from django.template.loader import render_to_string
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

    # --- emails: Portrait's name and look, in the recipient's language ------------------------

    def send_mail(self, template_prefix, email, context):
        """allauth's emails (verification, password reset, security notices) as Portrait's."""
        language = self._recipient_language(email, context)
        with translation.override(language):
            context = {**context, "portal_site_url": settings.SITE_URL}
            return super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if not getattr(message, "alternatives", None) and hasattr(message, "attach_alternative"):
            html = render_to_string(
                "account/email/branded.html",
                {
                    "subject": message.subject,
                    "body": message.body,
                    "LANGUAGE_CODE": translation.get_language(),
                },
            )
            message.attach_alternative(html, "text/html")
        return message

    @staticmethod
    def _recipient_language(email, context) -> str:
        """The language the account chose; a stranger's address gets the page's language."""
        from portal.models import User

        user = context.get("user")
        if user is None or not getattr(user, "pk", None):
            user = User.objects.filter(email__iexact=email).only("language").first()
        language = getattr(user, "language", "") or translation.get_language()
        return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
