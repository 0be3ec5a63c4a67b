from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "consent"
    verbose_name = _("Consent")

    def ready(self):
        # Registers consent's hooks in the kernel; shots and the vault add theirs (listing log,
        # dashboard, shot receipts) and their Celery tasks.
        from consent import hooks, hooks_shots, tasks  # noqa: F401
