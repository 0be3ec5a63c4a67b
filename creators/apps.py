from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreatorsConfig(AppConfig):
    name = "creators"
    verbose_name = _("Creators")

    def ready(self):
        # Registering modules: navigation, dashboard sections and demo data for the kernel,
        # and the Celery tasks.
        from creators import hooks, tasks  # noqa: F401
