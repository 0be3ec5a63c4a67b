from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "consent"
    verbose_name = _("Consent")

    def ready(self):
        # Shots and the vault: kernel hooks (listing log, dashboard) and Celery tasks.
        from consent import hooks_shots, tasks  # noqa: F401
