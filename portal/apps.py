from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # Registering modules: the kernel's dashboard sections, and its Celery tasks (so a web
        # process can publish them by name without the worker's autodiscovery).
        # Security finding 4 (issue 13): the old address hears of a change before it happens.
        from allauth.account.signals import email_added

        from portal import dashboard, tasks  # noqa: F401
        from portal.account_security import on_email_added

        email_added.connect(on_email_added, dispatch_uid="portal.email_change_announce")

        _name_third_party_models()


def _name_third_party_models():
    """
    allauth's models have no translatable names, so the Chinese admin listed "Authenticators"
    and "User sessions". Only the runtime names change (not ``original_attrs``), so no
    migration is asked for in allauth's apps.
    """
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    for model, singular, plural in (
        (Authenticator, _("authenticator"), _("authenticators")),
        (UserSession, _("user session"), _("user sessions")),
    ):
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "portal.admin_site.PortalAdminSite"
