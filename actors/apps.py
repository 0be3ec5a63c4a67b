from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Actors")

    def ready(self):
        # Registering modules: the kernel's hooks (navigation, dashboard, account deletion),
        # the Celery tasks web processes publish by name, the demo data, and the ledger's
        # bootstrapper.
        from actors import hooks, ledger_events, tasks  # noqa: F401
        from actors.demo import seed_demo_listings
        from portal.hooks import register_demo_seeder

        register_demo_seeder(seed_demo_listings)
